#include "audit.hpp"

#include "vault_impl.hpp"

#include <sodium.h>

#include <SQLiteCpp/Statement.h>

#include <array>
#include <stdexcept>

namespace tessera::storage::detail {
namespace {

// The triggers of schema version 3 that keep the log append-only.
constexpr std::array kAuditTriggers{"audit_log_is_append_only_u", "audit_log_is_append_only_d",
                                    "audit_log_appends_at_the_end"};

} // namespace

FieldHasher::FieldHasher() {
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium could not be initialised");
    }
    crypto_hash_sha256_init(&m_state);
}

void FieldHasher::add(std::string_view field) {
    const auto prefix = std::to_string(field.size()) + ":";
    crypto_hash_sha256_update(&m_state, reinterpret_cast<const unsigned char*>(prefix.data()), prefix.size());
    crypto_hash_sha256_update(&m_state, reinterpret_cast<const unsigned char*>(field.data()), field.size());
    crypto_hash_sha256_update(&m_state, reinterpret_cast<const unsigned char*>(","), 1);
}

void FieldHasher::addNull() {
    crypto_hash_sha256_update(&m_state, reinterpret_cast<const unsigned char*>("~,"), 2);
}

std::string FieldHasher::hex() {
    std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
    crypto_hash_sha256_final(&m_state, digest.data());
    std::array<char, crypto_hash_sha256_BYTES * 2 + 1> text{};
    sodium_bin2hex(text.data(), text.size(), digest.data(), digest.size());
    return std::string{text.data(), crypto_hash_sha256_BYTES * 2};
}

std::string auditHash(std::string_view prevHash, std::int64_t id, std::string_view at, std::string_view event,
                      std::string_view object) {
    FieldHasher hasher;
    hasher.add(prevHash);
    hasher.add(std::to_string(id));
    hasher.add(at);
    hasher.add(event);
    hasher.add(object);
    return hasher.hex();
}

void appendAudit(SQLite::Database& db, std::string_view event, std::string_view object) {
    std::int64_t id = 1;
    std::string prevHash{kAuditGenesis};
    {
        SQLite::Statement last(db, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
        if (last.executeStep()) {
            id = last.getColumn(0).getInt64() + 1;
            prevHash = last.getColumn(1).getString();
        }
    }
    const auto at = nowIso();
    SQLite::Statement insert(db, "INSERT INTO audit_log(id, at, event, object, prev_hash, hash) "
                                 "VALUES (?, ?, ?, ?, ?, ?)");
    insert.bind(1, id);
    insert.bind(2, at);
    insert.bind(3, std::string{event});
    insert.bind(4, std::string{object});
    insert.bind(5, prevHash);
    insert.bind(6, auditHash(prevHash, id, at, event, object));
    insert.exec();
}

std::vector<AuditEntry> loadAudit(SQLite::Database& db) {
    std::vector<AuditEntry> entries;
    SQLite::Statement query(db, "SELECT id, at, event, object, hash FROM audit_log ORDER BY id");
    while (query.executeStep()) {
        entries.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString(),
                           query.getColumn(2).getString(), query.getColumn(3).getString(),
                           query.getColumn(4).getString()});
    }
    return entries;
}

std::vector<std::string> checkAudit(SQLite::Database& db) {
    std::vector<std::string> problems;
    for (const char* trigger : kAuditTriggers) {
        SQLite::Statement exists(db, "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?");
        exists.bind(1, trigger);
        if (!exists.executeStep()) {
            problems.push_back(std::string{"audit log: the trigger "} + trigger +
                               " that keeps the log append-only is missing");
        }
    }
    SQLite::Statement query(db, "SELECT id, at, event, object, prev_hash, hash FROM audit_log ORDER BY id");
    std::int64_t expectedId = 1;
    std::string previous{kAuditGenesis};
    while (query.executeStep()) {
        const auto id = query.getColumn(0).getInt64();
        const auto at = query.getColumn(1).getString();
        const auto event = query.getColumn(2).getString();
        const auto object = query.getColumn(3).getString();
        const auto prevHash = query.getColumn(4).getString();
        const auto hash = query.getColumn(5).getString();
        const auto entry = "audit log: entry " + std::to_string(id) + " (" + at + ", " + event + ")";
        if (id != expectedId) {
            problems.push_back(entry + " follows entry " + std::to_string(expectedId - 1) +
                               ": entries in between were removed");
        } else if (prevHash != previous) {
            problems.push_back(entry + " does not link to the entry before it: an entry was replaced");
        }
        if (auditHash(prevHash, id, at, event, object) != hash) {
            problems.push_back(entry + " does not match its hash: it was changed after it was written");
        }
        expectedId = id + 1;
        previous = hash;
    }
    return problems;
}

std::string sessionObject(SQLite::Database& db, core::SessionId session) {
    SQLite::Statement query(db, "SELECT c.code FROM sessions s JOIN clients c ON c.id = s.client_id WHERE s.id = ?");
    query.bind(1, session.value);
    const auto code = query.executeStep() ? query.getColumn(0).getString() : std::string{"?"};
    return "client " + code + ", session " + std::to_string(session.value);
}

} // namespace tessera::storage::detail
