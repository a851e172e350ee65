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
    rememberPlace();
    m_pending.wait();
}

void Application::beginUnlock(const std::filesystem::path& path, storage::Secret passphrase) {
    if (isUnlocking()) {
        return;
    }
    m_unlockError.reset();
    m_pendingPath = path;
    m_pendingSince = std::chrono::steady_clock::now();
    // The passphrase moves into the worker and is wiped when it finishes.
    m_pending.start([path, secret = std::move(passphrase)](TaskControl&) {
        auto vault = storage::Vault::open(path, secret);
        auto place = vault.lastPlace();
        return Opened{std::move(vault), std::move(place)};
    });
    wipeImGuiText();
}

void Application::beginCreate(const std::filesystem::path& path, storage::Secret passphrase) {
    if (isUnlocking()) {
        return;
    }
    m_unlockError.reset();
    m_pendingPath = path;
    m_pendingSince = std::chrono::steady_clock::now();
    m_pending.start([path, secret = std::move(passphrase)](TaskControl&) {
        std::error_code error;
        if (const auto folder = path.parent_path(); !folder.empty() && !std::filesystem::exists(folder, error)) {
            std::filesystem::create_directories(folder, error);
            std::filesystem::permissions(folder, std::filesystem::perms::owner_all, error);
        }
        return Opened{storage::Vault::create(path, secret), {}};
    });
    wipeImGuiText();
}

double Application::unlockingSeconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_pendingSince).count();
}

void Application::waitForUnlock() {
    if (m_pending.isRunning()) {
        m_pending.wait();
        finishUnlock();
    }
}

void Application::finishUnlock() {
    auto outcome = m_pending.poll();
    if (!outcome) {
        return; // still deriving the key
    }
    if (!outcome->succeeded()) {
        m_unlockError = outcome->error; // wrong passphrase, not a vault, damaged...
        return;
    }
    try {
        m_workspace = std::make_unique<Workspace>(std::move(outcome->value->vault));
        m_workspace->namesHidden = m_settings.hideNames;
        m_workspace->restore(outcome->value->place); // the client, note and tab of the last session
        m_mainView = std::make_unique<MainView>(*this);
        m_settings.rememberVault(m_pendingPath);
        saveSettings();
        m_unlockError.reset();
        m_lastActivity = ImGui::GetCurrentContext() != nullptr ? ImGui::GetTime() : 0.0;
    } catch (const std::exception& error) {
        m_workspace.reset();
        m_mainView.reset();
        m_unlockError = error.what();
    }
}

// The one write the UI thread still makes, on purpose. Locking is the end of the workspace: the
// vault is closed on this thread right after (Vault::Impl's destructor checkpoints the WAL and
// joins the page check), which costs far more than this one-row UPDATE, and the write must land
// before the close or be lost. Handing it to a worker would only move the wait to the join. It
// never waits for the page check (Vault::rememberPlace skips while the check runs) and is not
// part of any frame's work while the clinician writes.
void Application::rememberPlace() {
    if (!m_workspace) {
        return;
    }
    try {
        m_workspace->vault().rememberPlace(m_workspace->place());
    } catch (const std::exception&) {
        // Where the clinician was is a convenience: locking and quitting never fail for it.
    }
}

void Application::lock() {
    if (m_mainView) {
        m_mainView->flushPendingEdits();
    }
    rememberPlace();
    m_mainView.reset();
    m_workspace.reset(); // closes the vault: SQLite drops the key, Secret wipes the passphrase
    m_clipboard.clearIfOurs();
    wipeImGuiText();
    m_unlockView = std::make_unique<UnlockView>();
}

void Application::update(double now, bool hadInput) {
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
    (void)tessera::app::saveSettings(m_settings, m_settingsPath);
}

bool Application::takeStyleChange() {
    return std::exchange(m_styleChanged, false);
}

} // namespace tessera::app
