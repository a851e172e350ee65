#pragma once

// Internals shared by the vault's translation units. Not part of the public interface.

#include "tessera/storage/vault.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <utility>

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

// Holds the connection's mutex (recursive, SQLite's serialized mode) for a whole read or a whole
// change. Every SQLite call takes it anyway; taken once, those calls only re-enter it (no atomic
// operation), which was a third of loading a career's records. Held across a change, it also
// keeps other threads (the app's background tasks share the vault's one connection) from running
// a statement inside this thread's open transaction, or from starting their own within it: they
// wait until the commit or the rollback.
class ConnectionHold {
public:
    explicit ConnectionHold(SQLite::Database& db) : m_mutex(sqlite3_db_mutex(db.getHandle())) {
        sqlite3_mutex_enter(m_mutex); // no-op when SQLite runs without mutexes
    }
    ~ConnectionHold() { sqlite3_mutex_leave(m_mutex); }
    ConnectionHold(const ConnectionHold&) = delete;
    ConnectionHold& operator=(const ConnectionHold&) = delete;

private:
    sqlite3_mutex* m_mutex;
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

// ---- Checks before and while opening (vault_checks.cpp)

// What can be told from the raw bytes before any decryption is tried: NotFound, NotAVault (not a
// file, empty, unencrypted SQLite, text) or Damaged (cut short in the middle of a page).
void checkFileBeforeOpening(const std::filesystem::path& path);

// A keyed connection that does not checkpoint its WAL on close (until the vault is known to be
// good). `checkHmac` false reads pages without authenticating them (for telling damage apart).
[[nodiscard]] std::unique_ptr<SQLite::Database> openConnection(const std::filesystem::path& path,
                                                               const Secret& passphrase, bool checkHmac);

// With `passphrase`, does page 1 decrypt to the header of a SQLCipher 4 database or of a Tessera
// vault, ignoring its checksum? True means the passphrase is right and page 1 is damaged. With a
// WAL holding content, only the newest page 1 (which SQLite reads) counts.
[[nodiscard]] bool pageOneDecryptsWith(const std::filesystem::path& path, const Secret& passphrase, bool walHasContent);

// Reads every page in use (through the WAL) and checks the database's structure. Returns the
// problems found, empty when every page authenticates. Errors that are not damage (busy, out of
// memory) are thrown as SQLite::Exception.
[[nodiscard]] std::string findDamage(SQLite::Database& db);

// The page check of a vault opened for writing, on a connection of its own (run in the
// background while the vault's own connection serves reads): reads every page as findDamage
// does and, when every page authenticates, records the opening in the audit log. Returns the
// problems found, empty when the check passed. Throws VaultError when it cannot run or record.
[[nodiscard]] std::string checkPagesAndRecordOpening(const std::filesystem::path& path, const Secret& passphrase);

// Connection settings of every vault connection that may write: durable commits, foreign keys,
// secure delete, temporary data in memory, untrusted schema. (Not the journal mode, which is
// stored in the file; the vault is created in WAL mode.)
void configureConnection(SQLite::Database& db);

// The -wal and -shm files beside a vault, as they were before it was opened, so that a refused
// or read-only open can leave the folder exactly as it found it.
struct SideFiles {
    bool wal = false;
    bool walHasContent = false;
    bool shm = false;

    [[nodiscard]] static SideFiles of(const std::filesystem::path& vault);
    // Removes the empty -wal and the -shm that opening created (the vault must be closed).
    void removeCreatedSince(const std::filesystem::path& vault) const;
};

} // namespace detail

struct Vault::Impl {
    std::filesystem::path path;
    detail::FileLock lock; // declared before db: destroyed after it (see FileLock)
    Secret passphrase;
    std::unique_ptr<SQLite::Database> db;
    int schemaVersion = 0;
    // Read by the UI thread every frame while a backup (which records itself) may run on a worker.
    std::atomic<std::uint64_t> revision{0};
    bool readOnly = false;
    detail::SideFiles sideFilesBefore; // as opening found them

    // The background page check (ReadWrite): its result until settled, then its outcome. Shared,
    // so that threads waiting for it (a backup on a worker, the UI asking) wait on their own copy.
    std::shared_future<std::string> pageCheckResult;
    PageCheck pageCheck;
    std::mutex pageCheckMutex; // guards the two above; never held while waiting

    Impl() = default;
    // Waits for a running page check (so the opening is recorded, and no thread outlives the
    // vault), then closes: checkpointing only a vault whose check passed, and removing the
    // side files opening created when it did not.
    ~Impl();
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    // The vault around `impl`, for opening code outside vault_open.cpp that cannot reach Vault's
    // private constructor (the unencrypted vaults of tessera_storage_testing). Inline, so that
    // only a program that uses it contains it.
    [[nodiscard]] static Vault adopt(std::unique_ptr<Impl> impl) { return Vault(std::move(impl)); }
    // The connection of an open vault, for tessera_storage_testing's statement recorder (a nested
    // class may read Vault's private members; the public API stays without the raw handle).
    [[nodiscard]] static SQLite::Database& connectionOf(const Vault& vault) { return *vault.m_impl->db; }

    // Takes the check's result once it is there (waiting for it with `wait`); returns where the
    // check stands.
    PageCheck settlePageCheck(bool wait);
    // Before every change: refuses on a read-only vault, waits for the page check and throws its
    // failure. `doing` names the change for the read-only message.
    void requireWritable(const std::string& doing);
};

namespace detail {

// Every read of the vault's connection: the connection is held for the whole read (several
// statements), so that a change on another thread lands before it or after it, never between
// its statements.
template <typename Body> auto readVault(const Vault::Impl& impl, const std::string& doing, Body&& body) {
    return guarded(doing, [&] {
        const ConnectionHold hold(*impl.db);
        return body();
    });
}

// Every change: one transaction, then the revision bump that tells caches to rebuild. The
// connection is held for the whole transaction (see ConnectionHold).
// A vault opened read-only, or one whose page check found damage, refuses before anything is
// tried; while the page check runs, the change waits for it.
template <typename Body> auto change(Vault::Impl& impl, const std::string& doing, Body&& body) {
    impl.requireWritable(doing);
    return guarded(doing, [&] {
        const ConnectionHold hold(*impl.db); // declared first: released after the rollback
        WriteTransaction transaction(*impl.db);
        if constexpr (std::is_void_v<decltype(body())>) {
            body();
            transaction.commit();
            ++impl.revision;
        } else {
            auto result = body();
            transaction.commit();
            ++impl.revision;
            return result;
        }
    });
}

} // namespace detail

} // namespace tessera::storage
