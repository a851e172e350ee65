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
// SQLITE_TRACE_STMT; triggers appear as "-- TRIGGER name"). Statements on other threads (workers,
// the page check's own connection) are not recorded. The vault must outlive the recorder; only
// one recorder per vault at a time (it owns the connection's trace callback).
class StatementRecorder {
public:
    StatementRecorder(const Vault& vault, std::thread::id watched);
    ~StatementRecorder();
    StatementRecorder(const StatementRecorder&) = delete;
    StatementRecorder& operator=(const StatementRecorder&) = delete;

    // The statements recorded so far, oldest first; take() also forgets them.
    [[nodiscard]] std::vector<std::string> statements() const;
    [[nodiscard]] std::vector<std::string> take();

    // Called by SQLite's trace callback (any thread).
    void traced(const char* sql);

private:
    void* m_connection; // the sqlite3 handle
    std::thread::id m_watched;
    mutable std::mutex m_mutex;
    std::vector<std::string> m_statements;
};

} // namespace tessera::storage::testing
