#pragma once

// The application object: owns the settings, the unlock worker, and (while unlocked) the
// workspace and the main view. It is handed by reference to what needs it; views below the main
// view see only the Workspace.

#include "viewmodels/task.hpp"
#include "ui/clipboard_guard.hpp"
#include "ui/settings.hpp"
#include "ui/workspace.hpp"
#include "tessera/storage/vault.hpp"

#include <chrono>
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
    [[nodiscard]] bool isUnlocking() const { return m_pending.isRunning(); }
    // True while input should wait in the platform's queue (MainView::holdsInput).
    [[nodiscard]] bool holdsInput() const;
    [[nodiscard]] double unlockingSeconds() const;
    // Why the last unlock failed (wrong passphrase, not a vault...), for the unlock view.
    [[nodiscard]] const std::optional<std::string>& unlockError() const { return m_unlockError; }
    [[nodiscard]] bool isUnlocked() const { return m_workspace != nullptr; }
    // Blocks until a pending unlock finishes (for automation and tests).
    void waitForUnlock();

    // Saves pending edits, then drops the workspace, the main view and the vault (key material
    // and every decrypted view-model go with them) and returns to the unlock screen. Views ask
    // with requestLock(); the lock happens in the next update(), outside any view's draw().
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
    void saveSettings();
    // True once after the theme, scale or font size changed: the platform rebuilds fonts.
    [[nodiscard]] bool takeStyleChange();
    void requestStyleChange() { m_styleChanged = true; }
    [[nodiscard]] bool quitRequested() const { return m_quit; }
    void requestQuit() { m_quit = true; }

private:
    void finishUnlock();

    Settings m_settings;
    ClipboardGuard m_clipboard; // cleared on lock when it still holds what the app copied
    std::filesystem::path m_settingsPath;
    // A vault opened on the worker, with where the clinician was when it last locked.
    struct Opened {
        storage::Vault vault;
        storage::WorkspacePlace place;
    };
    // Remembers where the clinician is in the vault (before locking or quitting); never fails.
    void rememberPlace();

    Task<Opened> m_pending; // opening or creating a vault
    std::filesystem::path m_pendingPath;
    std::chrono::steady_clock::time_point m_pendingSince;
    std::optional<std::string> m_unlockError;
    std::unique_ptr<Workspace> m_workspace;
    std::unique_ptr<MainView> m_mainView;
    std::unique_ptr<UnlockView> m_unlockView;
    double m_lastActivity = 0.0;
    bool m_styleChanged = false;
    bool m_quit = false;
    bool m_lockRequested = false;
};

} // namespace tessera::app
