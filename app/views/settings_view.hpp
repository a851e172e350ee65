#pragma once

#include "viewmodels/settings_model.hpp"

#include "tessera/storage/vault.hpp"

#include <optional>
#include <string>

namespace tessera::app {

class Application;

// Preferences (auto-lock, theme, scale, font size, autosave delay), applied as they change and
// saved to the settings file (by the application, on a worker); and the vault: where it is, its
// format, its audit log's head, a backup and a check. Everything read from the vault or the disk
// comes from its model (SettingsModel), on workers, so the window keeps drawing.
class SettingsView {
public:
    explicit SettingsView(Application& app);
    // The model's destructor waits for a backup or a check still running: they use the vault,
    // which closes after this.
    SettingsView(const SettingsView&) = delete;
    SettingsView& operator=(const SettingsView&) = delete;

    void draw();

    [[nodiscard]] SettingsModel& model() { return m_model; }
    // True while the model works on a worker (the platform keeps drawing frames meanwhile).
    [[nodiscard]] bool working() const { return m_model.working(); }

    // ---- State, for tests
    [[nodiscard]] bool isBusy() const { return m_model.busy(); }
    // Blocks until the model's reads, a backup or a check have finished, and takes them
    // (automation, tests).
    void waitForWorker();
    [[nodiscard]] std::optional<std::string> backupResult() const;
    [[nodiscard]] bool backupFailed() const;
    [[nodiscard]] const std::optional<storage::VerifyReport>& verifyResult() const { return m_model.verifyReport(); }
    // The audit log's head hash as shown (empty while it is read, and until the page check has
    // passed).
    [[nodiscard]] const std::string& auditHead() const { return m_auditHead; }

private:
    void drawAppearance();
    void drawLocking();
    void drawWriting();
    void drawVault();
    void drawAuditHead(float column, float width);
    void drawAbout();
    void persist();

    Application& m_app;

    // Settings edited with a slider or a text field are saved (and, for the font size, applied)
    // once the field is let go, not on every frame of a drag.
    bool m_settingsDirty = false;
    bool m_styleDirty = false;

    std::string m_backupPath;
    int m_backupsSeen = 0; // the model's backups written when the field was last cleared
    double m_backupStarted = 0.0;
    double m_verifyStarted = 0.0;
    // The head as the read-only field shows it (ImGui edits a std::string in place).
    std::string m_auditHead;

    SettingsModel m_model; // last: its workers are joined before the rest goes
};

} // namespace tessera::app
