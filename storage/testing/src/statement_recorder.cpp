// The statement recorder of tessera_storage_testing: SQLite's own trace hook on the vault's
// connection (or on every connection opened while it exists), filtered by the thread that runs
// the statement.

#include "tessera/storage/testing.hpp"

#include "vault_impl.hpp"

#include <sqlite3.h>

#include <algorithm>

namespace tessera::storage::testing {
namespace {

int onTrace(unsigned kind, void* context, void* subject, void* text) {
    auto* recorder = static_cast<StatementRecorder*>(context);
    if (kind == SQLITE_TRACE_STMT && text != nullptr) {
        recorder->traced(static_cast<const char*>(text));
    } else if (kind == SQLITE_TRACE_CLOSE) {
        recorder->closed(subject); // the connection's mutex is held: no statement runs meanwhile
    }
    return 0;
}

// The recorder of every connection (at most one), for the auto-extension below; guarded by
// its mutex, which an opening holds while it attaches the recorder.
std::mutex g_everyConnectionMutex;
StatementRecorder* g_everyConnection = nullptr;

// Called by SQLite on the opening thread for every new connection (sqlite3_auto_extension).
int onOpen(sqlite3* connection, const char** /*error*/, const sqlite3_api_routines* /*api*/) {
    const std::lock_guard<std::mutex> guard(g_everyConnectionMutex);
    if (g_everyConnection != nullptr) {
        g_everyConnection->opened(connection);
    }
    return SQLITE_OK;
}

// SQLite takes extension entry points as void (*)(void); this signature is exempt from GCC's
// -Wcast-function-type.
auto openHook() {
    return reinterpret_cast<void (*)()>(&onOpen);
}

constexpr unsigned kTraceMask = SQLITE_TRACE_STMT | SQLITE_TRACE_CLOSE;

} // namespace

StatementRecorder::StatementRecorder(const Vault& vault, std::thread::id watched) : m_watched(watched) {
    attach(Vault::Impl::connectionOf(vault).getHandle());
}

StatementRecorder::StatementRecorder(std::thread::id watched) : m_watched(watched), m_everyConnection(true) {
    const std::lock_guard<std::mutex> guard(g_everyConnectionMutex);
    g_everyConnection = this;
    sqlite3_auto_extension(openHook());
}

StatementRecorder::~StatementRecorder() {
    if (m_everyConnection) {
        const std::lock_guard<std::mutex> guard(g_everyConnectionMutex);
        sqlite3_cancel_auto_extension(openHook());
        g_everyConnection = nullptr;
    }
    // Removing the hook takes the connection's mutex: no callback into this object runs on it
    // once that is done. A connection running a statement or closing on another thread holds
    // its mutex and may then call closed(), which takes m_mutex: so this only tries the
    // connection's mutex while holding m_mutex, and lets go of both until the other thread is
    // done.
    for (;;) {
        std::unique_lock<std::mutex> guard(m_mutex);
        for (auto it = m_connections.begin(); it != m_connections.end();) {
            auto* connection = static_cast<sqlite3*>(*it);
            auto* mutex = sqlite3_db_mutex(connection);
            if (mutex != nullptr && sqlite3_mutex_try(mutex) != SQLITE_OK) {
                ++it;
                continue;
            }
            sqlite3_trace_v2(connection, 0, nullptr, nullptr);
            if (mutex != nullptr) {
                sqlite3_mutex_leave(mutex);
            }
            it = m_connections.erase(it);
        }
        if (m_connections.empty()) {
            break;
        }
        guard.unlock();
        std::this_thread::yield();
    }
}

void StatementRecorder::attach(void* connection) {
    {
        const std::lock_guard<std::mutex> guard(m_mutex);
        m_connections.push_back(connection);
    }
    sqlite3_trace_v2(static_cast<sqlite3*>(connection), kTraceMask, onTrace, this);
}

void StatementRecorder::opened(void* connection) {
    if (std::this_thread::get_id() == m_watched) {
        const std::lock_guard<std::mutex> guard(m_mutex);
        m_statements.emplace_back("-- connection opened");
    }
    attach(connection);
}

void StatementRecorder::closed(void* connection) {
    const std::lock_guard<std::mutex> guard(m_mutex);
    m_connections.erase(std::remove(m_connections.begin(), m_connections.end(), connection), m_connections.end());
    if (std::this_thread::get_id() == m_watched) {
        m_statements.emplace_back("-- connection closed");
    }
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
