#pragma once

// The application object: owns the settings (written to their file on a worker), the unlock
// screen's model (which opens and closes vaults on workers), and (while unlocked) the workspace
// and the main view. It is handed by reference to what needs it; views below the main view see
// only the Workspace.

#include "viewmodels/task.hpp"
#include "viewmodels/unlock_model.hpp"
#include "ui/clipboard_guard.hpp"
#include "ui/settings.hpp"
#include "ui/workspace.hpp"
#include "tessera/storage/vault.hpp"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace tessera::app {

class MainView;
class UnlockView;

class Application {
public:
    Application(Settings settings, std::filesystem::path settingsPath);
    ~Application();
    Application(const Application&) = delete;
    Application& operator=(const Application&) = delete;

    // ---- Unlocking (key derivation runs on a worker thread; the UI keeps drawing)
    void beginUnlock(const std::filesystem::path& path, storage::Secret passphrase);
    void beginCreate(const std::filesystem::path& path, storage::Secret passphrase);
    [[nodiscard]] bool isUnlocking() const { return m_unlock.isUnlocking(); }
    // True while input should wait in the platform's queue (MainView::holdsInput).
    [[nodiscard]] bool holdsInput() const;
    [[nodiscard]] double unlockingSeconds() const { return m_unlock.unlockingSeconds(); }
    // Why the last unlock failed (wrong passphrase, not a vault...), for the unlock view.
    [[nodiscard]] const std::optional<std::string>& unlockError() const { return m_unlock.unlockError(); }
    [[nodiscard]] bool isUnlocked() const { return m_workspace != nullptr; }
    // Blocks until a pending unlock finishes and takes it (for automation and tests).
    void waitForUnlock();
    [[nodiscard]] UnlockModel& unlockModel() { return m_unlock; }

    // Saves pending edits, drops the main view (every decrypted view-model goes with it) and the
    // workspace, and returns to the unlock screen at once; the vault goes to the unlock model's
    // worker, which writes where the clinician was and closes it (SQLite drops the key and its
    // zeroed page cache, Secret wipes the passphrase). Views ask with requestLock(); the lock
    // happens in the next update(), outside any view's draw().
    void lock();
    void requestLock() { m_lockRequested = true; }

    // ---- Per frame
    // Swaps in a finished unlock, applies the idle auto-lock, expires notices.
    void update(double now, bool hadInput);
    // Draws the whole UI into the current ImGui frame.
    void draw();

    [[nodiscard]] Workspace* workspace() { return m_workspace.get(); }
    [[nodiscard]] MainView* mainView() { return m_mainView.get(); }
    [[nodiscard]] Settings& settings() { return m_settings; }
    // Writes the settings file on a worker (the newest settings win; a write asked for while one
    // runs follows it).
    void saveSettings();
    // True while anything runs on a worker: the unlock screen's work, opening or closing a vault,
    // writing the settings, the main view's work. The platform then keeps drawing frames.
    [[nodiscard]] bool hasBackgroundWork() const;
    // Blocks until all of that has finished; the next frame takes it. For tests and automation.
    void waitForBackgroundWork();
    // True once after the theme, scale or font size changed: the platform rebuilds fonts.
    [[nodiscard]] bool takeStyleChange();
    void requestStyleChange() { m_styleChanged = true; }
    [[nodiscard]] bool quitRequested() const { return m_quit; }
    void requestQuit() { m_quit = true; }

private:
    void finishUnlock();
    // Drops the main view and the workspace; the vault goes to the unlock model to be closed on
    // its worker, with where the clinician was.
    void closeWorkspace();
    // Takes a finished settings write and starts the one asked for meanwhile.
    void takeSettingsWrite();

    Settings m_settings;
    ClipboardGuard m_clipboard; // cleared on lock when it still holds what the app copied
    std::filesystem::path m_settingsPath;
    Task<bool> m_settingsWrite;
    bool m_settingsChanged = false; // since the write running started

    UnlockModel m_unlock; // before the workspace: destroyed (its workers joined) after it
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<MainView> m_mainView;
    std::unique_ptr<UnlockView> m_unlockView;
    double m_lastActivity = 0.0;
    bool m_styleChanged = false;
    bool m_quit = false;
    bool m_lockRequested = false;
};

} // namespace tessera::app
