// tessera-cli through the real executable, as a clinician's script or IT person would use it:
// every command, every exit code (docs/cli.md), and what happens to the files on disk.
// Each test works in its own temporary folder. Opening a vault derives a key (~0.1-0.3 s), so
// tests share invocations where they can.

#include "test_support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <filesystem>
#include <map>
#include <string>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using Catch::Matchers::Matches;
using Catch::Matchers::StartsWith;
using Json = nlohmann::ordered_json;
using tessera::test::fileContains;
using tessera::test::readFile;
using tessera::test::RunResult;
using tessera::test::TempDir;
using tessera::test::writeFile;

namespace {

const fs::path kCli{TESSERA_CLI_PATH};
constexpr const char* kPassphrase = "correct horse battery staple";
constexpr std::size_t kPageSize = 4096;

// One vault in its own temporary folder, and tessera-cli run on it.
struct Cli {
    TempDir dir;
    fs::path vault = dir / "vault.tessera";
    std::map<std::string, std::string> env{{"TESSERA_PASSPHRASE", kPassphrase}};

    // tessera-cli --vault VAULT ARGS..., with `env` plus `extraEnv`.
    [[nodiscard]] RunResult run(std::vector<std::string> args, const std::map<std::string, std::string>& extraEnv = {},
                                const fs::path& vaultPath = {}) const {
        args.insert(args.begin(), {"--vault", (vaultPath.empty() ? vault : vaultPath).string()});
        auto environment = env;
        for (const auto& [name, value] : extraEnv) {
            environment[name] = value;
        }
        return tessera::test::run(kCli, args, environment);
    }

    // Like run(), for a command that must succeed; returns what it printed on stdout.
    std::string ok(const std::vector<std::string>& args) const {
        const auto result = run(args);
        INFO("stderr: " << result.err);
        REQUIRE(result.exitCode == 0);
        return result.out;
    }

    // Writes a file into the test's folder and returns its path.
    fs::path file(const std::string& name, const std::string& content) const {
        auto path = dir / name;
        writeFile(path, content);
        return path;
    }
};

// Runs tessera-cli with exactly these arguments and environment (no --vault added).
RunResult runRaw(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {}) {
    return tessera::test::run(kCli, args, env);
}

unsigned permissions(const fs::path& path) {
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return static_cast<unsigned>(info.st_mode) & 0777U;
}

// A caseload with every kind of text search looks at (sections, quotes, addenda), a theme the
// default codebook lacks, a psychotherapy note (never searched) and a client without sessions.
// Each distinctive word is also a marker that must never appear in a vault or backup in clear.
constexpr const char* kCaseload = R"({
  "format": "tessera.caseload",
  "version": 1,
  "codebook": [
    {"key": "gaslighting", "label": "Gaslighting", "category": "relationship",
     "description": "The partner denies what the client saw or heard."}
  ],
  "clients": [
    {
      "code": "C-014",
      "display_name": "Annabel Quist",
      "redact": ["Marcus", {"term": "Lily", "as": "[child]"}],
      "sessions": [
        {
          "date": "2026-01-07", "time": "14:30", "duration_minutes": 50, "template": "ambivalence-progress",
          "sections": {
            "presenting": "Client described the weekend trip to the lighthouse, the long drive home in silence and the argument about money that followed once they were back.",
            "plan": "Continue the decisional balance next week."
          },
          "observations": [
            {"theme": "am-i-the-bad-one", "intensity": 3, "quote": "Am I the bad one?"},
            {"theme": "gaslighting", "intensity": 2, "quote": "He said the broken teacup never happened."}
          ],
          "stage_of_change": {"leaving": "contemplation"},
          "decisional_balance": [{"side": "stay", "reason": "the children", "weight": 3}],
          "psychotherapy_note": "Countertransference: I felt protective; an albatross image came to mind.",
          "signed_at": "2026-01-07T18:20:00Z",
          "addenda": [{"at": "2026-01-09T09:00:00Z", "text": "Client phoned about the ferry timetable for the handover."}]
        },
        {
          "date": "2026-01-14", "template": "dap",
          "sections": {"data": "Client arrived late, full of self-blame: am I too much for everyone, she asked.",
                       "plan": "Review the safety plan."},
          "observations": [{"theme": "self-blame", "intensity": 2}]
        }
      ]
    },
    {
      "code": "C-015",
      "sessions": [
        {"date": "2026-01-08",
         "sections": {"presenting": "Lighthouse. The lighthouse again: the lighthouse where they met."},
         "observations": [{"theme": "shared-history", "intensity": 3}]}
      ]
    },
    {"code": "C-016"}
  ]
})";

const std::vector<std::string> kMarkers{"lighthouse", "broken teacup", "ferry timetable", "albatross", "Annabel Quist"};

// A vault holding kCaseload.
void initWithCaseload(const Cli& cli) {
    cli.ok({"init"});
    const auto file = cli.file("caseload.json", kCaseload);
    cli.ok({"import", file.string()});
}

Json parseJson(const std::string& text) {
    INFO(text);
    REQUIRE(Json::accept(text));
    return Json::parse(text);
}

// Flips `count` bytes of the file at `offset`.
void damage(const fs::path& path, std::size_t offset, std::size_t count) {
    auto bytes = readFile(path);
    REQUIRE(offset + count <= bytes.size());
    for (std::size_t i = offset; i < offset + count; ++i) {
        bytes[i] = static_cast<char>(~static_cast<unsigned char>(bytes[i]));
    }
    writeFile(path, bytes);
}

} // namespace

// ---- init and passphrases ---------------------------------------------------------------------

TEST_CASE("init creates a vault only its owner can read, and never overwrites a file", "[cli][init]") {
    Cli cli;
    const auto created = cli.run({"init"});
    INFO(created.err);
    REQUIRE(created.exitCode == 0);
    CHECK_THAT(created.out, Contains("Created a new vault"));
    REQUIRE(fs::is_regular_file(cli.vault));
    CHECK(permissions(cli.vault) == 0600U);
    CHECK(fs::file_size(cli.vault) % kPageSize == 0);
    CHECK_THAT(cli.ok({"clients"}), Contains("No clients yet"));

    const auto before = readFile(cli.vault);
    const auto again = cli.run({"init"});
    CHECK(again.exitCode == 1);
    CHECK_THAT(again.err, Contains("already exists"));
    CHECK(readFile(cli.vault) == before);

    // Nor any other file that happens to be at the path.
    const auto notes = cli.file("notes.txt", "my notes\n");
    const auto onText = cli.run({"init"}, {}, notes);
    CHECK(onText.exitCode == 1);
    CHECK(readFile(notes) == "my notes\n");
}

TEST_CASE("init refuses a passphrase shorter than 8 characters", "[cli][init]") {
    Cli cli;
    const auto result = cli.run({"init"}, {{"TESSERA_PASSPHRASE", "seven77"}});
    CHECK(result.exitCode == 1);
    CHECK_THAT(result.err, Contains("at least 8 characters"));
    CHECK_FALSE(fs::exists(cli.vault));
    // Counted in characters, not bytes: three Japanese characters are 9 bytes but 3 characters.
    const auto japanese = cli.run({"init"}, {{"TESSERA_PASSPHRASE", "\xE5\xAF\x86\xE7\xA0\x81\xE3\x81\xA0"}});
    CHECK(japanese.exitCode == 1);
    CHECK_THAT(japanese.err, Contains("too short: 3 characters"));
    CHECK_FALSE(fs::exists(cli.vault));
}

TEST_CASE("init and passphrase refuse a guessable passphrase and say why", "[cli][init][passphrase]") {
    Cli cli;
    struct Case {
        const char* passphrase;
        const char* why;
    };
    for (const auto& [passphrase, why] :
         {Case{"12345678", "a common word"}, Case{"aaaaaaaa", "repeated characters"},
          Case{"password1", "a common word with digits"}, Case{"aaaaaaaaaaaaaaaaaaaaaaaaaa", "repeated characters"},
          Case{"        ", "repeated characters"}, Case{"vault.tessera2026", "the vault's name"}}) {
        CAPTURE(passphrase);
        const auto result = cli.run({"init"}, {{"TESSERA_PASSPHRASE", passphrase}});
        CHECK(result.exitCode == 1);
        CHECK_THAT(result.err, Contains("too guessable: ") && Contains(why) && Contains("add another word or two") &&
                                   Contains("rated 3 of 4 or better"));
        CHECK_FALSE(fs::exists(cli.vault));
    }
    REQUIRE(cli.run({"init"}).exitCode == 0);
    const auto weak = cli.run({"passphrase"}, {{"TESSERA_NEW_PASSPHRASE", "password1"}});
    CHECK(weak.exitCode == 1);
    CHECK_THAT(weak.err, Contains("too guessable: a common word with digits"));
    CHECK(cli.run({"clients"}).exitCode == 0); // the old passphrase still opens it
    CHECK_THAT(cli.ok({"audit"}), !Contains("passphrase changed"));
}

TEST_CASE("Without a passphrase and without a terminal, the CLI says how to give one", "[cli][passphrase]") {
    Cli cli;
    cli.env.clear(); // no TESSERA_PASSPHRASE; run() starts the child without a terminal
    const auto init = cli.run({"init"});
    CHECK(init.exitCode == 1);
    CHECK_THAT(init.err, Contains("TESSERA_PASSPHRASE") && Contains("--passphrase-file"));
    CHECK_FALSE(fs::exists(cli.vault));

    cli.env["TESSERA_PASSPHRASE"] = kPassphrase;
    cli.ok({"init"});
    cli.env.clear();
    const auto open = cli.run({"clients"});
    CHECK(open.exitCode == 1);
    CHECK_THAT(open.err, Contains("TESSERA_PASSPHRASE"));
}

TEST_CASE("A passphrase file gives the first line, and TESSERA_PASSPHRASE takes precedence over it",
          "[cli][passphrase]") {
    Cli cli;
    cli.env.clear();
    const auto right = cli.file("passphrase.txt", std::string{kPassphrase} + "\nsecond line is ignored\n");
    const auto wrong = cli.file("wrong.txt", "not the passphrase\n");
    const auto empty = cli.file("empty.txt", "");
    for (const auto& file : {right, wrong, empty}) {
        fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write); // 0600, as docs/cli.md asks
    }

    REQUIRE(cli.run({"--passphrase-file", right.string(), "init"}).exitCode == 0);
    CHECK(cli.run({"--passphrase-file", right.string(), "clients"}).exitCode == 0);
    // The option may also follow the command.
    CHECK(cli.run({"clients", "--passphrase-file", right.string()}).exitCode == 0);
    CHECK(cli.run({"--passphrase-file", wrong.string(), "clients"}).exitCode == 2);

    const auto emptyFile = cli.run({"--passphrase-file", empty.string(), "clients"});
    CHECK(emptyFile.exitCode == 1);
    CHECK_THAT(emptyFile.err, Contains("empty"));
    const auto missingFile = cli.run({"--passphrase-file", (cli.dir / "nope.txt").string(), "clients"});
    CHECK(missingFile.exitCode == 1);
    CHECK_THAT(missingFile.err, Contains("nope.txt"));

    // The environment variable wins over the file (for automation that sets it).
    CHECK(cli.run({"--passphrase-file", wrong.string(), "clients"}, {{"TESSERA_PASSPHRASE", kPassphrase}}).exitCode ==
          0);
}

TEST_CASE("A passphrase file that group or others can read is refused, as ssh refuses such a key",
          "[cli][passphrase]") {
    Cli cli;
    REQUIRE(cli.run({"init"}).exitCode == 0);
    cli.env.clear();
    const auto file = cli.file("passphrase.txt", std::string{kPassphrase} + "\n");
    for (const auto mode : {0644U, 0640U, 0604U, 0620U, 0602U}) {
        CAPTURE(mode);
        REQUIRE(::chmod(file.c_str(), static_cast<mode_t>(mode)) == 0);
        const auto result = cli.run({"--passphrase-file", file.string(), "clients"});
        CHECK(result.exitCode == 1);
        CHECK_THAT(result.err, Contains("are too open") && Contains("chmod 600 " + file.string()));
        CHECK(result.out.empty());
        // the same for the new passphrase of 'passphrase'
        const auto change =
            cli.run({"passphrase", "--new-passphrase-file", file.string()}, {{"TESSERA_PASSPHRASE", kPassphrase}});
        CHECK(change.exitCode == 1);
        CHECK_THAT(change.err, Contains("are too open"));
    }
    for (const auto mode : {0600U, 0400U}) {
        CAPTURE(mode);
        REQUIRE(::chmod(file.c_str(), static_cast<mode_t>(mode)) == 0);
        CHECK(cli.run({"--passphrase-file", file.string(), "clients"}).exitCode == 0);
    }
}

TEST_CASE("init creates every missing folder of the vault's path private (0700), and leaves existing ones",
          "[cli][init]") {
    Cli cli;
    fs::create_directory(cli.dir / "existing");
    fs::permissions(cli.dir / "existing", fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                              fs::perms::others_read | fs::perms::others_exec);
    const auto vault = cli.dir / "existing" / "a" / "b" / "v.tessera";
    const auto created = cli.run({"init"}, {}, vault);
    INFO(created.err);
    REQUIRE(created.exitCode == 0);
    CHECK(permissions(cli.dir / "existing") == 0755U);
    CHECK(permissions(cli.dir / "existing" / "a") == 0700U);
    CHECK(permissions(cli.dir / "existing" / "a" / "b") == 0700U);
    CHECK(permissions(vault) == 0600U);
    // A path through a file is refused with a message, and nothing is created.
    const auto notes = cli.file("notes.txt", "x");
    const auto throughFile = cli.run({"init"}, {}, notes / "v.tessera");
    CHECK(throughFile.exitCode == 1);
    CHECK_THAT(throughFile.err, Contains("notes.txt"));
}

TEST_CASE("audit --head prints the newest hash - verify --expect-head fails once the log lacks it",
          "[cli][audit][verify]") {
    Cli cli;
    initWithCaseload(cli);
    const auto head = cli.ok({"audit", "--head"});
    REQUIRE(head.size() == 65);
    CHECK_THAT(head, Matches("[0-9a-f]{64}\n"));
    // The same hash ends the table's last line.
    CHECK_THAT(cli.ok({"audit"}), Contains("latest hash " + head));
    const auto hash = head.substr(0, 64);

    // Later entries do not matter: the kept entry is still in the chain.
    cli.ok({"export", (cli.dir / "e.json").string()});
    CHECK_THAT(cli.ok({"verify", "--expect-head", hash}), StartsWith("ok"));
    CHECK(cli.ok({"audit", "--head"}) != head);

    // A hash the log never held: exit 3, saying what it means.
    std::string other = hash;
    other[0] = other[0] == '0' ? '1' : '0';
    const auto missing = cli.run({"verify", "--expect-head", other});
    CHECK(missing.exitCode == 3);
    CHECK_THAT(missing.out, Contains("no entry has the hash " + other) && Contains("rewritten or cut short"));

    // Not a hash at all: a usage error before any passphrase is asked for.
    const auto malformed = cli.run({"verify", "--expect-head", "abc"});
    CHECK(malformed.exitCode == 1);
    CHECK_THAT(malformed.err, Contains("64 hexadecimal digits"));
}

TEST_CASE("Without --vault the vault is TESSERA_VAULT, else under XDG_DATA_HOME, else under HOME", "[cli][init]") {
    TempDir dir;
    const std::map<std::string, std::string> base{{"TESSERA_PASSPHRASE", kPassphrase},
                                                  {"HOME", (dir / "home").string()}};
    auto with = [&](std::map<std::string, std::string> extra) {
        extra.insert(base.begin(), base.end());
        return extra;
    };

    SECTION("$HOME/.local/share") {
        REQUIRE(runRaw({"init"}, base).exitCode == 0);
        const auto vault = dir / "home" / ".local" / "share" / "tessera" / "vault.tessera";
        CHECK(fs::is_regular_file(vault));
        CHECK(permissions(vault.parent_path()) == 0700U); // the folder Tessera created is private
    }
    SECTION("$XDG_DATA_HOME") {
        const auto env = with({{"XDG_DATA_HOME", (dir / "data").string()}});
        REQUIRE(runRaw({"init"}, env).exitCode == 0);
        CHECK(fs::is_regular_file(dir / "data" / "tessera" / "vault.tessera"));
        CHECK_FALSE(fs::exists(dir / "home"));
        CHECK(runRaw({"clients"}, env).exitCode == 0);
    }
    SECTION("$TESSERA_VAULT wins over $XDG_DATA_HOME, and --vault over both") {
        const auto env =
            with({{"XDG_DATA_HOME", (dir / "data").string()}, {"TESSERA_VAULT", (dir / "mine.tessera").string()}});
        REQUIRE(runRaw({"init"}, env).exitCode == 0);
        CHECK(fs::is_regular_file(dir / "mine.tessera"));
        CHECK_FALSE(fs::exists(dir / "data"));
        const auto missing = runRaw({"--vault", (dir / "other.tessera").string(), "clients"}, env);
        CHECK(missing.exitCode == 2);
        CHECK_THAT(missing.err, Contains("other.tessera"));
    }
}

TEST_CASE("passphrase changes the passphrase: the old one stops working, the new one works", "[cli][passphrase]") {
    Cli cli;
    initWithCaseload(cli);
    const auto clientsBefore = cli.ok({"clients"});
    const std::string fresh = "a new passphrase of five words";

    const auto tooShort = cli.run({"passphrase"}, {{"TESSERA_NEW_PASSPHRASE", "short"}});
    CHECK(tooShort.exitCode == 1);
    CHECK_THAT(tooShort.err, Contains("at least 8"));

    const auto changed = cli.run({"passphrase"}, {{"TESSERA_NEW_PASSPHRASE", fresh}});
    INFO(changed.err);
    REQUIRE(changed.exitCode == 0);
    CHECK_THAT(changed.out, Contains("was changed"));

    const auto old = cli.run({"clients"});
    CHECK(old.exitCode == 2);
    CHECK(old.out.empty());
    const auto now = cli.run({"clients"}, {{"TESSERA_PASSPHRASE", fresh}});
    CHECK(now.exitCode == 0);
    CHECK(now.out == clientsBefore);
}

// ---- demo and clients -------------------------------------------------------------------------

TEST_CASE("demo fills a fresh vault and clients lists it as a table and as JSON", "[cli][demo][clients]") {
    Cli cli;
    const auto demo = cli.run({"demo", "--clients", "3", "--sessions", "5"});
    INFO(demo.err);
    REQUIRE(demo.exitCode == 0);
    CHECK_THAT(demo.out, Contains("3 demo clients and 15 sessions"));
    CHECK(permissions(cli.vault) == 0600U);

    const auto table = cli.ok({"clients"});
    CHECK_THAT(table, StartsWith("CLIENT"));
    CHECK_THAT(table, Contains("D-001") && Contains("D-002") && Contains("D-003"));
    CHECK_THAT(table, !Contains("D-004"));
    CHECK_THAT(table, !Contains("K.")); // display names only with --names

    const auto json = parseJson(cli.ok({"clients", "--json"}));
    REQUIRE(json.is_array());
    REQUIRE(json.size() == 3);
    for (std::size_t i = 0; i < json.size(); ++i) {
        const auto& client = json[i];
        std::vector<std::string> keys;
        for (const auto& [key, value] : client.items()) {
            keys.push_back(key);
        }
        CHECK(keys == std::vector<std::string>{"code", "sessions", "first_session", "last_session"});
        CHECK(client["code"] == "D-00" + std::to_string(i + 1));
        CHECK(client["sessions"] == 5);
        const auto first = client["first_session"].get<std::string>();
        const auto last = client["last_session"].get<std::string>();
        CHECK_THAT(first, Matches("\\d{4}-\\d{2}-\\d{2}"));
        CHECK_THAT(last, Matches("\\d{4}-\\d{2}-\\d{2}"));
        CHECK(first < last);
    }
}

TEST_CASE("demo is reproducible: the same seed gives the same caseload", "[cli][demo]") {
    Cli a;
    Cli b;
    a.ok({"demo", "--clients", "2", "--sessions", "6", "--seed", "42"});
    b.ok({"demo", "--clients", "2", "--sessions", "6", "--seed", "42"});
    a.ok({"export", (a.dir / "a.json").string()});
    b.ok({"export", (b.dir / "b.json").string()});
    CHECK(readFile(a.dir / "a.json") == readFile(b.dir / "b.json"));

    Cli c;
    c.ok({"demo", "--clients", "2", "--sessions", "6", "--seed", "43"});
    c.ok({"export", (c.dir / "c.json").string()});
    CHECK(readFile(c.dir / "c.json") != readFile(a.dir / "a.json"));
}

TEST_CASE("demo refuses impossible sizes and clients that already exist", "[cli][demo]") {
    Cli cli;
    CHECK(cli.run({"demo", "--clients", "0"}).exitCode == 1);
    CHECK_FALSE(fs::exists(cli.vault));
    cli.ok({"demo", "--clients", "1", "--sessions", "2"});
    const auto before = cli.ok({"clients", "--json"});
    const auto again = cli.run({"demo", "--clients", "1", "--sessions", "2"});
    CHECK(again.exitCode == 1);
    CHECK_THAT(again.err, Contains("D-001") && Contains("already exists"));
    CHECK(cli.ok({"clients", "--json"}) == before);
}

// ---- import -----------------------------------------------------------------------------------

TEST_CASE("import adds the file's clients, sessions and new themes", "[cli][import]") {
    Cli cli;
    cli.ok({"init"});
    const auto file = cli.file("caseload.json", kCaseload);
    const auto imported = cli.run({"import", file.string()});
    INFO(imported.err);
    REQUIRE(imported.exitCode == 0);
    CHECK_THAT(imported.out, Contains("Imported 3 clients, 3 sessions and 4 observations"));
    CHECK_THAT(imported.out, Contains("1 new themes"));

    const auto json = parseJson(cli.ok({"clients", "--json"}));
    const auto expected = Json::parse(R"([
      {"code": "C-014", "sessions": 2, "first_session": "2026-01-07", "last_session": "2026-01-14"},
      {"code": "C-015", "sessions": 1, "first_session": "2026-01-08", "last_session": "2026-01-08"},
      {"code": "C-016", "sessions": 0, "first_session": null, "last_session": null}])");
    CHECK(json == expected);

    // The export carries everything that was imported, including the new theme.
    const auto exported = cli.dir / "export.json";
    cli.ok({"export", exported.string()});
    const auto document = Json::parse(readFile(exported));
    bool hasGaslighting = false;
    for (const auto& theme : document["codebook"]) {
        hasGaslighting = hasGaslighting || theme["key"] == "gaslighting";
    }
    CHECK(hasGaslighting);
    const auto& session = document["clients"][0]["sessions"][0];
    CHECK(session["psychotherapy_note"] == "Countertransference: I felt protective; an albatross image came to mind.");
    CHECK(session["addenda"][0]["text"] == "Client phoned about the ferry timetable for the handover.");
    CHECK(session["template_version"] == 1);
    CHECK(document["clients"][0]["redact"] == Json::parse(R"(["Marcus", {"term": "Lily", "as": "[child]"}])"));
}

TEST_CASE("An invalid import is refused as a whole, says where, and writes nothing", "[cli][import]") {
    Cli cli;
    initWithCaseload(cli);
    const auto clientsBefore = cli.ok({"clients", "--json"});
    const auto exportBefore = cli.dir / "before.json";
    cli.ok({"export", exportBefore.string()});

    struct Case {
        std::string name;
        std::string json;
        std::vector<std::string> mentions; // what stderr must name
    };
    // A valid new client C-020 first, then the broken part: all or nothing.
    const auto withSession = [](const std::string& session) {
        return R"({"format": "tessera.caseload", "version": 1, "clients": [
                   {"code": "C-020", "sessions": [{"date": "2026-02-02", "observations": [{"theme": "fear", "intensity": 1}]}]},
                   {"code": "C-021", "sessions": [)" +
               session + "]}]}";
    };
    const std::vector<Case> cases{
        {"not JSON", "{\"format\": \"tessera.caseload\",\n \"version\": 1,\n \"clients\": [}\n", {"line 3", "JSON"}},
        {"wrong format", R"({"format": "something.else", "version": 1})", {"format", "not a Tessera caseload"}},
        {"unsupported version", R"({"format": "tessera.caseload", "version": 2})", {"version 2", "not supported"}},
        {"missing code",
         R"({"format": "tessera.caseload", "version": 1, "clients": [{"display_name": "X"}]})",
         {"clients[0]", "\"code\" is missing"}},
        {"missing date",
         withSession(R"({"duration_minutes": 50})"),
         {"client C-021", "sessions[0]", "\"date\" is missing"}},
        {"redaction of the wrong type",
         R"({"format": "tessera.caseload", "version": 1, "clients": [{"code": "C-022", "redact": [42]}]})",
         {"client C-022", "redact[0]", "found a whole number"}},
        {"malformed date", withSession(R"({"date": "2026-02-30"})"), {"client C-021", "date", "2026-02-30"}},
        {"intensity as text",
         withSession(R"({"date": "2026-02-03", "observations": [{"theme": "fear", "intensity": "high"}]})"),
         {"client C-021", "session 2026-02-03", "intensity"}},
        {"intensity 4",
         withSession(R"({"date": "2026-02-03", "observations": [{"theme": "fear", "intensity": 4}]})"),
         {"client C-021", "session 2026-02-03", "observations[0].intensity", "outside 0-3"}},
        {"unknown theme",
         withSession(R"({"date": "2026-02-03", "observations": [{"theme": "no-such-theme", "intensity": 1}]})"),
         {"client C-021", "session 2026-02-03", "observations[0].theme", "no-such-theme"}},
        {"unknown template",
         withSession(R"({"date": "2026-02-03", "template": "freestyle"})"),
         {"client C-021", "session 2026-02-03", "template", "freestyle"}},
        {"section not in the template",
         withSession(R"({"date": "2026-02-03", "template": "soap", "sections": {"presenting": "x"}})"),
         {"client C-021", "session 2026-02-03", "sections.presenting"}},
        {"unknown stage",
         withSession(R"({"date": "2026-02-03", "stage_of_change": {"leaving": "unknown"}})"),
         {"client C-021", "session 2026-02-03", "stage_of_change.leaving"}},
        {"unknown side",
         withSession(
             R"({"date": "2026-02-03", "decisional_balance": [{"side": "maybe", "reason": "x", "weight": 1}]})"),
         {"client C-021", "session 2026-02-03", "side", "maybe"}},
        {"client code in use",
         R"({"format": "tessera.caseload", "version": 1, "clients": [{"code": "C-020"}, {"code": "C-014"}]})",
         {"client C-014", "already exists"}},
    };
    for (const auto& bad : cases) {
        CAPTURE(bad.name);
        const auto file = cli.file("bad.json", bad.json);
        const auto result = cli.run({"import", file.string()});
        CHECK(result.exitCode == 1);
        CHECK_THAT(result.err, Contains("nothing was written"));
        for (const auto& mention : bad.mentions) {
            CHECK_THAT(result.err, Contains(mention));
        }
        CHECK(result.out.empty());
    }
    const auto missing = cli.run({"import", (cli.dir / "missing.json").string()});
    CHECK(missing.exitCode == 1);
    CHECK_THAT(missing.err, Contains("missing.json"));

    // Nothing of any attempt reached the vault, not even the valid client C-020.
    CHECK(cli.ok({"clients", "--json"}) == clientsBefore);
    const auto exportAfter = cli.dir / "after.json";
    cli.ok({"export", exportAfter.string()});
    CHECK(readFile(exportAfter) == readFile(exportBefore));
}

// ---- export -----------------------------------------------------------------------------------

TEST_CASE("export writes private JSON and replaces a file only with --force", "[cli][export]") {
    Cli cli;
    cli.ok({"demo", "--clients", "1", "--sessions", "3"});
    const auto out = cli.dir / "caseload.json";
    const auto exported = cli.run({"export", out.string()});
    REQUIRE(exported.exitCode == 0);
    CHECK_THAT(exported.out, Contains("Exported 1 clients and 3 sessions"));
    CHECK_THAT(exported.err, Contains("NOT encrypted"));
    CHECK(permissions(out) == 0600U);
    const auto document = parseJson(readFile(out));
    CHECK(document["format"] == "tessera.caseload");
    CHECK(document["version"] == 1);
    CHECK(document["clients"][0]["code"] == "D-001");

    writeFile(out, "an older export\n");
    const auto refused = cli.run({"export", out.string()});
    CHECK(refused.exitCode == 1);
    CHECK_THAT(refused.err, Contains("--force"));
    CHECK(readFile(out) == "an older export\n");

    CHECK(cli.run({"export", out.string(), "--force"}).exitCode == 0);
    CHECK(permissions(out) == 0600U);
    CHECK(parseJson(readFile(out)) == document);

    const auto noFolder = cli.run({"export", (cli.dir / "no" / "such" / "folder.json").string()});
    CHECK(noFolder.exitCode == 1);
    CHECK_THAT(noFolder.err, Contains("does not exist"));
}

TEST_CASE("export -> import into a new vault -> export gives a byte-identical file", "[cli][export][import]") {
    Cli first;
    first.ok({"demo", "--clients", "3", "--sessions", "8"});
    const auto file = first.file("caseload.json", kCaseload);
    first.ok({"import", file.string()}); // adds a custom theme and a client without sessions
    const auto a = first.dir / "a.json";
    first.ok({"export", a.string()});

    Cli second;
    second.ok({"init"});
    second.ok({"import", a.string()});
    const auto b = second.dir / "b.json";
    second.ok({"export", b.string()});
    CHECK(readFile(a) == readFile(b));
    CHECK(second.ok({"clients"}) == first.ok({"clients"}));
    // The session's time of day made the round trip; a de-identified summary never shows it.
    CHECK(readFile(a).find("\"time\": \"14:30\"") != std::string::npos);
    const auto summary = second.dir / "summary.md";
    second.ok({"summary", "--client", "C-014", "--format", "md", "--out", summary.string()});
    CHECK(readFile(summary).find("14:30") == std::string::npos);
}

// ---- search -----------------------------------------------------------------------------------

TEST_CASE("search finds section text, quotes and addenda, best match first", "[cli][search]") {
    Cli cli;
    initWithCaseload(cli);

    SECTION("plain output names client, date and field") {
        const auto out = cli.ok({"search", "lighthouse"});
        CHECK_THAT(out, Contains("C-014  2026-01-07  section:presenting"));
        CHECK_THAT(out, Contains("C-015  2026-01-08  section:presenting"));
        CHECK_THAT(out, Contains("[lighthouse]"));
    }
    SECTION("--json: client, date, field, snippet; the denser match first") {
        const auto hits = parseJson(cli.ok({"search", "lighthouse", "--json"}));
        REQUIRE(hits.size() == 2);
        for (const auto& hit : hits) {
            std::vector<std::string> keys;
            for (const auto& [key, value] : hit.items()) {
                keys.push_back(key);
            }
            CHECK(keys == std::vector<std::string>{"client", "date", "field", "snippet"});
        }
        CHECK(hits[0]["client"] == "C-015"); // three mentions in a short text
        CHECK(hits[1]["client"] == "C-014"); // one mention in a longer text
        CHECK_THAT(hits[0]["snippet"].get<std::string>(), Contains("[lighthouse]"));
    }
    SECTION("--client keeps one client's notes") {
        const auto hits = parseJson(cli.ok({"search", "lighthouse", "--client", "C-014", "--json"}));
        REQUIRE(hits.size() == 1);
        CHECK(hits[0]["client"] == "C-014");
        CHECK(hits[0]["date"] == "2026-01-07");
        const auto unknown = cli.run({"search", "lighthouse", "--client", "C-999"});
        CHECK(unknown.exitCode == 1);
        CHECK_THAT(unknown.err, Contains("C-999"));
    }
    SECTION("a quote") {
        const auto hits = parseJson(cli.ok({"search", "teacup", "--json"}));
        REQUIRE(hits.size() == 1);
        CHECK(hits[0]["field"] == "quote:gaslighting");
        CHECK(hits[0]["client"] == "C-014");
    }
    SECTION("an addendum") {
        const auto hits = parseJson(cli.ok({"search", "ferry", "--json"}));
        REQUIRE(hits.size() == 1);
        CHECK(hits[0]["field"] == "addendum");
        CHECK(hits[0]["date"] == "2026-01-07");
    }
    SECTION("punctuation and a quoted phrase are words, not query syntax") {
        const auto result = cli.run({"search", "self-blame \"am I\"", "--json"});
        INFO(result.err);
        REQUIRE(result.exitCode == 0);
        const auto hits = parseJson(result.out);
        REQUIRE(hits.size() == 1);
        CHECK(hits[0]["date"] == "2026-01-14");
        CHECK(hits[0]["field"] == "section:data");
        for (const std::string odd : {"AND OR (", "NEAR(a b)", "*", "\"unbalanced", "don't"}) {
            CAPTURE(odd);
            CHECK(cli.run({"search", odd}).exitCode == 0);
        }
    }
    SECTION("no match is a friendly message, not an error; psychotherapy notes are never searched") {
        const auto result = cli.run({"search", "albatross"});
        CHECK(result.exitCode == 0);
        CHECK_THAT(result.out, Contains("Nothing matches \"albatross\""));
        CHECK(result.err.empty());
        CHECK(parseJson(cli.ok({"search", "albatross", "--json"})) == Json::array());
    }
}

// ---- verify, damage and refusals ----------------------------------------------------------------

TEST_CASE("verify says ok for a good vault and exit 3 when a page in the middle is damaged", "[cli][verify]") {
    Cli cli;
    cli.ok({"demo"}); // the full demo: a vault of many pages
    const auto good = cli.run({"verify"});
    CHECK(good.exitCode == 0);
    CHECK_THAT(good.out, StartsWith("ok"));

    const auto size = fs::file_size(cli.vault);
    REQUIRE(size >= 16 * kPageSize);
    const auto offset = static_cast<std::size_t>(size / 2) / kPageSize * kPageSize + 100;
    damage(cli.vault, offset, 16);
    const auto damaged = readFile(cli.vault);

    const auto result = cli.run({"verify"});
    CHECK(result.exitCode == 3);
    CHECK_THAT(result.out, !StartsWith("ok"));
    CHECK_THAT(result.err, Contains("backup"));
    CHECK(readFile(cli.vault) == damaged); // verify changes nothing
}

TEST_CASE("A vault cut short in the middle of a page is reported damaged (exit 3)", "[cli][verify]") {
    Cli cli;
    cli.ok({"demo", "--clients", "2", "--sessions", "6"});
    const auto bytes = readFile(cli.vault);
    REQUIRE(bytes.size() > 2 * kPageSize);
    const auto cut = bytes.substr(0, bytes.size() - kPageSize - 1000);
    writeFile(cli.vault, cut);
    for (const char* command : {"clients", "verify"}) {
        CAPTURE(command);
        const auto result = cli.run({command});
        CHECK(result.exitCode == 3);
        CHECK_THAT(result.err, Contains("damaged"));
        CHECK(result.out.empty());
    }
    CHECK(readFile(cli.vault) == cut);
}

TEST_CASE("A wrong passphrase is exit 2 and changes no byte of the vault", "[cli][open]") {
    Cli cli;
    initWithCaseload(cli);
    const auto before = readFile(cli.vault);
    for (const char* command : {"clients", "verify", "passphrase"}) {
        CAPTURE(command);
        const auto result = cli.run({command}, {{"TESSERA_PASSPHRASE", "not the right passphrase"},
                                                {"TESSERA_NEW_PASSPHRASE", "another long passphrase"}});
        CHECK(result.exitCode == 2);
        CHECK_THAT(result.err, Contains("passphrase does not open"));
        CHECK(result.out.empty());
        CHECK(readFile(cli.vault) == before);
    }
    CHECK(cli.run({"clients"}).exitCode == 0);
}

TEST_CASE("Files that are not vaults, and a missing vault, are exit 2 and left alone", "[cli][open]") {
    Cli cli;
    const auto text = cli.file("notes.txt", "Session notes, typed in plain text.\nSecond line.\n");
    const auto empty = cli.file("empty.tessera", "");
    const auto sqlite = cli.file("plain.db", std::string("SQLite format 3\0", 16) + std::string(kPageSize - 16, '\0'));
    fs::create_directory(cli.dir / "folder.tessera");

    struct Case {
        fs::path path;
        std::string message;
    };
    for (const auto& [path, message] : std::vector<Case>{{text, "not a Tessera vault"},
                                                         {empty, "not a Tessera vault"},
                                                         {sqlite, "not a Tessera vault"},
                                                         {cli.dir / "folder.tessera", "not a Tessera vault"},
                                                         {cli.dir / "missing.tessera", "no vault"}}) {
        CAPTURE(path);
        const auto before = fs::exists(path) && fs::is_regular_file(path) ? readFile(path) : std::string{};
        const auto result = cli.run({"clients"}, {}, path);
        CHECK(result.exitCode == 2);
        CHECK_THAT(result.err, Contains(message));
        if (fs::is_regular_file(path)) {
            CHECK(readFile(path) == before);
        }
    }
    CHECK_FALSE(fs::exists(cli.dir / "missing.tessera"));
}

TEST_CASE("A vault open in another process is exit 4", "[cli][open]") {
    Cli cli;
    cli.ok({"init"});
    // Tessera holds an exclusive flock on an open vault; hold it here as another process would.
    const int fd = ::open(cli.vault.c_str(), O_RDONLY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
    const auto busy = cli.run({"clients"});
    ::close(fd);
    CHECK(busy.exitCode == 4);
    CHECK_THAT(busy.err, Contains("open in another"));
    CHECK(cli.run({"clients"}).exitCode == 0);
}

// ---- backup -------------------------------------------------------------------------------------

TEST_CASE("backup writes an encrypted copy that opens with the same passphrase", "[cli][backup]") {
    Cli cli;
    initWithCaseload(cli);
    const auto out = cli.dir / "backup.tessera";
    const auto backup = cli.run({"backup", out.string()});
    INFO(backup.err);
    REQUIRE(backup.exitCode == 0);
    CHECK_THAT(backup.out, Contains("encrypted backup"));
    REQUIRE(fs::is_regular_file(out));

    const auto original = cli.ok({"clients", "--json"});
    const auto copy = cli.run({"clients", "--json"}, {}, out);
    CHECK(copy.exitCode == 0);
    CHECK(copy.out == original);
    CHECK(cli.run({"clients"}, {{"TESSERA_PASSPHRASE", "not the right passphrase"}}, out).exitCode == 2);

    // No note, quote, addendum, psychotherapy note or name is readable in the files...
    for (const auto& marker : kMarkers) {
        CAPTURE(marker);
        CHECK_FALSE(fileContains(out, marker));
        CHECK_FALSE(fileContains(cli.vault, marker));
        if (fs::exists(cli.vault.string() + "-wal")) {
            CHECK_FALSE(fileContains(cli.vault.string() + "-wal", marker));
        }
    }
    // ...though they are there: the (unencrypted) export holds every one of them.
    const auto exported = cli.dir / "export.json";
    cli.ok({"export", exported.string()});
    for (const auto& marker : kMarkers) {
        CAPTURE(marker);
        CHECK(fileContains(exported, marker));
    }

    const auto backupBytes = readFile(out);
    const auto again = cli.run({"backup", out.string()});
    CHECK(again.exitCode == 1);
    CHECK_THAT(again.err, Contains("already exists"));
    CHECK(readFile(out) == backupBytes);

    const auto noFolder = cli.run({"backup", (cli.dir / "no-such-folder" / "b.tessera").string()});
    CHECK(noFolder.exitCode == 1);
    CHECK_THAT(noFolder.err, Contains("does not exist"));
}

TEST_CASE("A backup the system refuses to write is exit 5 and leaves nothing behind", "[cli][backup]") {
    Cli cli;
    cli.ok({"init"});
    // Nobody, not even root, can create a file in /proc.
    const fs::path target{"/proc/tessera-cli-test-backup.tessera"};
    const auto result = cli.run({"backup", target.string()});
    CHECK(result.exitCode == 5);
    CHECK_FALSE(result.err.empty());
    CHECK_FALSE(fs::exists(target));
    CHECK(cli.run({"verify"}).exitCode == 0);
}

// ---- help and usage -----------------------------------------------------------------------------

TEST_CASE("The --help option works on the top level and on every command", "[cli][help]") {
    const std::vector<std::string> commands{"init", "import", "export", "clients",   "search",
                                            "demo", "verify", "backup", "passphrase"};
    const auto top = runRaw({"--help"});
    CHECK(top.exitCode == 0);
    CHECK_THAT(top.out, Contains("Usage: tessera-cli"));
    CHECK_THAT(top.out, Contains("Exit codes"));
    for (const auto& command : commands) {
        CAPTURE(command);
        CHECK_THAT(top.out, Contains("  " + command + " "));
        const auto help = runRaw({command, "--help"});
        CHECK(help.exitCode == 0);
        CHECK_THAT(help.out, Contains("Usage: tessera-cli " + command));
    }
    CHECK_THAT(runRaw({"search", "--help"}).out, Contains("--client") && Contains("--json"));
    CHECK_THAT(runRaw({"demo", "--help"}).out, Contains("--seed"));
}

TEST_CASE("Unknown commands, unknown options and missing arguments are exit 1", "[cli][help]") {
    const std::vector<std::vector<std::string>> calls{
        {},         {"frobnicate"}, {"clients", "--bogus"},        {"--bogus", "clients"},          {"search"},
        {"import"}, {"backup"},     {"demo", "--clients", "many"}, {"search", "x", "--limit", "0"},
    };
    for (const auto& args : calls) {
        CAPTURE(args);
        const auto result = runRaw(args, {{"TESSERA_PASSPHRASE", kPassphrase}});
        CHECK(result.exitCode == 1);
        CHECK_FALSE(result.err.empty());
    }
}
