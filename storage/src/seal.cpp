#include "seal.hpp"

#include "audit.hpp"
#include "tessera/storage/vault.hpp"

#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string_view>

namespace tessera::storage::detail {
namespace {

// The first field of the canonical serialisation: a new serialisation gets a new name, so that
// a hash of one is never compared with a hash of the other.
constexpr std::string_view kContentFormat = "tessera signed note 1";
// A note with a time of day (schema 9) is serialised as format 1 followed by its time. A note
// without one is hashed exactly as before, so every seal written before the time existed holds.
constexpr std::string_view kContentFormatWithTime = "tessera signed note 2";
constexpr std::string_view kSealMarker = ", content sha256 ";

// Every column of every row `query` returns, in order; the number of rows first, so that where
// one list ends and the next begins is part of what is hashed.
void addRows(FieldHasher& hasher, std::string_view name, SQLite::Statement& query, core::SessionId session) {
    query.reset();
    query.bind(1, session.value);
    std::vector<std::optional<std::string>> values;
    int rows = 0;
    while (query.executeStep()) {
        ++rows;
        for (int column = 0; column < query.getColumnCount(); ++column) {
            const auto value = query.getColumn(column);
            values.push_back(value.isNull() ? std::nullopt : std::optional<std::string>{value.getString()});
        }
    }
    hasher.add(name);
    hasher.add(std::to_string(rows));
    for (const auto& value : values) {
        if (value) {
            hasher.add(*value);
        } else {
            hasher.addNull();
        }
    }
}

// The canonical serialisation of a note (docs/vault.md, "Sealed signed notes"), hashed; the
// statements are prepared once for hashing many notes.
class NoteHasher {
public:
    explicit NoteHasher(SQLite::Database& db)
        : m_note(db, "SELECT c.code, s.date, s.duration_minutes, t.name, t.version, s.stage_leaving, "
                     "s.stage_safety, s.psychotherapy_note, s.signed_at FROM sessions s "
                     // LEFT JOINs: a note whose client or template row was tampered with still
                     // hashes (differently).
                     "LEFT JOIN clients c ON c.id = s.client_id LEFT JOIN templates t ON t.id = s.template_id "
                     "WHERE s.id = ?"),
          m_sections(db, "SELECT section_key, body FROM session_sections WHERE session_id = ? "
                         "ORDER BY section_key, id"),
          m_observations(db, "SELECT theme_key, intensity, quote, note FROM observations WHERE session_id = ? "
                             "ORDER BY theme_key, id"),
          m_balance(db, "SELECT side, reason, weight FROM balance_items WHERE session_id = ? ORDER BY id") {
        // The migration to schema 4 seals notes before the time column exists.
        SQLite::Statement column(db, "SELECT 1 FROM pragma_table_info('sessions') WHERE name = 'time_of_day'");
        if (column.executeStep()) {
            m_time.emplace(db, "SELECT time_of_day FROM sessions WHERE id = ? AND time_of_day IS NOT NULL");
        }
    }

    [[nodiscard]] std::string hash(core::SessionId session) {
        std::optional<std::string> time;
        if (m_time) {
            m_time->reset();
            m_time->bind(1, session.value);
            if (m_time->executeStep()) {
                time = m_time->getColumn(0).getString();
            }
        }
        FieldHasher hasher;
        hasher.add(time ? kContentFormatWithTime : kContentFormat);
        addRows(hasher, "note", m_note, session);
        addRows(hasher, "sections", m_sections, session);
        addRows(hasher, "observations", m_observations, session);
        addRows(hasher, "balance", m_balance, session);
        if (time) {
            hasher.add("time");
            hasher.add(*time);
        }
        return hasher.hex();
    }

private:
    SQLite::Statement m_note;
    SQLite::Statement m_sections;
    SQLite::Statement m_observations;
    SQLite::Statement m_balance;
    std::optional<SQLite::Statement> m_time;
};

struct Seal {
    std::int64_t auditId = 0;
    std::int64_t session = 0;
    std::string hash;
};

// Reads "... session 17, content sha256 <hex>"; nullopt for any other object (e.g. the "note
// signed" entries written before format 4, which carry no hash).
std::optional<Seal> parseSeal(std::int64_t auditId, std::string_view object) {
    const auto marker = object.rfind(kSealMarker);
    if (marker == std::string_view::npos) {
        return std::nullopt;
    }
    const auto hash = object.substr(marker + kSealMarker.size());
    if (hash.size() != 64 || hash.find_first_not_of("0123456789abcdef") != std::string_view::npos) {
        return std::nullopt;
    }
    const auto head = object.substr(0, marker);
    constexpr std::string_view kSession = "session ";
    const auto at = head.rfind(kSession);
    if (at == std::string_view::npos) {
        return std::nullopt;
    }
    const auto digits = head.substr(at + kSession.size());
    if (digits.empty() || digits.size() > 18 || digits.find_first_not_of("0123456789") != std::string_view::npos) {
        return std::nullopt;
    }
    return Seal{auditId, std::stoll(std::string{digits}), std::string{hash}};
}

} // namespace

std::string noteContentHash(SQLite::Database& db, core::SessionId session) {
    return NoteHasher(db).hash(session);
}

std::string sealObject(SQLite::Database& db, core::SessionId session) {
    return sessionObject(db, session) + std::string{kSealMarker} + noteContentHash(db, session);
}

void sealSignedNotes(SQLite::Database& db, std::int64_t afterSessionId) {
    std::vector<std::int64_t> ids;
    {
        SQLite::Statement query(db, "SELECT id FROM sessions WHERE id > ? AND signed_at IS NOT NULL ORDER BY id");
        query.bind(1, afterSessionId);
        while (query.executeStep()) {
            ids.push_back(query.getColumn(0).getInt64());
        }
    }
    NoteHasher hasher(db);
    for (const auto id : ids) {
        const core::SessionId session{id};
        appendAudit(db, audit_event::kNoteSealed,
                    sessionObject(db, session) + std::string{kSealMarker} + hasher.hash(session));
    }
}

std::vector<std::string> checkSeals(SQLite::Database& db) {
    std::map<std::int64_t, std::vector<Seal>> seals;
    {
        SQLite::Statement query(db, "SELECT id, object FROM audit_log WHERE event IN (?, ?) ORDER BY id");
        query.bind(1, std::string{audit_event::kNoteSigned});
        query.bind(2, std::string{audit_event::kNoteSealed});
        while (query.executeStep()) {
            if (auto seal = parseSeal(query.getColumn(0).getInt64(), query.getColumn(1).getString())) {
                seals[seal->session].push_back(std::move(*seal));
            }
        }
    }
    std::vector<std::string> problems;
    NoteHasher hasher(db);
    SQLite::Statement signedNotes(db, "SELECT id, date FROM sessions WHERE signed_at IS NOT NULL ORDER BY id");
    while (signedNotes.executeStep()) {
        const core::SessionId id{signedNotes.getColumn(0).getInt64()};
        const auto name = [&] {
            return "signed note " + sessionObject(db, id) + " (" + signedNotes.getColumn(1).getString() + ")";
        };
        const auto found = seals.find(id.value);
        if (found == seals.end()) {
            problems.push_back(name() + " has no seal in the audit log: it was not signed by Tessera, or it was "
                                        "deleted and written again");
            continue;
        }
        const auto& mine = found->second;
        if (mine.size() > 1) {
            problems.push_back(name() + " is sealed more than once (audit entries " + std::to_string(mine[0].auditId) +
                               " and " + std::to_string(mine[1].auditId) +
                               "): a later seal was added to cover a change");
        }
        if (hasher.hash(id) != mine.front().hash) {
            problems.push_back(name() +
                               " was changed after it was signed: its content no longer matches its seal "
                               "(audit entry " +
                               std::to_string(mine.front().auditId) + ")");
        }
        seals.erase(found);
    }
    for (const auto& [session, orphans] : seals) {
        problems.push_back("audit entry " + std::to_string(orphans.front().auditId) + " seals session " +
                           std::to_string(session) + ", which is no longer a signed note: it was deleted or unsigned");
    }
    return problems;
}

} // namespace tessera::storage::detail
