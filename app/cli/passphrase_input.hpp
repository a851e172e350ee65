#pragma once

#include "tessera/storage/secret.hpp"

#include <filesystem>
#include <optional>
#include <string>

namespace tessera::cli {

// Where a passphrase comes from, in order: an environment variable (for automation), a file
// named on the command line, or the terminal (without echo; twice when `confirm`).
struct PassphraseSource {
    const char* environmentVariable = "TESSERA_PASSPHRASE";
    std::optional<std::filesystem::path> file;
};

// Throws UsageError when no source is available or the two entries differ.
[[nodiscard]] storage::Secret obtainPassphrase(const PassphraseSource& source, const std::string& prompt, bool confirm);

// A new passphrase must be at least this long: a vault's only protection is its passphrase.
inline constexpr std::size_t kMinimumPassphraseLength = 8;
void checkNewPassphrase(const storage::Secret& passphrase);

} // namespace tessera::cli
