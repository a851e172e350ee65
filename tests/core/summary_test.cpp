// Supervision summaries: the document model built from a hand-made client (every value below is
// worked out from summary_fixtures.hpp), the Markdown read back by a real CommonMark parser
// (Debian's cmark), the HTML checked for self-containment, and generated identifiers planted in
// every kind of note that must never reach any output.

#include "summary_fixtures.hpp"
#include "test_support.hpp"

#include "tessera/core/codebook.hpp"
#include "tessera/core/demo.hpp"
#include "tessera/core/summary.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace tessera::core;
namespace fixtures = tessera::test::summary;

namespace {

SummaryDocument sampleSummary(SummaryOptions options = {}) {
    if (!options.from) {
        options.from = fixtures::day("2026-01-01");
    }
    return buildSummary(fixtures::sampleRecord(), defaultCodebook(), defaultTemplates(), options);
}

std::vector<std::string> keys(const SummaryDocument& document) {
    std::vector<std::string> out;
    for (const auto& theme : document.themes) {
        out.push_back(theme.key);
    }
    return out;
}

// Runs cmark on `markdown` and returns the HTML it produces.
std::string commonMarkToHtml(const std::string& markdown) {
    const auto cmark = fixtures::findProgram("cmark");
    if (cmark.empty()) {
        FAIL("cmark is not installed (apt-get install cmark; scripts/install-deps.sh lists it)");
    }
    const auto result = tessera::test::run(cmark, {}, {}, markdown);
    REQUIRE(result.exitCode == 0);
    return result.out;
}

// The text of every <tag>...</tag> in `html`, in order.
std::vector<std::string> elements(const std::string& html, const std::string& tag) {
    std::vector<std::string> out;
    const std::string open = "<" + tag + ">";
    const std::string close = "</" + tag + ">";
    for (auto at = html.find(open); at != std::string::npos; at = html.find(open, at + 1)) {
        const auto end = html.find(close, at);
        out.push_back(html.substr(at + open.size(), end - at - open.size()));
    }
    return out;
}

std::size_t count(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        ++n;
    }
    return n;
}

} // namespace

TEST_CASE("the header names the client by code, the period by sessions and weeks, and the templates") {
    const auto document = sampleSummary();
    CHECK(document.title == "Supervision summary: C-014");
    CHECK(document.header.clientCode == "C-014");
    CHECK(document.header.sessions == 3);
    CHECK(document.header.drafts == 1);
    CHECK(document.header.weeks == 4);
    CHECK(document.header.period == "3 sessions over 4 weeks");
    CHECK_FALSE(document.header.from);
    REQUIRE(document.header.templates.size() == 1);
    CHECK(document.header.templates[0].label == "Ambivalence progress note (v1)");
    CHECK(document.header.templates[0].sessions == 3);
    REQUIRE(document.sessions.size() == 3);
    CHECK(document.sessions[0].text == "Session 1 (week 1)");
    CHECK(document.sessions[1].text == "Session 2 (week 2)");
    CHECK(document.sessions[2].text == "Session 3 (week 4)");
    CHECK_FALSE(document.sessions[2].date);
}

TEST_CASE("themes: present ones only, strongest and fastest-moving first, with their series and quotes") {
    const auto document = sampleSummary();
    // fear 1,2,3 (score 3 + 1*2), self-blame 3,2,1 (1 + 1*2), agenda-check 1,0,0 (0 + 0.5*2).
    CHECK(keys(document) == std::vector<std::string>{"fear", "self-blame", "agenda-check"});
    const auto& fear = document.themes[0];
    CHECK(fear.trend == Trend::Rising);
    CHECK(fear.slope == Approx(1.0));
    CHECK(fear.series == std::vector<int>{1, 2, 3});
    CHECK(fear.sessionsPresent == 3);
    CHECK(fear.firstSeen == 0u);
    CHECK(fear.lastSeen == 2u);
    CHECK(fear.latest == 3);
    CHECK(fear.colour == defaultCodebook().find("fear")->colour);
    REQUIRE(fear.quotes.size() == 2);
    CHECK(fear.quotes[0].text == "I'm scared of [partner]'s temper.");
    CHECK(fear.quotes[0].sessions == std::vector<std::size_t>{1});
    CHECK(fear.quotes[1].text == "I don't know what he would do.");

    // The same words heard twice are one quote with both sessions.
    const auto& selfBlame = document.themes[1];
    REQUIRE(selfBlame.quotes.size() == 1);
    CHECK(selfBlame.quotes[0].text == "Am I the bad one?");
    CHECK(selfBlame.quotes[0].sessions == std::vector<std::size_t>{0, 1});
    CHECK(selfBlame.quotes[0].maxIntensity == 3);
    CHECK(sessionsText(document, selfBlame.quotes[0].sessions) == "Sessions 1 and 2 (weeks 1 to 2)");

    // Money was only tagged before the period.
    CHECK(std::find(document.themesNotSeen.begin(), document.themesNotSeen.end(), "Money / finances") !=
          document.themesNotSeen.end());
    REQUIRE(document.agendaCheck);
    CHECK(document.themes[*document.agendaCheck].key == "agenda-check");
    REQUIRE(document.themes[2].notes.size() == 1);
    CHECK(document.themes[2].notes[0].text == "Noticed my own agenda when [child] was mentioned.");

    // Categories: only those with themes in the codebook, each with its roll-up series.
    REQUIRE(document.categories.size() == 5);
    CHECK(document.categories[0].name == "Self-perception");
    CHECK(document.categories[0].series == std::vector<int>{3, 2, 1});
    CHECK(document.categories[2].name == "Barriers");
    CHECK(document.categories[2].series == std::vector<int>{1, 2, 3});
    CHECK(document.categories[2].themesPresent == 1);
}

TEST_CASE("only the most intense quotes are kept when a theme has many, shown in order") {
    auto record = fixtures::sampleRecord();
    record.sessions.erase(record.sessions.begin());
    for (int i = 0; i < 10; ++i) {
        auto session = fixtures::sessionOn("2026-03-02");
        session.date = session.date.plusDays(7L * i);
        session.observations = {{"fear", i % 3 + 1, "Quote number " + std::to_string(i), {}}};
        record.sessions.push_back(session);
    }
    SummaryOptions options;
    options.from = fixtures::day("2026-03-01");
    options.maxQuotesPerTheme = 3;
    const auto document = buildSummary(record, defaultCodebook(), defaultTemplates(), options);
    const auto& fear = document.themes.at(0);
    REQUIRE(fear.quotes.size() == 3);
    // Intensity 3 at i = 2, 5, 8.
    CHECK(fear.quotes[0].text == "Quote number 2");
    CHECK(fear.quotes[1].text == "Quote number 5");
    CHECK(fear.quotes[2].text == "Quote number 8");
    CHECK(fear.quotesOmitted == 7);
}

TEST_CASE("ambivalence: stage history per target and the decisional-balance trend with its reasons") {
    const auto document = sampleSummary();
    const auto& leaving = document.stages[0];
    CHECK(leaving.name == "Leaving");
    CHECK(leaving.sessionsRecorded == 3);
    CHECK(leaving.latest == Stage::Contemplation);
    REQUIRE(leaving.changes.size() == 2);
    CHECK_FALSE(leaving.changes[0].from);
    CHECK(leaving.changes[0].to == Stage::Precontemplation);
    CHECK(leaving.changes[1].session == 1);
    CHECK(leaving.changes[1].from == Stage::Precontemplation);
    const auto& safety = document.stages[1];
    CHECK(safety.sessionsRecorded == 1);
    CHECK(safety.latest == Stage::Preparation);

    const auto& balance = document.balance;
    REQUIRE(balance.points.size() == 2);
    CHECK(balance.points[0].difference == -2);
    CHECK(balance.points[1].session == 2);
    CHECK(balance.points[1].difference == 2);
    CHECK(balance.trend.trend == Trend::Rising);
    CHECK(balance.firstSession == 0u);
    REQUIRE(balance.firstReasons.size() == 2);
    CHECK(balance.firstReasons[0].side == BalanceSide::Stay);
    CHECK(balance.firstReasons[1].reason == "[child]'s school is calmer");
    CHECK(balance.latestSession == 2u);
    CHECK(balanceTrendText(document).find("reasons to leave are gaining weight") != std::string::npos);
}

TEST_CASE("risk newest first - reflections, the last plan and addenda in session order, de-identified") {
    const auto document = sampleSummary();
    REQUIRE(document.risk.size() == 3);
    CHECK(document.risk[2].text == "No incidents this week. [partner] was calm.");
    CHECK(document.risk[1].text == "[partner] threw a plate; safety plan updated.");
    CHECK(document.risk[0].sessions == std::vector<std::size_t>{2});
    REQUIRE(document.reflections.size() == 3);
    CHECK(document.reflections[0].text == "I felt a pull to advise her to leave.");
    // The last session has no plan: the most recent one is shown, and said to be earlier.
    REQUIRE(document.plan);
    CHECK(document.plan->session == 1);
    CHECK(document.plan->text == "Review the safety plan.");
    CHECK_FALSE(document.planFromLastSession);
    CHECK(planNote(document).find("Session 2 (week 2)") != std::string::npos);
    REQUIRE(document.addenda.size() == 1);
    CHECK(document.addenda[0].when == "2 days after the session");
    CHECK(document.addenda[0].text == "Correction: the incident was on [date].");
}

TEST_CASE("psychotherapy notes are left out unless asked for, then under their own heading") {
    const auto without = sampleSummary();
    CHECK(without.psychotherapyNotes.empty());
    for (const auto& output : {renderMarkdown(without), renderHtml(without)}) {
        CHECK(output.find("countertransference") == std::string::npos);
        CHECK(output.find("<h2>Psychotherapy notes") == std::string::npos);
    }

    SummaryOptions options;
    options.includePsychotherapyNotes = true;
    const auto with = sampleSummary(options);
    REQUIRE(with.psychotherapyNotes.size() == 1);
    CHECK(with.psychotherapyNotes[0].text == "Process note: strong countertransference about [partner].");
    const auto html = commonMarkToHtml(renderMarkdown(with));
    CHECK(html.find("<h2>Psychotherapy notes</h2>") != std::string::npos);
    CHECK(html.find("countertransference about [partner]") != std::string::npos);
    CHECK(renderHtml(with).find("<h2>Psychotherapy notes</h2>") != std::string::npos);
}

TEST_CASE("exact dates keep calendar dates in labels, the period and the notes") {
    SummaryOptions options;
    options.exactDates = true;
    const auto document = sampleSummary(options);
    CHECK(document.header.period == "2026-01-07 to 2026-01-28");
    CHECK(document.sessions[2].text == "Session 3 (2026-01-28)");
    CHECK(document.addenda.at(0).when == "2026-01-16");
    CHECK(document.addenda.at(0).text == "Correction: the incident was on 12 January 2026.");
    CHECK(document.deidentification.count(ReplacementKind::Date) == 0);

    const auto relative = renderMarkdown(sampleSummary());
    CHECK(relative.find("2026") == std::string::npos);
    CHECK(relative.find("2025") == std::string::npos);
}

TEST_CASE("the de-identification report counts every replacement in the document, by kind") {
    const auto document = sampleSummary();
    const auto& report = document.deidentification;
    CHECK(report.byLabel == std::vector<std::pair<std::string, int>>{{"[partner]", 3}, {"[child]", 2}});
    CHECK(report.count(ReplacementKind::RedactionTerm) == 5);
    CHECK(report.count(ReplacementKind::Date) == 1);
    CHECK(report.total() == 6);
    const auto lines = reportReplacementLines(document);
    CHECK(lines.front().label == "Names from the redaction list");
    CHECK(lines.front().value == "5");
    CHECK(lines.front().detail == "[partner] 3, [child] 2");
    CHECK(lines.back().label == "Total");
    CHECK(lines.back().value == "6");

    // The report is the last section of every text format.
    const auto html = commonMarkToHtml(renderMarkdown(document));
    const auto headings = elements(html, "h2");
    REQUIRE_FALSE(headings.empty());
    CHECK(headings.back() == "De-identification report");
    const auto page = renderHtml(document);
    CHECK(page.rfind("<h2>") == page.find("<h2>De-identification report</h2>"));
}

TEST_CASE("questions for supervision: an empty section to fill in, or the clinician's questions") {
    CHECK(parseQuestions("- How do I hold my agenda?\n\n* Is the risk plan enough?\n3) What next?\nPlain\n") ==
          std::vector<std::string>{"How do I hold my agenda?", "Is the risk plan enough?", "What next?", "Plain"});
    const auto empty = commonMarkToHtml(renderMarkdown(sampleSummary()));
    CHECK(empty.find("<h2>Questions for supervision</h2>\n<p><em>No questions yet.") != std::string::npos);

    SummaryOptions options;
    options.questions = {"How do I respond when Marcus calls the practice?", "Is the safety plan enough?"};
    const auto document = sampleSummary(options);
    CHECK(document.questions[0] == "How do I respond when [partner] calls the practice?");
    const auto html = commonMarkToHtml(renderMarkdown(document));
    CHECK(html.find("<ol>\n<li>How do I respond when [partner] calls the practice?</li>") != std::string::npos);
}

TEST_CASE("the Markdown is CommonMark with the expected structure") {
    const auto markdown = renderMarkdown(sampleSummary());
    const auto html = commonMarkToHtml(markdown);
    CHECK(elements(html, "h1") == std::vector<std::string>{"Supervision summary: C-014"});
    CHECK(elements(html, "h2") == std::vector<std::string>{"What stands out", "Case formulation", "Themes",
                                                           "Categories", "Key quotes", "Ambivalence", "Risk and safety",
                                                           "Clinician\u2019s reflections", "Plan of the last session",
                                                           "Addenda to signed notes", "Questions for supervision",
                                                           "De-identification report"});
    const auto h3 = elements(html, "h3");
    REQUIRE(h3.size() >= 3);
    CHECK(h3[0] == "Fear (incl. post-separation abuse)");
    CHECK(h3[1] == "Self-blame");
    CHECK(html.find("<li><strong>Period:</strong> 3 sessions over 4 weeks</li>") != std::string::npos);
    CHECK(html.find("<li><strong>Session 2 (week 2).</strong> [partner] threw a plate; safety plan updated.</li>") !=
          std::string::npos);
    CHECK(html.find("\u201cAm I the bad one?\u201d: Sessions 1 and 2 (weeks 1 to 2)") != std::string::npos);
    CHECK(html.find("<code>\u2583\u2585\u2588</code>") != std::string::npos); // fear 1, 2, 3
    // No display name, no calendar date.
    CHECK_FALSE(fixtures::containsWord(markdown, "Grace"));
    CHECK_FALSE(fixtures::containsWord(markdown, "Holloway"));
    CHECK_FALSE(fixtures::containsWord(markdown, "Marcus"));
}

TEST_CASE("a note cannot add structure, links, images or HTML to the Markdown") {
    auto record = fixtures::sampleRecord();
    const std::string injected = "# Injected heading\n- injected item\n<script>alert(1)</script>\n"
                                 "[link](javascript:alert) ![image](x.png)\n1. one\n2) two\n---\n```fence\n"
                                 "*emph* _under_ `code` &amp; <b>bold</b>\n    indented\n> quote\n| a | b |\n"
                                 "Underlined\n===\n+ plus\n<!-- comment -->\n\\*escaped\\*";
    record.sessions[1].sections[1].text = injected; // the risk section of the first session in the period
    SummaryOptions options;
    options.from = fixtures::day("2026-01-01");
    const auto document = buildSummary(record, defaultCodebook(), defaultTemplates(), options);
    const auto markdown = renderMarkdown(document);
    const auto html = commonMarkToHtml(markdown);
    CHECK(elements(html, "h1").size() == 1);
    CHECK(elements(html, "h2").size() == 12);
    for (const auto* forbidden : {"<script", "<a ", "<img", "<hr", "<pre", "<blockquote", "<b>", "<!--", "<ol"}) {
        CAPTURE(forbidden);
        CHECK(html.find(forbidden) == std::string::npos);
    }
    for (const auto* literal :
         {"# Injected heading", "- injected item", "&lt;script&gt;alert(1)&lt;/script&gt;", "[link](javascript:alert)",
          "![image](x.png)", "1. one", "2) two", "*emph*", "_under_", "`code`", "&amp;amp;", "&lt;b&gt;bold&lt;/b&gt;",
          "&gt; quote", "| a | b |", "===", "+ plus", "\\*escaped\\*"}) {
        CAPTURE(literal);
        CHECK(html.find(literal) != std::string::npos);
    }
}

TEST_CASE("the HTML is one self-contained file that escapes every note") {
    auto record = fixtures::sampleRecord();
    record.sessions[1].sections[1].text = "<script>alert('x')</script> & \"quoted\" <iframe>";
    SummaryOptions options;
    options.from = fixtures::day("2026-01-01");
    const auto html = renderHtml(buildSummary(record, defaultCodebook(), defaultTemplates(), options));
    CHECK(html.starts_with("<!DOCTYPE html>"));
    for (const auto* forbidden : {"http", "src=", "<link", "<script", "<img", "@import", "url(", "<iframe"}) {
        CAPTURE(forbidden);
        CHECK(html.find(forbidden) == std::string::npos);
    }
    CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot; &lt;iframe&gt;") !=
          std::string::npos);
    CHECK(count(html, "<svg") >= 3 + 5 + 2); // theme and category series, stage and balance charts
    CHECK(html.find("@page") != std::string::npos);
    CHECK(html.find("@media print") != std::string::npos);
    CHECK(html.find("<title>Supervision summary: C-014</title>") != std::string::npos);
    CHECK(html.find("Grace") == std::string::npos);
}

TEST_CASE("name-like clinical words survive - names on the list do not") {
    auto record = fixtures::sampleRecord();
    record.client.displayName.clear();
    record.client.redactions = {{"Will", "[partner]"}};
    record.sessions[1].observations[0].quote = "I will leave when the hope of change is gone. Will's temper.";
    record.sessions[1].sections[2].text = "Grace under pressure; Hope is a theme, not a person here.";
    SummaryOptions options;
    options.from = fixtures::day("2026-01-01");
    const auto markdown = renderMarkdown(buildSummary(record, defaultCodebook(), defaultTemplates(), options));
    CHECK(markdown.find("I will leave when the hope of change is gone. \\[partner\\]'s temper.") != std::string::npos);
    CHECK(markdown.find("Grace under pressure; Hope is a theme") != std::string::npos);
    // Theme labels are the codebook's and are never de-identified.
    CHECK(markdown.find("Hope the partner will change") != std::string::npos);
}

TEST_CASE("generated identifiers planted in every kind of note never reach Markdown or HTML") {
    const auto seed = GENERATE(range(1, 41));
    const auto planted = fixtures::plantedRecord(static_cast<std::uint64_t>(seed));
    SummaryOptions options;
    options.includePsychotherapyNotes = true;
    // The partner's name and the first session's risk address (verbatims: its phone, then address).
    options.questions = {"How do I respond to " + planted.names[2] + " at " + planted.verbatims[1] + "?"};
    options.maxNotesPerTheme = 0;
    options.maxQuotesPerTheme = 0;
    const auto document = buildSummary(planted.record, defaultCodebook(), defaultTemplates(), options);
    // The planted risk entries differ only in identifiers: once de-identified they are one line.
    REQUIRE(document.risk.size() == 1);
    CHECK(document.risk[0].sessions.size() == planted.record.sessions.size());
    REQUIRE(document.addenda.size() == planted.record.sessions.size());
    REQUIRE(document.psychotherapyNotes.size() == planted.record.sessions.size());
    const auto markdown = renderMarkdown(document);
    const auto html = renderHtml(document);
    CAPTURE(seed, planted.record.client.displayName);
    CHECK(fixtures::findLeak(planted, markdown).empty());
    CHECK(fixtures::findLeak(planted, html).empty());
    CHECK(fixtures::findLeak(planted, commonMarkToHtml(markdown)).empty());
    // Every planted phone number, e-mail and address was counted.
    const auto& report = document.deidentification;
    CHECK(report.count(ReplacementKind::Phone) >= 3 * static_cast<int>(planted.record.sessions.size()));
    CHECK(report.count(ReplacementKind::Email) >= 2 * static_cast<int>(planted.record.sessions.size()));
    // Risk sections (one address each), the last plan, the first and latest balance reasons and
    // the question.
    CHECK(report.count(ReplacementKind::StreetAddress) == static_cast<int>(planted.record.sessions.size()) + 4);
    for (const auto& name : planted.names) {
        CHECK_FALSE(fixtures::containsWord(markdown, name));
    }
}

TEST_CASE("an empty period gives a short, valid document") {
    SummaryOptions options;
    options.from = fixtures::day("2030-01-01");
    const auto document = sampleSummary(options);
    CHECK(document.header.sessions == 0);
    CHECK(document.header.period == "No sessions in this period");
    CHECK(document.themes.empty());
    const auto html = commonMarkToHtml(renderMarkdown(document));
    CHECK(elements(html, "h2").back() == "De-identification report");
    CHECK_NOTHROW(renderHtml(document));
}

TEST_CASE("a 160-session summary is built and written as Markdown") {
    const auto codebook = defaultCodebook();
    DemoOptions demo;
    demo.clients = 1;
    demo.sessionsPerClient = 160;
    auto records = makeDemoCaseload(demo, codebook);
    const auto templates = defaultTemplates();
    const auto document = buildSummary(records.at(0), codebook, templates);
    const auto markdown = renderMarkdown(document);
    CHECK(document.header.sessions == 160);
    CHECK(markdown.size() > 10'000);
    // Its speed (budget 20 ms in Release) is a tessera-bench figure, not a timed test.
}

TEST_CASE("What stands out names each known signal with its evidence") {
    const auto document = buildSummary(fixtures::signalRecord(), defaultCodebook(), defaultTemplates());
    std::vector<std::string> lines;
    for (const auto& line : document.standouts) {
        lines.push_back(line.text);
    }
    CAPTURE(lines);
    const auto has = [&](const std::string& text) {
        return std::find(lines.begin(), lines.end(), text) != lines.end();
    };
    // Risk first, then themes, stages, the balance.
    REQUIRE_FALSE(lines.empty());
    CHECK(lines[0] == "The risk and safety entry of Session 10 (week 10) names a thrown object.");
    CHECK(has("Fear (incl. post-separation abuse) rose to central (intensity 3), rising over the last 6 sessions: "
              "1, 1, 2, 2, 3 and 3 in Sessions 5, 6, 7, 8, 9 and 10 (weeks 5 to 10)."));
    CHECK(has("Money / finances returned in Session 6 (week 6), intensity 2, after 4 sessions without it; last "
              "seen in Session 1 (week 1)."));
    CHECK(has("Stage of change for leaving moved back from Action to Contemplation in Session 9 (week 9)."));
    CHECK(has("Stage of change for leaving moved from Preparation to Action in Session 8 (week 8)."));
    CHECK(has("The decisional balance crossed zero: leave minus stay went from \u22122 in Session 3 (week 3) to +2 in "
              "Session 9 (week 9); the reasons to leave now weigh more for the client."));
    // Observations, never advice.
    for (const auto& line : lines) {
        CHECK(line.find("should") == std::string::npos);
    }
    // The section opens every format, right after the header.
    const auto html = commonMarkToHtml(renderMarkdown(document));
    REQUIRE_FALSE(elements(html, "h2").empty());
    CHECK(elements(html, "h2").front() == "What stands out");
    CHECK(html.find("names a thrown object.") < html.find("<h2>Themes</h2>"));
    const auto page = renderHtml(document);
    CHECK(page.find("<h2>What stands out</h2>") < page.find("<h2>Themes</h2>"));
}

TEST_CASE("a client with nothing that stands out gets one sentence saying so") {
    auto record = fixtures::signalRecord();
    record.sessions.resize(3);
    for (auto& session : record.sessions) {
        session.observations = {{"self-blame", 1, {}, {}}};
        session.stageOfChange = {};
        session.decisionalBalance.clear();
    }
    const auto document = buildSummary(record, defaultCodebook(), defaultTemplates());
    CHECK(document.standouts.empty());
    const auto markdown = renderMarkdown(document);
    CHECK(markdown.find("## What stands out\n\nNothing stands out") != std::string::npos);
    CHECK(renderHtml(document).find("<p>Nothing stands out") != std::string::npos);
}

TEST_CASE("risk words: whole words, what they name, each once") {
    CHECK(findRiskWords("He threw a plate and threatened her; a knife was out.") ==
          std::vector<std::string>{"a thrown object", "a threat", "a weapon"});
    CHECK(findRiskWords("She said she wanted to kill herself. He followed and stalked her.") ==
          std::vector<std::string>{"stalking", "suicide or self-harm"});
    CHECK(findRiskWords("Choked her; strangled.") == std::vector<std::string>{"strangling or choking"});
    CHECK(findRiskWords("Throwback photos; the gunnery club; threadbare.").empty());
    CHECK(findRiskWords("No incidents this week.").empty());
}

TEST_CASE("drafts are marked wherever their content appears, and the plan says when it is a draft's") {
    auto record = fixtures::sampleRecord();
    record.sessions[3].sections.push_back({"plan", "Call the shelter line together."});
    SummaryOptions options;
    options.from = fixtures::day("2026-01-01");
    const auto document = buildSummary(record, defaultCodebook(), defaultTemplates(), options);
    REQUIRE(document.plan);
    CHECK(document.planFromLastSession);
    CHECK(planNote(document) == "This plan comes from a draft (Session 3 (week 4), not signed).");
    const auto html = commonMarkToHtml(renderMarkdown(document));
    CHECK(html.find("<strong>Session 3 (week 4), draft, not signed.</strong> Client feels safer") != std::string::npos);
    CHECK(html.find("<strong>Session 3 (week 4), draft, not signed.</strong> Call the shelter line") !=
          std::string::npos);
    CHECK(html.find("\u201cI don't know what he would do.\u201d: Session 3 (week 4), draft, not signed") !=
          std::string::npos);
}

TEST_CASE("risk and safety: newest first, near-identical entries on one line naming their sessions") {
    auto record = fixtures::signalRecord();
    record.sessions[4].sections = {{"risk_and_safety", "No incidents this week!"}};
    const auto document = buildSummary(record, defaultCodebook(), defaultTemplates());
    REQUIRE(document.risk.size() == 2);
    CHECK(document.risk[0].text == "He threw a mug at the wall.");
    CHECK(document.risk[0].sessions == std::vector<std::size_t>{9});
    CHECK(document.risk[1].text == "No incidents this week.");
    CHECK(document.risk[1].sessions == std::vector<std::size_t>{8, 7, 6, 5, 4, 3, 2, 1, 0});
    const auto html = commonMarkToHtml(renderMarkdown(document));
    CHECK(html.find("<strong>Sessions 9, 8, 7, 6, 5, 4, 3, 2 and 1 (weeks 1 to 9).</strong> No incidents this week.") !=
          std::string::npos);
}

TEST_CASE("theme and template labels go through each client's own de-identification pass") {
    auto codebook = defaultCodebook();
    Theme custom;
    custom.key = "partner-moods";
    custom.label = "Marcus's moods";
    custom.category = ThemeCategory::Relationship;
    custom.colour = "#aa3355";
    codebook.upsert(custom);
    auto templates = defaultTemplates();
    templates[0].label = "Progress note for Marcus";

    auto record = fixtures::sampleRecord(); // Marcus is on this client's list as [partner]
    record.sessions[2].observations.push_back({"partner-moods", 2, {}, {}});
    SummaryOptions options;
    options.from = fixtures::day("2026-01-01");
    const auto document = buildSummary(record, codebook, templates, options);
    const auto markdown = renderMarkdown(document);
    const auto html = renderHtml(document);
    for (const auto& output : {markdown, html, commonMarkToHtml(markdown)}) {
        CHECK_FALSE(fixtures::containsWord(output, "Marcus"));
    }
    CHECK(markdown.find("\\[partner\\]'s moods") != std::string::npos);
    CHECK(markdown.find("Progress note for \\[partner\\] (v1)") != std::string::npos);

    // The same shared label in another client's summary: that client's list applies.
    auto other = fixtures::sampleRecord();
    other.client.code = "C-015";
    other.client.redactions = {{"Marcus", "[ex-partner]"}};
    const auto otherDocument = buildSummary(other, codebook, templates, options);
    const auto otherMarkdown = renderMarkdown(otherDocument);
    CHECK_FALSE(fixtures::containsWord(otherMarkdown, "Marcus"));
    CHECK(otherMarkdown.find("\\[ex-partner\\]'s moods") != std::string::npos); // in "Not tagged in this period"
}

TEST_CASE("optional template sections: off by default, then under their own heading, de-identified") {
    const auto without = renderMarkdown(sampleSummary());
    CHECK(without.find("## Presenting") == std::string::npos);
    SummaryOptions options;
    options.extraSections = {"presenting"};
    auto record = fixtures::sampleRecord();
    record.sessions[1].sections[0].text = "Tired; Marcus kept her up.";
    options.from = fixtures::day("2026-01-01");
    const auto document = buildSummary(record, defaultCodebook(), defaultTemplates(), options);
    REQUIRE(document.extraSections.size() == 1);
    CHECK(document.extraSections[0].label == "Presenting");
    const auto html = commonMarkToHtml(renderMarkdown(document));
    CHECK(html.find("<h2>Presenting</h2>") != std::string::npos);
    CHECK(html.find("Tired; [partner] kept her up.") != std::string::npos);
    CHECK(renderHtml(document).find("<section id=\"section-presenting\">") != std::string::npos);
    const auto keys = optionalSummarySections(defaultTemplates());
    CHECK(std::none_of(keys.begin(), keys.end(), [](const TemplateSection& section) { return section.key == "plan"; }));
}

TEST_CASE("the Markdown parses as intended: the report's two lists stay two lists, no trailing blank line") {
    const auto markdown = renderMarkdown(sampleSummary());
    CHECK(markdown.ends_with(".\n"));
    CHECK_FALSE(markdown.ends_with("\n\n"));
    const auto html = commonMarkToHtml(markdown);
    const auto report = html.substr(html.find("<h2>De-identification report</h2>"));
    CHECK(count(report, "<ul>") == 2);
    // Tight lists: no paragraph inside an item.
    CHECK(report.find("<li>\n<p>") == std::string::npos);
    CHECK(report.find("<li><strong>Total:</strong> 6</li>") != std::string::npos);
    CHECK(report.find("<li><strong>Client:</strong> shown by code only</li>") != std::string::npos);
}

TEST_CASE("the HTML gives every chart its values as text and never skips a heading level") {
    const auto html = renderHtml(sampleSummary());
    CHECK(count(html, "<svg") == count(html, "aria-hidden=\"true\""));
    // Per-session series in tables: a visually hidden text with the values; figures: a caption.
    CHECK(html.find("<span class=\"visually-hidden\">Intensity per session, sessions 1 to 3: 1, 2, 3.</span>") !=
          std::string::npos);
    CHECK(count(html, "<figcaption>") == 3); // two stage charts and the balance chart
    CHECK(html.find("<figcaption>Leave minus stay per balance (above zero: leaving weighs more): session 1 "
                    "\u22122, session 3 +2.</figcaption>") != std::string::npos);
    int previous = 1;
    for (auto at = html.find("<h"); at != std::string::npos; at = html.find("<h", at + 1)) {
        const char level = html[at + 2];
        if (level < '1' || level > '6' || html[at + 3] != '>') {
            continue;
        }
        CAPTURE(html.substr(at, 60));
        CHECK(level - '0' <= previous + 1);
        previous = level - '0';
    }
    CHECK(html.find("<h4") == std::string::npos);
}

TEST_CASE("the case formulation follows the opening section, de-identified in every format") {
    auto withFormulation = fixtures::sampleRecord();
    withFormulation.client.formulation = "Presenting: Grace blames herself for Marcus's anger.\n"
                                         "Working formulation: self-blame keeps the peace at home.\n"
                                         "Goals: a safe, non-directive space; see the pattern.";
    const auto document = buildSummary(withFormulation, defaultCodebook(), defaultTemplates());
    CHECK(document.formulation == "Presenting: [client] blames herself for [partner]'s anger.\n"
                                  "Working formulation: self-blame keeps the peace at home.\n"
                                  "Goals: a safe, non-directive space; see the pattern.");
    const auto markdown = renderMarkdown(document);
    const auto html = commonMarkToHtml(markdown);
    const auto headings = elements(html, "h2");
    REQUIRE(headings.size() >= 2);
    CHECK(headings[1] == "Case formulation");
    CHECK(html.find("<p>Presenting: [client] blames herself for [partner]'s anger.<br />") != std::string::npos);
    const auto page = renderHtml(document);
    CHECK(page.find("<section id=\"formulation\">\n<h2>Case formulation</h2>\n<p>Presenting:") != std::string::npos);
    for (const auto& output : {markdown, page}) {
        CHECK_FALSE(fixtures::containsWord(output, "Grace"));
        CHECK_FALSE(fixtures::containsWord(output, "Marcus"));
    }
    const auto none = renderMarkdown(sampleSummary());
    CHECK(none.find("## Case formulation\n\n*No case formulation has been written for this client.*") !=
          std::string::npos);
}
