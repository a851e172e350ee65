#include "file_output.hpp"

#include "cli_errors.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <random>
#include <unistd.h>

namespace tessera::cli {

void writeFileAtomically(const std::filesystem::path& path, const std::string& content, bool overwrite) {
    std::error_code error;
    if (!overwrite && std::filesystem::exists(std::filesystem::symlink_status(path, error))) {
        throw UsageError(path.string() + " already exists; use --force to replace it.");
    }
    const auto directory = path.parent_path().empty() ? std::filesystem::path{"."} : path.parent_path();
    std::random_device random;
    const auto temporary = directory / ("." + path.filename().string() + ".partial-" + std::to_string(random()));
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        const int openError = errno;
        if (openError == ENOENT || openError == ENOTDIR) {
            throw UsageError("Cannot write to " + directory.string() + ": the folder does not exist.");
        }
        throw IoError("Cannot write to " + directory.string() + ": " + std::strerror(openError) +
                      ". Nothing was written.");
    }
    std::size_t written = 0;
    int writeError = 0;
    while (written < content.size()) {
        const auto n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            writeError = errno;
            break;
        }
        written += static_cast<std::size_t>(n);
    }
    if (writeError == 0 && ::fsync(fd) != 0) {
        writeError = errno;
    }
    ::close(fd);
    if (writeError == 0) {
        // link() never replaces a file; rename() does, and only with --force.
        const int moved =
            overwrite ? ::rename(temporary.c_str(), path.c_str()) : ::link(temporary.c_str(), path.c_str());
        writeError = moved != 0 ? errno : 0;
    }
    std::filesystem::remove(temporary, error);
    if (writeError == EEXIST) {
        throw UsageError(path.string() + " already exists; use --force to replace it.");
    }
    if (writeError != 0) {
        // The disk is full or refused the write: exit code 5, as for the vault itself.
        throw IoError("Could not write " + path.string() + ": " + std::strerror(writeError) + ". Nothing was written.");
    }
}

std::string readWholeFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw UsageError("Cannot read " + path.string() + ".");
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace tessera::cli
