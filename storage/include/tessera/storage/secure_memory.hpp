#pragma once

namespace tessera::storage {

// Makes SQLite zero every block of memory it frees (decrypted pages of its page cache, rows,
// statements), so that what a vault held does not stay readable in freed heap after the vault
// closes (issue 13, item 2). Installs a zeroing allocator with sqlite3_config(SQLITE_CONFIG_MALLOC),
// which SQLite accepts only before its first use in the process: call it first thing in main().
// Returns false when SQLite was already in use (nothing changed). Calling it again is harmless.
bool installZeroingSqliteAllocator();

} // namespace tessera::storage
