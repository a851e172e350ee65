// Creating and opening vaults: the checks that tell a wrong passphrase from a file that is not
// a vault and from a damaged one, without ever writing to a file that was refused.

#include "audit.hpp"
#include "rows.hpp"
#include "schema.hpp"
#include "vault_create.hpp"
#include "vault_impl.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <random>
#include <sys/file.h>
#include <unistd.h>
#include <utility>

namespace tessera::storage {

const char* toString(VaultError::Kind kind) {
    switch (kind) {
    case VaultError::Kind::NotFound: return "not found";
    case VaultError::Kind::AlreadyExists: return "already exists";
    case VaultError::Kind::WrongPassphrase: return "wrong passphrase";
    case VaultError::Kind::NotAVault: return "not a vault";
    case VaultError::Kind::Damaged: return "damaged";
    case VaultError::Kind::TooNew: return "too new";
    case VaultError::Kind::Busy: return "busy";
    case VaultError::Kind::DiskFull: return "disk full";
    case VaultError::Kind::Refused: return "refused";
    case VaultError::Kind::Io: return "i/o error";
    }
    return "error";
}

namespace detail {

FileLock::FileLock(const std::filesystem::path& path) {
    m_fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (m_fd < 0) {
        throw VaultError(VaultError::Kind::Io, "Cannot open " + path.string() + " for writing: " +
                                                   std::strerror(errno) + ". Check the file's permissions.");
    }
    if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(m_fd);
        m_fd = -1;
        throw VaultError(VaultError::Kind::Busy,
                         "The vault " + path.string() +
                             " is open in another Tessera window or command. Close it there, then try again.");
    }
}

FileLock::~FileLock() {
    if (m_fd >= 0) {
        ::close(m_fd); // releases the flock
    }
}

FileLock::FileLock(FileLock&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
        m_fd = std::exchange(other.m_fd, -1);
    }
    return *this;
}

WriteTransaction::WriteTransaction(SQLite::Database& db) : m_db(db) {
    m_db.exec("BEGIN IMMEDIATE");
}

WriteTransaction::~WriteTransaction() {
    if (!m_done) {
        try {
            m_db.exec("ROLLBACK");
        } catch (...) { // NOLINT(bugprone-empty-catch): SQLite may already have rolled back
        }
    }
}

void WriteTransaction::commit() {
    m_db.exec("COMMIT");
    m_done = true;
}

void rethrowAsVaultError(const SQLite::Exception& error, const std::string& doing) {
    const int code = error.getErrorCode() & 0xFF;
    switch (code) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        throw VaultError(VaultError::Kind::Damaged,
                         "Part of the vault cannot be read (it is damaged) while " + doing +
                             ". Nothing was changed. Restore your latest backup, and keep the damaged file.");
    case SQLITE_FULL:
        throw VaultError(VaultError::Kind::DiskFull, "The disk is full while " + doing +
                                                         ". Nothing was saved and the vault is as it was. Free "
                                                         "some space and try again.");
    case SQLITE_CONSTRAINT: {
        std::string reason = error.what();
        throw VaultError(VaultError::Kind::Refused, "Refused while " + doing + ": " + reason + ".");
    }
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        throw VaultError(VaultError::Kind::Busy, "The vault is busy in another process while " + doing +
                                                     ". Close other Tessera windows and try again.");
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
        throw VaultError(VaultError::Kind::Io, "The vault cannot be written while " + doing + " (" + error.what() +
                                                   "). Check the file's permissions and the disk.");
    case SQLITE_IOERR:
        // Connections report extended codes (sqlite3_extended_result_codes), so the kind of I/O
        // error survives SQLiteCpp's statement handling.
        switch (std::max(error.getErrorCode(), error.getExtendedErrorCode())) {
        case SQLITE_IOERR_WRITE:
        case SQLITE_IOERR_FSYNC:
        case SQLITE_IOERR_TRUNCATE:
        case SQLITE_IOERR_SHMSIZE:
            // The operating system refused a write: disk full, a file-size or quota limit, or a
            // failing disk. SQLite rolled the transaction back.
            throw VaultError(VaultError::Kind::DiskFull,
                             "The vault could not be written while " + doing + " (" + error.what() +
                                 "): the disk may be full or the file too large for its limits. Nothing was saved "
                                 "and the vault is as it was. Free some space and try again.");
        default: break;
        }
        [[fallthrough]];
    default:
        throw VaultError(VaultError::Kind::Io,
                         "Reading or writing the vault failed while " + doing + " (" + error.what() + ").");
    }
}

void applyKey(SQLite::Database& db, const Secret& passphrase) {
    // SQLCipher 4 layout and parameters, so the file stays readable by standard SQLCipher tools.
    db.exec("PRAGMA cipher = 'sqlcipher'");
    db.exec("PRAGMA legacy = 4");
    // The passphrase goes straight from locked memory to SQLite: never into an SQL string.
    const int rc = sqlite3_key_v2(db.getHandle(), "main", passphrase.data(), static_cast<int>(passphrase.size()));
    if (rc != SQLITE_OK) {
        throw VaultError(VaultError::Kind::Io,
                         std::string{"The encryption could not be set up: "} + sqlite3_errmsg(db.getHandle()));
    }
}

void fsyncPath(const std::filesystem::path& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

void fsyncDirectory(const std::filesystem::path& directory) {
    const int fd = ::open(directory.empty() ? "." : directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

std::string nowIso() {
    return core::Timestamp::now().toIso();
}

void configureConnection(SQLite::Database& db) {
    db.exec("PRAGMA synchronous = FULL"); // a commit is on disk when it returns
    db.exec("PRAGMA foreign_keys = ON");
    // INSERT OR REPLACE then fires the delete triggers of the row it replaces, so replacing a
    // signed note is refused like deleting it (docs/vault.md, "Sealed signed notes").
    db.exec("PRAGMA recursive_triggers = ON");
    db.exec("PRAGMA secure_delete = ON");
    db.exec("PRAGMA temp_store = MEMORY");
    db.exec("PRAGMA trusted_schema = OFF");
    // 32 MiB of decrypted pages instead of SQLite's 2 MiB: the search index, the sessions and
    // the observations of a whole career stay decrypted between queries, so repeated reads do not
    // pay for decryption again (docs/performance.md). The unencrypted test vaults
    // (storage/testing) use the same settings.
    db.exec("PRAGMA cache_size = -32768");
}

} // namespace detail

namespace {

using detail::guarded;

// What reading page 1 says. PRAGMA application_id reads only the database header on page 1, so
// a damaged later page cannot make a right passphrase look wrong.
struct PageOne {
    int error = SQLITE_OK; // SQLITE_NOTADB: wrong key or page 1 unreadable; SQLITE_CORRUPT: key right, file damaged
    bool isTessera = false;
    std::optional<SQLite::Exception> failure; // any other error (e.g. no room for the -shm on a full disk)
};

PageOne readPageOne(SQLite::Database& db) {
    try {
        SQLite::Statement probe(db, "PRAGMA application_id");
        probe.executeStep();
        return {SQLITE_OK, probe.getColumn(0).getInt() == kApplicationId, std::nullopt};
    } catch (const SQLite::Exception& error) {
        return {error.getErrorCode() & 0xFF, false, error};
    }
}

VaultError damaged(const std::filesystem::path& path, const std::string& detail) {
    return VaultError(VaultError::Kind::Damaged,
                      "The vault " + path.string() + " is damaged: parts of it are missing or unreadable (" + detail +
                          "). Nothing was changed. Restore your latest backup; 'tessera-cli verify' lists the "
                          "problems.");
}

// Everything opening checks, in order; any refusal throws before a byte is written. `before`
// tells whether a WAL with content was there (a read-only open leaves it for the next writer).
void openChecked(Vault::Impl& impl, const Secret& passphrase, const detail::SideFiles& before, PageCheckTiming timing) {
    const auto& path = impl.path;
    try {
        impl.db = detail::openConnection(path, passphrase, true);
    } catch (const SQLite::Exception& error) {
        detail::rethrowAsVaultError(error, "opening the vault");
    }
    const auto pageOne = readPageOne(*impl.db);
    if (pageOne.error != SQLITE_OK && pageOne.error != SQLITE_NOTADB && pageOne.error != SQLITE_CORRUPT) {
        // Not about the file's content: the system refused something (a full disk has no room for
        // the -shm SQLite needs beside the vault). Say that, not "wrong passphrase" or "damaged".
        detail::rethrowAsVaultError(*pageOne.failure, "opening the vault");
    }
    if (pageOne.error == SQLITE_CORRUPT) {
        // Page 1 decrypted and authenticated, so the passphrase is right; the rest does not add up.
        throw damaged(path, "the database structure does not add up");
    }
    if (pageOne.error != SQLITE_OK) {
        impl.db.reset();
        // Either the key is wrong, or the key is right and page 1 is damaged: a right key still
        // decrypts page 1 to a recognisable header when its checksum is not checked.
        if (detail::pageOneDecryptsWith(path, passphrase, before.walHasContent)) {
            throw VaultError(VaultError::Kind::Damaged,
                             "The passphrase is right, but the start of the vault " + path.string() +
                                 " is damaged. Nothing was changed. Restore your latest backup.");
        }
        throw VaultError(VaultError::Kind::WrongPassphrase,
                         "The passphrase does not open " + path.string() +
                             ". Check it and try again. (If you are sure it is right, the file may be damaged or "
                             "may not be a Tessera vault.)");
    }
    if (!pageOne.isTessera) {
        throw VaultError(VaultError::Kind::NotAVault,
                         path.string() + " is an encrypted database, but not a Tessera vault.");
    }

    guarded("opening the vault", [&] {
        auto& db = *impl.db;
        // The schema must be readable as a whole; a failure here is damage (rethrown as such).
        {
            SQLite::Statement schema(db, "SELECT count(*) FROM sqlite_master");
            schema.executeStep();
        }
        const int version = detail::readUserVersion(db);
        if (version > kSchemaVersion) {
            throw VaultError(VaultError::Kind::TooNew,
                             path.string() + " was written by a newer version of Tessera (vault format " +
                                 std::to_string(version) + "; this version reads up to " +
                                 std::to_string(kSchemaVersion) + "). Update Tessera to open it. Nothing was changed.");
        }
        if (version < 1) {
            throw VaultError(VaultError::Kind::Damaged, path.string() +
                                                            " has no Tessera schema; it was not created completely. "
                                                            "Restore your latest backup.");
        }
        if (impl.readOnly) {
            db.exec("PRAGMA trusted_schema = OFF");
            db.exec("PRAGMA query_only = ON"); // SQLite itself refuses every write on this connection
            impl.schemaVersion = version;
            // A WAL left by a writer that stopped (a crash) stays for the next writer to
            // checkpoint; one this open created is checkpointed (empty) and removed on close.
            sqlite3_db_config(db.getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, before.walHasContent ? 1 : 0, nullptr);
            return;
        }
        detail::configureConnection(db);
        if (version == kSchemaVersion && timing == PageCheckTiming::Background) {
            // The vault can be read now. Every other page is read and authenticated on a second
            // connection meanwhile; changes wait for that check (Impl::requireWritable), so a
            // damaged vault is never written. Until it passes, closing does not checkpoint.
            impl.schemaVersion = version;
            impl.pageCheck.state = PageCheck::State::Running;
            impl.pageCheckResult = std::async(std::launch::async, [path, passphrase] {
                                       return detail::checkPagesAndRecordOpening(path, passphrase);
                                   }).share();
            return;
        }
        // Checked here, on this connection, before open() returns: when asked to, and always
        // before an older schema is migrated.
        if (const auto problems = detail::findDamage(db); !problems.empty()) {
            throw damaged(path, problems);
        }
        detail::WriteTransaction transaction(db);
        if (version < kSchemaVersion) {
            detail::migrate(db, version, kSchemaVersion);
            detail::appendAudit(db, audit_event::kVaultUpgraded,
                                "format " + std::to_string(version) + " -> " + std::to_string(kSchemaVersion));
        }
        detail::appendAudit(db, audit_event::kVaultOpened, "");
        transaction.commit();
        impl.schemaVersion = kSchemaVersion;
        impl.pageCheck.state = PageCheck::State::Passed;
        sqlite3_db_config(db.getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
    });
}

} // namespace

Vault::Impl::~Impl() {
    const auto check = settlePageCheck(true);
    if (check.state == PageCheck::State::Failed && db) {
        // As a refused open: close without checkpointing, remove the side files opening made.
        db.reset();
        sideFilesBefore.removeCreatedSince(path);
    }
}

PageCheck Vault::Impl::settlePageCheck(bool wait) {
    std::shared_future<std::string> result;
    {
        const std::lock_guard<std::mutex> guard(pageCheckMutex);
        if (!pageCheckResult.valid()) {
            return pageCheck; // settled, or never run
        }
        result = pageCheckResult;
    }
    if (!wait && result.wait_for(std::chrono::seconds(0)) != std::future_status::ready) {
        return {PageCheck::State::Running, std::nullopt};
    }
    result.wait();
    const std::lock_guard<std::mutex> guard(pageCheckMutex);
    if (!pageCheckResult.valid()) {
        return pageCheck; // another thread settled it meanwhile
    }
    pageCheckResult = {};
    try {
        if (const auto& problems = result.get(); problems.empty()) {
            pageCheck.state = PageCheck::State::Passed;
            // The vault is known to be good: closing may checkpoint the WAL into it again.
            sqlite3_db_config(db->getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
        } else {
            pageCheck.state = PageCheck::State::Failed;
            pageCheck.failure = damaged(path, problems);
        }
    } catch (const VaultError& error) {
        pageCheck.state = PageCheck::State::Failed;
        pageCheck.failure =
            VaultError(error.kind(), "Checking every page of the vault failed: " + std::string{error.what()} +
                                         " Changes are not saved until the vault opens again.");
    } catch (const std::exception& error) {
        pageCheck.state = PageCheck::State::Failed;
        pageCheck.failure =
            VaultError(VaultError::Kind::Io, "Checking every page of the vault failed (" + std::string{error.what()} +
                                                 "). Changes are not saved until the vault opens again.");
    }
    return pageCheck;
}

void Vault::Impl::requireWritable(const std::string& doing) {
    if (readOnly) {
        throw VaultError(VaultError::Kind::Refused,
                         "The vault was opened read-only, so nothing can be changed (" + doing + " was refused).");
    }
    if (const auto check = settlePageCheck(true); check.failure) {
        throw *check.failure;
    }
}

Vault::Vault(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Vault::Vault(Vault&& other) noexcept = default;
Vault& Vault::operator=(Vault&& other) noexcept = default;
Vault::~Vault() = default;

const std::filesystem::path& Vault::path() const {
    return m_impl->path;
}
int Vault::schemaVersion() const {
    return m_impl->schemaVersion;
}
std::uint64_t Vault::revision() const {
    return m_impl->revision;
}

bool Vault::readOnly() const {
    return m_impl->readOnly;
}

PageCheck Vault::pageCheck() const {
    return m_impl->settlePageCheck(false);
}

void Vault::awaitPageCheck() const {
    if (const auto check = m_impl->settlePageCheck(true); check.failure) {
        throw *check.failure;
    }
}

Vault Vault::open(const std::filesystem::path& path, const Secret& passphrase, Access access, PageCheckTiming timing) {
    detail::checkFileBeforeOpening(path);
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->lock = detail::FileLock(path);
    impl->passphrase = passphrase;
    impl->readOnly = access == Access::ReadOnly;
    const auto before = detail::SideFiles::of(path);
    impl->sideFilesBefore = before;
    try {
        openChecked(*impl, passphrase, before, timing);
    } catch (...) {
        // Close without checkpointing (the connection is still set so), then remove the empty
        // side files this attempt created; the lock is held until `impl` goes.
        impl->db.reset();
        before.removeCreatedSince(path);
        throw;
    }
    return Vault(std::move(impl));
}

Vault Vault::create(const std::filesystem::path& path, const Secret& passphrase, PageCheckTiming timing) {
    detail::createVaultFile(path, passphrase, kSchemaVersion);
    return open(path, passphrase, Access::ReadWrite, timing);
}

void detail::fillNewVault(SQLite::Database& db, int version) {
    migrate(db, 0, version);
    db.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
    if (version >= 3) {
        appendAudit(db, audit_event::kVaultCreated, "format " + std::to_string(version));
    }
    const auto codebook = core::defaultCodebook();
    for (std::size_t i = 0; i < codebook.themes().size(); ++i) {
        insertTheme(db, codebook.themes()[i], static_cast<int>(i));
    }
    for (const auto& tmpl : core::defaultTemplates()) {
        insertTemplate(db, tmpl);
    }
}

void detail::createVaultFile(const std::filesystem::path& path, const Secret& passphrase, int version) {
    if (version < 1 || version > kSchemaVersion) {
        throw std::invalid_argument("schema version out of range");
    }
    std::error_code error;
    if (std::filesystem::exists(std::filesystem::symlink_status(path, error))) {
        throw VaultError(VaultError::Kind::AlreadyExists, "A file already exists at " + path.string() +
                                                              "; Tessera never overwrites it. "
                                                              "Choose another path or open that vault.");
    }
    const auto directory = path.parent_path();
    if (!directory.empty() && !std::filesystem::is_directory(directory, error)) {
        throw VaultError(VaultError::Kind::NotFound,
                         "The folder " + directory.string() + " does not exist. Create it first.");
    }
    if (passphrase.empty()) {
        throw VaultError(VaultError::Kind::Refused, "A vault needs a passphrase; an empty one is not allowed.");
    }

    // Build the vault under a temporary name, then link it into place: the vault appears
    // complete or not at all, and link() refuses to replace a file that appeared meanwhile.
    std::random_device random;
    const auto temporary = (directory.empty() ? std::filesystem::path{"."} : directory) /
                           ("." + path.filename().string() + ".creating-" + std::to_string(random()));
    const auto removeTemporary = [&] {
        std::error_code ignored;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
            std::filesystem::remove(temporary.string() + suffix, ignored);
        }
    };
    try {
        SQLite::Database db(temporary.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        sqlite3_extended_result_codes(db.getHandle(), 1);
        detail::applyKey(db, passphrase);
        db.exec("PRAGMA journal_mode = WAL");
        detail::configureConnection(db);
        detail::WriteTransaction transaction(db);
        detail::fillNewVault(db, version);
        transaction.commit();
    } catch (const SQLite::Exception& sqliteError) {
        removeTemporary();
        detail::rethrowAsVaultError(sqliteError, "creating the vault");
    } catch (...) {
        removeTemporary();
        throw;
    }
    detail::fsyncPath(temporary);
    if (::link(temporary.c_str(), path.c_str()) != 0) {
        const int linkError = errno;
        removeTemporary();
        if (linkError == EEXIST) {
            throw VaultError(VaultError::Kind::AlreadyExists, "A file appeared at " + path.string() +
                                                                  " while the vault was being created; it was "
                                                                  "left untouched.");
        }
        throw VaultError(VaultError::Kind::Io,
                         "Cannot create " + path.string() + ": " + std::strerror(linkError) + ".");
    }
    removeTemporary();
    detail::fsyncDirectory(directory);
}

std::filesystem::path defaultVaultPath() {
    if (const char* explicitPath = std::getenv("TESSERA_VAULT"); explicitPath != nullptr && *explicitPath != '\0') {
        return explicitPath;
    }
    std::filesystem::path data;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && *xdg == '/') {
        data = xdg;
    } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
        data = std::filesystem::path{home} / ".local" / "share";
    } else {
        data = ".";
    }
    return data / "tessera" / "vault.tessera";
}

} // namespace tessera::storage
