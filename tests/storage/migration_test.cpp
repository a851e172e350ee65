// A vault written by an older Tessera opens in this one, with its data intact and migrated.

#include "storage_fixtures.hpp"

#include <catch2/catch.hpp>

#include <SQLiteCpp/Statement.h>

using namespace tessera;
using test::passphrase;

TEST_CASE("a schema 1 vault (before full-text search) is migrated on open", "[migration]") {
    test::TempDir dir;
    const auto path = dir / "old.tessera";
    storage::Vault::createFileAtSchemaVersion(path, passphrase(), 1);
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

TEST_CASE("migration happens once, and reopening a migrated vault changes nothing", "[migration]") {
    test::TempDir dir;
    const auto path = dir / "old.tessera";
    storage::Vault::createFileAtSchemaVersion(path, passphrase(), 1);
    { (void)storage::Vault::open(path, passphrase()); }
    const auto after = test::readFile(path);
    { (void)storage::Vault::open(path, passphrase()); }
    CHECK(test::readFile(path) == after);
}
