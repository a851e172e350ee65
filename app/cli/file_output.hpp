#pragma once

#include <filesystem>
#include <string>

namespace tessera::cli {

// Writes `content` to `path` readable by the owner only (0600), through a temporary file in the
// same folder that is synced and renamed into place: the target is complete or untouched.
// Refuses to replace an existing file unless `overwrite`.
void writeFileAtomically(const std::filesystem::path& path, const std::string& content, bool overwrite);

[[nodiscard]] std::string readWholeFile(const std::filesystem::path& path);

} // namespace tessera::cli
