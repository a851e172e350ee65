#pragma once

// What every app test starts from: a demo vault on disk (one builder, so every test's vault is
// made the same way), and the real application drawn headless: the unlock screen, then the main
// view with all its views and view-models, exactly as the clinician's window lays them out. Tests
// of a single view in isolation (the Export dialog, the Codebook editor) use demoVault() and a
// HeadlessUi of their own.

#include "headless.hpp"
#include "test_support.hpp"

#include "ui/application.hpp"
#include "ui/workspace.hpp"
#include "views/main_view.hpp"

#include "tessera/core/demo.hpp"
#include "tessera/core/interchange.hpp"
#include "tessera/storage/vault.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

namespace tessera::test {

inline constexpr const char* kDemoPassphrase = "river stone lantern";

struct DemoVaultOptions {
    // The generator's options; by default a small caseload: two clients with four weekly
    // sessions each (the newest a draft).
    core::DemoOptions caseload{.clients = 2, .sessionsPerClient = 4};
    // A last change to the caseload before it is imported (identifiers planted, a code renamed).
    std::function<void(core::CaseloadDocument&)> adjust = {};
};

// Creates an encrypted vault at `path` (passphrase kDemoPassphrase) holding a demo caseload made
// with the vault's own codebook.
[[nodiscard]] storage::Vault demoVault(const std::filesystem::path& path, const DemoVaultOptions& options = {});

// The real app, headless: Application (settings file in the fixture's directory), its unlock
// screen and, once unlocked, its MainView.
class AppFixture {
public:
    explicit AppFixture(const DemoVaultOptions& options = {}, ImVec2 displaySize = {1440.0f, 900.0f});
    virtual ~AppFixture();
    AppFixture(const AppFixture&) = delete;
    AppFixture& operator=(const AppFixture&) = delete;

    TempDir dir;
    HeadlessUi ui;
    std::filesystem::path vaultPath;
    std::filesystem::path settingsPath;
    std::unique_ptr<app::Application> app;
    // One frame of the whole app, as the platform's loop runs it: update (takes a finished unlock,
    // watches the page check, the idle lock), then draw; then what the views started on workers
    // (lists, a note, an analysis) is waited for, so the next frame shows it. No input is
    // reported to the idle timer.
    std::function<void()> draw = [this] {
        app->update(ImGui::GetTime(), false);
        drawSettled(*app);
    };

    // Opens the vault through the application (key derivation on its worker), then draws until
    // every view's first reading has arrived.
    void unlock();
    // Only the opening: the vault is open and the main view exists; nothing is drawn yet.
    void open();
    // unlock(), for member initialisers of fixtures built on this one.
    AppFixture& unlocked() {
        unlock();
        return *this;
    }
    // Draws frames, waiting for the views' background work between them, until none is running:
    // what the clinician sees once the window has caught up. The waits are conditions, never
    // durations.
    void settle();

    [[nodiscard]] app::Workspace& workspace();
    [[nodiscard]] app::MainView& main();
    [[nodiscard]] storage::Vault& vault();
    [[nodiscard]] core::ClientId clientId(const std::string& code);
    // Shows a tab of the main view (as a click on it would) and settles.
    void showTab(app::MainTab tab);
};

} // namespace tessera::test
