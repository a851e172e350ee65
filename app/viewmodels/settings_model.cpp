#include "viewmodels/settings_model.hpp"

#include "tessera/storage/errors.hpp"

#include <array>
#include <system_error>
#include <utility>

namespace tessera::app {

bool SettingsModel::update(const storage::Vault& vault, const SettingsInputs& inputs) {
    m_inputs = inputs;
    bool arrived = false;
    if (auto outcome = m_backup.poll()) {
        arrived = true;
        if (outcome->ok()) {
            m_backupOutcome = BackupOutcome{
                "Backup written to " + m_backupTarget + " and checked: it opens with your passphrase.", false};
            ++m_backupsWritten;
        } else {
            m_backupOutcome = BackupOutcome{outcome->error, true};
        }
    }
    if (auto outcome = m_verify.poll()) {
        arrived = true;
        m_verifyReport =
            outcome->ok() ? std::move(*outcome->value) : storage::VerifyReport{false, {outcome->error}, 0, 0, 0, 0};
    }

    // The head, once every page is checked (the opening is recorded then; reading it earlier
    // would only wait for the check on the worker). pageCheck() never waits and runs no SQL.
    m_pageCheckRunning = vault.pageCheck().state == storage::PageCheck::State::Running;
    if (m_pageCheckRunning) {
        m_auditHead.reset();
    } else {
        const auto revision = vault.revision();
        arrived |= m_head.update(revision, [&vault](const std::uint64_t&, TaskControl&) {
            try {
                return vault.auditHead();
            } catch (const storage::VaultError&) {
                return std::string{}; // a vault whose log cannot be read: the row says there is none
            }
        });
        if (m_head.shownInputs() == revision) {
            m_auditHead = m_head.snapshot() != nullptr ? *m_head.snapshot() : std::string{};
        } else {
            m_auditHead.reset(); // the vault changed: the newest entry may be another
        }
    }

    // A name, when wanted; a name asked for earlier is still taken when it arrives (the same
    // inputs start nothing new).
    const bool wantName = inputs.wantBackupName && !busy();
    if (wantName) {
        m_nameWanted = NameInputs{vault.path().string(), m_backupsWritten, std::time(nullptr) / 60};
    }
    if (m_nameWanted) {
        arrived |= m_name.update(*m_nameWanted, [](const NameInputs& name, TaskControl&) {
            return suggestBackupPath(name.vault, name.minute * 60);
        });
    }
    m_backupName.reset();
    if (wantName && m_name.shownInputs() == m_nameWanted && m_name.snapshot() != nullptr) {
        m_backupName = *m_name.snapshot();
    }
    return arrived;
}

void SettingsModel::waitForWork(const storage::Vault& vault) {
    while (working()) {
        m_head.wait();
        m_name.wait();
        m_backup.wait();
        m_verify.wait();
        (void)update(vault, m_inputs);
    }
}

bool SettingsModel::working() const {
    return m_head.building() || m_name.building() || m_backup.running() || m_verify.running();
}

bool SettingsModel::startBackup(const storage::Vault& vault, const std::string& target) {
    if (busy()) {
        return false;
    }
    m_backupOutcome.reset();
    m_backupTarget = target;
    if (m_backupTarget.empty()) {
        m_backupOutcome = BackupOutcome{"Type where the backup should go.", true};
        return true;
    }
    // The worker only reads the vault (and records the backup in its log); the view, and so this
    // model, is destroyed before the vault.
    return m_backup.start([&vault, path = std::filesystem::path{m_backupTarget}] { vault.backupTo(path); });
}

bool SettingsModel::startVerify(const storage::Vault& vault) {
    if (busy()) {
        return false;
    }
    m_verifyReport.reset();
    return m_verify.start([&vault] { return vault.verify(); });
}

std::string SettingsModel::suggestBackupPath(const std::filesystem::path& vault, std::time_t now) {
    // Local time, as the clinician reads the clock.
    std::tm local{};
    localtime_r(&now, &local);
    std::array<char, 32> when{};
    std::strftime(when.data(), when.size(), "%Y-%m-%d-%H%M", &local);
    const auto folder = vault.parent_path();
    const std::string stem = vault.stem().string() + "-backup-" + when.data();
    std::error_code error;
    auto candidate = folder / (stem + ".tessera");
    for (int n = 2; std::filesystem::exists(candidate, error) && n < 100; ++n) {
        candidate = folder / (stem + "-" + std::to_string(n) + ".tessera");
    }
    return candidate.string();
}

} // namespace tessera::app
