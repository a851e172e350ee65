#include "tessera/storage/import_file.hpp"

#include <fstream>
#include <string>
#include <system_error>

namespace tessera::storage {
namespace {

[[noreturn]] void refuse(const std::filesystem::path& path, const std::string& what) {
    throw core::ValidationError({{path.string(), what}});
}

} // namespace

core::CaseloadDocument readCaseloadFile(const std::filesystem::path& path, const core::InterchangeLimits& limits) {
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (error || !std::filesystem::exists(status)) {
        refuse(path, "cannot read this file (" + (error ? error.message() : std::string{"it does not exist"}) +
                         "); check the path.");
    }
    if (!std::filesystem::is_regular_file(status)) {
        refuse(path, "is not a regular file (a folder, a device or a pipe); save the caseload to a file and import "
                     "that.");
    }
    const auto size = std::filesystem::file_size(path, error);
    if (!error && size > limits.maxFileBytes) {
        refuse(path, "is " + std::to_string(size >> 20) + " MiB; an import file may be at most " +
                         std::to_string(limits.maxFileBytes >> 20) +
                         " MiB (docs/interchange.md, Limits): split the caseload into smaller files.");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        refuse(path, "cannot read this file; check that you may read it.");
    }
    // Should the file have been swapped for something endless since the checks above, the reader
    // still stops at the size limit.
    return core::readCaseload(in, limits);
}

} // namespace tessera::storage
