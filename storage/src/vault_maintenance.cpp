// verify, backup and passphrase change.

#include "audit.hpp"
#include "schema.hpp"
#include "seal.hpp"
#include "vault_impl.hpp"

#include <sqlite3.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <unistd.h>

namespace tessera::storage {

VerifyReport Vault::verify() const {
    VerifyReport report;
    report.schemaVersion = m_impl->schemaVersion;
    auto& db = *m_impl->db;
    const auto fail = [&](std::string problem) {
        report.ok = false;
        report.problems.push_back(std::move(problem));
    };
    try {
        // integrity_check reads every page of the file; a page whose HMAC does not match (a
        // flipped byte, a torn write) makes SQLite3MultipleCiphers report it as corrupt.
        SQLite::Statement integrity(db, "PRAGMA integrity_check");
        while (integrity.executeStep()) {
            const auto line = integrity.getColumn(0).getString();
            if (line != "ok") {
                fail("database integrity: " + line);
            }
        }
        SQLite::Statement foreignKeys(db, "PRAGMA foreign_key_check");
        while (foreignKeys.executeStep()) {
            fail("a row of " + foreignKeys.getColumn(0).getString() + " refers to a missing " +
                 foreignKeys.getColumn(2).getString() + " row");
        }
        if (report.schemaVersion >= 2) {
            // FTS5's integrity check is spelt as an INSERT, though it writes nothing: a read-only
            // connection lets it through for that one statement.
            if (m_impl->readOnly) {
                db.exec("PRAGMA query_only = OFF");
            }
            try {
                db.exec("INSERT INTO search_index(search_index, rank) VALUES ('integrity-check', 1)");
            } catch (const SQLite::Exception& error) {
                fail(std::string{"search index: "} + error.what() + " (it can be rebuilt)");
            }
            if (m_impl->readOnly) {
                db.exec("PRAGMA query_only = ON");
            }
        }
        for (const auto trigger : detail::protectionTriggers(report.schemaVersion)) {
            SQLite::Statement exists(db, "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?");
            exists.bind(1, std::string{trigger});
            if (!exists.executeStep()) {
                fail("the trigger " + std::string{trigger} +
                     " that protects signed notes, addenda or templates is missing");
            }
        }
        if (report.schemaVersion >= 4) {
            for (auto& problem : detail::checkSeals(db)) {
                fail(std::move(problem));
            }
        }
        if (report.schemaVersion >= 3) {
            for (auto& problem : detail::checkAudit(db)) {
                fail(std::move(problem));
            }
            SQLite::Statement entries(db, "SELECT count(*) FROM audit_log");
            entries.executeStep();
            report.auditEntries = entries.getColumn(0).getInt();
        }
        SQLite::Statement counts(db, "SELECT (SELECT count(*) FROM clients), (SELECT count(*) FROM sessions)");
        counts.executeStep();
        report.clients = counts.getColumn(0).getInt();
        report.sessions = counts.getColumn(1).getInt();
    } catch (const SQLite::Exception& error) {
        fail(std::string{"the vault cannot be read completely: "} + error.what());
    }
    return report;
}

void Vault::backupTo(const std::filesystem::path& target) const {
    if (m_impl->readOnly) {
        // A backup is recorded in the vault's audit log, which a read-only vault cannot do.
        throw VaultError(VaultError::Kind::Refused,
                         "The vault was opened read-only, so it cannot record a backup; open it normally to back up.");
    }
    m_impl->requireWritable("making a backup");
    std::error_code error;
    if (std::filesystem::exists(std::filesystem::symlink_status(target, error))) {
        throw VaultError(VaultError::Kind::AlreadyExists, "A file already exists at " + target.string() +
                                                              "; a backup never overwrites. Choose a new name.");
    }
    const auto directory = target.parent_path();
    if (!directory.empty() && !std::filesystem::is_directory(directory, error)) {
        throw VaultError(VaultError::Kind::Refused,
                         "The folder " + directory.string() + " does not exist; create it or choose another.");
    }
    std::random_device random;
    const auto temporary = (directory.empty() ? std::filesystem::path{"."} : directory) /
                           ("." + target.filename().string() + ".partial-" + std::to_string(random()));
    const auto removeTemporary = [&] {
        std::error_code ignored;
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
            std::filesystem::remove(temporary.string() + suffix, ignored);
        }
    };
    try {
        try {
            SQLite::Database copy(temporary.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            detail::applyKey(copy, m_impl->passphrase);
            // The backup API copies page by page; SQLite3MultipleCiphers decrypts each page from
            // the vault and encrypts it again for the copy, which has its own random salt.
            sqlite3_backup* backup = sqlite3_backup_init(copy.getHandle(), "main", m_impl->db->getHandle(), "main");
            if (backup == nullptr) {
                throw VaultError(VaultError::Kind::Io,
                                 std::string{"The backup could not start: "} + sqlite3_errmsg(copy.getHandle()));
            }
            const int stepped = sqlite3_backup_step(backup, -1);
            const int finished = sqlite3_backup_finish(backup);
            if (stepped != SQLITE_DONE || finished != SQLITE_OK) {
                const int code = stepped != SQLITE_DONE ? stepped : finished;
                throw VaultError(code == SQLITE_FULL ? VaultError::Kind::DiskFull : VaultError::Kind::Io,
                                 std::string{"The backup could not be written: "} + sqlite3_errstr(code) +
                                     ". The vault is unchanged.");
            }
        } catch (...) {
            removeTemporary();
            throw;
        }
    } catch (const SQLite::Exception& sqliteError) {
        const int code = sqliteError.getErrorCode() & 0xFF;
        throw VaultError(code == SQLITE_FULL ? VaultError::Kind::DiskFull : VaultError::Kind::Io,
                         "The backup file " + target.string() + " could not be written (" + sqliteError.what() +
                             "). The vault is unchanged.");
    }
    detail::fsyncPath(temporary);
    if (::link(temporary.c_str(), target.c_str()) != 0) {
        const int linkError = errno;
        removeTemporary();
        throw VaultError(linkError == EEXIST ? VaultError::Kind::AlreadyExists : VaultError::Kind::Io,
                         "Cannot write the backup to " + target.string() + ": " + std::strerror(linkError) + ".");
    }
    removeTemporary();
    detail::fsyncDirectory(directory);
    // A backup that does not open is worse than none: prove it opens, and keep nothing that does not.
    // (Read-only, so that checking the copy does not add an entry to the copy's audit log.)
    try {
        const auto reopened = Vault::open(target, m_impl->passphrase, Access::ReadOnly);
        if (!reopened.verify().ok) {
            throw VaultError(VaultError::Kind::Io, "The backup was written but does not verify.");
        }
    } catch (...) {
        std::filesystem::remove(target, error);
        throw;
    }
    // Recorded once the copy is proven: the entry says a verified backup exists there. (The copy
    // itself ends with the entries before this one.)
    detail::change(*m_impl, "recording the backup",
                   [&] { detail::appendAudit(*m_impl->db, audit_event::kBackup, "to " + target.string()); });
}

void Vault::changePassphrase(const Secret& newPassphrase) {
    if (newPassphrase.empty()) {
        throw VaultError(VaultError::Kind::Refused, "The new passphrase cannot be empty.");
    }
    if (m_impl->readOnly) {
        throw VaultError(VaultError::Kind::Refused,
                         "The vault was opened read-only, so its passphrase cannot be changed.");
    }
    m_impl->requireWritable("changing the passphrase");
    detail::guarded("changing the passphrase", [&] {
        auto& db = *m_impl->db;
        // Re-encrypts every page in one transaction, which also holds the audit entry: if it is
        // interrupted, the old passphrase still opens the vault and no change is recorded.
        // sqlite3_rekey_v2 commits the pages it rewrites together with the open transaction's.
        const detail::ConnectionHold hold(db); // no other thread's statement inside the re-keying
        detail::WriteTransaction transaction(db);
        detail::appendAudit(db, audit_event::kPassphraseChanged, "");
        const int rc =
            sqlite3_rekey_v2(db.getHandle(), "main", newPassphrase.data(), static_cast<int>(newPassphrase.size()));
        if (rc != SQLITE_OK) {
            throw VaultError(rc == SQLITE_FULL ? VaultError::Kind::DiskFull : VaultError::Kind::Io,
                             std::string{"The passphrase was not changed: "} + sqlite3_errmsg(db.getHandle()) +
                                 ". The old passphrase still opens the vault.");
        }
        transaction.commit();
        db.exec("PRAGMA wal_checkpoint(TRUNCATE)");
        m_impl->passphrase = newPassphrase;
        ++m_impl->revision;
    });
}

} // namespace tessera::storage
