#pragma once

// Reading and writing domain values as rows. Used inside transactions owned by the caller.

#include "tessera/core/caseload.hpp"
#include "tessera/core/codebook.hpp"
#include "tessera/core/model.hpp"
#include "tessera/storage/vault.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <optional>
#include <vector>

namespace tessera::storage::detail {

void insertTheme(SQLite::Database& db, const core::Theme& theme, int position);
void updateTheme(SQLite::Database& db, const core::Theme& theme);
[[nodiscard]] core::Codebook loadCodebook(SQLite::Database& db);

// Returns the new template's row id.
std::int64_t insertTemplate(SQLite::Database& db, const core::NoteTemplate& tmpl);
[[nodiscard]] std::vector<core::NoteTemplate> loadTemplates(SQLite::Database& db);
[[nodiscard]] std::optional<std::int64_t> templateRowId(SQLite::Database& db, const std::string& name, int version);

core::ClientId insertClient(SQLite::Database& db, const core::Client& client);
void replaceRedactions(SQLite::Database& db, core::ClientId client, const std::vector<core::Redaction>& redactions);

// The INSERT of a session's own row, and binding a session to it (content children and the
// signature are written separately, in the order the immutability triggers require). Shared by
// SessionWriter and the batched ImportWriter.
inline constexpr const char* kInsertSessionRow =
    "INSERT INTO sessions(client_id, date, duration_minutes, template_id, stage_leaving, stage_safety, "
    "psychotherapy_note, created_at, updated_at, time_of_day) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
void bindSessionRow(SQLite::Statement& insert, core::ClientId client, const core::Session& session,
                    std::int64_t templateRowId);

// Writes drafts: a new one (createSession) and a draft's new content (saveDraft). Signed sessions,
// with their addenda, arrive only through an import (ImportWriter). Prepared statements are
// reused across calls.
class SessionWriter {
public:
    explicit SessionWriter(SQLite::Database& db);
    // Inserts an unsigned session with its sections, observations and balance; its signature and
    // addenda, if any, are not written (sign and add them through the Vault).
    core::SessionId insert(core::ClientId client, const core::Session& session, std::int64_t templateRowId);
    // Replaces the content of an existing draft (the row keeps its id and creation time).
    void replaceDraft(const core::Session& session);

private:
    void insertChildren(core::SessionId id, const core::Session& session);

    SQLite::Database& m_db;
    SQLite::Statement m_session;
    SQLite::Statement m_section;
    SQLite::Statement m_observation;
    SQLite::Statement m_balance;
};

// Loads clients with their sessions, in client-code order, sessions by (date, id).
// `only` restricts to one client; `content` says how much of each session (see RecordContent);
// `onlySession` (with `only` set to its client) reads that one session instead of all of them.
[[nodiscard]] std::vector<core::ClientRecord> loadRecords(SQLite::Database& db, std::optional<core::ClientId> only,
                                                          RecordContent content = RecordContent::Full,
                                                          std::optional<core::SessionId> onlySession = std::nullopt);

// Every client (by code) with its sessions' dates (by date, id) and every observation's theme and
// intensity: what core::analyseCaseload reads, in a few arrays instead of an object per session and
// per observation.
[[nodiscard]] core::CaseloadObservations loadCaseloadObservations(SQLite::Database& db);

} // namespace tessera::storage::detail
