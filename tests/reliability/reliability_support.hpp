#pragma once

// Shared by the reliability tests: the programs under test, settings from the environment, and
// small helpers around vault files.

#include "test_support.hpp"

#include "tessera/storage/vault.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

namespace tessera::test {

inline const std::filesystem::path kCli{TESSERA_CLI_PATH};
inline const std::filesystem::path kCrashWriter{TESSERA_CRASH_WRITER_PATH};
inline constexpr const char* kPassphrase = "correct horse battery staple";

inline const storage::Secret& vaultPassphrase() {
    static const storage::Secret secret{kPassphrase};
    return secret;
}

// TESSERA_CRASH_KILLS (default 200: the kills of all crash tests together) and
// TESSERA_CRASH_SEED (default: a fresh one, printed so that a failure can be repeated).
struct CrashSettings {
    int kills = 200;
    std::uint64_t seed = 0;
};
[[nodiscard]] CrashSettings crashSettings();

// Copies a closed vault file (no side files) over `to`, removing `to`'s side files.
void restoreVault(const std::filesystem::path& from, const std::filesystem::path& to);

// The vault's clinical content as text (the interchange export), to compare before and after.
[[nodiscard]] std::string contentOf(const storage::Vault& vault);

// Sleeps for `ms` milliseconds.
void sleepFor(std::chrono::milliseconds ms);

// SHA-free identity for a file's bytes in failure messages: its size and FNV-1a hash.
[[nodiscard]] std::string fingerprint(const std::filesystem::path& path);

} // namespace tessera::test
