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

// A new passphrase must be hard to guess (storage::estimatePassphraseStrength: at least 8
// characters and zxcvbn score 3 of 4): a vault's only protection is its passphrase. Throws a
// UsageError that says why and what to do.
void checkNewPassphrase(const storage::Secret& passphrase, const std::filesystem::path& vault);

} // namespace tessera::cli
