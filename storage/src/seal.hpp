#pragma once

// Seals of signed notes (schema version 4): the SHA-256 of a signed note's canonical content,
// written into the hash-chained audit log in the transaction that signs (or imports, or upgrades)
// it, and recomputed by verify. The second line of defence behind the triggers: a note changed
// by any means (triggers dropped and re-created, a row replaced, children edited) no longer
// matches its seal. The canonical serialisation is documented in docs/vault.md.

#include "tessera/core/model.hpp"

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <string>
#include <vector>

namespace tessera::storage::detail {

// SHA-256 (lower-case hex) of the canonical content of session `session` as stored: what the
// seal of a signed note holds. Used inside transactions owned by the caller.
[[nodiscard]] std::string noteContentHash(SQLite::Database& db, core::SessionId session);

// The audit object of a seal: "client C-014, session 17, content sha256 <64 hex digits>".
[[nodiscard]] std::string sealObject(SQLite::Database& db, core::SessionId session);

// Writes a "note sealed" entry for every signed note whose id is above `afterSessionId` (all of
// them for 0), oldest id first.
void sealSignedNotes(SQLite::Database& db, std::int64_t afterSessionId);

// Recomputes every signed note's hash and compares it with its seal; one line per problem, each
// naming the session: a note changed after signing, a signed note without a seal, a note sealed
// twice, a seal whose signed note is gone.
[[nodiscard]] std::vector<std::string> checkSeals(SQLite::Database& db);

} // namespace tessera::storage::detail
