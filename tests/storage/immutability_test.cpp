// Signed notes are protected by the database itself: these tests bypass the Vault class and
// try to change them with raw SQL on a keyed connection.

#include "storage_fixtures.hpp"

#include <catch2/catch.hpp>

#include <SQLiteCpp/Statement.h>

using namespace tessera;
using test::passphrase;

TEST_CASE("raw SQL cannot change or delete a signed note or its parts", "[immutability]") {
    test::TempDir dir;
    const auto path = dir / "v.tessera";
    const auto ids = test::writeSignedAndDraft(path);
    auto db = test::openRaw(path);
    const auto id = std::to_string(ids.signedId);

    const auto statements = GENERATE_COPY(values<std::string>({
        "UPDATE sessions SET date = '2026-01-01' WHERE id = ",
        "UPDATE sessions SET signed_at = NULL WHERE id = ",
        "UPDATE sessions SET psychotherapy_note = 'x' WHERE id = ",
        "DELETE FROM sessions WHERE id = ",
        "UPDATE session_sections SET body = 'rewritten' WHERE session_id = ",
        "DELETE FROM session_sections WHERE session_id = ",
        "INSERT INTO session_sections(session_id, section_key, body) VALUES (ID, 'plan', 'added later') --",
        "UPDATE observations SET intensity = 0 WHERE session_id = ",
        "DELETE FROM observations WHERE session_id = ",
        "INSERT INTO observations(session_id, theme_key, intensity) VALUES (ID, 'fear', 3) --",
        "UPDATE balance_items SET weight = 1 WHERE session_id = ",
        "DELETE FROM balance_items WHERE session_id = ",
        "INSERT INTO balance_items(session_id, side, reason, weight) VALUES (ID, 'leave', 'x', 1) --",
        "UPDATE addenda SET body = 'changed' WHERE session_id = ",
        "DELETE FROM addenda WHERE session_id = ",
        "DELETE FROM clients WHERE id = (SELECT client_id FROM sessions WHERE id = ID) --",
    }));
    std::string sql = statements;
    if (const auto at = sql.find("ID"); at != std::string::npos) {
        sql.replace(at, 2, id);
    } else {
        sql += id;
    }
    INFO(sql);
    CHECK_THROWS_AS(db->exec(sql), SQLite::Exception);

    SQLite::Statement check(*db, "SELECT s.date, s.signed_at, x.body, o.intensity, (SELECT count(*) FROM addenda) "
                                 "FROM sessions s JOIN session_sections x ON x.session_id = s.id AND "
                                 "x.section_key = 'presenting' JOIN observations o ON o.session_id = s.id "
                                 "WHERE s.id = " +
                                     id);
    REQUIRE(check.executeStep());
    CHECK(check.getColumn(0).getString() == "2026-01-07");
    CHECK(check.getColumn(1).getString() == "2026-01-07T18:00:00Z");
    CHECK(check.getColumn(2).getString() == "original text");
    CHECK(check.getColumn(3).getInt() == 2);
    CHECK(check.getColumn(4).getInt() == 1);
}

TEST_CASE("drafts stay editable, and addenda only go on signed notes", "[immutability]") {
    test::TempDir dir;
    const auto path = dir / "v.tessera";
    const auto ids = test::writeSignedAndDraft(path);
    auto db = test::openRaw(path);
    const auto draft = std::to_string(ids.draftId);
    CHECK_NOTHROW(db->exec("UPDATE session_sections SET body = 'edited' WHERE session_id = " + draft));
    CHECK_NOTHROW(
        db->exec("INSERT INTO observations(session_id, theme_key, intensity) VALUES (" + draft + ", 'fear', 1)"));
    CHECK_THROWS_AS(
        db->exec("INSERT INTO addenda(session_id, at, body) VALUES (" + draft + ", '2026-01-15T00:00:00Z', 'x')"),
        SQLite::Exception);
    // a new addendum on the signed note is the one thing allowed
    CHECK_NOTHROW(db->exec("INSERT INTO addenda(session_id, at, body) VALUES (" + std::to_string(ids.signedId) +
                           ", '2026-01-20T00:00:00Z', 'second addendum')"));
    CHECK_NOTHROW(db->exec("DELETE FROM sessions WHERE id = " + draft));
}

TEST_CASE("templates are append-only", "[immutability]") {
    test::TempDir dir;
    const auto path = dir / "v.tessera";
    { (void)storage::Vault::create(path, passphrase()); }
    auto db = test::openRaw(path);
    CHECK_THROWS_AS(db->exec("UPDATE template_sections SET label = 'x'"), SQLite::Exception);
    CHECK_THROWS_AS(db->exec("DELETE FROM templates"), SQLite::Exception);
}
