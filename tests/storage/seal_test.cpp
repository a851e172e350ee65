// Signed notes sealed (issue 13, schema version 4). Raw SQL on a keyed connection, as someone
// holding the passphrase and the sqlcipher shell would write it: what the database refuses, and
// what it cannot refuse but verify then finds, naming the session.

#include "audit.hpp"
#include "seal.hpp"
#include "storage_fixtures.hpp"

#include <catch2/catch.hpp>

#include <SQLiteCpp/Statement.h>

#include <algorithm>

using namespace tessera;
using test::passphrase;

namespace {

using SignedNote = test::SignedAndDraft;

std::string withIds(std::string sql, const SignedNote& note) {
    for (const auto& [marker, value] : {std::pair{std::string{"SIGNED"}, note.signedId}, {"DRAFT", note.draftId}}) {
        for (auto at = sql.find(marker); at != std::string::npos; at = sql.find(marker)) {
            sql.replace(at, marker.size(), std::to_string(value));
        }
    }
    return sql;
}

storage::VerifyReport verifyReport(const std::filesystem::path& path) {
    return storage::Vault::open(path, passphrase(), storage::Access::ReadOnly).verify();
}

bool names(const storage::VerifyReport& report, const std::string& text) {
    return std::any_of(report.problems.begin(), report.problems.end(),
                       [&](const std::string& problem) { return problem.find(text) != std::string::npos; });
}

// Every trigger's CREATE statement, to put them back after dropping them.
std::vector<std::string> triggerSql(SQLite::Database& db) {
    std::vector<std::string> sql;
    SQLite::Statement query(db, "SELECT sql FROM sqlite_master WHERE type = 'trigger'");
    while (query.executeStep()) {
        sql.push_back(query.getColumn(0).getString());
    }
    return sql;
}

void dropTriggers(SQLite::Database& db) {
    std::vector<std::string> triggerNames;
    SQLite::Statement query(db, "SELECT name FROM sqlite_master WHERE type = 'trigger'");
    while (query.executeStep()) {
        triggerNames.push_back(query.getColumn(0).getString());
    }
    for (const auto& name : triggerNames) {
        db.exec("DROP TRIGGER " + name);
    }
}

} // namespace

TEST_CASE("REPLACE and UPSERT of a signed note or its parts are refused, whatever the connection's settings",
          "[seal]") {
    test::TempDir dir;
    const auto path = dir / "v.tessera";
    const auto note = test::writeSignedAndDraft(path);
    const auto before = test::readFile(path);
    // A plain keyed connection (no recursive triggers, no foreign keys: the sqlcipher shell's
    // defaults), and one set up as Tessera's own, with foreign keys and recursive triggers on.
    const bool tesseraConnection = GENERATE(false, true);
    auto db = test::openRaw(path);
    if (tesseraConnection) {
        storage::detail::configureConnection(*db);
    }
    // const char*, not std::string: clang-tidy's suspicious-missing-comma check then sees that
    // most entries are literals written over two lines, all deliberately.
    const auto statement = GENERATE(values<const char*>({
        // the report of issue 13: deletes the row without its delete trigger, then cascades
        "INSERT OR REPLACE INTO sessions SELECT * FROM sessions WHERE id = SIGNED",
        "REPLACE INTO sessions(id, client_id, date, template_id, created_at, updated_at) "
        "SELECT id, client_id, '2020-01-01', template_id, created_at, updated_at FROM sessions WHERE id = SIGNED",
        "INSERT INTO sessions SELECT * FROM sessions WHERE id = SIGNED "
        "ON CONFLICT(id) DO UPDATE SET psychotherapy_note = 'rewritten'",
        "INSERT OR REPLACE INTO session_sections(session_id, section_key, body) "
        "SELECT session_id, section_key, 'rewritten' FROM session_sections WHERE session_id = SIGNED",
        // a draft's row taking the id of a signed note's row
        "INSERT OR REPLACE INTO session_sections(id, session_id, section_key, body) "
        "SELECT id, DRAFT, 'x-' || section_key, 'moved' FROM session_sections WHERE session_id = SIGNED",
        "INSERT INTO session_sections(session_id, section_key, body) "
        "SELECT session_id, section_key, 'rewritten' FROM session_sections WHERE session_id = SIGNED "
        "ON CONFLICT(session_id, section_key) DO UPDATE SET body = excluded.body",
        "INSERT OR REPLACE INTO observations(session_id, theme_key, intensity) VALUES (SIGNED, 'self-blame', 0)",
        "INSERT OR REPLACE INTO observations(id, session_id, theme_key, intensity) "
        "SELECT id, DRAFT, theme_key, 0 FROM observations WHERE session_id = SIGNED",
        "INSERT INTO observations(session_id, theme_key, intensity) VALUES (SIGNED, 'self-blame', 0) "
        "ON CONFLICT(session_id, theme_key) DO UPDATE SET intensity = 0",
        "INSERT OR REPLACE INTO balance_items(id, session_id, side, reason, weight) "
        "SELECT id, DRAFT, side, reason, 1 FROM balance_items WHERE session_id = SIGNED",
        "INSERT OR REPLACE INTO templates SELECT * FROM templates WHERE id = "
        "(SELECT template_id FROM sessions WHERE id = SIGNED)",
    }));
    const auto sql = withIds(statement, note);
    INFO(sql << (tesseraConnection ? " (Tessera's connection settings)" : " (plain connection)"));
    CHECK_THROWS_AS(db->exec(sql), SQLite::Exception);
    db.reset();
    CHECK(verifyReport(path).ok);
    CHECK(test::readFile(path) == before);
}

TEST_CASE("a signed note changed with the triggers dropped and re-created: verify names the session", "[seal]") {
    test::TempDir dir;
    const auto path = dir / "v.tessera";
    const auto note = test::writeSignedAndDraft(path);
    const auto edit = GENERATE(values<std::string>({
        "UPDATE session_sections SET body = 'rewritten' WHERE session_id = SIGNED AND body <> ''",
        "DELETE FROM session_sections WHERE session_id = SIGNED AND body = ''",
        "INSERT INTO session_sections(session_id, section_key, body) VALUES (SIGNED, 'later', 'added')",
        "UPDATE observations SET intensity = 3 WHERE session_id = SIGNED",
        "UPDATE observations SET quote = 'It is his fault.' WHERE session_id = SIGNED",
        "INSERT INTO observations(session_id, theme_key, intensity) VALUES (SIGNED, 'fear', 1)",
        "DELETE FROM observations WHERE session_id = SIGNED",
        "UPDATE balance_items SET weight = 3 WHERE session_id = SIGNED",
        "UPDATE balance_items SET side = 'leave' WHERE session_id = SIGNED",
        "UPDATE sessions SET stage_leaving = 'action' WHERE id = SIGNED",
        "UPDATE sessions SET stage_safety = 'action' WHERE id = SIGNED",
        "UPDATE sessions SET psychotherapy_note = 'rewritten' WHERE id = SIGNED",
        "UPDATE sessions SET date = '2026-01-08' WHERE id = SIGNED",
        "UPDATE sessions SET duration_minutes = 90 WHERE id = SIGNED",
        "UPDATE sessions SET signed_at = '2026-02-01T00:00:00Z' WHERE id = SIGNED",
        // the report of issue 13, on a plain connection with foreign keys on and no triggers
        "PRAGMA foreign_keys = ON; INSERT OR REPLACE INTO sessions SELECT * FROM sessions WHERE id = SIGNED",
    }));
    auto db = test::openRaw(path);
    const auto triggers = triggerSql(*db);
    dropTriggers(*db);
    db->exec(withIds(edit, note));
    for (const auto& sql : triggers) {
        db->exec(sql);
    }
    db.reset();
    INFO(edit);
    const auto report = verifyReport(path);
    CHECK_FALSE(report.ok);
    CHECK(names(report, "signed note client C-1, session " + std::to_string(note.signedId) + " (20"));
    CHECK(names(report, "was changed after it was signed"));
}

TEST_CASE("a signed note deleted and written again, or sealed a second time: verify names the session", "[seal]") {
    test::TempDir dir;
    const auto path = dir / "v.tessera";
    const auto note = test::writeSignedAndDraft(path);
    const auto id = std::to_string(note.signedId);
    auto db = test::openRaw(path);
    const auto triggers = triggerSql(*db);
    dropTriggers(*db);

    SECTION("deleted, and written again unchanged under a new id") {
        db->exec("CREATE TEMP TABLE kept AS SELECT * FROM sessions WHERE id = " + id);
        db->exec("CREATE TEMP TABLE kept_sections AS SELECT * FROM session_sections WHERE session_id = " + id);
        db->exec("PRAGMA foreign_keys = ON; DELETE FROM addenda WHERE session_id = " + id +
                 "; DELETE FROM sessions WHERE id = " + id);
        db->exec("INSERT INTO sessions SELECT 100, client_id, date, duration_minutes, template_id, stage_leaving, "
                 "stage_safety, psychotherapy_note, created_at, updated_at, signed_at, time_of_day FROM temp.kept");
        db->exec("INSERT INTO session_sections(session_id, section_key, body) "
                 "SELECT 100, section_key, body FROM temp.kept_sections");
        for (const auto& sql : triggers) {
            db->exec(sql);
        }
        db.reset();
        const auto report = verifyReport(path);
        CHECK_FALSE(report.ok);
        CHECK(names(report, "signed note client C-1, session 100 (2026-01-07) has no seal"));
        CHECK(names(report, "seals session " + id + ", which is no longer a signed note"));
    }
    SECTION("changed, then sealed again at the end of the chain (which the log's triggers allow)") {
        db->exec("UPDATE session_sections SET body = 'rewritten' WHERE session_id = " + id + " AND body <> ''");
        for (const auto& sql : triggers) {
            db->exec(sql);
        }
        storage::detail::appendAudit(*db, storage::audit_event::kNoteSealed,
                                     storage::detail::sealObject(*db, core::SessionId{note.signedId}));
        db.reset();
        const auto report = verifyReport(path);
        CHECK_FALSE(report.ok);
        CHECK(names(report, "signed note client C-1, session " + id + " (2026-01-07) is sealed more than once"));
    }
}

TEST_CASE("the seal covers the note's content, and only its content", "[seal]") {
    test::TempDir dir;
    const auto path = dir / "v.tessera";
    const auto note = test::writeSignedAndDraft(path);
    auto vault = storage::Vault::open(path, passphrase());
    // An addendum and a new draft change no seal: both are allowed after signing.
    vault.addAddendum(core::SessionId{note.signedId}, {core::Timestamp::now(), "an addendum"});
    (void)vault.createSession(vault.clients().front().id, *core::Date::parse("2026-02-01"), "dap");
    CHECK(vault.verify().ok);
    // An import's signed notes are sealed as they are written, its drafts are not.
    const auto report = vault.importCaseload(test::demoDocument(2, 4));
    int sealed = 0;
    for (const auto& entry : vault.auditLog()) {
        sealed += entry.event == "note sealed" ? 1 : 0;
    }
    int signedNotes = 0;
    for (const auto& record : vault.allRecords(storage::RecordContent::WithoutTexts)) {
        for (const auto& session : record.sessions) {
            signedNotes += session.isSigned() ? 1 : 0;
        }
    }
    CHECK(sealed == signedNotes - 1); // all but the one signed through signSession
    CHECK(sealed < report.sessions);  // the demo leaves each client's last note a draft
    CHECK(vault.verify().ok);
}

TEST_CASE("Tessera's connections fire delete triggers on REPLACE", "[seal]") {
    test::TempDir dir;
    const auto path = dir / "v.tessera";
    const auto vault = storage::Vault::create(path, passphrase());
    auto db = storage::detail::openConnection(path, passphrase(), true);
    SQLite::Statement pragma(*db, "PRAGMA recursive_triggers");
    REQUIRE(pragma.executeStep());
    CHECK(pragma.getColumn(0).getInt() == 1);
}
