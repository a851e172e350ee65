#include "tessera/storage/secure_memory.hpp"

#include <sodium.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstring>

namespace tessera::storage {
namespace {

// SQLite's allocator is one per process, so its hook is too: the default methods it wraps.
// (SQLite3MultipleCiphers has the same behind SQLITE3MC_SECURE_MEMORY and a pragma; this needs
// neither a special build of SQLite nor a connection to switch it on.)
sqlite3_mem_methods g_system{};

void* zeroingMalloc(int bytes) {
    return g_system.xMalloc(bytes);
}

void zeroingFree(void* block) {
    if (block != nullptr) {
        sodium_memzero(block, static_cast<std::size_t>(g_system.xSize(block)));
    }
    g_system.xFree(block);
}

void* zeroingRealloc(void* block, int bytes) {
    if (block == nullptr) {
        return g_system.xMalloc(bytes);
    }
    if (bytes <= 0) {
        zeroingFree(block);
        return nullptr;
    }
    // Always a new block: growing in place would leave no copy behind, but the system realloc
    // may move the block and free the old one without zeroing it.
    void* moved = g_system.xMalloc(bytes);
    if (moved != nullptr) {
        std::memcpy(moved, block, static_cast<std::size_t>(std::min(bytes, g_system.xSize(block))));
        zeroingFree(block);
    }
    return moved;
}

int blockSize(void* block) {
    return g_system.xSize(block);
}

int roundUp(int bytes) {
    return g_system.xRoundup(bytes);
}

int initialise(void* data) {
    return g_system.xInit(data);
}

void shutDown(void* data) {
    g_system.xShutdown(data);
}

sqlite3_mem_methods g_zeroing{zeroingMalloc, zeroingFree, zeroingRealloc, blockSize,
                              roundUp,       initialise,  shutDown,       nullptr};

} // namespace

bool installZeroingSqliteAllocator() {
    static const bool installed = [] {
        if (sodium_init() < 0) {
            return false;
        }
        sqlite3_mem_methods current{};
        if (sqlite3_config(SQLITE_CONFIG_GETMALLOC, &current) != SQLITE_OK) {
            return false; // SQLite is already in use
        }
        g_system = current;
        return sqlite3_config(SQLITE_CONFIG_MALLOC, &g_zeroing) == SQLITE_OK;
    }();
    return installed;
}

} // namespace tessera::storage
