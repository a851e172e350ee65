#include "raw_key.hpp"

#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>

namespace tessera::bench {
namespace {

constexpr int kIterations = 256'000; // SQLCipher 4's default, what every vault uses
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kKeyBytes = 32;

using Digest = std::array<unsigned char, crypto_auth_hmacsha512_BYTES>;

// PBKDF2-HMAC-SHA512 for one output block (the 32-byte key is shorter than one 64-byte block).
// The HMAC state keyed with the passphrase is prepared once and copied for every iteration.
std::array<unsigned char, kKeyBytes> pbkdf2Sha512(std::string_view passphrase,
                                                  const std::array<unsigned char, kSaltBytes>& salt) {
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium could not be initialised");
    }
    crypto_auth_hmacsha512_state keyed;
    crypto_auth_hmacsha512_init(&keyed, reinterpret_cast<const unsigned char*>(passphrase.data()), passphrase.size());
    Digest block{};
    {
        auto state = keyed;
        const std::array<unsigned char, 4> index{0, 0, 0, 1};
        crypto_auth_hmacsha512_update(&state, salt.data(), salt.size());
        crypto_auth_hmacsha512_update(&state, index.data(), index.size());
        crypto_auth_hmacsha512_final(&state, block.data());
    }
    Digest result = block;
    for (int i = 1; i < kIterations; ++i) {
        auto state = keyed;
        crypto_auth_hmacsha512_update(&state, block.data(), block.size());
        crypto_auth_hmacsha512_final(&state, block.data());
        for (std::size_t j = 0; j < result.size(); ++j) {
            result[j] ^= block[j];
        }
    }
    std::array<unsigned char, kKeyBytes> key{};
    std::copy_n(result.begin(), key.size(), key.begin());
    sodium_memzero(result.data(), result.size());
    sodium_memzero(block.data(), block.size());
    return key;
}

struct CloseConnection {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};

void exec(sqlite3* db, const char* sql) {
    if (sqlite3_exec(db, sql, nullptr, nullptr, nullptr) != SQLITE_OK) {
        throw std::runtime_error(std::string{sql} + ": " + sqlite3_errmsg(db));
    }
}

} // namespace

storage::Secret rawKeyFor(const std::filesystem::path& vault, std::string_view passphrase) {
    std::array<unsigned char, kSaltBytes> salt{};
    std::ifstream in(vault, std::ios::binary);
    in.read(reinterpret_cast<char*>(salt.data()), static_cast<std::streamsize>(salt.size()));
    if (in.gcount() != static_cast<std::streamsize>(salt.size())) {
        throw std::runtime_error("cannot read the salt of " + vault.string());
    }
    auto key = pbkdf2Sha512(passphrase, salt);
    static constexpr std::string_view kHex = "0123456789abcdef";
    storage::Secret literal;
    literal.append('x');
    literal.append('\'');
    for (const unsigned char byte : key) {
        literal.append(kHex[byte >> 4U]);
        literal.append(kHex[byte & 0x0FU]);
    }
    literal.append('\'');
    sodium_memzero(key.data(), key.size());
    return literal;
}

namespace {

// A bare SQLite connection keyed as storage keys a vault (SQLCipher 4 settings).
std::unique_ptr<sqlite3, CloseConnection> openKeyed(const std::filesystem::path& vault, std::string_view key) {
    sqlite3* handle = nullptr;
    const int opened = sqlite3_open_v2(vault.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr);
    std::unique_ptr<sqlite3, CloseConnection> db(handle);
    if (opened != SQLITE_OK) {
        throw std::runtime_error("cannot open " + vault.string());
    }
    exec(db.get(), "PRAGMA cipher = 'sqlcipher'");
    exec(db.get(), "PRAGMA legacy = 4");
    if (sqlite3_key_v2(db.get(), "main", key.data(), static_cast<int>(key.size())) != SQLITE_OK) {
        throw std::runtime_error(std::string{"sqlite3_key_v2: "} + sqlite3_errmsg(db.get()));
    }
    return db;
}

} // namespace

void deriveKeyAndReadPageOne(const std::filesystem::path& vault, std::string_view passphrase) {
    const auto db = openKeyed(vault, passphrase);
    exec(db.get(), "PRAGMA application_id");
}

void checkEveryPage(const std::filesystem::path& vault, const storage::Secret& key, bool perTable) {
    const auto db = openKeyed(vault, key.view());
    const char* sql = perTable ? "SELECT q.quick_check FROM sqlite_schema s, pragma_quick_check(s.name) q "
                                 "WHERE s.type = 'table' AND s.sql NOT LIKE 'CREATE VIRTUAL TABLE%'"
                               : "PRAGMA quick_check(5)";
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db.get(), sql, -1, &statement, nullptr) != SQLITE_OK) {
        throw std::runtime_error(std::string{"quick_check: "} + sqlite3_errmsg(db.get()));
    }
    int rc = SQLITE_OK;
    std::string problems;
    while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
        if (text == nullptr || std::string_view{text} != "ok") {
            problems += text == nullptr ? "?" : text;
        }
    }
    sqlite3_finalize(statement);
    if (rc != SQLITE_DONE || !problems.empty()) {
        throw std::runtime_error("quick_check of " + vault.string() + " failed: " + problems);
    }
}

} // namespace tessera::bench
