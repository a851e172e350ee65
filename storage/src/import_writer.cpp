#include "import_writer.hpp"

#include "rows.hpp"
#include "vault_impl.hpp"

#include <string>

namespace tessera::storage::detail {
namespace {

// Sessions per batch: bounds the memory the staged rows take (a few MB) while keeping the
// number of index flushes small (one per table and batch).
constexpr int kBatch = 500;

constexpr const char* kCreateStaging = R"sql(
CREATE TEMP TABLE import_sections (seq INTEGER PRIMARY KEY, session_id INTEGER, section_key TEXT, body TEXT);
CREATE TEMP TABLE import_observations (seq INTEGER PRIMARY KEY, session_id INTEGER, theme_key TEXT, intensity INTEGER,
                                       quote TEXT, note TEXT);
CREATE TEMP TABLE import_balance (seq INTEGER PRIMARY KEY, session_id INTEGER, side TEXT, reason TEXT, weight INTEGER);
CREATE TEMP TABLE import_signatures (session_id INTEGER PRIMARY KEY, signed_at TEXT);
CREATE TEMP TABLE import_addenda (seq INTEGER PRIMARY KEY, session_id INTEGER, at TEXT, body TEXT);
)sql";

constexpr const char* kDropStaging = R"sql(
DROP TABLE IF EXISTS temp.import_sections;
DROP TABLE IF EXISTS temp.import_observations;
DROP TABLE IF EXISTS temp.import_balance;
DROP TABLE IF EXISTS temp.import_signatures;
DROP TABLE IF EXISTS temp.import_addenda;
)sql";

SQLite::Database& prepared(SQLite::Database& db) {
    db.exec(kDropStaging);
    db.exec(kCreateStaging);
    return db;
}

} // namespace

ImportWriter::ImportWriter(SQLite::Database& db)
    : m_db(prepared(db)), m_session(db, kInsertSessionRow),
      m_section(db, "INSERT INTO temp.import_sections(session_id, section_key, body) VALUES (?, ?, ?)"),
      m_observation(db, "INSERT INTO temp.import_observations(session_id, theme_key, intensity, quote, note) "
                        "VALUES (?, ?, ?, ?, ?)"),
      m_balance(db, "INSERT INTO temp.import_balance(session_id, side, reason, weight) VALUES (?, ?, ?, ?)"),
      m_sign(db, "INSERT INTO temp.import_signatures(session_id, signed_at) VALUES (?, ?)"),
      m_addendum(db, "INSERT INTO temp.import_addenda(session_id, at, body) VALUES (?, ?, ?)") {}

ImportWriter::~ImportWriter() {
    try {
        m_db.exec(kDropStaging);
    } catch (...) { // NOLINT(bugprone-empty-catch): the transaction is rolling back anyway
    }
}

void ImportWriter::insert(core::ClientId client, const core::Session& session, std::int64_t templateRowId) {
    bindSessionRow(m_session, client, session, templateRowId);
    m_session.exec();
    m_session.reset();
    const auto id = m_db.getLastInsertRowid();
    for (const auto& section : session.sections) {
        m_section.bind(1, id);
        m_section.bind(2, section.key);
        m_section.bind(3, section.text);
        m_section.exec();
        m_section.reset();
    }
    for (const auto& observation : session.observations) {
        m_observation.bind(1, id);
        m_observation.bind(2, observation.themeKey);
        m_observation.bind(3, observation.intensity);
        m_observation.bind(4, observation.quote);
        m_observation.bind(5, observation.note);
        m_observation.exec();
        m_observation.reset();
    }
    for (const auto& item : session.decisionalBalance) {
        m_balance.bind(1, id);
        m_balance.bind(2, std::string{core::toString(item.side)});
        m_balance.bind(3, item.reason);
        m_balance.bind(4, item.weight);
        m_balance.exec();
        m_balance.reset();
    }
    if (session.signedAt) {
        m_sign.bind(1, id);
        m_sign.bind(2, session.signedAt->toIso());
        m_sign.exec();
        m_sign.reset();
        for (const auto& addendum : session.addenda) {
            m_addendum.bind(1, id);
            m_addendum.bind(2, addendum.at.toIso());
            m_addendum.bind(3, addendum.text);
            m_addendum.exec();
            m_addendum.reset();
        }
    }
    if (++m_staged >= kBatch) {
        flush();
    }
}

void ImportWriter::finish() {
    flush();
}

void ImportWriter::flush() {
    if (m_staged == 0) {
        return;
    }
    // The order the immutability triggers require: a note's content before its signature, its
    // addenda after it. Each statement moves a whole batch; seq keeps the rows in their order.
    m_db.exec("INSERT INTO observations(session_id, theme_key, intensity, quote, note) "
              "SELECT session_id, theme_key, intensity, quote, note FROM temp.import_observations ORDER BY seq");
    m_db.exec("INSERT INTO balance_items(session_id, side, reason, weight) "
              "SELECT session_id, side, reason, weight FROM temp.import_balance ORDER BY seq");
    m_db.exec("INSERT INTO session_sections(session_id, section_key, body) "
              "SELECT session_id, section_key, body FROM temp.import_sections ORDER BY seq");
    m_db.exec("UPDATE sessions SET signed_at = s.signed_at FROM temp.import_signatures s "
              "WHERE sessions.id = s.session_id AND sessions.signed_at IS NULL");
    m_db.exec("INSERT INTO addenda(session_id, at, body) SELECT session_id, at, body FROM temp.import_addenda "
              "ORDER BY seq");
    m_db.exec("DELETE FROM temp.import_sections; DELETE FROM temp.import_observations; "
              "DELETE FROM temp.import_balance; DELETE FROM temp.import_signatures; DELETE FROM temp.import_addenda;");
    m_staged = 0;
}

} // namespace tessera::storage::detail
