#pragma once

// tessera_storage_testing: vaults that only the tests and tessera-bench make. The shipped
// programs (tessera, tessera-cli) never link this library, and a ctest checks that they contain
// none of these functions (tests/packaging/test_hooks_check.sh).

#include "tessera/storage/secret.hpp"
#include "tessera/storage/vault.hpp"

#include <filesystem>

namespace tessera::storage::testing {

// For tests of migrations: writes a new vault file whose schema stops at `version` (1 to
// kSchemaVersion), as an older Tessera would have written it, without opening (and so migrating)
// it. Made by the same code as Vault::create.
void createFileAtSchemaVersion(const std::filesystem::path& path, const Secret& passphrase, int version);

// For the benchmark (the encryption ratio: what the cipher costs) and tests of queries: a vault
// file with NO encryption, made with the same schema, default codebook, templates and connection
// settings as a real vault, and filled and queried through the same member functions. Never put
// clinical data in one. The open skips the checks of Vault::open (passphrase, page
// authentication), which only make sense for a real vault; the vault's page check is NotRun.
[[nodiscard]] Vault createUnencryptedForBenchmark(const std::filesystem::path& path);
[[nodiscard]] Vault openUnencryptedForBenchmark(const std::filesystem::path& path);

} // namespace tessera::storage::testing
