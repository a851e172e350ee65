// tessera-cli themes and caseload, through the real executable, against a vault whose data is
// known session by session (imported from an interchange file), so every expected number below
// is computed by hand.

#include "test_support.hpp"

#include "tessera/core/date.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace {

using Json = nlohmann::json;
using tessera::test::RunResult;

const std::string kPassphrase = "themes test passphrase, long enough";
const std::string kDisplayName = "Alice Example";
const std::string kUtf8Label = "Schuld „bin ich’s?“";

// A std::vector, not a Json: `Json x = {oneObject}` is an array of one object with GCC and a copy
// of the object with clang (CWG 1467), so a one-observation session would differ by compiler.
Json session(const std::string& date, const std::vector<Json>& observations) {
    return {{"date", date}, {"observations", Json::array_t(observations.begin(), observations.end())}};
}

Json observation(const std::string& theme, int intensity, const std::string& quote = {}) {
    Json out{{"theme", theme}, {"intensity", intensity}};
    if (!quote.empty()) {
        out["quote"] = quote;
    }
    return out;
}

Json balance(int stay, int leave) {
    return Json::array({{{"side", "stay"}, {"reason", "the house"}, {"weight", stay}},
                        {{"side", "leave"}, {"reason", "calm evenings"}, {"weight", leave}}});
}

// C-1: three weekly sessions (the last a draft) with
//   fear       1 2 3      -> rising, slope 1
//   self-blame 3 2 1      -> falling, slope -1, quotes in sessions 1 and 3
//   minimizing 0 1 0      -> steady (slope 0), falling over a window of 2
//   stage (leaving) precontemplation, contemplation, contemplation; (safety) -, -, preparation
//   balance stay/leave 3/1, 2/2, 1/3 -> differences -2, 0, +2: rising
// C-2: fear 3 1 (falling), money 1 2 (rising), a UTF-8 labelled theme 0 2 (rising).
// C-3: 45 weekly sessions with fear 2 (steady). C-4: no sessions.
std::string caseloadDocument() {
    Json c1 = session("2026-01-07", {observation("fear", 1), observation("self-blame", 3, "It was my fault.")});
    c1["signed_at"] = "2026-01-07T18:00:00Z";
    c1["stage_of_change"] = {{"leaving", "precontemplation"}};
    c1["decisional_balance"] = balance(3, 1);
    Json c2 = session("2026-01-14", {observation("self-blame", 2), observation("minimizing", 1, "He was just tired."),
                                     observation("fear", 2)});
    c2["signed_at"] = "2026-01-14T18:00:00Z";
    c2["stage_of_change"] = {{"leaving", "contemplation"}};
    c2["decisional_balance"] = balance(2, 2);
    Json c3 = session("2026-01-21", {observation("fear", 3), observation("self-blame", 1, "Maybe it was me.")});
    c3["stage_of_change"] = {{"leaving", "contemplation"}, {"safety", "preparation"}};
    c3["decisional_balance"] = balance(1, 3);

    Json longSessions = Json::array();
    const auto start = *tessera::core::Date::parse("2025-01-06");
    for (long i = 0; i < 45; ++i) {
        longSessions.push_back(session(start.plusDays(7 * i).toIso(), {observation("fear", 2)}));
    }

    Json document{
        {"format", "tessera.caseload"},
        {"version", 1},
        {"codebook", {{{"key", "guilt-de"}, {"label", kUtf8Label}, {"category", "self-perception"}}}},
        {"clients",
         {{{"code", "C-1"}, {"display_name", kDisplayName}, {"sessions", {c1, c2, c3}}},
          {{"code", "C-2"},
           {"sessions",
            {session("2026-02-02", {observation("fear", 3), observation("money", 1)}),
             session("2026-02-09", {observation("fear", 1), observation("money", 2), observation("guilt-de", 2)})}}},
          {{"code", "C-3"}, {"sessions", longSessions}},
          {{"code", "C-4"}}}}};
    return document.dump(2);
}

RunResult cli(const std::filesystem::path& vault, std::vector<std::string> args) {
    args.insert(args.begin(), {"--vault", vault.string()});
    return tessera::test::run(TESSERA_CLI_PATH, args, {{"TESSERA_PASSPHRASE", kPassphrase}});
}

// One vault for the whole file: creating it costs two key derivations.
struct Fixture {
    tessera::test::TempDir dir;
    std::filesystem::path vault = dir / "themes.tessera";

    Fixture() {
        const auto init = cli(vault, {"init"});
        REQUIRE(init.exitCode == 0);
        tessera::test::writeFile(dir / "caseload.json", caseloadDocument());
        const auto imported = cli(vault, {"import", (dir / "caseload.json").string()});
        INFO(imported.err);
        REQUIRE(imported.exitCode == 0);
    }
};

const std::filesystem::path& vault() {
    static const Fixture fixture;
    return fixture.vault;
}

Json jsonOf(const RunResult& result) {
    INFO(result.err);
    REQUIRE(result.exitCode == 0);
    return Json::parse(result.out);
}

const Json& themeOf(const Json& document, const std::string& key) {
    const auto& themes = document.at("themes");
    const auto it = std::find_if(themes.begin(), themes.end(), [&](const Json& t) { return t.at("theme") == key; });
    REQUIRE(it != themes.end());
    return *it;
}

std::size_t codePoints(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

std::vector<std::string> linesOf(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = text.find('\n', start);
        lines.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
        start = end == std::string::npos ? text.size() : end + 1;
    }
    return lines;
}

std::string lineWith(const std::string& text, const std::string& needle) {
    for (const auto& line : linesOf(text)) {
        if (line.find(needle) != std::string::npos) {
            return line;
        }
    }
    FAIL("no line contains " << needle << " in:\n" << text);
    return {};
}

// The column (in code points) at which `needle` starts in `line`.
std::size_t columnOf(const std::string& line, const std::string& needle) {
    const auto at = line.find(needle);
    REQUIRE(at != std::string::npos);
    return codePoints(std::string_view{line}.substr(0, at));
}

} // namespace

TEST_CASE("themes --json gives each theme's numbers, pairs and ambivalence", "[themes]") {
    const auto result = cli(vault(), {"themes", "--client", "C-1", "--json"});
    const auto document = jsonOf(result);

    CHECK(document.at("client") == "C-1");
    CHECK(document.at("from").is_null());
    CHECK(document.at("to").is_null());
    CHECK(document.at("window") == 6);
    CHECK(document.at("sessions") == Json::parse(R"([{"date": "2026-01-07", "status": "signed"},
                                                     {"date": "2026-01-14", "status": "signed"},
                                                     {"date": "2026-01-21", "status": "draft"}])"));

    // One object per codebook theme, in codebook order, with the documented keys first.
    const auto& themes = document.at("themes");
    REQUIRE(themes.size() == 21); // the 20 default themes and the imported one
    CHECK(themes.front().at("theme") == "self-blame");
    CHECK(themes.back().at("theme") == "guilt-de");
    const std::vector<std::string> firstKeys{"theme",      "label",     "category",       "sessions_present",
                                             "first_seen", "last_seen", "mean_intensity", "latest_intensity",
                                             "trend",      "series",    "quotes"};
    // Parsed once more with the key order kept (a temporary in the range-for would dangle).
    const auto ordered = nlohmann::ordered_json::parse(result.out);
    std::vector<std::string> keys;
    for (const auto& item : ordered.at("themes").front().items()) {
        keys.push_back(item.key());
    }
    REQUIRE(keys.size() >= firstKeys.size());
    CHECK(std::vector<std::string>(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(firstKeys.size())) ==
          firstKeys);

    const auto& fear = themeOf(document, "fear");
    CHECK(fear.at("label") == "Fear (incl. post-separation abuse)");
    CHECK(fear.at("category") == "barrier");
    CHECK(fear.at("series") == Json::array({1, 2, 3}));
    CHECK(fear.at("trend") == "rising");
    CHECK(fear.at("slope") == 1.0);
    CHECK(fear.at("sessions_present") == 3);
    CHECK(fear.at("first_seen") == "2026-01-07");
    CHECK(fear.at("last_seen") == "2026-01-21");
    CHECK(fear.at("mean_intensity") == 2.0);
    CHECK(fear.at("latest_intensity") == 3);
    CHECK(fear.at("current_streak") == 3);
    CHECK(fear.at("returned_after").is_null());
    CHECK(fear.at("quotes") == Json::array());

    const auto& selfBlame = themeOf(document, "self-blame");
    CHECK(selfBlame.at("series") == Json::array({3, 2, 1}));
    CHECK(selfBlame.at("trend") == "falling");
    CHECK(selfBlame.at("slope") == -1.0);
    CHECK(selfBlame.at("quotes") == Json::parse(R"([{"date": "2026-01-07", "text": "It was my fault."},
                                                    {"date": "2026-01-21", "text": "Maybe it was me."}])"));

    const auto& minimizing = themeOf(document, "minimizing");
    CHECK(minimizing.at("series") == Json::array({0, 1, 0}));
    CHECK(minimizing.at("trend") == "steady");
    CHECK(minimizing.at("mean_intensity") == 1.0);
    CHECK(minimizing.at("latest_intensity") == 0);
    CHECK(minimizing.at("current_streak") == 0);

    const auto& money = themeOf(document, "money");
    CHECK(money.at("series") == Json::array({0, 0, 0}));
    CHECK(money.at("trend") == "absent");
    CHECK(money.at("sessions_present") == 0);
    CHECK(money.at("first_seen").is_null());
    CHECK(money.at("last_seen").is_null());
    CHECK(money.at("mean_intensity").is_null());

    // Categories: the highest intensity of their themes per session.
    const auto& categories = document.at("categories");
    REQUIRE(categories.size() == 5);
    CHECK(categories[0].at("category") == "self-perception");
    CHECK(categories[0].at("series") == Json::array({3, 2, 1}));
    CHECK(categories[0].at("trend") == "falling");
    CHECK(categories[2].at("category") == "barrier");
    CHECK(categories[2].at("series") == Json::array({1, 2, 3}));
    CHECK(categories[2].at("trend") == "rising");

    // Pairs: Jaccard first, then shared sessions, then keys alphabetically.
    CHECK(document.at("co_occurrence") == Json::parse(R"([
        {"themes": ["self-blame", "fear"], "sessions": 3, "jaccard": 1.0, "lift": 1.0},
        {"themes": ["minimizing", "fear"], "sessions": 1, "jaccard": 0.333, "lift": 1.0},
        {"themes": ["self-blame", "minimizing"], "sessions": 1, "jaccard": 0.333, "lift": 1.0}])"));

    const auto& ambivalence = document.at("ambivalence");
    CHECK(ambivalence.at("stage_of_change") == Json::parse(R"({
        "leaving": [{"date": "2026-01-07", "from": null, "to": "precontemplation"},
                    {"date": "2026-01-14", "from": "precontemplation", "to": "contemplation"}],
        "safety": [{"date": "2026-01-21", "from": null, "to": "preparation"}]})"));
    CHECK(ambivalence.at("decisional_balance") == Json::parse(R"([
        {"date": "2026-01-07", "stay": 3, "leave": 1, "difference": -2},
        {"date": "2026-01-14", "stay": 2, "leave": 2, "difference": 0},
        {"date": "2026-01-21", "stay": 1, "leave": 3, "difference": 2}])"));
    CHECK(ambivalence.at("balance_trend") == "rising");
    CHECK(ambivalence.at("balance_slope") == 2.0);

    // The display name stays in the vault.
    CHECK(document.dump().find(kDisplayName) == std::string::npos);
}

TEST_CASE("themes --window and --from/--to change what the trend and series cover", "[themes]") {
    SECTION("a window of 2 sees only the last two sessions") {
        const auto document = jsonOf(cli(vault(), {"themes", "--client", "C-1", "--window", "2", "--json"}));
        CHECK(document.at("window") == 2);
        CHECK(themeOf(document, "minimizing").at("trend") == "falling"); // 1, 0
        CHECK(themeOf(document, "minimizing").at("series") == Json::array({0, 1, 0}));
        CHECK(themeOf(document, "fear").at("trend") == "rising"); // 2, 3
    }
    SECTION("a period narrows the series, the dates and the quotes") {
        const auto document =
            jsonOf(cli(vault(), {"themes", "--client", "C-1", "--from", "2026-01-14", "--to", "2026-01-21", "--json"}));
        CHECK(document.at("from") == "2026-01-14");
        CHECK(document.at("to") == "2026-01-21");
        CHECK(document.at("sessions").size() == 2);
        const auto& fear = themeOf(document, "fear");
        CHECK(fear.at("series") == Json::array({2, 3}));
        CHECK(fear.at("first_seen") == "2026-01-14");
        CHECK(fear.at("mean_intensity") == 2.5);
        CHECK(themeOf(document, "self-blame").at("quotes") ==
              Json::parse(R"([{"date": "2026-01-21", "text": "Maybe it was me."}])"));
        // The first stage inside the period counts as a change from nothing.
        CHECK(document.at("ambivalence").at("stage_of_change").at("leaving") ==
              Json::parse(R"([{"date": "2026-01-14", "from": null, "to": "contemplation"}])"));
    }
    SECTION("a period without sessions gives empty series, absent trends and no pairs") {
        const auto document = jsonOf(cli(vault(), {"themes", "--client", "C-1", "--from", "2026-02-01", "--json"}));
        CHECK(document.at("sessions") == Json::array());
        CHECK(themeOf(document, "fear").at("series") == Json::array());
        CHECK(themeOf(document, "fear").at("trend") == "absent");
        CHECK(themeOf(document, "fear").at("first_seen").is_null());
        CHECK(document.at("co_occurrence") == Json::array());
        CHECK(document.at("ambivalence").at("balance_trend") == "absent");
    }
}

TEST_CASE("themes prints a table a clinician can read", "[themes]") {
    SECTION("ranked rows with sparklines, a summary of unseen themes, pairs and ambivalence") {
        const auto result = cli(vault(), {"themes", "--client", "C-1"});
        INFO(result.out << result.err);
        REQUIRE(result.exitCode == 0);
        const auto& out = result.out;
        const auto lines = linesOf(out);
        REQUIRE_FALSE(lines.empty());
        CHECK(lines.front().find("C-1") != std::string::npos);
        CHECK(lines.front().find("2026-01-07 to 2026-01-21") != std::string::npos);
        CHECK(lines.front().find("3 sessions (1 draft)") != std::string::npos);

        // Fear (latest 3, rising) ranks above self-blame (latest 1, falling) above minimizing.
        const auto fear = out.find("Fear (incl.");
        const auto selfBlame = out.find("Self-blame ");
        const auto minimizing = out.find("Minimizing");
        REQUIRE(fear != std::string::npos);
        REQUIRE(selfBlame != std::string::npos);
        REQUIRE(minimizing != std::string::npos);
        CHECK(fear < selfBlame);
        CHECK(selfBlame < minimizing);

        const auto fearRow = lineWith(out, "Fear (incl.");
        CHECK(fearRow.find("↑ rising") != std::string::npos);
        CHECK(fearRow.find("2026-01-07 2026-01-21") != std::string::npos);
        CHECK(fearRow.find("▂▅█") != std::string::npos);
        CHECK(lineWith(out, "Self-blame ").find("↓ falling") != std::string::npos);
        CHECK(lineWith(out, "Self-blame ").find("█▅▂") != std::string::npos);
        CHECK(lineWith(out, "Minimizing").find("·▂·") != std::string::npos);
        // Columns line up whatever the trend word: the dates sit under their heading.
        const auto heading = columnOf(lineWith(out, "First seen"), "First seen");
        CHECK(columnOf(fearRow, "2026-01-07") == heading);
        CHECK(columnOf(lineWith(out, "Self-blame "), "2026-01-07") == heading);
        CHECK(columnOf(lineWith(out, "Minimizing"), "2026-01-14") == heading);

        // Themes never seen are one summary, not twenty empty rows.
        CHECK(lineWith(out, "Not seen in this period (18):").find("Self-doubt") != std::string::npos);
        CHECK(out.find("Money / finances") > out.find("Not seen in this period"));

        CHECK(out.find("3 of 3") != std::string::npos);
        CHECK(lineWith(out, "Leaving").find("precontemplation") != std::string::npos);
        CHECK(out.find("precontemplation → contemplation") != std::string::npos);
        CHECK(lineWith(out, "Decisional balance").find("↑ rising") != std::string::npos);
        CHECK(out.find(kDisplayName) == std::string::npos);
    }
    SECTION("UTF-8 labels line up with ASCII labels") {
        const auto result = cli(vault(), {"themes", "--client", "C-2"});
        REQUIRE(result.exitCode == 0);
        const auto utf8Row = lineWith(result.out, kUtf8Label);
        const auto asciiRow = lineWith(result.out, "Money / finances");
        CHECK(columnOf(utf8Row, "↑ rising") == columnOf(asciiRow, "↑ rising"));
        CHECK(columnOf(utf8Row, "·▅") == columnOf(asciiRow, "▂▅"));
        CHECK(codePoints(utf8Row) == codePoints(asciiRow));
    }
    SECTION("a client without sessions gets one line, not an empty table") {
        const auto result = cli(vault(), {"themes", "--client", "C-4"});
        CHECK(result.exitCode == 0);
        CHECK(result.out == "C-4 has no sessions yet.\n");
    }
    SECTION("a long history shows the latest sessions and says so; lines stay narrow") {
        const auto result = cli(vault(), {"themes", "--client", "C-3"});
        REQUIRE(result.exitCode == 0);
        CHECK(result.out.find("Last 26 of 45 sessions") != std::string::npos);
        const auto fearRow = lineWith(result.out, "Fear (incl.");
        std::string latest;
        for (int i = 0; i < 26; ++i) {
            latest += "▅";
        }
        CHECK(fearRow.find(latest) != std::string::npos);
        CHECK(fearRow.find(latest + "▅") == std::string::npos);
        for (const auto& line : linesOf(result.out)) {
            INFO(line);
            CHECK(codePoints(line) <= 100);
        }
    }
}

TEST_CASE("caseload counts each theme across clients, by code only", "[themes]") {
    const auto document = jsonOf(cli(vault(), {"caseload", "--json"}));
    CHECK(document.at("clients") == 4);
    CHECK(document.at("clients_with_sessions") == 3);
    CHECK(document.at("sessions") == 50);
    REQUIRE(document.at("themes").size() == 21);

    const auto& fear = themeOf(document, "fear");
    CHECK(fear.at("label") == "Fear (incl. post-separation abuse)");
    CHECK(fear.at("category") == "barrier");
    CHECK(fear.at("clients") == 3);
    CHECK(fear.at("sessions") == 50);
    CHECK(fear.at("clients_rising") == 1);
    CHECK(fear.at("clients_falling") == 1);
    CHECK(fear.at("rising_clients") == Json::array({"C-1"}));
    CHECK(fear.at("falling_clients") == Json::array({"C-2"}));

    const auto& money = themeOf(document, "money");
    CHECK(money.at("clients") == 1);
    CHECK(money.at("sessions") == 2);
    CHECK(money.at("rising_clients") == Json::array({"C-2"}));

    const auto& selfBlame = themeOf(document, "self-blame");
    CHECK(selfBlame.at("clients") == 1);
    CHECK(selfBlame.at("sessions") == 3);
    CHECK(selfBlame.at("clients_falling") == 1);

    const auto& minimizing = themeOf(document, "minimizing");
    CHECK(minimizing.at("clients") == 1);
    CHECK(minimizing.at("clients_rising") == 0);
    CHECK(minimizing.at("clients_falling") == 0);

    CHECK(themeOf(document, "moral-injury").at("clients") == 0);
    CHECK(document.dump().find(kDisplayName) == std::string::npos);

    const auto table = cli(vault(), {"caseload"});
    REQUIRE(table.exitCode == 0);
    const auto fearRow = lineWith(table.out, "Fear (incl. post-separation abuse)");
    CHECK(fearRow.find('3') != std::string::npos);
    CHECK(table.out.find("Fear (incl.") < table.out.find("Money / finances")); // 3 clients before 1
    CHECK(lineWith(table.out, "Not tagged for any client").find("Moral injury") != std::string::npos);
    CHECK(table.out.find(kDisplayName) == std::string::npos);
}

TEST_CASE("themes refuses bad input with a message and the documented exit code", "[themes]") {
    SECTION("an unknown client") {
        const auto result = cli(vault(), {"themes", "--client", "C-99"});
        CHECK(result.exitCode == 1);
        CHECK(result.err.find("There is no client C-99 in this vault.") != std::string::npos);
        CHECK(result.out.empty());
    }
    SECTION("a date that is not a date") {
        const auto result = cli(vault(), {"themes", "--client", "C-1", "--from", "2026-02-30"});
        CHECK(result.exitCode == 1);
        CHECK(result.err.find("--from") != std::string::npos);
        CHECK(result.err.find("YYYY-MM-DD") != std::string::npos);
    }
    SECTION("--from after --to") {
        const auto result = cli(vault(), {"themes", "--client", "C-1", "--from", "2026-03-01", "--to", "2026-02-01"});
        CHECK(result.exitCode == 1);
        CHECK(result.err.find("--from 2026-03-01 is after --to 2026-02-01") != std::string::npos);
    }
    SECTION("no vault") {
        const tessera::test::TempDir empty;
        const auto themes = cli(empty / "missing.tessera", {"themes", "--client", "C-1"});
        CHECK(themes.exitCode == 2);
        CHECK(themes.err.find("There is no vault") != std::string::npos);
        CHECK(cli(empty / "missing.tessera", {"caseload"}).exitCode == 2);
    }
}
