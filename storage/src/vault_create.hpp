#pragma once

// Making a new vault file: shared by Vault::create and by the test vaults of
// tessera_storage_testing (storage/testing), so that a test vault is made by the very code that
// makes a real one.

#include "tessera/storage/secret.hpp"

#include <SQLiteCpp/Database.h>

#include <filesystem>

namespace tessera::storage::detail {

// Fills a new, empty database inside the caller's transaction: the schema up to `version` (as a
// Tessera of that version wrote it), the application id, the "vault created" audit entry (from
// version 3, which introduced the audit log), the default codebook and the default templates.
void fillNewVault(SQLite::Database& db, int version);

// Writes a new encrypted vault file of schema `version` (1 to kSchemaVersion) at `path` without
// opening it. Never overwrites: the file appears complete or not at all. Vault::create passes
// kSchemaVersion; only the migration tests ask for an older one.
void createVaultFile(const std::filesystem::path& path, const Secret& passphrase, int version);

} // namespace tessera::storage::detail
