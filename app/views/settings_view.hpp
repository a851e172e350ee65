#pragma once

#include "viewmodels/task.hpp"

#include "tessera/storage/vault.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tessera::app {

class Application;

// Preferences (auto-lock, theme, scale, font size, autosave delay), applied as they change and
// saved to the settings file; and the vault: where it is, its format, a backup and a check, both
// run on a worker so the window keeps drawing.
class SettingsView {
public:
    explicit SettingsView(Application& app);
    // Waits for a backup or a check still running: they use the vault, which closes after this.
    SettingsView(const SettingsView&) = delete;
    SettingsView& operator=(const SettingsView&) = delete;

    void draw();

    // ---- State, for tests
    [[nodiscard]] bool isBusy() const { return m_backup.isRunning() || m_verify.isRunning(); }
    // Blocks until a running backup or check finishes, then takes its result (automation, tests).
    void waitForWorker();
    [[nodiscard]] const std::optional<std::string>& backupResult() const { return m_backupResult; }
    [[nodiscard]] bool backupFailed() const { return m_backupFailed; }
    [[nodiscard]] const std::optional<storage::VerifyReport>& verifyResult() const { return m_verifyResult; }
    // The audit log's head hash as shown (empty until the page check has passed).
    [[nodiscard]] const std::string& auditHead() const { return m_auditHead; }

private:
    void drawAppearance();
    void drawLocking();
    void drawWriting();
    void drawVault();
    void drawAuditHead(float column, float width);
    void drawAbout();
    void startBackup();
    void startVerify();
    void collectResults();
    void persist();

    Application& m_app;

    // Settings edited with a slider or a text field are saved (and, for the font size, applied)
    // once the field is let go, not on every frame of a drag.
    bool m_settingsDirty = false;
    bool m_styleDirty = false;

    std::string m_backupPath;
    std::string m_backupTarget; // the path of the backup running or last run
    Task<bool> m_backup;        // true: written and proven to open
    double m_backupStarted = 0.0;
    std::optional<std::string> m_backupResult;
    bool m_backupFailed = false;

    Task<storage::VerifyReport> m_verify;
    double m_verifyStarted = 0.0;
    std::optional<storage::VerifyReport> m_verifyResult;

    // The audit head, read again only when the vault changed (no SQL in a frame).
    std::string m_auditHead;
    std::optional<std::uint64_t> m_auditHeadRevision;
};

} // namespace tessera::app
