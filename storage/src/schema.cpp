#include "schema.hpp"

#include "seal.hpp"

#include "tessera/storage/vault.hpp"

#include <SQLiteCpp/Statement.h>

#include <string>

namespace tessera::storage::detail {
namespace {

// Version 1: the record itself. Signed notes are protected by triggers so that no code path,
// and no hand-written SQL, can change or delete them; an addendum is the only way to add.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE themes (
    key         TEXT PRIMARY KEY,
    label       TEXT NOT NULL,
    category    TEXT NOT NULL CHECK (category IN
                  ('self-perception','justification','barrier','relationship','clinician')),
    description TEXT NOT NULL DEFAULT '',
    colour      TEXT NOT NULL,
    position    INTEGER NOT NULL,
    retired     INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1))
);

CREATE TABLE templates (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    version     INTEGER NOT NULL CHECK (version >= 1),
    label       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    UNIQUE (name, version)
);

CREATE TABLE template_sections (
    template_id INTEGER NOT NULL REFERENCES templates(id),
    position    INTEGER NOT NULL,
    key         TEXT NOT NULL,
    label       TEXT NOT NULL,
    prompt      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (template_id, key)
);

-- A template version, once written, is what its notes were written with: never edited.
CREATE TRIGGER templates_are_append_only_u BEFORE UPDATE ON templates
BEGIN SELECT RAISE(ABORT, 'templates are never edited; add a new version instead'); END;
CREATE TRIGGER templates_are_append_only_d BEFORE DELETE ON templates
BEGIN SELECT RAISE(ABORT, 'templates are never deleted'); END;
CREATE TRIGGER template_sections_are_append_only_u BEFORE UPDATE ON template_sections
BEGIN SELECT RAISE(ABORT, 'templates are never edited; add a new version instead'); END;
CREATE TRIGGER template_sections_are_append_only_d BEFORE DELETE ON template_sections
BEGIN SELECT RAISE(ABORT, 'templates are never deleted'); END;

CREATE TABLE clients (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
);

CREATE TABLE redactions (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    term        TEXT NOT NULL,
    replacement TEXT NOT NULL DEFAULT ''
);
CREATE INDEX redactions_by_client ON redactions(client_id);

CREATE TABLE sessions (
    id                 INTEGER PRIMARY KEY,
    client_id          INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    date               TEXT NOT NULL,
    duration_minutes   INTEGER,
    template_id        INTEGER NOT NULL REFERENCES templates(id),
    stage_leaving      TEXT CHECK (stage_leaving IN
                         ('precontemplation','contemplation','preparation','action','maintenance')),
    stage_safety       TEXT CHECK (stage_safety IN
                         ('precontemplation','contemplation','preparation','action','maintenance')),
    psychotherapy_note TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    signed_at          TEXT
);
CREATE INDEX sessions_by_client ON sessions(client_id, date, id);

CREATE TABLE session_sections (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    section_key TEXT NOT NULL,
    body        TEXT NOT NULL,
    UNIQUE (session_id, section_key)
);

CREATE TABLE observations (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    theme_key  TEXT NOT NULL REFERENCES themes(key),
    intensity  INTEGER NOT NULL CHECK (intensity BETWEEN 0 AND 3),
    quote      TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',
    UNIQUE (session_id, theme_key)
);
CREATE INDEX observations_by_theme ON observations(theme_key, session_id);

CREATE TABLE balance_items (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    side       TEXT NOT NULL CHECK (side IN ('stay', 'leave')),
    reason     TEXT NOT NULL,
    weight     INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 3)
);
CREATE INDEX balance_items_by_session ON balance_items(session_id);

CREATE TABLE addenda (
    id         INTEGER PRIMARY KEY,
    session_id INTEGER NOT NULL REFERENCES sessions(id),
    at         TEXT NOT NULL,
    body       TEXT NOT NULL
);
CREATE INDEX addenda_by_session ON addenda(session_id);

-- Signed notes are immutable. Signing itself is the one update allowed (signed_at NULL -> set).
CREATE TRIGGER signed_sessions_are_immutable BEFORE UPDATE ON sessions
WHEN OLD.signed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed; add an addendum instead'); END;
CREATE TRIGGER signed_sessions_are_kept BEFORE DELETE ON sessions
WHEN OLD.signed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a signed note cannot be deleted'); END;

CREATE TRIGGER signed_sections_insert BEFORE INSERT ON session_sections
WHEN (SELECT signed_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed; add an addendum instead'); END;
CREATE TRIGGER signed_sections_update BEFORE UPDATE ON session_sections
WHEN (SELECT signed_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL
  OR (SELECT signed_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed; add an addendum instead'); END;
CREATE TRIGGER signed_sections_delete BEFORE DELETE ON session_sections
WHEN (SELECT signed_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed; add an addendum instead'); END;

CREATE TRIGGER signed_observations_insert BEFORE INSERT ON observations
WHEN (SELECT signed_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed; add an addendum instead'); END;
CREATE TRIGGER signed_observations_update BEFORE UPDATE ON observations
WHEN (SELECT signed_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL
  OR (SELECT signed_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed; add an addendum instead'); END;
CREATE TRIGGER signed_observations_delete BEFORE DELETE ON observations
WHEN (SELECT signed_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed; add an addendum instead'); END;

CREATE TRIGGER signed_balance_insert BEFORE INSERT ON balance_items
WHEN (SELECT signed_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed; add an addendum instead'); END;
CREATE TRIGGER signed_balance_update BEFORE UPDATE ON balance_items
WHEN (SELECT signed_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL
  OR (SELECT signed_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed; add an addendum instead'); END;
CREATE TRIGGER signed_balance_delete BEFORE DELETE ON balance_items
WHEN (SELECT signed_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed; add an addendum instead'); END;

-- Addenda belong to signed notes only, and are themselves never changed.
CREATE TRIGGER addenda_only_on_signed BEFORE INSERT ON addenda
WHEN (SELECT signed_at FROM sessions WHERE id = NEW.session_id) IS NULL
BEGIN SELECT RAISE(ABORT, 'only a signed note can have an addendum; edit the draft instead'); END;
CREATE TRIGGER addenda_are_immutable_u BEFORE UPDATE ON addenda
BEGIN SELECT RAISE(ABORT, 'an addendum cannot be changed; add another addendum'); END;
CREATE TRIGGER addenda_are_immutable_d BEFORE DELETE ON addenda
BEGIN SELECT RAISE(ABORT, 'an addendum cannot be deleted'); END;
)sql";

// Version 2: full-text search, inside the encrypted file. Each indexed row gets an FTS rowid
// derived from its source row (rowid * 4 + kind), so that updates and deletes find their index
// entry by rowid instead of scanning. Psychotherapy notes are deliberately not indexed.
constexpr const char* kSchemaV2 = R"sql(
CREATE VIRTUAL TABLE search_index USING fts5(
    body, session_id UNINDEXED, field UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER search_sections_ai AFTER INSERT ON session_sections BEGIN
  INSERT INTO search_index(rowid, body, session_id, field)
  VALUES (NEW.id * 4, NEW.body, NEW.session_id, 'section:' || NEW.section_key);
END;
CREATE TRIGGER search_sections_au AFTER UPDATE ON session_sections BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id * 4;
  INSERT INTO search_index(rowid, body, session_id, field)
  VALUES (NEW.id * 4, NEW.body, NEW.session_id, 'section:' || NEW.section_key);
END;
CREATE TRIGGER search_sections_ad AFTER DELETE ON session_sections BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id * 4;
END;

CREATE TRIGGER search_quotes_ai AFTER INSERT ON observations WHEN NEW.quote <> '' BEGIN
  INSERT INTO search_index(rowid, body, session_id, field)
  VALUES (NEW.id * 4 + 1, NEW.quote, NEW.session_id, 'quote:' || NEW.theme_key);
END;
CREATE TRIGGER search_quotes_au AFTER UPDATE ON observations BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id * 4 + 1;
  INSERT INTO search_index(rowid, body, session_id, field)
  SELECT NEW.id * 4 + 1, NEW.quote, NEW.session_id, 'quote:' || NEW.theme_key WHERE NEW.quote <> '';
END;
CREATE TRIGGER search_quotes_ad AFTER DELETE ON observations BEGIN
  DELETE FROM search_index WHERE rowid = OLD.id * 4 + 1;
END;

CREATE TRIGGER search_addenda_ai AFTER INSERT ON addenda BEGIN
  INSERT INTO search_index(rowid, body, session_id, field)
  VALUES (NEW.id * 4 + 2, NEW.body, NEW.session_id, 'addendum');
END;

INSERT INTO search_index(rowid, body, session_id, field)
  SELECT id * 4, body, session_id, 'section:' || section_key FROM session_sections;
INSERT INTO search_index(rowid, body, session_id, field)
  SELECT id * 4 + 1, quote, session_id, 'quote:' || theme_key FROM observations WHERE quote <> '';
INSERT INTO search_index(rowid, body, session_id, field)
  SELECT id * 4 + 2, body, session_id, 'addendum' FROM addenda;
)sql";

// Version 3: the audit log. Who did what to the record and when: time, event and the object's
// ids or codes, never note content. Each entry carries the SHA-256 of its predecessor's hash and
// its own fields (see audit.cpp), so a changed, removed or inserted entry breaks the chain that
// verify recomputes. The database itself refuses to change or delete an entry, and accepts a new
// one only at the end of the chain.
constexpr const char* kSchemaV3 = R"sql(
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    event     TEXT NOT NULL,
    object    TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

CREATE TRIGGER audit_log_is_append_only_u BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: an entry is never changed'); END;
CREATE TRIGGER audit_log_is_append_only_d BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: an entry is never deleted'); END;
CREATE TRIGGER audit_log_appends_at_the_end BEFORE INSERT ON audit_log
WHEN NEW.id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM audit_log)
  OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit_log WHERE id = NEW.id - 1),
                                   '0000000000000000000000000000000000000000000000000000000000000000')
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: a new entry must follow the last one'); END;
)sql";

// Version 4: signed notes sealed (docs/vault.md, "Sealed signed notes"). INSERT OR REPLACE deletes
// the row it replaces without firing its delete triggers unless the connection has
// recursive_triggers on (Tessera's connections do; a hand-made one does not), and with foreign keys
// on it then cascades to the note's children. So an insert whose row id is that of a row of a
// signed note (or of a template) is refused before it can replace it, whatever the connection's
// settings. The second line is the seal: the migration writes the content hash of every signed
// note into the audit log (sealSignedNotes), and verify recomputes it.
constexpr const char* kSchemaV4 = R"sql(
CREATE TRIGGER signed_sessions_not_replaced BEFORE INSERT ON sessions
WHEN (SELECT signed_at FROM sessions WHERE id = NEW.id) IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a signed note cannot be replaced; add an addendum instead'); END;
CREATE TRIGGER signed_sections_not_replaced BEFORE INSERT ON session_sections
WHEN (SELECT s.signed_at FROM session_sections x JOIN sessions s ON s.id = x.session_id WHERE x.id = NEW.id)
     IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed; add an addendum instead'); END;
CREATE TRIGGER signed_observations_not_replaced BEFORE INSERT ON observations
WHEN (SELECT s.signed_at FROM observations x JOIN sessions s ON s.id = x.session_id WHERE x.id = NEW.id)
     IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed; add an addendum instead'); END;
CREATE TRIGGER signed_balance_not_replaced BEFORE INSERT ON balance_items
WHEN (SELECT s.signed_at FROM balance_items x JOIN sessions s ON s.id = x.session_id WHERE x.id = NEW.id)
     IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a signed note cannot be changed; add an addendum instead'); END;
CREATE TRIGGER addenda_are_not_replaced BEFORE INSERT ON addenda
WHEN EXISTS (SELECT 1 FROM addenda WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'an addendum cannot be changed; add another addendum'); END;
CREATE TRIGGER templates_are_not_replaced BEFORE INSERT ON templates
WHEN EXISTS (SELECT 1 FROM templates WHERE id = NEW.id OR (name = NEW.name AND version = NEW.version))
BEGIN SELECT RAISE(ABORT, 'templates are never edited; add a new version instead'); END;
CREATE TRIGGER template_sections_are_not_replaced BEFORE INSERT ON template_sections
WHEN EXISTS (SELECT 1 FROM template_sections WHERE template_id = NEW.template_id AND key = NEW.key)
BEGIN SELECT RAISE(ABORT, 'templates are never edited; add a new version instead'); END;
)sql";

// The case formulation of a client (presenting problem, working formulation, goals) and when it
// last changed, in a table of its own so that this migration stands alone (version 5).
constexpr const char* kSchemaFormulation = R"sql(
CREATE TABLE client_formulations (
    client_id  INTEGER PRIMARY KEY REFERENCES clients(id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
)sql";

// Words the clinician reviewed in a summary and marked "not identifying" for one client (version
// 6): the de-identification's detector no longer takes them for names or flags them as suspects
// in that client's summaries (docs/summaries.md). One row per word, compared without case.
constexpr const char* kSchemaNotIdentifying = R"sql(
CREATE TABLE not_identifying (
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    word      TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (client_id, word)
);
)sql";

// Where the clinician was when the vault last locked (version 7): the client, the open note and
// the tab, restored after the next unlock. One row, ids only (nothing a person could read), so it
// is not recorded in the audit log. A deleted client or draft leaves NULL behind.
constexpr const char* kSchemaWorkspacePlace = R"sql(
CREATE TABLE workspace_place (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    client_id  INTEGER REFERENCES clients(id) ON DELETE SET NULL,
    session_id INTEGER REFERENCES sessions(id) ON DELETE SET NULL,
    tab        TEXT NOT NULL DEFAULT ''
);
)sql";

// The clinician's personal dictionary for spell checking (version 8): words the note editor's
// spell check accepts in every note, such as names, so they are kept inside the encrypted vault.
// One row per word, compared without case. Not in the audit log: like the words marked not
// identifying, it is not part of the clinical record, and an entry could not name the word.
constexpr const char* kSchemaPersonalWords = R"sql(
CREATE TABLE personal_words (
    word     TEXT PRIMARY KEY COLLATE NOCASE,
    added_at TEXT NOT NULL
);
)sql";

// A session's time of day (version 9): when it began, local "HH:MM", NULL when not recorded (every
// session written before). Sessions of a day are read in its order. Added as a column, so the
// rows of signed notes are not touched (ALTER TABLE fires no trigger) and their seals still hold:
// a note without a time hashes as before (seal.cpp).
constexpr const char* kSchemaSessionTime = R"sql(
ALTER TABLE sessions ADD COLUMN time_of_day TEXT
    CHECK (time_of_day IS NULL OR (length(time_of_day) = 5 AND time_of_day GLOB '[0-2][0-9]:[0-5][0-9]'
                                   AND time_of_day <= '23:59'));
DROP INDEX sessions_by_client;
CREATE INDEX sessions_by_client ON sessions(client_id, date, time_of_day, id);
)sql";

// One entry per schema version: SQL, then (optionally) work SQL cannot do, both inside the
// migration's transaction.
struct Migration {
    const char* sql;
    void (*then)(SQLite::Database& db);
};

constexpr Migration kMigrations[] = {
    {kSchemaV1, nullptr},
    {kSchemaV2, nullptr},
    {kSchemaV3, nullptr},
    {kSchemaV4, [](SQLite::Database& db) { sealSignedNotes(db, 0); }},
    {kSchemaFormulation, nullptr},
    {kSchemaNotIdentifying, nullptr},
    {kSchemaWorkspacePlace, nullptr},
    {kSchemaPersonalWords, nullptr},
    {kSchemaSessionTime, nullptr},
};
static_assert(std::size(kMigrations) == kSchemaVersion, "one migration per schema version");

} // namespace

const std::vector<std::string_view>& protectionTriggers(int schemaVersion) {
    static const std::vector<std::string_view> v1{"templates_are_append_only_u",
                                                  "templates_are_append_only_d",
                                                  "template_sections_are_append_only_u",
                                                  "template_sections_are_append_only_d",
                                                  "signed_sessions_are_immutable",
                                                  "signed_sessions_are_kept",
                                                  "signed_sections_insert",
                                                  "signed_sections_update",
                                                  "signed_sections_delete",
                                                  "signed_observations_insert",
                                                  "signed_observations_update",
                                                  "signed_observations_delete",
                                                  "signed_balance_insert",
                                                  "signed_balance_update",
                                                  "signed_balance_delete",
                                                  "addenda_only_on_signed",
                                                  "addenda_are_immutable_u",
                                                  "addenda_are_immutable_d"};
    static const std::vector<std::string_view> v4 = [] {
        auto all = v1;
        for (std::string_view name :
             {"signed_sessions_not_replaced", "signed_sections_not_replaced", "signed_observations_not_replaced",
              "signed_balance_not_replaced", "addenda_are_not_replaced", "templates_are_not_replaced",
              "template_sections_are_not_replaced"}) {
            all.push_back(name);
        }
        return all;
    }();
    return schemaVersion >= 4 ? v4 : v1;
}

void migrate(SQLite::Database& db, int fromVersion, int toVersion) {
    for (int version = fromVersion + 1; version <= toVersion; ++version) {
        const auto& migration = kMigrations[version - 1];
        db.exec(migration.sql);
        if (migration.then != nullptr) {
            migration.then(db);
        }
    }
    db.exec("PRAGMA user_version = " + std::to_string(toVersion));
}

int readUserVersion(SQLite::Database& db) {
    SQLite::Statement query(db, "PRAGMA user_version");
    query.executeStep();
    return query.getColumn(0).getInt();
}

int readApplicationId(SQLite::Database& db) {
    SQLite::Statement query(db, "PRAGMA application_id");
    query.executeStep();
    return query.getColumn(0).getInt();
}

} // namespace tessera::storage::detail
