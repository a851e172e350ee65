// The audit log (schema version 3; seals of signed notes since 4): every change a person makes to the record leaves an
// entry with time, event and object (never note content), in the same transaction as the change; the database refuses
// to change or delete entries, and verify finds an entry altered behind its back.

#include "audit.hpp"
#include "storage_fixtures.hpp"

#include <catch2/catch.hpp>

#include <SQLiteCpp/Statement.h>

using namespace tessera;
using test::passphrase;
using Kind = storage::VaultError::Kind;

namespace {

std::vector<std::string> eventsOf(const storage::Vault& vault) {
    std::vector<std::string> events;
    for (const auto& entry : vault.auditLog()) {
        // A seal's hash depends on the time of signing: shown as <hash>.
        auto object = entry.object;
        if (const auto at = object.find(", content sha256 "); at != std::string::npos) {
            object = object.substr(0, at) + ", content sha256 <hash>";
        }
        events.push_back(entry.event + (object.empty() ? "" : ": " + object));
    }
    return events;
}

// Everything verify says about the audit log.
std::vector<std::string> auditProblems(const std::filesystem::path& path) {
    const auto vault = storage::Vault::open(path, passphrase(), storage::Access::ReadOnly);
    const auto report = vault.verify();
    std::vector<std::string> problems;
    for (const auto& problem : report.problems) {
        if (problem.rfind("audit log", 0) == 0) {
            problems.push_back(problem);
        }
    }
    CHECK(report.ok == report.problems.empty());
    return problems;
}

constexpr const char* kSecretText = "AUDIT-MARKER-never-in-the-log";

} // namespace

TEST_CASE("each command leaves one entry naming its object, never the note's content", "[audit]") {
    test::TempDir dir;
    const auto path = dir / "v.tessera";
    {
        auto vault = storage::Vault::create(path, passphrase());
        const auto client = vault.addClient({{}, "C-014", "Annabel Quist", {}});
        const auto id = vault.createSession(client, *core::Date::parse("2026-01-07"), "ambivalence-progress");
        auto session = vault.session(id);
        session.sections[0].text = kSecretText;
        session.psychotherapyNote = kSecretText;
        vault.saveDraft(session); // autosave: not an event (it would drown the log)
        vault.saveDraft(session);
        vault.signSession(id, core::Timestamp::now());
        vault.addAddendum(id, {core::Timestamp::now(), kSecretText});
        const auto draft = vault.createSession(client, *core::Date::parse("2026-01-14"), "dap");
        vault.deleteDraft(draft);
        (void)vault.importCaseload(test::demoDocument(2, 3));
        vault.recordExport("C-014", "2026-01-01..2026-03-31", "summary PDF");
        vault.recordExport("", "", "interchange JSON");
        vault.backupTo(dir / "backup.tessera");
        vault.changePassphrase(storage::Secret{"a new passphrase for the audit"});
        const auto s = std::to_string(id.value);
        const auto d = std::to_string(draft.value);
        CHECK(eventsOf(vault) == std::vector<std::string>{
                                     "vault created: format " + std::to_string(storage::kSchemaVersion),
                                     "vault opened",
                                     "client added: client C-014",
                                     "note created: client C-014, session " + s,
                                     "note signed: client C-014, session " + s + ", content sha256 <hash>",
                                     "addendum added: client C-014, session " + s,
                                     "note created: client C-014, session " + d,
                                     "draft deleted: client C-014, session " + d,
                                     "import: 2 clients, 6 sessions: D-001 D-002",
                                     // the imported signed notes, sealed as they are written
                                     "note sealed: client D-001, session 2, content sha256 <hash>",
                                     "note sealed: client D-001, session 3, content sha256 <hash>",
                                     "note sealed: client D-002, session 5, content sha256 <hash>",
                                     "note sealed: client D-002, session 6, content sha256 <hash>",
                                     "export: client C-014, 2026-01-01..2026-03-31, summary PDF",
                                     "export: all clients, all dates, interchange JSON",
                                     "backup: to " + (dir / "backup.tessera").string(),
                                     "passphrase changed",
                                 });
        for (const auto& entry : vault.auditLog()) {
            CHECK(entry.object.find(kSecretText) == std::string::npos);
            CHECK(entry.object.find("Annabel") == std::string::npos);
            CHECK(core::Timestamp::parse(entry.at).has_value());
            CHECK(entry.hash.size() == 64);
        }
        const auto report = vault.verify();
        CHECK(report.ok);
        CHECK(report.auditEntries == 17);
    }
    // The backup holds the log as it was before the backup was recorded, and its chain is whole.
    const auto backup = storage::Vault::open(dir / "backup.tessera", passphrase(), storage::Access::ReadOnly);
    CHECK(backup.auditLog().size() == 15);
    CHECK(backup.verify().ok);
    // After the passphrase change, the log (re-encrypted with every other page) still verifies.
    const auto reopened = storage::Vault::open(path, storage::Secret{"a new passphrase for the audit"});
    CHECK(reopened.auditLog().back().event == "vault opened");
    CHECK(reopened.verify().ok);
}

TEST_CASE("each entry's hash covers its predecessor's hash and its own fields", "[audit]") {
    const auto genesis = std::string{storage::detail::kAuditGenesis};
    const auto first = storage::detail::auditHash(genesis, 1, "2026-01-07T10:00:00Z", "vault opened", "");
    CHECK(first.size() == 64);
    CHECK(first == storage::detail::auditHash(genesis, 1, "2026-01-07T10:00:00Z", "vault opened", ""));
    // Any field changed, or the same bytes split between fields differently, gives another hash.
    CHECK(first != storage::detail::auditHash(genesis, 2, "2026-01-07T10:00:00Z", "vault opened", ""));
    CHECK(first != storage::detail::auditHash(genesis, 1, "2026-01-07T10:00:01Z", "vault opened", ""));
    CHECK(first != storage::detail::auditHash(genesis, 1, "2026-01-07T10:00:00Z", "vault opene", "d"));
    CHECK(first != storage::detail::auditHash(first, 1, "2026-01-07T10:00:00Z", "vault opened", ""));
}

TEST_CASE("the database refuses to change, delete or insert out of order an audit entry", "[audit]") {
    test::TempDir dir;
    const auto path = dir / "v.tessera";
    { (void)storage::Vault::create(path, passphrase()); }
    auto raw = test::openRaw(path);
    CHECK_THROWS_WITH(raw->exec("UPDATE audit_log SET event = 'nothing happened' WHERE id = 1"),
                      Catch::Contains("append-only"));
    CHECK_THROWS_WITH(raw->exec("DELETE FROM audit_log WHERE id = 2"), Catch::Contains("append-only"));
    CHECK_THROWS_WITH(raw->exec("DELETE FROM audit_log"), Catch::Contains("append-only"));
    // A new entry only at the end, linked to the last one.
    CHECK_THROWS_WITH(raw->exec("INSERT INTO audit_log(id, at, event, object, prev_hash, hash) "
                                "VALUES (1, '2026-01-01T00:00:00Z', 'x', '', 'y', 'z')"),
                      Catch::Contains("append-only"));
    CHECK_THROWS_WITH(raw->exec("INSERT INTO audit_log(id, at, event, object, prev_hash, hash) "
                                "VALUES (3, '2026-01-01T00:00:00Z', 'x', '', 'not the last hash', 'z')"),
                      Catch::Contains("append-only"));
    CHECK_THROWS_WITH(raw->exec("INSERT INTO audit_log(id, at, event, object, prev_hash, hash) "
                                "VALUES (9, '2026-01-01T00:00:00Z', 'x', '', "
                                "(SELECT hash FROM audit_log WHERE id = 2), 'z')"),
                      Catch::Contains("append-only"));
    raw.reset();
    CHECK(auditProblems(path).empty());
}

TEST_CASE("verify finds an audit entry changed, removed or forged with the triggers dropped", "[audit]") {
    test::TempDir dir;
    const auto path = dir / "v.tessera";
    {
        auto vault = storage::Vault::create(path, passphrase());
        (void)vault.importCaseload(test::demoDocument(1, 2));
        vault.recordExport("D-001", "", "summary PDF");
    }
    const auto pristine = test::readFile(path);
    REQUIRE(auditProblems(path).empty());
    const auto tamper = [&](const std::string& sql) {
        test::writeFile(path, pristine);
        auto raw = test::openRaw(path);
        raw->exec("DROP TRIGGER audit_log_is_append_only_u; DROP TRIGGER audit_log_is_append_only_d; "
                  "DROP TRIGGER audit_log_appends_at_the_end;");
        raw->exec(sql);
    };
    const auto contains = [](const std::vector<std::string>& problems, const std::string& text) {
        return std::any_of(problems.begin(), problems.end(),
                           [&](const std::string& problem) { return problem.find(text) != std::string::npos; });
    };

    SECTION("an entry's object changed") {
        tamper("UPDATE audit_log SET object = 'client D-999, 2026, summary PDF' WHERE event = 'export'");
        const auto problems = auditProblems(path);
        CHECK(contains(problems, "entry 5 ("));
        CHECK(contains(problems, "does not match its hash"));
        CHECK(contains(problems, "audit_log_is_append_only_u"));
    }
    SECTION("an entry's time changed") {
        tamper("UPDATE audit_log SET at = '2020-01-01T00:00:00Z' WHERE id = 3");
        CHECK(contains(auditProblems(path), "entry 3 (2020-01-01T00:00:00Z, import) does not match its hash"));
    }
    SECTION("an entry removed from the middle") {
        tamper("DELETE FROM audit_log WHERE id = 3");
        CHECK(contains(auditProblems(path), "entry 4 ("));
        CHECK(contains(auditProblems(path), "entries in between were removed"));
    }
    SECTION("an entry replaced by one with a correct hash of its own") {
        tamper("DELETE FROM audit_log WHERE id = 4");
        auto raw = test::openRaw(path);
        const auto forged = storage::detail::auditHash("forged", 4, "2026-01-01T00:00:00Z", "export", "nothing");
        raw->exec("INSERT INTO audit_log(id, at, event, object, prev_hash, hash) VALUES "
                  "(4, '2026-01-01T00:00:00Z', 'export', 'nothing', 'forged', '" +
                  forged + "')");
        raw.reset();
        CHECK(contains(auditProblems(path), "entry 4 (2026-01-01T00:00:00Z, export) does not link"));
    }
    SECTION("the last entries cut off") {
        // Undetectable from inside the vault alone: the chain that remains is whole. The number of
        // entries and the last hash (printed by 'tessera-cli audit') are the outside anchor.
        tamper("DELETE FROM audit_log WHERE id >= 3; CREATE TRIGGER audit_log_is_append_only_u BEFORE UPDATE "
               "ON audit_log BEGIN SELECT RAISE(ABORT, 'x'); END; CREATE TRIGGER audit_log_is_append_only_d "
               "BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'x'); END; CREATE TRIGGER "
               "audit_log_appends_at_the_end BEFORE INSERT ON audit_log WHEN 0 BEGIN SELECT 1; END;");
        CHECK(auditProblems(path).empty());
        CHECK(storage::Vault::open(path, passphrase(), storage::Access::ReadOnly).auditLog().size() == 2);
    }
}

TEST_CASE("an entry commits or rolls back with its change", "[audit]") {
    test::TempDir dir;
    const auto path = dir / "v.tessera";
    auto vault = storage::Vault::create(path, passphrase());
    const auto client = vault.addClient({{}, "C-1", "", {}});
    const auto before = vault.auditLog().size();

    SECTION("a refused change leaves no entry") {
        const auto draft = vault.createSession(client, *core::Date::parse("2026-01-07"), "dap");
        CHECK_THROWS_AS(vault.addAddendum(draft, {core::Timestamp::now(), "on a draft"}), storage::VaultError);
        vault.signSession(draft, core::Timestamp::now());
        CHECK_THROWS_AS(vault.signSession(draft, core::Timestamp::now()), storage::VaultError);
        CHECK_THROWS_AS(vault.deleteDraft(draft), storage::VaultError);
        CHECK(eventsOf(vault).size() == before + 2); // created, signed
    }
    SECTION("a change whose entry cannot be written is not made") {
        // A second connection in this process plants a trigger that makes the log refuse entries.
        {
            auto raw = test::openRaw(path);
            raw->exec("CREATE TRIGGER planted_failure BEFORE INSERT ON audit_log "
                      "WHEN NEW.event IN ('note created', 'import') "
                      "BEGIN SELECT RAISE(ABORT, 'the log cannot take this entry'); END;");
        }
        CHECK_THROWS_AS(vault.createSession(client, *core::Date::parse("2026-01-07"), "dap"), storage::VaultError);
        CHECK(vault.clientRecord(client).sessions.empty());
        CHECK_THROWS_AS(vault.importCaseload(test::demoDocument(1, 2)), storage::VaultError);
        CHECK(vault.clients().size() == 1);
        CHECK(vault.auditLog().size() == before);
    }
}

TEST_CASE("opening read-only is not recorded, opening for writing is", "[audit]") {
    test::TempDir dir;
    const auto path = dir / "v.tessera";
    { (void)storage::Vault::create(path, passphrase()); }
    { (void)storage::Vault::open(path, passphrase(), storage::Access::ReadOnly); }
    { (void)storage::Vault::open(path, passphrase()); }
    const auto vault = storage::Vault::open(path, passphrase(), storage::Access::ReadOnly);
    CHECK(eventsOf(vault) ==
          std::vector<std::string>{"vault created: format " + std::to_string(storage::kSchemaVersion), "vault opened",
                                   "vault opened"});
}
