#pragma once

#include <SQLiteCpp/Database.h>

namespace tessera::storage::detail {

// Brings the schema from `fromVersion` to `toVersion` (both inclusive of the steps between),
// inside the caller's transaction, and records the new version in PRAGMA user_version.
void migrate(SQLite::Database& db, int fromVersion, int toVersion);

[[nodiscard]] int readUserVersion(SQLite::Database& db);
[[nodiscard]] int readApplicationId(SQLite::Database& db);

} // namespace tessera::storage::detail
