#pragma once

// Unlocking in two parts: the key derivation that SQLCipher 4 does on purpose slowly
// (PBKDF2-HMAC-SHA512, 256,000 iterations), and everything else Vault::open does. The second
// part is measured by opening with the derived key itself (SQLCipher's raw key literal x'...'),
// which SQLite3MultipleCiphers takes without deriving anything.

#include "tessera/storage/secret.hpp"

#include <filesystem>
#include <string_view>

namespace tessera::bench {

// SQLCipher 4's key derivation, computed here (libsodium's HMAC-SHA512) from the 16-byte salt at
// the start of the vault file, as the raw key literal "x'<64 hex digits>'".
[[nodiscard]] storage::Secret rawKeyFor(const std::filesystem::path& vault, std::string_view passphrase);

// Key derivation alone: a bare SQLite connection keyed with `passphrase` exactly as the vault
// keys its own (SQLCipher 4 settings), reading page 1 once. Throws when the key does not fit.
void deriveKeyAndReadPageOne(const std::filesystem::path& vault, std::string_view passphrase);

// What Vault::open spends checking every page before it writes anything (storage's findDamage):
// PRAGMA quick_check on a bare connection keyed with `key` (the raw key: no derivation). With
// `perTable`, quick_check of each ordinary table instead: the same pages read and authenticated,
// without the FTS5 index check that re-tokenizes every indexed text. Throws unless "ok".
void checkEveryPage(const std::filesystem::path& vault, const storage::Secret& key, bool perTable);

} // namespace tessera::bench
