#pragma once

// tessera_storage_testing: vaults that only the tests and tessera-bench make. The shipped
// programs (tessera, tessera-cli) never link this library, and a ctest checks that they contain
// none of these functions (tests/packaging/test_hooks_check.sh).

#include "tessera/storage/secret.hpp"
#include "tessera/storage/vault.hpp"

#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tessera::storage::testing {

// For tests of migrations: writes a new vault file whose schema stops at `version` (1 to
// kSchemaVersion), as an older Tessera would have written it, without opening (and so migrating)
// it. Made by the same code as Vault::create.
void createFileAtSchemaVersion(const std::filesystem::path& path, const Secret& passphrase, int version);

// For the benchmark (the encryption ratio: what the cipher costs) and tests of queries: a vault
// file with NO encryption, made with the same schema, default codebook, templates and connection
// settings as a real vault, and filled and queried through the same member functions. Never put
// clinical data in one. The open skips the checks of Vault::open (passphrase, page
// authentication), which only make sense for a real vault; the vault's page check is NotRun.
[[nodiscard]] Vault createUnencryptedForBenchmark(const std::filesystem::path& path);
[[nodiscard]] Vault openUnencryptedForBenchmark(const std::filesystem::path& path);

// For tests that prove a thread runs no SQL (the app's UI thread): while it exists, records the
// text of every statement that `vault`'s connection runs on `watched` (sqlite3_trace_v2,
// SQLITE_TRACE_STMT; triggers appear as "-- TRIGGER name"), and "-- connection closed" when the
// connection is closed on `watched` (the checkpoint and waiting for the page check are as much a
// wait as a statement). Statements on other threads (workers, the page check's own connection)
// are not recorded. The recorder may outlive the connection (it notices the close); its
// destructor lets a statement or a close running on another thread finish first. Only one
// recorder per connection at a time (it owns the connection's trace callback).
class StatementRecorder {
public:
    StatementRecorder(const Vault& vault, std::thread::id watched);
    // The same for every connection opened while the recorder exists (any vault's: the app's
    // opening of a vault, its page check, a backup's copy), from its opening on; an opening on
    // `watched` is recorded too ("-- connection opened": key derivation, reading the schema).
    // For tests of unlocking and locking. Only one such recorder at a time.
    explicit StatementRecorder(std::thread::id watched);
    ~StatementRecorder();
    StatementRecorder(const StatementRecorder&) = delete;
    StatementRecorder& operator=(const StatementRecorder&) = delete;

    // The statements recorded so far, oldest first; take() also forgets them.
    [[nodiscard]] std::vector<std::string> statements() const;
    [[nodiscard]] std::vector<std::string> take();

    // Called by SQLite (any thread): a statement runs, a connection opened or closed.
    void traced(const char* sql);
    void opened(void* connection);
    void closed(void* connection);

private:
    void attach(void* connection);

    std::thread::id m_watched;
    bool m_everyConnection = false;
    mutable std::mutex m_mutex;
    std::vector<void*> m_connections; // sqlite3 handles traced and not yet closed
    std::vector<std::string> m_statements;
};

} // namespace tessera::storage::testing
