// The domain rules of core/src/validation.cpp, one table row or one test per rule. Every rule is
// checked twice: the problem is reported, and it is located well enough for a person to find it.

#include "tessera/core/codebook.hpp"
#include "tessera/core/validation.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace tessera::core;
using Catch::Matchers::Contains;

namespace {

Theme goodTheme() {
    return Theme{"self-blame", "Self-blame", ThemeCategory::SelfPerception, "", "#8E6BB8", false};
}

NoteTemplate goodTemplate() {
    NoteTemplate tmpl;
    tmpl.name = "dap";
    tmpl.version = 1;
    tmpl.label = "DAP note";
    tmpl.sections = {{"data", "Data", ""}, {"assessment", "Assessment", ""}, {"plan", "Plan", ""}};
    return tmpl;
}

Session goodSession() {
    Session session;
    session.date = *Date::parse("2026-01-07");
    session.durationMinutes = 50;
    session.templateName = "dap";
    session.templateVersion = 1;
    session.sections = {{"data", "Client arrived on time."}, {"plan", "Meet next week."}};
    session.observations = {{"self-blame", 3, "Am I the bad one?", ""}, {"fear", 0, "", ""}};
    session.decisionalBalance = {{BalanceSide::Stay, "the children", 3}, {BalanceSide::Leave, "my health", 1}};
    session.signedAt = Timestamp::parse("2026-01-07T18:20:00Z");
    session.addenda = {{*Timestamp::parse("2026-01-09T09:00:00Z"), "Client called to reschedule."}};
    return session;
}

std::vector<Problem> problemsOf(const Theme& theme) {
    std::vector<Problem> out;
    checkTheme(theme, "codebook[0]", out);
    return out;
}

std::vector<Problem> problemsOf(const NoteTemplate& tmpl) {
    std::vector<Problem> out;
    checkTemplate(tmpl, "template dap", out);
    return out;
}

std::vector<Problem> problemsOf(const Client& client) {
    std::vector<Problem> out;
    checkClient(client, "client C-014", out);
    return out;
}

std::vector<Problem> problemsOf(const Session& session, const NoteTemplate* tmpl) {
    std::vector<Problem> out;
    checkSession(session, defaultCodebook(), tmpl, "client C-014, session 2026-01-07", out);
    return out;
}

std::vector<Problem> problemsOf(const Session& session) {
    const auto tmpl = goodTemplate();
    return problemsOf(session, &tmpl);
}

std::vector<std::string> wheres(const std::vector<Problem>& problems) {
    std::vector<std::string> out;
    out.reserve(problems.size());
    for (const auto& problem : problems) {
        out.push_back(problem.where);
    }
    return out;
}

} // namespace

// ---- Syntax of identifiers ------------------------------------------------------------------

TEST_CASE("Theme keys are lower-case slugs with hyphens", "[validation]") {
    const auto [text, valid] = GENERATE(table<std::string, bool>({
        {"self-blame", true},
        {"am-i-the-bad-one", true},
        {"fear", true},
        {"a1", true},
        {"Self-blame", false}, // upper case
        {"self_blame", false}, // underscore belongs to section keys
        {"self blame", false},
        {"-fear", false},
        {"fear-", false},
        {"1fear", false}, // must start with a letter
        {"", false},
        {std::string(64, 'a'), true},
        {std::string(65, 'a'), false},
    }));
    CAPTURE(text);
    CHECK(isThemeKey(text) == valid);
}

TEST_CASE("Section keys are lower-case slugs with underscores", "[validation]") {
    const auto [text, valid] = GENERATE(table<std::string, bool>({
        {"risk_and_safety", true},
        {"plan", true},
        {"risk-and-safety", false},
        {"Plan", false},
        {"_plan", false},
        {"plan_", false},
        {"", false},
    }));
    CAPTURE(text);
    CHECK(isSectionKey(text) == valid);
}

TEST_CASE("Client codes are 1-32 letters, digits, '-', '_' or '.'", "[validation]") {
    const auto [text, valid] = GENERATE(table<std::string, bool>({
        {"C-014", true},
        {"c_14.b", true},
        {"D-001", true},
        {"X", true},
        {std::string(32, 'A'), true},
        {std::string(33, 'A'), false},
        {"", false},
        {"C 014", false},
        {"Anna K.", false}, // a name with a space is not a code
        {"C/014", false},
        {"C-\xC3\xA9", false}, // non-ASCII
    }));
    CAPTURE(text);
    CHECK(isClientCode(text) == valid);
}

TEST_CASE("Colours are #RRGGBB", "[validation]") {
    const auto [text, valid] = GENERATE(table<std::string, bool>({
        {"#3F7FB5", true},
        {"#3f7fb5", true},
        {"#000000", true},
        {"3F7FB5", false},
        {"#3F7FB", false},
        {"#3F7FB50", false},
        {"#3G7FB5", false},
        {"", false},
    }));
    CAPTURE(text);
    CHECK(isColour(text) == valid);
}

// ---- Themes ---------------------------------------------------------------------------------

TEST_CASE("A well-formed theme has no problems", "[validation][theme]") {
    CHECK(problemsOf(goodTheme()).empty());
    const auto codebook = defaultCodebook();
    for (const auto& theme : codebook.themes()) {
        CAPTURE(theme.key);
        CHECK(problemsOf(theme).empty());
    }
}

TEST_CASE("Theme rules: key, label and colour", "[validation][theme]") {
    auto theme = goodTheme();
    std::string field;
    SECTION("key") {
        theme.key = "Self Blame";
        field = "codebook[0], key";
    }
    SECTION("label") {
        theme.label = "  \t";
        field = "codebook[0], label";
    }
    SECTION("colour") {
        theme.colour = "blue";
        field = "codebook[0], colour";
    }
    const auto problems = problemsOf(theme);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where == field);
    CHECK_FALSE(problems[0].what.empty());
}

TEST_CASE("validateTheme throws with the key in the message", "[validation][theme]") {
    auto theme = goodTheme();
    theme.colour = "#12345";
    CHECK_THROWS_WITH(validateTheme(theme), Contains("theme self-blame, colour") && Contains("#12345"));
    CHECK_NOTHROW(validateTheme(goodTheme()));
}

// ---- Templates ------------------------------------------------------------------------------

TEST_CASE("The built-in templates are valid", "[validation][template]") {
    const auto templates = defaultTemplates();
    REQUIRE(templates.size() == 4);
    for (const auto& tmpl : templates) {
        CAPTURE(tmpl.name);
        CHECK(problemsOf(tmpl).empty());
    }
}

TEST_CASE("Template rules: name, version, label, sections, duplicates", "[validation][template]") {
    auto tmpl = goodTemplate();
    std::string field;
    std::string message;
    SECTION("name") {
        tmpl.name = "My Template";
        field = "template dap, name";
        message = "My Template";
    }
    SECTION("version") {
        tmpl.version = 0;
        field = "template dap, version";
        message = "1 or more";
    }
    SECTION("label") {
        tmpl.label = "";
        field = "template dap, label";
        message = "label";
    }
    SECTION("no sections") {
        tmpl.sections.clear();
        field = "template dap, sections";
        message = "at least one section";
    }
    SECTION("section key") {
        tmpl.sections[1].key = "Assessment";
        field = "template dap, sections[1].key";
        message = "Assessment";
    }
    SECTION("section label") {
        tmpl.sections[2].label = " ";
        field = "template dap, sections[2].label";
        message = "label";
    }
    SECTION("duplicate section") {
        tmpl.sections[2].key = "data";
        field = "template dap, sections[2].key";
        message = "appears twice";
    }
    const auto problems = problemsOf(tmpl);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where == field);
    CHECK_THAT(problems[0].what, Contains(message));
}

// ---- Clients --------------------------------------------------------------------------------

TEST_CASE("Client rules: code and redaction terms", "[validation][client]") {
    Client client;
    client.code = "C-014";
    client.displayName = "Anna K.";
    client.redactions = {{"Marcus", ""}, {"Lily", "[child]"}};
    CHECK(problemsOf(client).empty());

    SECTION("a code with a space") {
        client.code = "C 014";
        const auto problems = problemsOf(client);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].where == "client C-014, code");
        CHECK_THAT(problems[0].what, Contains("\"C 014\""));
    }
    SECTION("an empty code") {
        client.code.clear();
        CHECK(wheres(problemsOf(client)) == std::vector<std::string>{"client C-014, code"});
    }
    SECTION("an empty redaction term") {
        client.redactions.push_back({" ", "[x]"});
        const auto problems = problemsOf(client);
        REQUIRE(problems.size() == 1);
        CHECK(problems[0].where == "client C-014, redact[2]");
    }
    SECTION("validateClient throws naming the client") {
        client.code = "C:014";
        CHECK_THROWS_AS(validateClient(client), ValidationError);
        CHECK_THROWS_WITH(validateClient(client), Contains("client C:014, code"));
    }
}

// ---- Sessions -------------------------------------------------------------------------------

TEST_CASE("A complete, signed session with an addendum is valid", "[validation][session]") {
    CHECK(problemsOf(goodSession()).empty());
    auto draft = goodSession();
    draft.signedAt.reset();
    draft.addenda.clear();
    CHECK(problemsOf(draft).empty());
    Session minimal;
    minimal.templateName = "dap";
    CHECK(problemsOf(minimal).empty());
}

TEST_CASE("Session rules, each located by client, date and field", "[validation][session]") {
    auto session = goodSession();
    std::string field;
    std::string message;
    SECTION("unknown theme") {
        session.observations[1].themeKey = "gaslighting";
        field = "observations[1].theme";
        message = "unknown theme \"gaslighting\"";
    }
    SECTION("theme observed twice") {
        session.observations[1].themeKey = "self-blame";
        field = "observations[1].theme";
        message = "observed twice";
    }
    SECTION("intensity 4") {
        session.observations[0].intensity = 4;
        field = "observations[0].intensity";
        message = "intensity 4 is outside 0-3";
    }
    SECTION("intensity -1") {
        session.observations[1].intensity = -1;
        field = "observations[1].intensity";
        message = "intensity -1 is outside 0-3";
    }
    SECTION("weight 0") {
        session.decisionalBalance[0].weight = 0;
        field = "decisional_balance[0].weight";
        message = "weight 0 is outside 1-3";
    }
    SECTION("weight 4") {
        session.decisionalBalance[1].weight = 4;
        field = "decisional_balance[1].weight";
        message = "weight 4 is outside 1-3";
    }
    SECTION("empty reason") {
        session.decisionalBalance[1].reason = " ";
        field = "decisional_balance[1].reason";
        message = "needs a reason";
    }
    SECTION("addenda on an unsigned session") {
        session.signedAt.reset();
        field = "addenda";
        message = "only a signed note";
    }
    SECTION("empty addendum") {
        session.addenda[0].text = "\n";
        field = "addenda[0].text";
        message = "cannot be empty";
    }
    SECTION("duration 0") {
        session.durationMinutes = 0;
        field = "duration_minutes";
        message = "duration 0 must be 1 to 1440";
    }
    SECTION("duration over a day") {
        session.durationMinutes = 1441;
        field = "duration_minutes";
        message = "duration 1441";
    }
    SECTION("section the template does not have") {
        session.sections.push_back({"subjective", "text"});
        field = "sections.subjective";
        message = "template \"dap\" has no section \"subjective\"";
    }
    SECTION("section twice") {
        session.sections.push_back({"plan", "again"});
        field = "sections.plan";
        message = "appears twice";
    }
    const auto problems = problemsOf(session);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where == "client C-014, session 2026-01-07, " + field);
    CHECK_THAT(problems[0].what, Contains(message));
}

TEST_CASE("Durations at the edges of the range are accepted", "[validation][session]") {
    auto session = goodSession();
    const auto minutes = GENERATE(1, 50, 1440);
    session.durationMinutes = minutes;
    CHECK(problemsOf(session).empty());
}

TEST_CASE("An unknown template is a problem and its sections are then not checked", "[validation][session]") {
    auto session = goodSession();
    session.templateName = "narrative";
    session.templateVersion = 3;
    const auto problems = problemsOf(session, nullptr);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].where == "client C-014, session 2026-01-07, template");
    CHECK_THAT(problems[0].what, Contains("unknown template \"narrative\" version 3"));

    session.templateVersion = 0;
    CHECK_THAT(problemsOf(session, nullptr).at(0).what, Contains("\"narrative\"") && !Contains("version"));
}

TEST_CASE("Every problem of a session is collected, not just the first", "[validation][session]") {
    auto session = goodSession();
    session.durationMinutes = 0;
    session.sections.push_back({"nonsense", "x"});
    session.observations.push_back({"not-a-theme", 7, "", ""});
    session.decisionalBalance.push_back({BalanceSide::Leave, "", 9});
    session.signedAt.reset();

    const auto problems = problemsOf(session);
    const std::vector<std::string> expected{
        "client C-014, session 2026-01-07, duration_minutes",
        "client C-014, session 2026-01-07, sections.nonsense",
        "client C-014, session 2026-01-07, observations[2].theme",
        "client C-014, session 2026-01-07, observations[2].intensity",
        "client C-014, session 2026-01-07, decisional_balance[2].weight",
        "client C-014, session 2026-01-07, decisional_balance[2].reason",
        "client C-014, session 2026-01-07, addenda",
    };
    CHECK(wheres(problems) == expected);

    // The throwing form carries all of them too.
    try {
        validateSession(session, defaultCodebook(), nullptr);
        FAIL("validateSession accepted an invalid session");
    } catch (const ValidationError& error) {
        CHECK(error.problems().size() == expected.size()); // the unknown-section problem becomes "unknown template"
        CHECK_THAT(std::string{error.what()}, Contains("session 2026-01-07, duration_minutes"));
    }
}

// ---- Reporting --------------------------------------------------------------------------------

TEST_CASE("describeProblems lists each location with its problem, then how many more", "[validation]") {
    const std::vector<Problem> problems{
        {"client C-014, session 2026-01-07, observations[0].intensity", "intensity 4 is outside 0-3"},
        {"client C-014, session 2026-01-14, template", "unknown template \"x\""},
        {"", "the file is empty"},
    };
    CHECK(describeProblems(problems) ==
          "client C-014, session 2026-01-07, observations[0].intensity: intensity 4 is outside 0-3\n"
          "client C-014, session 2026-01-14, template: unknown template \"x\"\n"
          "the file is empty");
    CHECK(describeProblems(problems, 1) ==
          "client C-014, session 2026-01-07, observations[0].intensity: intensity 4 is outside 0-3\n"
          "(and 2 more)");
    CHECK(describeProblems({}).empty());

    const ValidationError error(problems);
    CHECK(error.problems() == problems);
    CHECK(std::string{error.what()} == describeProblems(problems));
}

TEST_CASE("describeProblems shows five problems by default", "[validation]") {
    std::vector<Problem> problems;
    problems.reserve(8);
    for (int i = 0; i < 8; ++i) {
        problems.push_back({"observations[" + std::to_string(i) + "].intensity", "out of range"});
    }
    const auto text = describeProblems(problems);
    CHECK_THAT(text, Contains("observations[4]"));
    CHECK_THAT(text, !Contains("observations[5]"));
    CHECK_THAT(text, Contains("(and 3 more)"));
    CHECK(std::count(text.begin(), text.end(), '\n') == 5);
}

TEST_CASE("forbiddenCharacter names the first control character and where it is", "[validation][text]") {
    const auto [text, expected] = GENERATE(table<std::string, std::string>({
        {std::string("ab\0cd", 5), "NUL (U+0000) at character 3"},
        {"\x07 bell", "a control character (U+0007) at character 1"},
        {"escape \x1B[31m", "a control character (U+001B) at character 8"},
        {"lone \r return", "a carriage return (U+000D) at character 6"},
        {"delete \x7F", "a control character (U+007F) at character 8"},
        // U+0085 (next line), a C1 control, after a two-byte character: counted in characters.
        {"\xC3\xA9\xC2\x85", "a control character (U+0085) at character 2"},
    }));
    CAPTURE(text);
    const auto found = forbiddenCharacter(text);
    REQUIRE(found.has_value());
    CHECK(*found == expected);
}

TEST_CASE("forbiddenCharacter allows tabs, line feeds and every printable character", "[validation][text]") {
    CHECK_FALSE(forbiddenCharacter("").has_value());
    CHECK_FALSE(forbiddenCharacter("col1\tcol2\nline two").has_value());
    // "Am I the bad one?" in Japanese and a non-breaking space (C2 A0, just past the C1 range).
    CHECK_FALSE(forbiddenCharacter("\xE7\xA7\x81\xE3\x81\xAF\xC2\xA0ok").has_value());
}
