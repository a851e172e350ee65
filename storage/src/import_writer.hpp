#pragma once

// Writing an import: many sessions in one transaction.

#include "tessera/core/model.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdint>

namespace tessera::storage::detail {

// Inserts whole sessions (content, then signature and addenda, in the order the immutability
// triggers require; the same rows and ids as writing them one by one), but moves their
// children into the vault in batches: they are staged in temporary tables (memory only, see
// SQLITE_TEMP_STORE) and written with one INSERT ... SELECT per table and batch. The triggers
// that fill the search index then run inside one statement per batch instead of one statement
// per row; FTS5 writes its pending terms to disk at every statement savepoint, and one flush per
// row made an import spend about half its time creating and merging tiny index segments
// (docs/performance.md). Used inside the caller's transaction; call finish() before committing.
class ImportWriter {
public:
    explicit ImportWriter(SQLite::Database& db);
    ~ImportWriter();
    ImportWriter(const ImportWriter&) = delete;
    ImportWriter& operator=(const ImportWriter&) = delete;

    void insert(core::ClientId client, const core::Session& session, std::int64_t templateRowId);
    // Writes what is still staged. Must be called before the transaction commits.
    void finish();

private:
    void flush();

    SQLite::Database& m_db;
    SQLite::Statement m_session;
    SQLite::Statement m_section;
    SQLite::Statement m_observation;
    SQLite::Statement m_balance;
    SQLite::Statement m_sign;
    SQLite::Statement m_addendum;
    int m_staged = 0;
};

} // namespace tessera::storage::detail
