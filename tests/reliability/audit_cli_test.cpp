// tessera-cli audit and verify's check of the audit log, through the real executable.

#include "reliability_support.hpp"
#include "storage_fixtures.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

namespace fs = std::filesystem;
using namespace tessera;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {

// tessera-cli --vault VAULT ARGS..., with the test passphrase in the environment.
auto cliOn(const fs::path& vault) {
    return [vault](std::vector<std::string> args) {
        args.insert(args.begin(), {"--vault", vault.string()});
        return test::run(test::kCli, args, {{"TESSERA_PASSPHRASE", test::kPassphrase}});
    };
}

} // namespace

TEST_CASE("tessera-cli audit prints the log as a table and as JSON, and changes nothing", "[audit][cli]") {
    test::TempDir dir;
    const auto vault = dir / "v.tessera";
    const auto cli = cliOn(vault);
    REQUIRE(cli({"init"}).exitCode == 0);
    test::writeFile(dir / "c.json", core::writeCaseload(test::demoDocument(2, 3)));
    REQUIRE(cli({"import", (dir / "c.json").string()}).exitCode == 0);
    REQUIRE(cli({"export", (dir / "e.json").string()}).exitCode == 0);
    REQUIRE(cli({"backup", (dir / "b.tessera").string()}).exitCode == 0);
    const auto before = test::readFile(vault);

    const auto table = cli({"audit"});
    INFO(table.err);
    REQUIRE(table.exitCode == 0);
    CHECK_THAT(table.out, StartsWith("AT                    EVENT               OBJECT\n"));
    CHECK_THAT(table.out,
               Contains("  vault created       format " + std::to_string(tessera::storage::kSchemaVersion) + "\n"));
    CHECK_THAT(table.out, Contains("  import              2 clients, 6 sessions: D-001 D-002\n"));
    CHECK_THAT(table.out, Contains("  export              all clients, all dates, interchange JSON\n"));
    CHECK_THAT(table.out, Contains("  backup              to " + (dir / "b.tessera").string() + "\n"));
    CHECK_THAT(table.out, Contains("12 entries; latest hash "));

    const auto json = cli({"audit", "--json"});
    REQUIRE(json.exitCode == 0);
    const auto log = nlohmann::ordered_json::parse(json.out);
    REQUIRE(log.is_array());
    REQUIRE(log.size() == 12);
    std::vector<std::string> events;
    for (const auto& entry : log) {
        std::vector<std::string> keys;
        for (const auto& item : entry.items()) {
            keys.push_back(item.key());
        }
        CHECK(keys == std::vector<std::string>{"at", "event", "object"});
        events.push_back(entry["event"].get<std::string>());
    }
    // init creates and opens; import, export and backup each open first; the import seals the
    // four signed notes it wrote.
    CHECK(events == std::vector<std::string>{"vault created", "vault opened", "vault opened", "import", "note sealed",
                                             "note sealed", "note sealed", "note sealed", "vault opened", "export",
                                             "vault opened", "backup"});
    // Reading the log (and verify) opens read-only: no entry for it, no byte changed.
    CHECK(cli({"verify"}).exitCode == 0);
    CHECK(test::readFile(vault) == before);
}

TEST_CASE("verify reports an audit entry changed behind Tessera's back (exit 3)", "[audit][cli]") {
    test::TempDir dir;
    const auto vault = dir / "v.tessera";
    const std::map<std::string, std::string> env{{"TESSERA_PASSPHRASE", test::kPassphrase}};
    REQUIRE(test::run(test::kCli, {"--vault", vault.string(), "init"}, env).exitCode == 0);
    REQUIRE(test::run(test::kCli, {"--vault", vault.string(), "export", (dir / "e.json").string()}, env).exitCode == 0);
    {
        auto raw = test::openRaw(vault, test::vaultPassphrase());
        // With the triggers in place the database refuses...
        CHECK_THROWS(raw->exec("UPDATE audit_log SET object = 'nothing' WHERE event = 'export'"));
        CHECK_THROWS(raw->exec("DELETE FROM audit_log WHERE event = 'export'"));
        // ...so a tamperer drops them first.
        raw->exec("DROP TRIGGER audit_log_is_append_only_u");
        raw->exec("UPDATE audit_log SET object = 'nothing' WHERE event = 'export'");
    }
    const auto result = test::run(test::kCli, {"--vault", vault.string(), "verify"}, env);
    CHECK(result.exitCode == 3);
    CHECK_THAT(result.out, Contains("does not match its hash"));
    CHECK_THAT(result.out, Contains("audit_log_is_append_only_u"));
    CHECK_THAT(result.err, Contains("backup"));
}

TEST_CASE("verify names a signed note changed behind the triggers' back (exit 3)", "[audit][cli][seal]") {
    test::TempDir dir;
    const auto vault = dir / "v.tessera";
    const std::map<std::string, std::string> env{{"TESSERA_PASSPHRASE", test::kPassphrase}};
    REQUIRE(test::run(test::kCli, {"--vault", vault.string(), "init"}, env).exitCode == 0);
    test::writeFile(dir / "c.json", core::writeCaseload(test::demoDocument(1, 3)));
    REQUIRE(test::run(test::kCli, {"--vault", vault.string(), "import", (dir / "c.json").string()}, env).exitCode == 0);
    {
        auto raw = test::openRaw(vault, test::vaultPassphrase());
        // The report of issue 13: refused now, on a plain connection too.
        CHECK_THROWS(raw->exec("PRAGMA foreign_keys = ON; INSERT OR REPLACE INTO sessions SELECT * FROM sessions "
                               "WHERE id = 1"));
        raw->exec("DROP TRIGGER signed_sessions_are_immutable");
        raw->exec("UPDATE sessions SET psychotherapy_note = 'rewritten' WHERE id = 1");
        raw->exec("CREATE TRIGGER signed_sessions_are_immutable BEFORE UPDATE ON sessions "
                  "WHEN OLD.signed_at IS NOT NULL BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed'); END");
    }
    const auto result = test::run(test::kCli, {"--vault", vault.string(), "verify"}, env);
    CHECK(result.exitCode == 3);
    CHECK_THAT(result.out,
               Contains("signed note client D-001, session 1 (") && Contains("was changed after it was signed"));
    CHECK_THAT(result.err, Contains("backup"));
}

TEST_CASE("verify --expect-head finds a log cut short, which the chain alone cannot show", "[audit][cli]") {
    test::TempDir dir;
    const auto vault = dir / "v.tessera";
    const auto cli = cliOn(vault);
    REQUIRE(cli({"init"}).exitCode == 0);
    REQUIRE(cli({"export", (dir / "e.json").string()}).exitCode == 0);
    const auto head = cli({"audit", "--head"});
    REQUIRE(head.exitCode == 0);
    const auto hash = head.out.substr(0, 64);
    {
        // Someone with the passphrase removes the newest entries (the export) and puts the
        // triggers back: what is left is a whole chain.
        auto raw = test::openRaw(vault, test::vaultPassphrase());
        SQLite::Statement sql(*raw, "SELECT sql FROM sqlite_master WHERE name = 'audit_log_is_append_only_d'");
        REQUIRE(sql.executeStep());
        const auto trigger = sql.getColumn(0).getString();
        raw->exec("DROP TRIGGER audit_log_is_append_only_d");
        raw->exec("DELETE FROM audit_log WHERE id >= (SELECT id FROM audit_log WHERE event = 'export') - 1");
        raw->exec(trigger);
    }
    const auto plain = cli({"verify"});
    CHECK(plain.exitCode == 0);
    const auto anchored = cli({"verify", "--expect-head", hash});
    CHECK(anchored.exitCode == 3);
    CHECK_THAT(anchored.out, Contains("no entry has the hash " + hash));
}
