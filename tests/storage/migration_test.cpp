// A vault written by an older Tessera opens in this one, with its data intact and migrated.

#include "storage_fixtures.hpp"

#include "tessera/storage/testing.hpp"

#include <catch2/catch.hpp>

#include <SQLiteCpp/Statement.h>

using namespace tessera;
using test::passphrase;

namespace {

// A vault of an older schema `version`, without `newTable` yet, with clients planted by raw SQL
// (`clientRows`: the VALUES of an INSERT INTO clients(id, code, display_name, created_at)).
void plantOldVault(const std::filesystem::path& path, int version, const char* newTable,
                   const std::string& clientRows) {
    storage::testing::createFileAtSchemaVersion(path, passphrase(), version);
    auto db = test::openRaw(path);
    CHECK_FALSE(db->tableExists(newTable));
    db->exec("INSERT INTO clients(id, code, display_name, created_at) VALUES " + clientRows);
}

} // namespace

TEST_CASE("a schema 1 vault (before full-text search) is migrated on open", "[migration]") {
    test::TempDir dir;
    const auto path = dir / "old.tessera";
    storage::testing::createFileAtSchemaVersion(path, passphrase(), 1);
    {
        // Write data the way the schema-1 Tessera did: no search index existed yet.
        auto db = test::openRaw(path);
        SQLite::Statement version(*db, "PRAGMA user_version");
        REQUIRE(version.executeStep());
        REQUIRE(version.getColumn(0).getInt() == 1);
        CHECK_FALSE(db->tableExists("search_index"));
        db->exec(R"sql(
            INSERT INTO clients(id, code, display_name, created_at) VALUES (1, 'C-007', 'R.', '2025-01-01T00:00:00Z');
            INSERT INTO sessions(id, client_id, date, template_id, created_at, updated_at)
              VALUES (1, 1, '2025-02-03', (SELECT id FROM templates WHERE name = 'dap'),
                      '2025-02-03T10:00:00Z', '2025-02-03T10:00:00Z');
            INSERT INTO session_sections(session_id, section_key, body)
              VALUES (1, 'data', 'Client spoke about the caravan holiday and the argument afterwards.');
            INSERT INTO observations(session_id, theme_key, intensity, quote)
              VALUES (1, 'shared-history', 2, 'We were happy on that caravan trip.');
            UPDATE sessions SET signed_at = '2025-02-03T18:00:00Z' WHERE id = 1;
            INSERT INTO addenda(session_id, at, body) VALUES (1, '2025-02-05T09:00:00Z', 'Corrected: the trip was in May.');
        )sql");
    }

    const auto vault = storage::Vault::open(path, passphrase());
    CHECK(vault.schemaVersion() == storage::kSchemaVersion);
    const auto client = vault.findClient("C-007");
    REQUIRE(client.has_value());
    const auto record = vault.clientRecord(client->id);
    REQUIRE(record.sessions.size() == 1);
    CHECK(record.sessions[0].isSigned());
    CHECK(record.sessions[0].observation("shared-history")->intensity == 2);

    // The migration indexed what was already there: section text, quote and addendum.
    const auto hits = vault.search({"caravan", std::nullopt, std::nullopt, 50});
    REQUIRE(hits.size() == 2);
    CHECK(vault.search({"trip", std::nullopt, std::nullopt, 50}).size() == 2);
    CHECK(vault.search({"corrected", std::nullopt, std::nullopt, 50}).front().field == "addendum");
    CHECK(vault.verify().ok);
}

TEST_CASE("migration happens once and is recorded, and a read-only open neither migrates nor writes", "[migration]") {
    test::TempDir dir;
    const auto path = dir / "old.tessera";
    storage::testing::createFileAtSchemaVersion(path, passphrase(), 1);
    const auto original = test::readFile(path);
    {
        const auto vault = storage::Vault::open(path, passphrase(), storage::Access::ReadOnly);
        CHECK(vault.schemaVersion() == 1);
        CHECK(vault.auditLog().empty());
        CHECK(vault.verify().ok);
    }
    CHECK(test::readFile(path) == original);
    { (void)storage::Vault::open(path, passphrase()); }
    { (void)storage::Vault::open(path, passphrase()); }
    const auto vault = storage::Vault::open(path, passphrase());
    std::vector<std::string> events;
    for (const auto& entry : vault.auditLog()) {
        events.push_back(entry.event + (entry.object.empty() ? "" : " " + entry.object));
    }
    CHECK(events == std::vector<std::string>{"vault upgraded format 1 -> " + std::to_string(storage::kSchemaVersion),
                                             "vault opened", "vault opened", "vault opened"});
    CHECK(vault.verify().ok);
}

TEST_CASE("a schema 2 vault (before the audit log) is migrated with its data, search and a new log", "[migration]") {
    test::TempDir dir;
    const auto path = dir / "v2.tessera";
    storage::testing::createFileAtSchemaVersion(path, passphrase(), 2);
    {
        // Data as the schema-2 Tessera wrote it: the search index is kept by its triggers.
        auto db = test::openRaw(path);
        CHECK(db->tableExists("search_index"));
        CHECK_FALSE(db->tableExists("audit_log"));
        db->exec(R"sql(
            INSERT INTO clients(id, code, display_name, created_at) VALUES (1, 'C-021', '', '2025-03-01T00:00:00Z');
            INSERT INTO sessions(id, client_id, date, template_id, created_at, updated_at)
              VALUES (1, 1, '2025-03-04', (SELECT id FROM templates WHERE name = 'birp'),
                      '2025-03-04T10:00:00Z', '2025-03-04T10:00:00Z');
            INSERT INTO session_sections(session_id, section_key, body)
              VALUES (1, 'behavior', 'Spoke of the allotment and the quarrel over the greenhouse.');
            INSERT INTO observations(session_id, theme_key, intensity, quote)
              VALUES (1, 'keeping-the-peace', 3, 'I just let him have the greenhouse.');
            UPDATE sessions SET signed_at = '2025-03-04T18:00:00Z' WHERE id = 1;
        )sql");
    }
    {
        const auto vault = storage::Vault::open(path, passphrase());
        CHECK(vault.schemaVersion() == storage::kSchemaVersion);
        const auto client = vault.findClient("C-021");
        REQUIRE(client.has_value());
        const auto record = vault.clientRecord(client->id);
        REQUIRE(record.sessions.size() == 1);
        CHECK(record.sessions[0].isSigned());
        CHECK(vault.search({"greenhouse", std::nullopt, std::nullopt, 50}).size() == 2);
        const auto log = vault.auditLog();
        REQUIRE(log.size() == 3);
        // The new log starts with the seal of the signed note (format 4 and later), then the upgrade.
        CHECK(log[0].event == "note sealed");
        CHECK_THAT(log[0].object, Catch::StartsWith("client C-021, session 1, content sha256 "));
        CHECK(log[1].event == "vault upgraded");
        CHECK(log[1].object == "format 2 -> " + std::to_string(storage::kSchemaVersion));
        CHECK(log[2].event == "vault opened");
        const auto report = vault.verify();
        CHECK(report.ok);
        CHECK(report.auditEntries == 3);
    }
    // The migrated vault is a complete current vault: the log's triggers protect it.
    auto db = test::openRaw(path);
    SQLite::Statement version(*db, "PRAGMA user_version");
    REQUIRE(version.executeStep());
    CHECK(version.getColumn(0).getInt() == storage::kSchemaVersion);
    CHECK_THROWS(db->exec("DELETE FROM audit_log"));
}

TEST_CASE("a schema 3 vault is migrated to 4: its signed notes are sealed, its drafts are not", "[migration]") {
    test::TempDir dir;
    const auto path = dir / "v3.tessera";
    storage::testing::createFileAtSchemaVersion(path, passphrase(), 3);
    {
        // As the schema-3 Tessera wrote it: "note signed" entries without a content hash.
        auto db = test::openRaw(path);
        db->exec(R"sql(
            INSERT INTO clients(id, code, display_name, created_at) VALUES (1, 'C-031', '', '2025-04-01T00:00:00Z');
            INSERT INTO sessions(id, client_id, date, template_id, created_at, updated_at)
              VALUES (1, 1, '2025-04-02', (SELECT id FROM templates WHERE name = 'dap'),
                      '2025-04-02T10:00:00Z', '2025-04-02T10:00:00Z'),
                     (2, 1, '2025-04-09', (SELECT id FROM templates WHERE name = 'dap'),
                      '2025-04-09T10:00:00Z', '2025-04-09T10:00:00Z');
            INSERT INTO session_sections(session_id, section_key, body)
              VALUES (1, 'data', 'Talked about the boat.'), (2, 'data', 'A draft.');
            INSERT INTO balance_items(session_id, side, reason, weight) VALUES (1, 'stay', 'the boat', 2);
            UPDATE sessions SET signed_at = '2025-04-02T18:00:00Z' WHERE id = 1;
        )sql");
    }
    {
        const auto vault = storage::Vault::open(path, passphrase());
        CHECK(vault.schemaVersion() == storage::kSchemaVersion);
        std::vector<std::string> events;
        for (const auto& entry : vault.auditLog()) {
            events.push_back(entry.event + (entry.object.empty() ? "" : ": " + entry.object.substr(0, 40)));
        }
        CHECK(events == std::vector<std::string>{
                            "vault created: format 3", "note sealed: client C-031, session 1, content sha256 ",
                            "vault upgraded: format 3 -> " + std::to_string(storage::kSchemaVersion), "vault opened"});
        CHECK(vault.verify().ok);
    }
    // The seal holds: the note changed behind the triggers' back is named by verify.
    {
        auto db = test::openRaw(path);
        CHECK_THROWS(db->exec("UPDATE balance_items SET weight = 3 WHERE session_id = 1"));
        db->exec("DROP TRIGGER signed_balance_update");
        db->exec("UPDATE balance_items SET weight = 3 WHERE session_id = 1");
        db->exec("CREATE TRIGGER signed_balance_update BEFORE UPDATE ON balance_items BEGIN SELECT 1; END");
    }
    const auto report = storage::Vault::open(path, passphrase(), storage::Access::ReadOnly).verify();
    CHECK_FALSE(report.ok);
    REQUIRE(report.problems.size() == 1);
    CHECK_THAT(report.problems[0], Catch::Contains("client C-031, session 1 (2025-04-02) was changed after it"));
}

TEST_CASE("a new vault starts its audit log with its creation", "[migration]") {
    test::TempDir dir;
    const auto vault = storage::Vault::create(dir / "v.tessera", passphrase());
    const auto log = vault.auditLog();
    REQUIRE(log.size() == 2);
    CHECK(log[0].event == "vault created");
    CHECK(log[0].object == "format " + std::to_string(storage::kSchemaVersion));
    CHECK(log[1].event == "vault opened");
}

TEST_CASE("a schema 3 vault gains the case formulation table - the formulation is stored with when it changed",
          "[migration]") {
    test::TempDir dir;
    const auto path = dir / "v3.tessera";
    plantOldVault(path, 3, "client_formulations", "(1, 'C-030', '', '2025-03-01T00:00:00Z')");
    auto vault = storage::Vault::open(path, passphrase());
    CHECK(vault.schemaVersion() == storage::kSchemaVersion);
    const auto client = vault.findClient("C-030");
    REQUIRE(client.has_value());
    CHECK(vault.clientRecord(client->id).client.formulation.empty());
    CHECK_FALSE(vault.formulationChangedAt(client->id));

    vault.setFormulation(client->id, "Presenting: confusion after years of blame.\nGoal: a safe space.\n\n");
    CHECK(vault.clientRecord(client->id).client.formulation ==
          "Presenting: confusion after years of blame.\nGoal: a safe space.");
    const auto changed = vault.formulationChangedAt(client->id);
    REQUIRE(changed.has_value());
    const auto entries = vault.auditLog().size();
    vault.setFormulation(client->id, "Presenting: confusion after years of blame.\nGoal: a safe space.");
    CHECK(vault.auditLog().size() == entries); // unchanged text: nothing written
    CHECK(vault.auditLog().back().event == "case formulation changed");
    CHECK(vault.auditLog().back().object == "client C-030");
    vault.setFormulation(client->id, "  ");
    CHECK(vault.clientRecord(client->id).client.formulation.empty());
    CHECK_FALSE(vault.formulationChangedAt(client->id));
}

TEST_CASE("a schema 5 vault gains the not-identifying words - they are kept per client, once each, across opens",
          "[migration]") {
    test::TempDir dir;
    const auto path = dir / "v5.tessera";
    plantOldVault(path, 5, "not_identifying",
                  "(1, 'C-050', '', '2025-03-01T00:00:00Z'), (2, 'C-051', '', '2025-03-01T00:00:00Z')");
    core::ClientId first;
    core::ClientId second;
    {
        auto vault = storage::Vault::open(path, passphrase());
        CHECK(vault.schemaVersion() == storage::kSchemaVersion);
        first = vault.findClient("C-050")->id;
        second = vault.findClient("C-051")->id;
        CHECK(vault.notIdentifying(first).empty());

        const auto revision = vault.revision();
        vault.markNotIdentifying(first, "  Sunday ");
        CHECK(vault.revision() > revision);
        vault.markNotIdentifying(first, "Gestalt");
        vault.markNotIdentifying(first, "SUNDAY"); // the same word: nothing new
        CHECK(vault.notIdentifying(first) == std::vector<std::string>{"Sunday", "Gestalt"});
        CHECK(vault.notIdentifying(second).empty()); // one client's review is not another's

        const auto refused = [&](std::string_view word) {
            try {
                vault.markNotIdentifying(first, word);
            } catch (const storage::VaultError& error) {
                CHECK(error.kind() == storage::VaultError::Kind::Refused);
                CHECK(std::string{error.what()}.find("nothing was changed") != std::string::npos);
                return true;
            }
            return false;
        };
        CHECK(refused("   "));
        CHECK(refused("two\nlines"));
        CHECK(refused(std::string(101, 'x')));
        CHECK_THROWS_AS(vault.markNotIdentifying(core::ClientId{99}, "Sunday"), storage::VaultError);
        CHECK(vault.notIdentifying(first).size() == 2);
    }
    const auto reopened = storage::Vault::open(path, passphrase(), storage::Access::ReadOnly);
    CHECK(reopened.notIdentifying(first) == std::vector<std::string>{"Sunday", "Gestalt"});
}

TEST_CASE("a schema 6 vault gains the table of where the clinician was - nothing is remembered yet", "[migration]") {
    test::TempDir dir;
    const auto path = dir / "v6.tessera";
    plantOldVault(path, 6, "workspace_place", "(1, 'C-060', '', '2025-03-01T00:00:00Z')");
    auto vault = storage::Vault::open(path, passphrase());
    CHECK(vault.schemaVersion() == storage::kSchemaVersion);
    CHECK(vault.lastPlace() == storage::WorkspacePlace{});
    vault.awaitPageCheck();
    const auto client = vault.findClient("C-060");
    REQUIRE(client.has_value());
    vault.rememberPlace({client->id, std::nullopt, "search"});
    CHECK(vault.lastPlace() == storage::WorkspacePlace{client->id, std::nullopt, "search"});
    CHECK(vault.verify().ok);
}

TEST_CASE("a schema 7 vault gains the personal dictionary, its words kept across lock and unlock", "[migration]") {
    test::TempDir dir;
    const auto path = dir / "v7.tessera";
    plantOldVault(path, 7, "personal_words", "(1, 'C-070', '', '2025-03-01T00:00:00Z')");
    {
        auto vault = storage::Vault::open(path, passphrase());
        CHECK(vault.schemaVersion() == storage::kSchemaVersion);
        CHECK(vault.personalWords().empty());
        const auto revision = vault.revision();
        vault.addPersonalWord(" Okafor ");
        CHECK(vault.revision() > revision);
        vault.addPersonalWord("Wexcombe");
        vault.addPersonalWord("OKAFOR"); // the same word without case: nothing new
        CHECK(vault.personalWords() == std::vector<std::string>{"Okafor", "Wexcombe"});
        for (const std::string& word :
             std::vector<std::string>{"", "   ", "two words", "line\nbreak", std::string(101, 'x')}) {
            INFO(word);
            try {
                vault.addPersonalWord(word);
                FAIL("accepted");
            } catch (const storage::VaultError& error) {
                CHECK(error.kind() == storage::VaultError::Kind::Refused);
                CHECK(std::string{error.what()}.find("nothing was changed") != std::string::npos);
            }
        }
        vault.removePersonalWord("wexcombe");
        vault.removePersonalWord("never added");
        CHECK(vault.personalWords() == std::vector<std::string>{"Okafor"});
        CHECK(vault.verify().ok);
    }
    // Locked (closed) and unlocked again: the word is still there, and only inside the vault.
    auto reopened = storage::Vault::open(path, passphrase());
    CHECK(reopened.personalWords() == std::vector<std::string>{"Okafor"});
    CHECK(test::readFile(path).find("Okafor") == std::string::npos);
}

TEST_CASE("a schema 8 vault gains the session's time of day - old seals hold, a time is sealed with its note",
          "[migration][time]") {
    // The schema before the time of day (renumbered with its migration in schema.cpp).
    constexpr int kBeforeSessionTime = 8;
    test::TempDir dir;
    const auto path = dir / "v8.tessera";
    storage::testing::createFileAtSchemaVersion(path, passphrase(), kBeforeSessionTime);
    {
        auto db = test::openRaw(path);
        CHECK_THROWS(db->exec("SELECT time_of_day FROM sessions"));
        db->exec(
            "INSERT INTO clients(id, code, display_name, created_at) VALUES (1, 'C-070', '', '2025-03-01T00:00:00Z')");
    }
    core::SessionId untimed;
    core::SessionId early;
    core::SessionId late;
    {
        auto vault = storage::Vault::open(path, passphrase());
        CHECK(vault.schemaVersion() == storage::kSchemaVersion);
        vault.awaitPageCheck();
        const auto client = vault.findClient("C-070")->id;
        const auto day = *core::Date::parse("2025-03-04");

        // A note signed without a time: sealed as before.
        untimed = vault.createSession(client, day, "dap");
        CHECK_FALSE(vault.session(untimed).time.has_value());
        vault.signSession(untimed, core::Timestamp::now());

        // Two more that day, with times, saved out of order: read back by time, the untimed first.
        late = vault.createSession(client, day, "dap");
        early = vault.createSession(client, day, "dap");
        for (const auto& [id, time] : {std::pair{late, "16:00"}, std::pair{early, "09:30"}}) {
            auto session = vault.session(id);
            session.time = core::TimeOfDay::parse(time);
            vault.saveDraft(session);
        }
        CHECK(vault.session(early).time == core::TimeOfDay::parse("09:30"));
        std::vector<core::SessionId> order;
        for (const auto& session : vault.clientRecord(client).sessions) {
            order.push_back(session.id);
        }
        CHECK(order == std::vector<core::SessionId>{untimed, early, late});
        vault.signSession(early, core::Timestamp::now());
        CHECK(vault.verify().ok);
    }

    // The time is part of what is sealed: changed behind the triggers' back, verify names the note.
    {
        auto db = test::openRaw(path);
        CHECK_THROWS(db->exec("UPDATE sessions SET time_of_day = '10:30' WHERE id = " + std::to_string(early.value)));
        CHECK_THROWS(db->exec("UPDATE sessions SET time_of_day = '25:00' WHERE id = " + std::to_string(late.value)));
        db->exec("DROP TRIGGER signed_sessions_are_immutable");
        db->exec("UPDATE sessions SET time_of_day = '10:30' WHERE id = " + std::to_string(early.value));
        db->exec("UPDATE sessions SET time_of_day = '08:00' WHERE id = " + std::to_string(untimed.value));
        db->exec("CREATE TRIGGER signed_sessions_are_immutable BEFORE UPDATE ON sessions BEGIN SELECT 1; END");
    }
    const auto report = storage::Vault::open(path, passphrase(), storage::Access::ReadOnly).verify();
    CHECK_FALSE(report.ok);
    REQUIRE(report.problems.size() == 2); // a time added to a note sealed without one is caught too
    CHECK_THAT(report.problems[0], Catch::Contains("session " + std::to_string(untimed.value)));
    CHECK_THAT(report.problems[1], Catch::Contains("session " + std::to_string(early.value)));
}
