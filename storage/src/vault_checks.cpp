// The checks that tell a wrong passphrase from a file that is not a vault and from a damaged
// one, before anything is written (docs/vault.md, "Opening: what each refusal means").

#include "audit.hpp"
#include "vault_impl.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <string_view>

namespace tessera::storage::detail {
namespace {

constexpr std::size_t kPageSize = 4096; // SQLCipher 4

} // namespace

void checkFileBeforeOpening(const std::filesystem::path& path) {
    std::error_code error;
    const auto status = std::filesystem::status(path, error);
    if (!std::filesystem::exists(status)) {
        throw VaultError(VaultError::Kind::NotFound, "There is no vault at " + path.string() +
                                                         ". Check the path, or create one with 'tessera-cli init'.");
    }
    if (!std::filesystem::is_regular_file(status)) {
        throw VaultError(VaultError::Kind::NotAVault, path.string() + " is not a file, so it is not a Tessera vault.");
    }
    const auto size = std::filesystem::file_size(path, error);
    if (size == 0) {
        throw VaultError(VaultError::Kind::NotAVault,
                         path.string() + " is empty, so it is not a Tessera vault. Check the path.");
    }
    std::ifstream in(path, std::ios::binary);
    std::array<char, kPageSize> head{};
    in.read(head.data(), head.size());
    const auto got = static_cast<std::size_t>(in.gcount());
    constexpr std::string_view kPlainSqlite{"SQLite format 3\0", 16};
    if (got >= kPlainSqlite.size() && std::string_view{head.data(), kPlainSqlite.size()} == kPlainSqlite) {
        throw VaultError(VaultError::Kind::NotAVault,
                         path.string() + " is an unencrypted SQLite database, not a Tessera vault.");
    }
    if (size % kPageSize != 0) {
        // An encrypted page looks random; mostly printable bytes mean some other kind of file.
        std::size_t printable = 0;
        for (std::size_t i = 0; i < got; ++i) {
            const auto c = static_cast<unsigned char>(head[i]);
            printable += (c >= 0x20 && c < 0x7F) || c == '\n' || c == '\r' || c == '\t' ? 1 : 0;
        }
        if (printable * 10 >= got * 9) {
            throw VaultError(VaultError::Kind::NotAVault,
                             path.string() + " looks like a text file, not a Tessera vault. Check the path.");
        }
        throw VaultError(VaultError::Kind::Damaged,
                         path.string() + " is damaged: it ends in the middle of a page, as if it was cut short. "
                                         "Nothing was changed. Restore your latest backup.");
    }
}

std::unique_ptr<SQLite::Database> openConnection(const std::filesystem::path& path, const Secret& passphrase,
                                                 bool checkHmac) {
    auto db = std::make_unique<SQLite::Database>(path.string(), SQLite::OPEN_READWRITE);
    // Until the vault is known to be good, closing must not checkpoint the WAL into the file.
    sqlite3_db_config(db->getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
    // Errors say which I/O failed (a refused write is not a failed read).
    sqlite3_extended_result_codes(db->getHandle(), 1);
    if (!checkHmac) {
        sqlite3mc_config(db->getHandle(), "hmac_check", 0);
    }
    applyKey(*db, passphrase);
    // On every Tessera connection, read-only and checking ones too (configureConnection repeats
    // it for the connections that write): REPLACE fires the delete triggers of what it replaces.
    db->exec("PRAGMA recursive_triggers = ON");
    return db;
}

bool pageOneDecryptsWith(const std::filesystem::path& path, const Secret& passphrase, bool walHasContent) {
    std::array<unsigned char, kPageSize> page{};
    try {
        const auto lenient = openConnection(path, passphrase, false);
        // Through SQLite first: this reads the newest page 1, from the WAL when it holds one.
        try {
            SQLite::Statement probe(*lenient, "PRAGMA application_id");
            if (probe.executeStep() && probe.getColumn(0).getInt() == kApplicationId) {
                return true;
            }
        } catch (const SQLite::Exception&) { // NOLINT(bugprone-empty-catch): SQLite cannot parse it; look closer
        }
        if (walHasContent) {
            // The WAL may hold a newer page 1 that this key does not open (a passphrase change
            // interrupted before its checkpoint): the page in the file says nothing then.
            return false;
        }
        // Then page 1 straight from the file through the cipher layer (SQLite3MultipleCiphers'
        // VFS), without SQLite parsing it: a damaged byte garbles one 16-byte block of the
        // decrypted page and one byte of the next, so the header fields of two blocks far apart
        // cannot both be lost to one damaged spot. A wrong key garbles all of them.
        sqlite3_file* file = nullptr;
        if (sqlite3_file_control(lenient->getHandle(), "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK ||
            file == nullptr || file->pMethods == nullptr ||
            file->pMethods->xRead(file, page.data(), static_cast<int>(page.size()), 0) != SQLITE_OK) {
            return false;
        }
    } catch (const SQLite::Exception&) {
        return false;
    }
    // Bytes 16-23 of a SQLCipher 4 database header: page size 4096, (WAL or rollback) file
    // format versions, 80 reserved bytes per page (IV and HMAC), payload fractions 64/32/32.
    const bool cipherHeader = page[16] == 0x10 && page[17] == 0x00 && (page[18] == 1 || page[18] == 2) &&
                              page[20] == 80 && page[21] == 64 && page[22] == 32 && page[23] == 32;
    // Bytes 68-71: PRAGMA application_id, big-endian.
    const auto id = static_cast<std::uint32_t>(kApplicationId);
    const bool tesseraId = page[68] == ((id >> 24) & 0xFF) && page[69] == ((id >> 16) & 0xFF) &&
                           page[70] == ((id >> 8) & 0xFF) && page[71] == (id & 0xFF);
    return cipherHeader || tesseraId;
}

std::string findDamage(SQLite::Database& db) {
    // quick_check reads every page of every table and index (each page's HMAC is checked as it
    // is decrypted) and checks the b-tree structure, without the slower index-content checks of
    // integrity_check. Free pages hold no data and are not read; see docs/vault.md.
    std::string first;
    try {
        SQLite::Statement check(db, "PRAGMA quick_check(5)");
        while (check.executeStep() && first.empty()) {
            const auto report = check.getColumn(0).getString();
            std::size_t start = 0;
            while (start < report.size() && first.empty()) {
                const auto end = std::min(report.find('\n', start), report.size());
                const auto line = report.substr(start, end - start);
                if (line != "ok" && line.rfind("***", 0) != 0 && !line.empty()) {
                    first = line;
                }
                start = end + 1;
            }
        }
    } catch (const SQLite::Exception& error) {
        // A page that cannot be read or does not add up is damage; anything else (busy, out of
        // memory, no permission) is not, and is reported as what it is by the caller.
        const int code = error.getErrorCode() & 0xFF;
        if (code != SQLITE_CORRUPT && code != SQLITE_NOTADB && code != SQLITE_IOERR) {
            throw;
        }
        return error.what();
    }
    // "Tree 14 page 36: unable to get the page. error code=11", or "Tree 26 page 72 cell 1:
    // failed to get page 73", is how an unreadable page (one that fails its HMAC) shows; say it
    // in words.
    if (const auto at = first.find(" page ");
        at != std::string::npos && first.find("unable to get the page") != std::string::npos) {
        const auto number = first.substr(at + 6, first.find(':', at) - at - 6);
        return "page " + number + " fails its authentication check";
    }
    constexpr std::string_view kFailedToGet = "failed to get page ";
    if (const auto at = first.find(kFailedToGet); at != std::string::npos) {
        const auto start = at + kFailedToGet.size();
        const auto end = first.find_first_not_of("0123456789", start);
        return "page " + first.substr(start, end - start) +
               " cannot be read: it fails its authentication check or is missing";
    }
    return first;
}

std::string checkPagesAndRecordOpening(const std::filesystem::path& path, const Secret& passphrase) {
    return guarded("checking every page of the vault", [&] {
        const auto db = openConnection(path, passphrase, true);
        // The vault's own connection only reads until this check has ended, so nothing else
        // writes now; the timeout covers another reader's checkpoint.
        sqlite3_busy_timeout(db->getHandle(), 5000);
        auto problems = findDamage(*db);
        if (!problems.empty()) {
            return problems;
        }
        configureConnection(*db);
        WriteTransaction transaction(*db);
        appendAudit(*db, audit_event::kVaultOpened, "");
        transaction.commit();
        return std::string{};
    });
}

SideFiles SideFiles::of(const std::filesystem::path& vault) {
    std::error_code error;
    SideFiles files;
    const std::filesystem::path walPath{vault.string() + "-wal"};
    files.wal = std::filesystem::exists(walPath, error);
    files.walHasContent = files.wal && std::filesystem::file_size(walPath, error) > 0 && !error;
    files.shm = std::filesystem::exists(vault.string() + "-shm", error);
    return files;
}

void SideFiles::removeCreatedSince(const std::filesystem::path& vault) const {
    std::error_code error;
    const std::filesystem::path walPath{vault.string() + "-wal"};
    if (!wal && std::filesystem::exists(walPath, error) && std::filesystem::file_size(walPath, error) == 0 && !error) {
        std::filesystem::remove(walPath, error);
    }
    if (!shm && !std::filesystem::exists(walPath, error)) {
        std::filesystem::remove(vault.string() + "-shm", error);
    }
}

} // namespace tessera::storage::detail
