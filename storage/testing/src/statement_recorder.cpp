// The statement recorder of tessera_storage_testing: SQLite's own trace hook on the vault's
// connection, filtered by the thread that runs the statement.

#include "tessera/storage/testing.hpp"

#include "vault_impl.hpp"

#include <sqlite3.h>

namespace tessera::storage::testing {
namespace {

int onTrace(unsigned kind, void* context, void* /*statement*/, void* text) {
    if (kind == SQLITE_TRACE_STMT && text != nullptr) {
        static_cast<StatementRecorder*>(context)->traced(static_cast<const char*>(text));
    }
    return 0;
}

} // namespace

StatementRecorder::StatementRecorder(const Vault& vault, std::thread::id watched)
    : m_connection(Vault::Impl::connectionOf(vault).getHandle()), m_watched(watched) {
    sqlite3_trace_v2(static_cast<sqlite3*>(m_connection), SQLITE_TRACE_STMT, onTrace, this);
}

StatementRecorder::~StatementRecorder() {
    // Removing the hook takes the connection's mutex: no callback into this object is running
    // once it returns.
    sqlite3_trace_v2(static_cast<sqlite3*>(m_connection), 0, nullptr, nullptr);
}

void StatementRecorder::traced(const char* sql) {
    if (std::this_thread::get_id() != m_watched) {
        return;
    }
    const std::lock_guard<std::mutex> guard(m_mutex);
    m_statements.emplace_back(sql);
}

std::vector<std::string> StatementRecorder::statements() const {
    const std::lock_guard<std::mutex> guard(m_mutex);
    return m_statements;
}

std::vector<std::string> StatementRecorder::take() {
    const std::lock_guard<std::mutex> guard(m_mutex);
    return std::exchange(m_statements, {});
}

} // namespace tessera::storage::testing
