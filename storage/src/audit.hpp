#pragma once

// The audit log (schema version 3): an append-only, hash-chained record of who did what to the
// record and when. Entries hold a time, an event and the object's ids or codes; never note
// content. Used inside transactions owned by the caller, so that an entry commits or rolls back
// together with the change it describes.

#include "tessera/storage/vault.hpp"

#include <SQLiteCpp/Database.h>
#include <sodium.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::storage::detail {

// The prev_hash of the first entry.
inline constexpr std::string_view kAuditGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

// SHA-256 over a sequence of fields, each written as "<length in bytes>:<bytes>," (a NULL as
// "~,"), so that no two different sequences hash the same input.
class FieldHasher {
public:
    FieldHasher();
    void add(std::string_view field);
    void addNull();
    // Lower-case hex of the digest; call once, at the end.
    [[nodiscard]] std::string hex();

private:
    crypto_hash_sha256_state m_state{};
};

// SHA-256 (hex) over the predecessor's hash and the entry's fields, each written as
// "<length in bytes>:<bytes>," so that no two different entries hash the same input.
[[nodiscard]] std::string auditHash(std::string_view prevHash, std::int64_t id, std::string_view at,
                                    std::string_view event, std::string_view object);

// Appends an entry at the end of the chain, stamped with the current time.
void appendAudit(SQLite::Database& db, std::string_view event, std::string_view object);

[[nodiscard]] std::vector<AuditEntry> loadAudit(SQLite::Database& db);

// Recomputes the chain and checks the triggers that protect it; one line per problem.
[[nodiscard]] std::vector<std::string> checkAudit(SQLite::Database& db);

// "client C-014, session 17": how entries name a session.
[[nodiscard]] std::string sessionObject(SQLite::Database& db, core::SessionId session);

} // namespace tessera::storage::detail
