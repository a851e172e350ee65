#pragma once

// What the Settings view reads from the vault and the disk, all of it on workers, so the view
// runs no SQL and no file I/O: the audit log's head hash (read again when the vault's revision
// changes, once the page check has ended), a file name for the next backup (it must not be taken
// yet), the backup itself (written, then proven to open) and the check of every page. The view
// shows "Reading…" or a progress bar meanwhile and keeps drawing. No ImGui here.

#include "viewmodels/background_build.hpp"
#include "viewmodels/vault_task.hpp"

#include "tessera/storage/vault.hpp"

#include <cstdint>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>

namespace tessera::app {

struct SettingsInputs {
    // The backup field is empty and no backup runs: a file name is wanted for it.
    bool wantBackupName = false;
};

// How the last backup went, in words for the clinician.
struct BackupOutcome {
    std::string message;
    bool failed = false;
};

class SettingsModel {
public:
    // Each frame the view is drawn: takes what finished and starts what the vault's revision and
    // the inputs need. Returns true when something arrived. `vault` must outlive the model (the
    // workspace does: views are destroyed before it).
    bool update(const storage::Vault& vault, const SettingsInputs& inputs);
    // Blocks until every read and task running has finished, and takes them (tests, automation).
    void waitForWork(const storage::Vault& vault);
    // True while anything runs on a worker.
    [[nodiscard]] bool working() const;

    // ---- The audit log's head
    // The head for the vault's current revision: nullopt while it is read (or while the page
    // check runs: the opening is recorded once every page is checked); empty when the vault has
    // no audit log (or it cannot be read).
    [[nodiscard]] const std::optional<std::string>& auditHead() const { return m_auditHead; }
    [[nodiscard]] bool waitingForPageCheck() const { return m_pageCheckRunning; }
    [[nodiscard]] int auditHeadReads() const { return m_head.builds(); }

    // ---- Backup
    // A file beside the vault for the next backup, free when it was chosen; nullopt while chosen.
    [[nodiscard]] const std::optional<std::string>& backupName() const { return m_backupName; }
    // Starts writing an encrypted copy to `target` (never overwriting) and proving it opens.
    // Refused (false) while a backup or a check runs. A blank target fails at once, with why.
    bool startBackup(const storage::Vault& vault, const std::string& target);
    [[nodiscard]] bool backingUp() const { return m_backup.running(); }
    [[nodiscard]] const std::string& backupTarget() const { return m_backupTarget; }
    [[nodiscard]] const std::optional<BackupOutcome>& backupOutcome() const { return m_backupOutcome; }
    // Backups written since the model was made (the view clears its field after each).
    [[nodiscard]] int backupsWritten() const { return m_backupsWritten; }

    // ---- Verify
    bool startVerify(const storage::Vault& vault);
    [[nodiscard]] bool verifying() const { return m_verify.running(); }
    [[nodiscard]] const std::optional<storage::VerifyReport>& verifyReport() const { return m_verifyReport; }

    // A backup or a check runs (each reads the whole vault: one at a time).
    [[nodiscard]] bool busy() const { return backingUp() || verifying(); }

    // "<vault folder>/<vault name>-backup-2026-03-14-0930.tessera" at local time `now`, not yet
    // taken ("-2", "-3"... otherwise). Looks at the disk: runs on the worker.
    [[nodiscard]] static std::string suggestBackupPath(const std::filesystem::path& vault, std::time_t now);

private:
    struct NameInputs {
        std::string vault;
        int backups = 0;        // a new name after each backup
        std::time_t minute = 0; // and each minute: the name carries the time
        friend bool operator==(const NameInputs&, const NameInputs&) = default;
    };

    SettingsInputs m_inputs;
    std::optional<std::string> m_auditHead;
    bool m_pageCheckRunning = false;
    std::optional<std::string> m_backupName;
    std::optional<NameInputs> m_nameWanted; // the newest inputs a name was wanted for
    std::string m_backupTarget;
    std::optional<BackupOutcome> m_backupOutcome;
    int m_backupsWritten = 0;
    std::optional<storage::VerifyReport> m_verifyReport;

    // Workers last: destroyed (and so joined) first.
    BackgroundBuild<std::uint64_t, std::string> m_head; // keyed on the vault's revision
    BackgroundBuild<NameInputs, std::string> m_name;
    VaultTask<> m_backup;
    VaultTask<storage::VerifyReport> m_verify;
};

} // namespace tessera::app
