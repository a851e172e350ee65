#pragma once

// Watches a folder with inotify and records every file created or moved into it, even one that
// is deleted straight away (as SQLite does with its temporary files): proof that nothing at all
// was written there, not merely that nothing was left.

#include <array>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <sys/inotify.h>
#include <unistd.h>
#include <vector>

namespace tessera::test {

class FileWatch {
public:
    explicit FileWatch(const std::filesystem::path& folder) {
        m_fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (m_fd < 0 || ::inotify_add_watch(m_fd, folder.c_str(), IN_CREATE | IN_MOVED_TO | IN_MODIFY) < 0) {
            throw std::runtime_error("inotify is not available for " + folder.string());
        }
    }
    ~FileWatch() { ::close(m_fd); }
    FileWatch(const FileWatch&) = delete;
    FileWatch& operator=(const FileWatch&) = delete;

    // Names of the files created, moved in or written since the watch began (or the last call).
    std::vector<std::string> events() {
        std::vector<std::string> names;
        alignas(inotify_event) std::array<char, 8192> buffer{};
        while (true) {
            const auto n = ::read(m_fd, buffer.data(), buffer.size());
            if (n <= 0) {
                return names;
            }
            for (std::size_t at = 0; at < static_cast<std::size_t>(n);) {
                const auto* event = reinterpret_cast<const inotify_event*>(buffer.data() + at);
                names.emplace_back(event->len > 0 ? event->name : "(the folder itself)");
                at += sizeof(inotify_event) + event->len;
            }
        }
    }

private:
    int m_fd = -1;
};

} // namespace tessera::test
