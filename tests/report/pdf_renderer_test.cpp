// The PDF supervision summary, read back as a person's tools would read it: poppler's pdftotext
// (the text is real and searchable), pdfinfo (pages, paper), pdfimages (charts are vector
// graphics, not pictures) and pdffonts (fonts embedded).

#include "../core/summary_fixtures.hpp"
#include "test_support.hpp"

#include "report/pdf_renderer.hpp"
#include "tessera/core/codebook.hpp"
#include "tessera/core/demo.hpp"
#include "tessera/core/summary.hpp"

#include <catch2/catch.hpp>

#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

using namespace tessera;
namespace fixtures = tessera::test::summary;

namespace {

std::filesystem::path tool(const std::string& name) {
    auto path = fixtures::findProgram(name);
    if (path.empty()) {
        FAIL(name + " is not installed (apt-get install poppler-utils; scripts/install-deps.sh lists it)");
    }
    return path;
}

struct Pdf {
    tessera::test::TempDir dir;
    std::filesystem::path file = dir / "summary.pdf";

    explicit Pdf(const std::string& bytes) { tessera::test::writeFile(file, bytes); }

    [[nodiscard]] std::string text(int first = 0, int last = 0) const {
        std::vector<std::string> args;
        if (first > 0) {
            args = {"-f", std::to_string(first), "-l", std::to_string(last > 0 ? last : first)};
        }
        args.push_back(file.string());
        args.push_back("-");
        const auto result = tessera::test::run(tool("pdftotext"), args);
        REQUIRE(result.exitCode == 0);
        return result.out;
    }
    [[nodiscard]] std::string info() const {
        const auto result = tessera::test::run(tool("pdfinfo"), {file.string()});
        REQUIRE(result.exitCode == 0);
        return result.out;
    }
    [[nodiscard]] int pages() const {
        const auto text = info();
        const auto at = text.find("Pages:");
        REQUIRE(at != std::string::npos);
        return std::stoi(text.substr(at + 6));
    }
};

core::SummaryDocument sample(core::SummaryOptions options = {}) {
    options.from = fixtures::day("2026-01-01");
    return core::buildSummary(fixtures::sampleRecord(), core::defaultCodebook(), core::defaultTemplates(), options);
}

// Collapses runs of whitespace, so that phrases wrapped over two lines can be found.
std::string flat(const std::string& text) {
    std::string out;
    bool space = false;
    for (const char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\f') {
            space = !out.empty();
            continue;
        }
        if (space) {
            out.push_back(' ');
            space = false;
        }
        out.push_back(c);
    }
    return out;
}

void checkPageNumbers(const Pdf& pdf) {
    const int pages = pdf.pages();
    for (int page = 1; page <= pages; ++page) {
        CAPTURE(page);
        const auto text = pdf.text(page);
        CHECK(text.find("Page " + std::to_string(page) + " of " + std::to_string(pages)) != std::string::npos);
    }
}

} // namespace

TEST_CASE("the PDF holds real, searchable text, page numbers and the report on its last page") {
    core::SummaryOptions options;
    options.questions = {"How do I hold my own agenda?"};
    const Pdf pdf(report::renderPdf(sample(options)));
    REQUIRE(tessera::test::readFile(pdf.file).starts_with("%PDF-"));
    const auto text = flat(pdf.text());
    for (const auto* expected : {"Supervision summary: C-014",
                                 "3 sessions over 4 weeks",
                                 "Ambivalence progress note (v1), 3 sessions",
                                 "Themes",
                                 "Fear (incl. post-separation abuse)",
                                 "Rising",
                                 "Key quotes",
                                 "Am I the bad one?",
                                 "Sessions 1 and 2 (weeks 1 to 2)",
                                 "Stage of change: Leaving",
                                 "Decisional balance",
                                 "Risk and safety",
                                 "[partner] threw a plate; safety plan updated.",
                                 "Clinician\u2019s reflections",
                                 "I felt a pull to advise her to leave.",
                                 "Plan of the last session",
                                 "Review the safety plan.",
                                 "Addenda to signed notes",
                                 "Correction: the incident was on [date].",
                                 "Questions for supervision",
                                 "How do I hold my own agenda?",
                                 "De-identification report",
                                 "Names from the redaction list"}) {
        CAPTURE(expected);
        CHECK(text.find(expected) != std::string::npos);
    }
    for (const auto* absent : {"Grace", "Holloway", "Marcus", "Lily", "2026", "countertransference"}) {
        CAPTURE(absent);
        CHECK(text.find(absent) == std::string::npos);
    }
    checkPageNumbers(pdf);
    const auto last = flat(pdf.text(pdf.pages()));
    CHECK(last.find("De-identification report") != std::string::npos);
    CHECK(last.find("Total 6") != std::string::npos);
    CHECK(flat(pdf.info()).find("Title: Supervision summary: C-014") != std::string::npos);
    CHECK(pdf.info().find("A4") != std::string::npos);
}

TEST_CASE("charts are vector graphics and every font is embedded") {
    const Pdf pdf(report::renderPdf(sample()));
    const auto images = tessera::test::run(tool("pdfimages"), {"-list", pdf.file.string()});
    REQUIRE(images.exitCode == 0);
    std::istringstream lines(images.out);
    std::string line;
    int rows = 0;
    while (std::getline(lines, line)) {
        ++rows;
    }
    CHECK(rows == 2); // the two header lines: no raster image at all
    const auto fonts = tessera::test::run(tool("pdffonts"), {pdf.file.string()});
    REQUIRE(fonts.exitCode == 0);
    std::istringstream fontLines(fonts.out);
    int fontCount = 0;
    for (int i = 0; std::getline(fontLines, line); ++i) {
        if (i < 2) {
            continue;
        }
        std::istringstream words(line);
        std::vector<std::string> tokens{std::istream_iterator<std::string>(words), {}};
        REQUIRE(tokens.size() >= 5);
        CAPTURE(line);
        CHECK(tokens[tokens.size() - 5] == "yes"); // embedded
        CHECK(tokens[tokens.size() - 3] == "yes"); // with a Unicode map: text can be copied and searched
        ++fontCount;
    }
    CHECK(fontCount >= 1);
}

TEST_CASE("a long history paginates, numbering every page and keeping the report whole at the end") {
    const auto codebook = core::defaultCodebook();
    core::DemoOptions demo;
    demo.clients = 1;
    demo.sessionsPerClient = 160;
    const auto records = core::makeDemoCaseload(demo, codebook);
    const auto document = core::buildSummary(records.at(0), codebook, core::defaultTemplates());
    const Pdf pdf(report::renderPdf(document));
    const int pages = pdf.pages();
    CHECK(pages > 6);
    checkPageNumbers(pdf);
    const auto last = flat(pdf.text(pages));
    CHECK(last.find("De-identification report") != std::string::npos);
    CHECK(last.find("Read the whole summary before sharing it.") != std::string::npos);
    const auto all = flat(pdf.text());
    CHECK(all.find("Session 160 (week") != std::string::npos);
    CHECK(all.find("Anna K") == std::string::npos); // the demo client's display name
}

TEST_CASE("a note longer than a page is split across pages without losing a word") {
    auto record = fixtures::sampleRecord();
    std::string longText;
    for (int i = 0; i < 2500; ++i) {
        longText += "word" + std::to_string(i) + (i % 40 == 39 ? "\n" : " ");
    }
    record.sessions[2].sections[0].text = longText; // the risk section of the second session
    core::SummaryOptions options;
    options.from = fixtures::day("2026-01-01");
    const auto document = core::buildSummary(record, core::defaultCodebook(), core::defaultTemplates(), options);
    const Pdf pdf(report::renderPdf(document));
    CHECK(pdf.pages() >= 5);
    const auto text = flat(pdf.text());
    for (const auto* word : {"word0 ", "word1250 ", "word2499"}) {
        CAPTURE(word);
        CHECK(text.find(word) != std::string::npos);
    }
    checkPageNumbers(pdf);
}

TEST_CASE("Letter paper is available") {
    const Pdf pdf(report::renderPdf(sample(), report::PdfOptions{report::PaperSize::Letter}));
    CHECK(pdf.info().find("612 x 792 pts (letter)") != std::string::npos);
}

TEST_CASE("an empty period renders a valid one-page document") {
    core::SummaryOptions options;
    const auto document =
        core::buildSummary(core::ClientRecord{}, core::defaultCodebook(), core::defaultTemplates(), options);
    const Pdf pdf(report::renderPdf(document));
    CHECK(pdf.pages() >= 1);
    CHECK(flat(pdf.text()).find("No sessions in this period") != std::string::npos);
}

TEST_CASE("generated identifiers planted in every kind of note never reach the PDF") {
    const auto seed = GENERATE(range(1, 7));
    const auto planted = fixtures::plantedRecord(static_cast<std::uint64_t>(seed));
    core::SummaryOptions options;
    options.includePsychotherapyNotes = true;
    options.maxNotesPerTheme = 0;
    options.questions = {"What about " + planted.names[2] + " at " + planted.verbatims[0] + "?"};
    const auto document =
        core::buildSummary(planted.record, core::defaultCodebook(), core::defaultTemplates(), options);
    const Pdf pdf(report::renderPdf(document));
    const auto text = pdf.text();
    CAPTURE(seed);
    CHECK(text.find("[partner]") != std::string::npos);
    CHECK(fixtures::findLeak(planted, text).empty());
    CHECK(fixtures::findLeak(planted, flat(text)).empty());
}

TEST_CASE("the PDF is tagged: language, title, structure tree with headings, lists, tables and figures") {
    const Pdf pdf(report::renderPdf(sample()));
    CHECK(pdf.info().find("Tagged:          yes") != std::string::npos);
    const auto check = tessera::test::run(tool("qpdf"), {"--check", pdf.file.string()});
    CHECK(check.exitCode == 0); // the cross-reference table is right after /Lang and /Alt were added

    const auto listed = tessera::test::run(tool("qpdf"), {"--json", pdf.file.string()});
    REQUIRE(listed.exitCode == 0);
    const auto objects = nlohmann::json::parse(listed.out).at("qpdf").at(1);
    std::map<std::string, int> elements;
    std::vector<std::string> alts;
    bool language = false;
    bool structureRoot = false;
    bool titleShown = false;
    for (const auto& [id, object] : objects.items()) {
        const auto& value = object.contains("value") ? object.at("value") : nlohmann::json{};
        if (!value.is_object()) {
            continue;
        }
        if (value.value("/Type", "") == "/Catalog") {
            language = value.value("/Lang", "") == "u:en";
            structureRoot = value.contains("/StructTreeRoot") && value.at("/MarkInfo").value("/Marked", false);
            titleShown = value.at("/ViewerPreferences").value("/DisplayDocTitle", false);
        }
        if (value.value("/Type", "") == "/StructElem") {
            const auto kind = value.value("/S", "");
            ++elements[kind];
            if (kind == "/Figure") {
                alts.push_back(value.value("/Alt", ""));
            }
        }
    }
    CHECK(language);
    CHECK(structureRoot);
    CHECK(titleShown);
    CHECK(elements["/H1"] == 1);
    CHECK(elements["/H2"] == 12); // one per section, "What stands out" to the report
    CHECK(elements["/H3"] >= 3);
    for (const auto* kind : {"/P", "/L", "/LI", "/Table", "/TR", "/TH", "/TD"}) {
        CAPTURE(kind);
        CHECK(elements[kind] > 0);
    }
    // 3 themes and 5 categories in tables, 2 stage charts and the balance chart.
    REQUIRE(alts.size() == 3 + 5 + 2 + 1);
    CHECK(alts[0] == "u:Intensity per session, sessions 1 to 3: 1, 2, 3."); // fear
    for (const auto& alt : alts) {
        CAPTURE(alt);
        CHECK(alt.size() > 20);
    }
    CHECK(std::find(alts.begin(), alts.end(),
                    "u:Leave minus stay per balance (above zero: leaving weighs more): session 1 \u22122, session 3 "
                    "+2.") != alts.end());

    // Reading order as pdftotext follows it; the heading line extracts as words.
    const auto text = flat(pdf.text());
    CHECK(text.starts_with("Clinical supervision \u00b7 de-identified Supervision summary: C-014"));
    std::size_t at = 0;
    for (const auto* heading : {"What stands out", "Case formulation", "Themes", "Categories", "Key quotes",
                                "Ambivalence", "Risk and safety", "Clinician\u2019s reflections",
                                "Plan of the last session", "Questions for supervision", "De-identification report"}) {
        CAPTURE(heading);
        const auto found = text.find(heading, at);
        CHECK(found != std::string::npos);
        at = found == std::string::npos ? at : found;
    }
}
