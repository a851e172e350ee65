#include "ui/application.hpp"

#include "views/main_view.hpp"
#include "views/unlock_view.hpp"

#include <imgui.h>
#include <imgui_internal.h> // ImGuiInputTextState, TempBuffer: wiped on lock

#include <cstring>
#include <exception>
#include <utility>

namespace tessera::app {
namespace {

template <typename T> void wipeVector(ImVector<T>& vector) {
    if (vector.Data != nullptr) {
        std::memset(static_cast<void*>(vector.Data), 0, static_cast<std::size_t>(vector.Capacity) * sizeof(T));
    }
    vector.clear(); // frees the buffer
}

// ImGui keeps the text of the field being edited (UTF-16 and UTF-8 copies, the text before the
// edit, the undo history) after the field loses focus, the last formatted text, and queued key
// characters: the passphrase on the unlock screen, a note on the main screen. Wiped when the
// passphrase is handed over and when the vault locks.
void wipeImGuiText() {
    auto* context = ImGui::GetCurrentContext();
    if (context == nullptr) {
        return;
    }
    if (context->WithinFrameScope) {
        ImGui::ClearActiveID();
    }
    auto& state = context->InputTextState;
    wipeVector(state.TextW);
    wipeVector(state.TextA);
    wipeVector(state.InitialTextA);
    std::memset(static_cast<void*>(&state.Stb), 0, sizeof(state.Stb));
    state.ID = 0;
    state.CurLenW = 0;
    state.CurLenA = 0;
    std::memset(context->TempBuffer, 0, sizeof(context->TempBuffer));
    wipeVector(context->IO.InputQueueCharacters);
    wipeVector(context->ClipboardHandlerData);
}

} // namespace

Application::Application(Settings settings, std::filesystem::path settingsPath)
    : m_settings(std::move(settings)), m_settingsPath(std::move(settingsPath)),
      m_unlockView(std::make_unique<UnlockView>()) {}

Application::~Application() {
    // A draft being typed must not be lost when the window closes.
    if (m_mainView) {
        m_mainView->flushPendingEdits();
    }
    closeWorkspace();
    // The settings asked for last are written; the unlock model's destructor then waits for the
    // vault to close.
    waitForBackgroundWork();
}

void Application::beginUnlock(const std::filesystem::path& path, storage::Secret passphrase) {
    if (isUnlocking()) {
        return;
    }
    m_unlock.beginUnlock(path, std::move(passphrase));
    wipeImGuiText();
}

void Application::beginCreate(const std::filesystem::path& path, storage::Secret passphrase) {
    if (isUnlocking()) {
        return;
    }
    m_unlock.beginCreate(path, std::move(passphrase));
    wipeImGuiText();
}

void Application::waitForUnlock() {
    if (m_unlock.isUnlocking()) {
        m_unlock.waitForUnlock();
        finishUnlock();
    }
}

void Application::finishUnlock() {
    auto opened = m_unlock.takeOpened();
    if (!opened) {
        return; // still deriving the key, or it failed (the model keeps why)
    }
    try {
        m_workspace = std::make_unique<Workspace>(std::move(opened->vault));
        m_workspace->namesHidden = m_settings.hideNames;
        m_workspace->restore(opened->place); // the client, note and tab of the last session
        m_mainView = std::make_unique<MainView>(*this);
        m_settings.rememberVault(opened->path);
        saveSettings();
        m_lastActivity = ImGui::GetCurrentContext() != nullptr ? ImGui::GetTime() : 0.0;
    } catch (const std::exception& error) {
        m_mainView.reset();
        if (m_workspace) {
            m_unlock.close(std::move(m_workspace->vault()), std::nullopt);
            m_workspace.reset();
        }
        m_unlock.failUnlock(error.what());
    }
}

// Locking does nothing slow on the UI thread: where the clinician was (one row) is written by the
// worker that closes the vault, just before it closes it (the checkpoint, waiting for the page
// check), so the lock screen shows at once and the write still lands before the close. Everything
// the views decrypted goes here, on this thread, before the vault is handed over.
void Application::closeWorkspace() {
    if (!m_workspace) {
        return;
    }
    const auto place = m_workspace->place();
    m_mainView.reset();
    // The workspace is destroyed right below: nothing uses the vault it held after this move.
    m_unlock.close(std::move(m_workspace->vault()), place);
    m_workspace.reset();
}

void Application::lock() {
    if (m_mainView) {
        m_mainView->flushPendingEdits();
    }
    closeWorkspace();
    m_clipboard.clearIfOurs();
    wipeImGuiText();
    m_unlockView = std::make_unique<UnlockView>();
}

void Application::update(double now, bool hadInput) {
    takeSettingsWrite();
    finishUnlock(); // once the worker has opened (or failed to open) the vault
    if (hadInput) {
        m_lastActivity = now;
    }
    if (std::exchange(m_lockRequested, false) && m_workspace) {
        lock();
    }
    if (m_workspace && m_workspace->namesHidden != m_settings.hideNames) {
        // Toggled by a view or the shortcut: remembered across locking and restarting.
        m_settings.hideNames = m_workspace->namesHidden;
        saveSettings();
    }
    if (m_workspace) {
        m_workspace->watchPageCheck();
        m_workspace->expireNotices(now);
        if (now - m_lastActivity > m_settings.autoLockMinutes * 60.0) {
            lock();
        }
    }
}

bool Application::holdsInput() const {
    return m_mainView != nullptr && m_mainView->holdsInput();
}

void Application::draw() {
    m_clipboard.attach(); // a no-op after the first frame of a context
    if (m_mainView) {
        m_mainView->draw();
    } else {
        m_unlockView->draw(*this);
    }
}

void Application::saveSettings() {
    takeSettingsWrite();
    if (m_settingsWrite.isRunning()) {
        m_settingsChanged = true; // written again, as they are then, once this write has ended
        return;
    }
    m_settingsChanged = false;
    // A copy: the worker never reads what the UI thread changes. A file that cannot be written
    // leaves the app running with its settings.
    (void)m_settingsWrite.start([settings = m_settings, path = m_settingsPath](TaskControl&) {
        return tessera::app::saveSettings(settings, path);
    });
}

void Application::takeSettingsWrite() {
    if (m_settingsWrite.poll() && std::exchange(m_settingsChanged, false)) {
        saveSettings();
    }
}

bool Application::hasBackgroundWork() const {
    return m_unlock.hasBackgroundWork() || m_settingsWrite.isRunning() ||
           (m_mainView != nullptr && m_mainView->hasBackgroundWork());
}

void Application::waitForBackgroundWork() {
    while (m_settingsWrite.isRunning()) {
        m_settingsWrite.wait();
        takeSettingsWrite();
    }
    m_unlock.waitForBackgroundWork();
    if (m_mainView) {
        m_mainView->waitForBackgroundWork();
    }
}

bool Application::takeStyleChange() {
    return std::exchange(m_styleChanged, false);
}

} // namespace tessera::app
