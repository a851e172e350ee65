#pragma once

#include <SQLiteCpp/Database.h>

#include <string_view>
#include <vector>

namespace tessera::storage::detail {

// Brings the schema from `fromVersion` to `toVersion` (both inclusive of the steps between),
// inside the caller's transaction, and records the new version in PRAGMA user_version.
void migrate(SQLite::Database& db, int fromVersion, int toVersion);

// The triggers that keep signed notes, addenda and templates as they were written, in a vault of
// `schemaVersion`: verify reports any that is missing.
[[nodiscard]] const std::vector<std::string_view>& protectionTriggers(int schemaVersion);

[[nodiscard]] int readUserVersion(SQLite::Database& db);
[[nodiscard]] int readApplicationId(SQLite::Database& db);

} // namespace tessera::storage::detail
