#pragma once

// Reading an import file from disk within the limits of core::InterchangeLimits: only a regular
// file no larger than the size limit is opened, so that /dev/zero, a pipe or a 2 GB file is
// refused before a byte is read; the file is then streamed through core::readCaseload.

#include "tessera/core/interchange.hpp"

#include <filesystem>

namespace tessera::storage {

// Throws core::ValidationError (the file cannot be read, is not a regular file, is too large,
// or its content is invalid), naming the file and what to do.
[[nodiscard]] core::CaseloadDocument readCaseloadFile(const std::filesystem::path& path,
                                                      const core::InterchangeLimits& limits = {});

} // namespace tessera::storage
