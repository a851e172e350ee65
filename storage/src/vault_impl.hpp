#pragma once

// Internals shared by the vault's translation units. Not part of the public interface.

#include "tessera/storage/vault.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>

#include <filesystem>
#include <memory>
#include <string>

namespace tessera::storage {

namespace detail {

// An advisory lock (flock) that keeps a second Tessera process from opening a vault that is
// open for writing. It is taken on its own file descriptor *before* SQLite opens the file and
// released *after* SQLite closes it: closing any descriptor of a file drops the POSIX locks
// SQLite holds on it, so this descriptor must not be closed while SQLite has the file open.
class FileLock {
public:
    FileLock() = default;
    explicit FileLock(const std::filesystem::path& path);
    ~FileLock();
    FileLock(FileLock&& other) noexcept;
    FileLock& operator=(FileLock&& other) noexcept;
    FileLock(const FileLock&) = delete;
    FileLock& operator=(const FileLock&) = delete;

private:
    int m_fd = -1;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back on destruction unless committed. (SQLiteCpp's
// Transaction begins DEFERRED, which can fail half way through with SQLITE_BUSY.)
class WriteTransaction {
public:
    explicit WriteTransaction(SQLite::Database& db);
    ~WriteTransaction();
    WriteTransaction(const WriteTransaction&) = delete;
    WriteTransaction& operator=(const WriteTransaction&) = delete;
    void commit();

private:
    SQLite::Database& m_db;
    bool m_done = false;
};

// Turns SQLite's errors into VaultErrors a person can act on.
[[noreturn]] void rethrowAsVaultError(const SQLite::Exception& error, const std::string& doing);

// Runs `body`, translating SQLite errors. `doing` completes "... while <doing>".
template <typename Body> auto guarded(const std::string& doing, Body&& body) -> decltype(body()) {
    try {
        return body();
    } catch (const SQLite::Exception& error) {
        rethrowAsVaultError(error, doing);
    }
}

// Configures SQLCipher 4 compatible encryption on a fresh connection and applies the key.
void applyKey(SQLite::Database& db, const Secret& passphrase);

void fsyncPath(const std::filesystem::path& path);
void fsyncDirectory(const std::filesystem::path& directory);

[[nodiscard]] std::string nowIso();

} // namespace detail

struct Vault::Impl {
    std::filesystem::path path;
    detail::FileLock lock; // declared before db: destroyed after it (see FileLock)
    Secret passphrase;
    std::unique_ptr<SQLite::Database> db;
    int schemaVersion = 0;
    std::uint64_t revision = 0;
};

} // namespace tessera::storage
