// The interchange format v1 (docs/interchange.md): reading, every structural error with its
// location, the import plan against a vault's codebook/templates/clients, and the round trip.

#include "tessera/core/codebook.hpp"
#include "tessera/core/demo.hpp"
#include "tessera/core/interchange.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace tessera::core;
using Catch::Matchers::Contains;
using Json = nlohmann::ordered_json;

namespace {

// The example of issue 2, character for character. Its ellipses are placeholders.
constexpr const char* kIssueExample = R"({ "format": "tessera.caseload", "version": 1,
  "codebook": [ {"key": "...", "label": "...", "category": "...", "description": "..."} ],
  "clients": [ {
      "code": "C-014", "display_name": "...",
      "redact": ["Marcus", {"term": "Lily", "as": "[child]"}],
      "sessions": [ {
          "date": "2026-01-07", "duration_minutes": 50, "template": "ambivalence-progress",
          "sections": {"presenting": "...", "plan": "..."},
          "observations": [ {"theme": "self-blame", "intensity": 3,
                             "quote": "Am I the bad one?", "note": "..."} ],
          "stage_of_change": {"leaving": "contemplation", "safety": "preparation"},
          "decisional_balance": [ {"side": "stay", "reason": "the children", "weight": 3} ],
          "psychotherapy_note": "...",
          "signed_at": "2026-01-07T18:20:00Z",
          "addenda": [ {"at": "2026-01-09T09:00:00Z", "text": "..."} ] } ] } ] })";

// A small valid document that the error tests below break one field at a time.
constexpr const char* kBase = R"({
  "format": "tessera.caseload",
  "version": 1,
  "codebook": [],
  "clients": [
    {
      "code": "C-014",
      "redact": ["Marcus"],
      "sessions": [
        {
          "date": "2026-01-07",
          "template": "dap",
          "sections": {"data": "Client arrived early.", "plan": "Weekly."},
          "observations": [{"theme": "self-blame", "intensity": 2}],
          "stage_of_change": {"leaving": "contemplation"},
          "decisional_balance": [{"side": "stay", "reason": "the house", "weight": 2}]
        }
      ]
    }
  ]
})";

Json base() {
    return Json::parse(kBase);
}

// Sets (or, with an empty `value`, removes) the member at `pointer`.
std::string mutated(const std::string& pointer, const std::string& value) {
    auto document = base();
    const Json::json_pointer at{pointer};
    if (value.empty()) {
        document.at(at.parent_pointer()).erase(at.back());
    } else {
        document[at] = Json::parse(value);
    }
    return document.dump(2);
}

// Everything readCaseload or planImport says about `text`, as one string.
std::string problemsWith(const std::string& text) {
    try {
        auto document = readCaseload(text);
        auto plan = planImport(std::move(document), defaultCodebook(), defaultTemplates(), {"C-001"}, {});
        (void)plan;
    } catch (const ValidationError& error) {
        return describeProblems(error.problems(), 100);
    }
    return {};
}

ImportPlan plan(const std::string& text, const std::vector<std::string>& vaultCodes = {},
                const ImportOptions& options = {},
                const std::vector<NoteTemplate>& vaultTemplates = defaultTemplates()) {
    return planImport(readCaseload(text), defaultCodebook(), vaultTemplates, vaultCodes, options);
}

std::vector<std::string> sectionKeys(const Session& session) {
    std::vector<std::string> keys;
    for (const auto& section : session.sections) {
        keys.push_back(section.key);
    }
    return keys;
}

CaseloadDocument demoDocument(int clients, int sessions) {
    const auto codebook = defaultCodebook();
    CaseloadDocument document;
    for (const auto& theme : codebook.themes()) {
        document.codebook.push_back({theme, false});
    }
    document.templates = defaultTemplates();
    DemoOptions options;
    options.clients = clients;
    options.sessionsPerClient = sessions;
    options.seed = 7;
    document.clients = makeDemoCaseload(options, codebook);
    return document;
}

} // namespace

// ---- Reading --------------------------------------------------------------------------------

TEST_CASE("The example of issue 2 is read field by field", "[interchange]") {
    // Verbatim, the only thing that is not a value is the placeholder category "..."; a theme's
    // category is one of five words. Everything else in the example reads as it stands.
    try {
        (void)readCaseload(kIssueExample);
        FAIL("the placeholder category \"...\" was accepted");
    } catch (const ValidationError& error) {
        REQUIRE(error.problems().size() == 1);
        CHECK(error.problems()[0].where == "theme ..., category");
        CHECK_THAT(error.problems()[0].what, Contains("unknown category \"...\""));
    }

    std::string filled = kIssueExample;
    filled.replace(filled.find(R"("category": "...")"), 17, R"("category": "relationship")");
    const auto document = readCaseload(filled);

    REQUIRE(document.codebook.size() == 1);
    CHECK(document.codebook[0].theme.key == "...");
    CHECK(document.codebook[0].theme.category == ThemeCategory::Relationship);
    CHECK(document.codebook[0].theme.colour == defaultColour(ThemeCategory::Relationship)); // no colour given
    CHECK_FALSE(document.codebook[0].replace);
    CHECK(document.templates.empty());

    REQUIRE(document.clients.size() == 1);
    const auto& client = document.clients[0].client;
    CHECK(client.code == "C-014");
    CHECK(client.displayName == "...");
    CHECK(client.redactions == std::vector<Redaction>{{"Marcus", ""}, {"Lily", "[child]"}});

    REQUIRE(document.clients[0].sessions.size() == 1);
    const auto& session = document.clients[0].sessions[0];
    CHECK(session.date.toIso() == "2026-01-07");
    CHECK(session.durationMinutes == 50);
    CHECK(session.templateName == "ambivalence-progress");
    CHECK(session.templateVersion == 0); // absent: the newest, resolved by planImport
    CHECK(sectionKeys(session) == std::vector<std::string>{"presenting", "plan"});
    CHECK(session.observations == std::vector<Observation>{{"self-blame", 3, "Am I the bad one?", "..."}});
    CHECK(session.stageOfChange.leaving == Stage::Contemplation);
    CHECK(session.stageOfChange.safety == Stage::Preparation);
    CHECK(session.decisionalBalance == std::vector<BalanceItem>{{BalanceSide::Stay, "the children", 3}});
    CHECK(session.psychotherapyNote == "...");
    REQUIRE(session.signedAt.has_value());
    CHECK(session.signedAt->toIso() == "2026-01-07T18:20:00Z");
    REQUIRE(session.addenda.size() == 1);
    CHECK(session.addenda[0].at.toIso() == "2026-01-09T09:00:00Z");
    CHECK(session.addenda[0].text == "...");
}

TEST_CASE("Only code, date and an observation's theme and intensity are required", "[interchange]") {
    const auto document = readCaseload(R"({"format": "tessera.caseload", "version": 1,
        "clients": [{"code": "C-1", "sessions": [{"date": "2026-01-07",
                     "observations": [{"theme": "fear", "intensity": 1}]}]},
                    {"code": "C-2"}]})");
    REQUIRE(document.clients.size() == 2);
    const auto& session = document.clients[0].sessions.at(0);
    CHECK(session.templateName == "ambivalence-progress"); // the default template
    CHECK_FALSE(session.durationMinutes.has_value());
    CHECK(session.sections.empty());
    CHECK(session.stageOfChange.empty());
    CHECK_FALSE(session.isSigned());
    CHECK(document.clients[1].sessions.empty());
    CHECK(document.codebook.empty());
}

TEST_CASE("A session's time of day is optional, written when set, and orders the sessions of a day",
          "[interchange][time]") {
    const auto document = readCaseload(R"({"format": "tessera.caseload", "version": 1,
        "clients": [{"code": "C-1", "sessions": [
            {"date": "2026-01-07", "time": "16:00"},
            {"date": "2026-01-07", "time": "09:30"},
            {"date": "2026-01-07"},
            {"date": "2026-01-06", "time": "18:00"}]}]})");
    const auto& sessions = document.clients.at(0).sessions;
    REQUIRE(sessions.size() == 4);
    CHECK(sessions[0].time == TimeOfDay::parse("16:00"));
    CHECK_FALSE(sessions[2].time.has_value()); // a file without it reads as before

    // Planned for the vault: by date, then by time, a session without a time first that day.
    const auto planned =
        planImport(readCaseload(writeCaseload(document)), defaultCodebook(), defaultTemplates(), {}, {});
    std::vector<std::string> order;
    for (const auto& session : planned.clients.at(0).sessions) {
        order.push_back(session.date.toIso() + " " + (session.time ? session.time->toString() : "-"));
    }
    CHECK(order ==
          std::vector<std::string>{"2026-01-06 18:00", "2026-01-07 -", "2026-01-07 09:30", "2026-01-07 16:00"});

    // Written only when set, and read back equal.
    const auto written = writeCaseload(document);
    CHECK(written.find("\"time\": \"09:30\"") != std::string::npos);
    CHECK(readCaseload(written).clients == document.clients);
    CaseloadDocument untimed = document;
    for (auto& session : untimed.clients.at(0).sessions) {
        session.time.reset();
    }
    CHECK(writeCaseload(untimed).find("\"time\"") == std::string::npos);

    // A time that is not HH:MM is refused, naming the session and saying how to write it.
    const auto problems = problemsWith(R"({"format": "tessera.caseload", "version": 1,
        "clients": [{"code": "C-2", "sessions": [{"date": "2026-01-07", "time": "2:30 pm"}]}]})");
    CHECK_THAT(problems, Catch::Contains("session 2026-01-07"));
    CHECK_THAT(problems, Catch::Contains("\"2:30 pm\" is not a time of day; write it as HH:MM"));
}

TEST_CASE("A file that is not JSON is refused with the line and column", "[interchange][errors]") {
    const std::string text = "{\n  \"format\": \"tessera.caseload\",\n  \"version\": 1,\n  clients: []\n}\n";
    try {
        (void)readCaseload(text);
        FAIL("invalid JSON was accepted");
    } catch (const ValidationError& error) {
        REQUIRE(error.problems().size() == 1);
        CHECK(error.problems()[0].where == "line 4, column 3");
        CHECK_THAT(std::string{error.what()}, Contains("line 4, column 3") && Contains("not valid JSON"));
    }
    CHECK_THAT(problemsWith(""), Contains("not valid JSON"));
    CHECK_THAT(problemsWith("[1, 2"), Contains("line 1") && Contains("not valid JSON"));
    // Text must be UTF-8: a Latin-1 export from another tool is refused, not imported garbled.
    CHECK_THAT(
        problemsWith("{\"format\": \"tessera.caseload\", \"version\": 1, \"clients\": [{\"code\": \"C-\xE9\"}]}"),
        Contains("line 1, column") && Contains("not valid JSON"));
}

TEST_CASE("Format and version are checked first", "[interchange][errors]") {
    const auto [pointer, value, expected] = GENERATE(table<std::string, std::string, std::string>({
        {"/format", R"("tessera.notes")", "format: this is not a Tessera caseload (format is \"tessera.notes\""},
        {"/format", "", "document: \"format\" is missing"},
        {"/version", "2", "version: caseload format version 2 is not supported; this Tessera reads version 1"},
        {"/version", "0", "caseload format version 0 is not supported"},
        {"/version", R"("1")", "version: expected a whole number, found a string"},
        {"/version", "", "document: \"version\" is missing"},
    }));
    CAPTURE(pointer, value);
    CHECK_THAT(problemsWith(mutated(pointer, value)), Contains(expected));
}

TEST_CASE("A document must be a JSON object", "[interchange][errors]") {
    CHECK_THAT(problemsWith("[]"), Contains("document: expected an object, found an array"));
    CHECK_THAT(problemsWith("\"tessera.caseload\""), Contains("document: expected an object, found a string"));
}

TEST_CASE("Every structural error names the client, the session date and the field", "[interchange][errors]") {
    const std::string session = "/clients/0/sessions/0";
    const auto [pointer, value, where, what] = GENERATE_COPY(table<std::string, std::string, std::string, std::string>({
        {"/clients/0/code", "", "clients[0]", "\"code\" is missing"},
        {"/clients/0/code", "14", "clients[0], code", "expected text, found a whole number"},
        {session + "/date", "", "client C-014, sessions[0]", "\"date\" is missing"},
        {session + "/date", R"("2026-02-30")", "client C-014, sessions[0], date",
         "\"2026-02-30\" is not a date; write it as YYYY-MM-DD"},
        {session + "/date", R"("07.01.2026")", "client C-014, sessions[0], date", "\"07.01.2026\" is not a date"},
        {session + "/observations/0/intensity", R"("3")",
         "client C-014, session 2026-01-07, observations[0], intensity", "expected a whole number, found a string"},
        {session + "/observations/0/intensity", "2.5", "client C-014, session 2026-01-07, observations[0], intensity",
         "found a decimal number"},
        {session + "/observations/0/intensity", "", "client C-014, session 2026-01-07, observations[0]",
         "\"intensity\" is missing"},
        {session + "/observations/0/theme", "", "client C-014, session 2026-01-07, observations[0]",
         "\"theme\" is missing"},
        {session + "/stage_of_change/leaving", R"("unknown")",
         "client C-014, session 2026-01-07, stage_of_change.leaving",
         "unknown stage \"unknown\"; use precontemplation, contemplation, preparation, action or maintenance"},
        {session + "/stage_of_change/career", R"("action")", "client C-014, session 2026-01-07, stage_of_change.career",
         "unknown target \"career\"; use leaving or safety"},
        {session + "/decisional_balance/0/side", R"("maybe")",
         "client C-014, session 2026-01-07, decisional_balance[0], side", "unknown side \"maybe\"; use stay or leave"},
        {session + "/decisional_balance/0/weight", R"("heavy")",
         "client C-014, session 2026-01-07, decisional_balance[0], weight", "expected a whole number"},
        {"/clients/0/redact/0", "42", "client C-014, redact[0]",
         "expected a name or {\"term\": ..., \"as\": ...}, found a whole number"},
        {"/clients/0/redact/0", R"({"as": "[partner]"})", "client C-014, redact[0]", "\"term\" is missing"},
        {"/clients/0/redact", R"("Marcus")", "client C-014, redact", "expected a list, found a string"},
        {session + "/sections", R"(["data"])", "client C-014, session 2026-01-07, sections",
         "expected an object, found an array"},
        {session + "/sections/plan", "7", "client C-014, session 2026-01-07, sections.plan", "expected text"},
        {session + "/signed_at", R"("2026-01-07 18:20")", "client C-014, session 2026-01-07, signed_at",
         "is not a time; write it as YYYY-MM-DDTHH:MM:SSZ"},
        {session + "/addenda", R"([{"at": "2026-01-09T09:00:00Z"}])", "client C-014, session 2026-01-07, addenda[0]",
         "\"text\" is missing"},
        {session + "/duration_minutes", R"("50 min")", "client C-014, session 2026-01-07, duration_minutes",
         "expected a whole number"},
        {session + "/duration_minutes", "99999999999", "client C-014, session 2026-01-07, duration_minutes",
         "number 99999999999 is out of range"},
        {session + "/observations/0/intensity", "18446744073709551615",
         "client C-014, session 2026-01-07, observations[0], intensity", "number 18446744073709551615 is out of range"},
        {session + "/observations/0/intensity", "-9223372036854775808",
         "client C-014, session 2026-01-07, observations[0], intensity", "is out of range"},
        {"/codebook/0", R"({"key": "gaslighting", "label": "Gaslighting", "category": "abuse"})",
         "theme gaslighting, category", "unknown category \"abuse\""},
        {"/codebook/0", R"({"key": "gaslighting", "category": "relationship"})", "theme gaslighting",
         "\"label\" is missing"},
        {"/templates", R"([{"name": "dap", "label": "DAP", "sections": []}])", "template dap",
         "\"version\" is missing"},
    }));
    CAPTURE(pointer, value);
    try {
        (void)readCaseload(mutated(pointer, value));
        FAIL("the broken document was accepted");
    } catch (const ValidationError& error) {
        REQUIRE(error.problems().size() == 1);
        CHECK(error.problems()[0].where == where);
        CHECK_THAT(error.problems()[0].what, Contains(what));
        // What the CLI prints is "where: what".
        CHECK_THAT(std::string{error.what()}, Contains(where + ": "));
    }
}

TEST_CASE("readCaseload reports every structural problem at once", "[interchange][errors]") {
    auto document = base();
    auto& session = document["clients"][0]["sessions"][0];
    session["observations"][0]["intensity"] = "high";
    session["stage_of_change"]["leaving"] = "unknown";
    session["decisional_balance"][0]["side"] = "maybe";
    document["clients"].push_back(Json{{"display_name", "no code"}});
    try {
        (void)readCaseload(document.dump());
        FAIL("the broken document was accepted");
    } catch (const ValidationError& error) {
        CHECK(error.problems().size() == 4);
        const std::string all = describeProblems(error.problems(), 10);
        CHECK_THAT(all, Contains("observations[0], intensity"));
        CHECK_THAT(all, Contains("stage_of_change.leaving"));
        CHECK_THAT(all, Contains("decisional_balance[0], side"));
        CHECK_THAT(all, Contains("clients[1]: \"code\" is missing"));
    }
}

// ---- planImport: domain rules against the vault ---------------------------------------------

TEST_CASE("planImport refuses values the vault cannot hold, naming client, date and field", "[interchange][plan]") {
    const std::string session = "/clients/0/sessions/0";
    const auto [pointer, value, where, what] = GENERATE_COPY(table<std::string, std::string, std::string, std::string>({
        {session + "/observations/0/intensity", "4", "client C-014, session 2026-01-07, observations[0].intensity",
         "intensity 4 is outside 0-3"},
        {session + "/observations/0/intensity", "-1", "client C-014, session 2026-01-07, observations[0].intensity",
         "intensity -1 is outside 0-3"},
        {session + "/observations/0/theme", R"("gaslighting")",
         "client C-014, session 2026-01-07, observations[0].theme", "unknown theme \"gaslighting\""},
        {session + "/template", R"("narrative")", "client C-014, session 2026-01-07, template",
         "unknown template \"narrative\""},
        {session + "/template_version", "2", "client C-014, session 2026-01-07, template",
         "unknown template \"dap\" version 2"},
        {session + "/sections/risk_and_safety", R"("No risk.")",
         "client C-014, session 2026-01-07, sections.risk_and_safety",
         "template \"dap\" has no section \"risk_and_safety\""},
        {session + "/decisional_balance/0/weight", "0",
         "client C-014, session 2026-01-07, decisional_balance[0].weight", "weight 0 is outside 1-3"},
        {session + "/duration_minutes", "0", "client C-014, session 2026-01-07, duration_minutes", "1 to 1440"},
        {session + "/addenda", R"([{"at": "2026-01-09T09:00:00Z", "text": "late"}])",
         "client C-014, session 2026-01-07, addenda", "only a signed note can have addenda"},
        {"/clients/0/code", R"("C 014")", "client C 014, code", "must be 1-32 letters"},
        {"/clients/0/code", R"("C-001")", "client C-001", "already exists in the vault"},
        {"/codebook/0", R"({"key": "Gas Lighting", "label": "G", "category": "relationship"})",
         "codebook[0] (Gas Lighting), key", "must be lower-case"},
    }));
    CAPTURE(pointer, value);
    const auto text = mutated(pointer, value);
    REQUIRE_NOTHROW(readCaseload(text)); // structurally fine...
    try {
        (void)plan(text, {"C-001"});
        FAIL("planImport accepted an invalid document");
    } catch (const ValidationError& error) { // ...but not for this vault
        REQUIRE(error.problems().size() == 1);
        CHECK(error.problems()[0].where == where);
        CHECK_THAT(error.problems()[0].what, Contains(what));
    }
}

TEST_CASE("A valid document plans cleanly", "[interchange][plan]") {
    const auto result = plan(kBase, {"C-001", "C-002"});
    REQUIRE(result.clients.size() == 1);
    CHECK(result.clients[0].client.code == "C-014");
    CHECK(result.clients[0].sessions.at(0).templateVersion == 1);
    CHECK(result.themesToAdd.empty());
    CHECK(result.themesToReplace.empty());
    CHECK(result.templatesToAdd.empty());
    CHECK(result.resultingCodebook.themes() == defaultCodebook().themes());
}

TEST_CASE("Client codes must be new to the vault and unique in the file", "[interchange][plan]") {
    auto document = base();
    document["clients"].push_back(Json{{"code", "C-020"}});
    document["clients"].push_back(Json{{"code", "C-014"}});
    try {
        (void)plan(document.dump(), {"C-020"});
        FAIL("duplicate codes were accepted");
    } catch (const ValidationError& error) {
        REQUIRE(error.problems().size() == 2);
        CHECK(error.problems()[0].where == "client C-020");
        CHECK_THAT(error.problems()[0].what, Contains("already exists in the vault"));
        CHECK(error.problems()[1].where == "client C-014");
        CHECK_THAT(error.problems()[1].what, Contains("appears twice in the file"));
    }
}

TEST_CASE("planImport collects problems from every client before refusing", "[interchange][plan]") {
    auto document = base();
    document["clients"][0]["sessions"][0]["observations"][0]["intensity"] = 4;
    auto second = document["clients"][0];
    second["code"] = "C-015";
    second["sessions"][0]["observations"][0]["intensity"] = 2;
    second["sessions"][0]["observations"][0]["theme"] = "no-such-theme";
    document["clients"].push_back(second);
    try {
        (void)plan(document.dump());
        FAIL("an invalid document was accepted");
    } catch (const ValidationError& error) {
        REQUIRE(error.problems().size() == 2);
        CHECK(error.problems()[0].where == "client C-014, session 2026-01-07, observations[0].intensity");
        CHECK(error.problems()[1].where == "client C-015, session 2026-01-07, observations[0].theme");
    }
}

TEST_CASE("Codebook merge: an existing key keeps the vault's definition unless replacing is asked for",
          "[interchange][plan][codebook]") {
    auto document = base();
    document["codebook"] = Json::parse(R"([
        {"key": "self-blame", "label": "Blames self", "category": "self-perception", "colour": "#000000"}])");
    const auto original = *defaultCodebook().find("self-blame");

    SECTION("by default the vault's definition stays") {
        const auto result = plan(document.dump());
        CHECK(result.themesToReplace.empty());
        CHECK(result.themesToAdd.empty());
        CHECK(*result.resultingCodebook.find("self-blame") == original);
    }
    SECTION("\"replace\": true in the file replaces it") {
        document["codebook"][0]["replace"] = true;
        const auto result = plan(document.dump());
        REQUIRE(result.themesToReplace.size() == 1);
        CHECK(result.themesToReplace[0].label == "Blames self");
        CHECK(result.resultingCodebook.find("self-blame")->label == "Blames self");
        CHECK(result.resultingCodebook.find("self-blame")->colour == "#000000");
        CHECK(result.resultingCodebook.size() == defaultCodebook().size());
    }
    SECTION("ImportOptions.replaceThemes replaces it") {
        const auto result = plan(document.dump(), {}, ImportOptions{true});
        REQUIRE(result.themesToReplace.size() == 1);
        CHECK(result.resultingCodebook.find("self-blame")->label == "Blames self");
    }
    SECTION("replacing with an identical definition is no change") {
        Json same{{"key", original.key},           {"label", original.label},
                  {"category", "self-perception"}, {"description", original.description},
                  {"colour", original.colour},     {"replace", true}};
        document["codebook"][0] = same;
        const auto result = plan(document.dump());
        CHECK(result.themesToReplace.empty());
    }
    SECTION("a key defined twice in the file is an error") {
        document["codebook"].push_back(document["codebook"][0]);
        CHECK_THROWS_WITH(plan(document.dump()), Contains("codebook[1] (self-blame)") && Contains("defined twice"));
    }
}

TEST_CASE("A new theme in the file's codebook makes observations of it valid", "[interchange][plan][codebook]") {
    auto document = base();
    document["clients"][0]["sessions"][0]["observations"].push_back(Json{{"theme", "gaslighting"}, {"intensity", 2}});
    CHECK_THROWS_WITH(plan(document.dump()), Contains("unknown theme \"gaslighting\""));

    document["codebook"].push_back(Json::parse(
        R"({"key": "gaslighting", "label": "Gaslighting", "category": "relationship", "description": "Denied reality."})"));
    const auto result = plan(document.dump());
    REQUIRE(result.themesToAdd.size() == 1);
    CHECK(result.themesToAdd[0].key == "gaslighting");
    CHECK(result.themesToAdd[0].colour == defaultColour(ThemeCategory::Relationship));
    CHECK(result.resultingCodebook.find("gaslighting") != nullptr);
    CHECK(result.resultingCodebook.size() == defaultCodebook().size() + 1);
}

TEST_CASE("Templates: identical ones are skipped, new versions added, conflicts refused",
          "[interchange][plan][templates]") {
    const auto builtIn = defaultTemplates();
    const auto* dap = findTemplate(builtIn, "dap", 1);
    REQUIRE(dap != nullptr);
    auto templateJson = [](const NoteTemplate& tmpl) {
        Json sections = Json::array();
        for (const auto& section : tmpl.sections) {
            sections.push_back({{"key", section.key}, {"label", section.label}, {"prompt", section.prompt}});
        }
        return Json{{"name", tmpl.name},
                    {"version", tmpl.version},
                    {"label", tmpl.label},
                    {"description", tmpl.description},
                    {"sections", sections}};
    };
    auto document = base();

    SECTION("a template identical to the vault's is skipped") {
        document["templates"] = Json::array({templateJson(*dap)});
        CHECK(plan(document.dump()).templatesToAdd.empty());
    }
    SECTION("the same (name, version) with other sections is an error") {
        auto changed = *dap;
        changed.sections.pop_back();
        document["templates"] = Json::array({templateJson(changed)});
        try {
            (void)plan(document.dump());
            FAIL("a conflicting template was accepted");
        } catch (const ValidationError& error) {
            REQUIRE(error.problems().size() == 1);
            CHECK(error.problems()[0].where == "templates[0] (dap version 1)");
            CHECK_THAT(error.problems()[0].what, Contains("already has template \"dap\" version 1"));
        }
    }
    SECTION("a new version is added, and a session without template_version gets the newest") {
        auto next = *dap;
        next.version = 2;
        next.sections.push_back({"risk", "Risk", "Any risk to self or others."});
        document["templates"] = Json::array({templateJson(next)});
        auto& sessions = document["clients"][0]["sessions"];
        sessions[0]["sections"]["risk"] = "None.";
        auto older = sessions[0];
        older["date"] = "2025-12-01";
        older["template_version"] = 1;
        older["sections"].erase("risk");
        sessions.push_back(older);

        const auto result = plan(document.dump());
        REQUIRE(result.templatesToAdd.size() == 1);
        CHECK(result.templatesToAdd[0].version == 2);
        const auto& planned = result.clients.at(0).sessions;
        REQUIRE(planned.size() == 2);
        CHECK(planned[0].date.toIso() == "2025-12-01"); // sorted by date
        CHECK(planned[0].templateVersion == 1);         // named version kept
        CHECK(planned[1].templateVersion == 2);         // absent: the newest
        CHECK(sectionKeys(planned[1]) == std::vector<std::string>{"data", "plan", "risk"});

        // The same section against version 1 is refused.
        older["sections"]["risk"] = "None.";
        sessions[1] = older;
        CHECK_THROWS_WITH(plan(document.dump()), Contains("session 2025-12-01, sections.risk"));
    }
    SECTION("without the new version, the newest the vault has is used") {
        auto vaultTemplates = builtIn;
        auto next = *dap;
        next.version = 3;
        vaultTemplates.push_back(next);
        const auto result = plan(kBase, {}, {}, vaultTemplates);
        CHECK(result.clients.at(0).sessions.at(0).templateVersion == 3);
    }
}

TEST_CASE("Sections are put in the template's order, whatever order the file uses", "[interchange][plan]") {
    auto document = base();
    document["clients"][0]["sessions"][0]["sections"] = Json::parse(R"({"plan": "P", "assessment": "A", "data": "D"})");
    const auto read = readCaseload(document.dump());
    CHECK(sectionKeys(read.clients[0].sessions[0]) == std::vector<std::string>{"plan", "assessment", "data"});
    const auto result = plan(document.dump());
    CHECK(sectionKeys(result.clients[0].sessions[0]) == std::vector<std::string>{"data", "assessment", "plan"});
    CHECK(result.clients[0].sessions[0].sections[0].text == "D");
}

TEST_CASE("Sessions are ordered by date and same-date sessions keep the file's order", "[interchange][plan]") {
    auto document = base();
    auto& sessions = document["clients"][0]["sessions"];
    const auto templateSession = sessions[0];
    sessions = Json::array();
    for (const auto& [date, text] : std::vector<std::pair<std::string, std::string>>{
             {"2026-01-14", "A"}, {"2026-01-07", "B"}, {"2026-01-14", "C"}, {"2026-01-07", "D"}, {"2026-01-14", "E"}}) {
        auto session = templateSession;
        session["date"] = date;
        session["sections"] = Json{{"data", text}};
        sessions.push_back(session);
    }
    const auto result = plan(document.dump());
    std::string order;
    for (const auto& session : result.clients.at(0).sessions) {
        order += session.sections.at(0).text;
    }
    CHECK(order == "BDACE");
}

TEST_CASE("A problem in the second same-day session says which one it is", "[interchange][plan]") {
    auto document = base();
    auto& sessions = document["clients"][0]["sessions"];
    sessions.push_back(sessions[0]);
    sessions[1]["observations"][0]["intensity"] = 9;
    CHECK_THROWS_WITH(plan(document.dump()),
                      Contains("client C-014, session 2026-01-07 (#2 that day), observations[0].intensity"));
}

TEST_CASE("findTemplate: version 0 means the newest", "[interchange][templates]") {
    auto templates = defaultTemplates();
    auto next = *findTemplate(templates, "soap", 1);
    next.version = 2;
    templates.push_back(next);
    CHECK(findTemplate(templates, "soap", 0)->version == 2);
    CHECK(findTemplate(templates, "soap", 1)->version == 1);
    CHECK(findTemplate(templates, "soap", 3) == nullptr);
    CHECK(findTemplate(templates, "nope", 0) == nullptr);
}

// ---- Writing and the round trip -----------------------------------------------------------------

TEST_CASE("writeCaseload -> readCaseload gives back the same document", "[interchange][roundtrip]") {
    const auto document = demoDocument(3, 10);
    REQUIRE(document.clients.size() == 3);

    const auto text = writeCaseload(document);
    const auto read = readCaseload(text);
    CHECK(read.codebook == document.codebook);
    CHECK(read.templates == document.templates);
    REQUIRE(read.clients.size() == document.clients.size());
    for (std::size_t i = 0; i < read.clients.size(); ++i) {
        CAPTURE(document.clients[i].client.code);
        CHECK(read.clients[i].client == document.clients[i].client);
        REQUIRE(read.clients[i].sessions.size() == document.clients[i].sessions.size());
        for (std::size_t j = 0; j < read.clients[i].sessions.size(); ++j) {
            CAPTURE(document.clients[i].sessions[j].date.toIso());
            CHECK(read.clients[i].sessions[j] == document.clients[i].sessions[j]);
        }
    }
    CHECK(read == document);
}

TEST_CASE("The demo caseload has everything the format can carry", "[interchange][roundtrip]") {
    // Guards the round-trip test above: it only proves something if the demo uses every field.
    const auto document = demoDocument(3, 10);
    bool redactionWithReplacement = false;
    bool signedWithAddendum = false;
    bool draft = false;
    bool quote = false;
    bool stage = false;
    bool balance = false;
    bool psychotherapyNote = false;
    for (const auto& record : document.clients) {
        CHECK_FALSE(record.client.displayName.empty());
        for (const auto& redaction : record.client.redactions) {
            redactionWithReplacement = redactionWithReplacement || !redaction.replacement.empty();
        }
        for (const auto& session : record.sessions) {
            signedWithAddendum = signedWithAddendum || (session.isSigned() && !session.addenda.empty());
            draft = draft || !session.isSigned();
            stage = stage || !session.stageOfChange.empty();
            balance = balance || !session.decisionalBalance.empty();
            psychotherapyNote = psychotherapyNote || !session.psychotherapyNote.empty();
            for (const auto& observation : session.observations) {
                quote = quote || !observation.quote.empty();
            }
        }
    }
    CHECK(redactionWithReplacement);
    CHECK(signedWithAddendum);
    CHECK(draft);
    CHECK(quote);
    CHECK(stage);
    CHECK(balance);
    CHECK(psychotherapyNote);
}

TEST_CASE("writeCaseload is byte-stable: write, read, write gives the same text", "[interchange][roundtrip]") {
    auto document = demoDocument(2, 6);
    document.codebook[0].replace = true;
    document.codebook[1].theme.retired = true;
    document.clients[0].client.redactions.push_back({"Helen", ""});
    const auto first = writeCaseload(document);
    const auto second = writeCaseload(readCaseload(first));
    CHECK(first == second);
    CHECK(first.back() == '\n');
    CHECK(first.rfind(R"({
  "format": "tessera.caseload",
  "version": 1,
  "codebook": [)",
                      0) == 0);
}

TEST_CASE("writeCaseload leaves out empty optional fields and writes the extensions", "[interchange][write]") {
    CaseloadDocument document;
    Theme theme{"gaslighting", "Gaslighting", ThemeCategory::Relationship, "", "#112233", true};
    document.codebook.push_back({theme, true});
    ClientRecord record;
    record.client.code = "C-1";
    Session session;
    session.date = *Date::parse("2026-01-07");
    session.templateName = "dap";
    session.templateVersion = 1;
    session.observations.push_back({"gaslighting", 2, "", ""});
    record.sessions.push_back(session);
    document.clients.push_back(record);

    const auto json = Json::parse(writeCaseload(document));
    const auto& entry = json["codebook"][0];
    CHECK(entry["colour"] == "#112233");
    CHECK(entry["retired"] == true);
    CHECK(entry["replace"] == true);
    CHECK(json["templates"] == Json::array());
    const auto& client = json["clients"][0];
    CHECK_FALSE(client.contains("display_name"));
    CHECK_FALSE(client.contains("redact"));
    const auto& written = client["sessions"][0];
    CHECK(written["template_version"] == 1);
    CHECK(written["observations"][0] == Json{{"theme", "gaslighting"}, {"intensity", 2}});
    for (const char* absent :
         {"duration_minutes", "stage_of_change", "decisional_balance", "psychotherapy_note", "signed_at", "addenda"}) {
        CAPTURE(absent);
        CHECK_FALSE(written.contains(absent));
    }
}

TEST_CASE("A client's case formulation is optional text that round-trips", "[interchange]") {
    const std::string json = R"({"format": "tessera.caseload", "version": 1, "clients": [
        {"code": "C-1", "formulation": "Presenting: self-blame.\nGoals: a safe space.", "sessions": []},
        {"code": "C-2", "formulation": null}]})";
    const auto document = readCaseload(json);
    REQUIRE(document.clients.size() == 2);
    CHECK(document.clients[0].client.formulation == "Presenting: self-blame.\nGoals: a safe space.");
    CHECK(document.clients[1].client.formulation.empty());
    const auto written = writeCaseload(document);
    CHECK(written.find(R"("formulation": "Presenting: self-blame.\nGoals: a safe space.")") != std::string::npos);
    CHECK(written.find(R"("code": "C-2",)") != std::string::npos); // no formulation member when empty
    CHECK(readCaseload(written) == document);
    CHECK_THROWS_AS(readCaseload(R"({"format": "tessera.caseload", "version": 1,
                                     "clients": [{"code": "C-1", "formulation": 3}]})"),
                    ValidationError);
}
