#include "app_fixture.hpp"

#include "views/export_view.hpp"
#include "views/note_editor_view.hpp"

#include "tessera/storage/errors.hpp"

#include <catch2/catch.hpp>

#include <utility>

namespace tessera::test {

storage::Vault demoVault(const std::filesystem::path& path, const DemoVaultOptions& options) {
    auto vault = storage::Vault::create(path, storage::Secret{kDemoPassphrase});
    core::CaseloadDocument document;
    document.clients = core::makeDemoCaseload(options.caseload, vault.codebook());
    if (options.adjust) {
        options.adjust(document);
    }
    (void)vault.importCaseload(std::move(document));
    return vault;
}

AppFixture::AppFixture(const DemoVaultOptions& options, ImVec2 displaySize)
    : ui{displaySize}, vaultPath{dir / "clinic.tessera"},
      settingsPath{dir / "settings.json"}, app{std::make_unique<app::Application>(app::Settings{}, settingsPath)} {
    (void)demoVault(vaultPath, options); // closed again: the application opens it
}

AppFixture::~AppFixture() = default;

void AppFixture::unlock() {
    open();
    settle();
}

void AppFixture::open() {
    app->beginUnlock(vaultPath, storage::Secret{kDemoPassphrase});
    app->waitForUnlock();
    REQUIRE(app->isUnlocked());
}

void AppFixture::settle() {
    // Frames until two in a row found nothing running: the last one drew what the finished work
    // delivered and started nothing new. Between frames, whatever runs is waited for.
    // The platform's frame (update, then draw), whatever `draw` a test has chosen: update is what
    // notices the page check's end. A bound on the rounds turns a build that never ends into a
    // failure instead of a hang (it counts rounds, not time).
    const std::function<void()> frame = [this] {
        app->update(ImGui::GetTime(), false);
        app->draw();
    };
    int quiet = 0;
    for (int round = 0; quiet < 2; ++round) {
        REQUIRE(round < 10'000);
        ui.frame(frame);
        const bool busy = app->hasBackgroundWork();
        app->waitForBackgroundWork();
        auto* main = app->mainView();
        if (main == nullptr) {
            quiet = busy ? 0 : quiet + 1;
            continue;
        }
        main->noteEditor().waitForSave();
        main->exportView().waitForSummary();
        if (workspace().pageCheckRunning()) {
            try {
                vault().awaitPageCheck();
            } catch (const storage::VaultError&) {
                // A failed check is the main view's to report; the next frame takes it.
            }
        }
        quiet = busy ? 0 : quiet + 1;
    }
}

app::Workspace& AppFixture::workspace() {
    REQUIRE(app->workspace() != nullptr);
    return *app->workspace();
}

app::MainView& AppFixture::main() {
    REQUIRE(app->mainView() != nullptr);
    return *app->mainView();
}

storage::Vault& AppFixture::vault() {
    return workspace().vault();
}

core::ClientId AppFixture::clientId(const std::string& code) {
    const auto found = vault().findClient(code);
    REQUIRE(found.has_value());
    return found->id;
}

void AppFixture::showTab(app::MainTab tab) {
    workspace().tab = tab;
    settle();
}

} // namespace tessera::test
