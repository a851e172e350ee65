// "Hide names" (issue 13, item 4): while names are hidden no client display name is drawn in any
// view, list, header or popup (read back from what each frame drew), the client filter matches
// codes only, and the choice is remembered across locking and restarting.

#include "headless.hpp"
#include "test_support.hpp"

#include "ui/application.hpp"
#include "views/main_view.hpp"
#include "ui/workspace.hpp"

#include "tessera/core/codebook.hpp"
#include "tessera/core/demo.hpp"
#include "tessera/core/interchange.hpp"
#include "tessera/storage/vault.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace tessera;
using Catch::Matchers::Contains;

namespace {

constexpr const char* kPassphrase = "river stone lantern";

std::string withoutSpaces(std::string text) {
    text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
    return text;
}

struct NamesFixture {
    test::TempDir dir;
    test::HeadlessUi ui;
    std::filesystem::path vaultPath = dir / "clinic.tessera";
    std::filesystem::path settingsPath = dir / "settings.json";
    std::unique_ptr<app::Application> app = std::make_unique<app::Application>(app::Settings{}, settingsPath);
    std::function<void()> draw = [this] { test::drawSettled(*app); };
    std::vector<std::string> names; // drawn without spaces, as drawnText() reads them
    std::vector<core::ClientId> clients;

    NamesFixture() {
        auto vault = storage::Vault::create(vaultPath, storage::Secret{kPassphrase});
        core::DemoOptions options;
        options.clients = 3;
        options.sessionsPerClient = 4;
        core::CaseloadDocument document;
        document.clients = core::makeDemoCaseload(options, core::defaultCodebook());
        (void)vault.importCaseload(document);
        for (const auto& client : vault.clients()) {
            REQUIRE_FALSE(client.displayName.empty());
            names.push_back(withoutSpaces(client.displayName));
            clients.push_back(client.id);
        }
    }

    void unlock() {
        app->beginUnlock(vaultPath, storage::Secret{kPassphrase});
        app->waitForUnlock();
        REQUIRE(app->isUnlocked());
        ui.frames(3, draw);
    }

    app::Workspace& workspace() { return *app->workspace(); }

    // Everything each tab draws for each client, with Search's client list open.
    std::string drawnEverywhere() {
        std::string all;
        for (const auto client : clients) {
            workspace().selectedClient = client;
            for (const auto tab : {app::MainTab::Notes, app::MainTab::Themes, app::MainTab::Search,
                                   app::MainTab::Codebook, app::MainTab::Templates, app::MainTab::Settings}) {
                workspace().tab = tab;
                // The tab's reading runs on a worker: a frame starts it (after a stale one has
                // ended), the wait finishes it, the next frame takes it.
                for (int round = 0; round < 3; ++round) {
                    ui.frame(draw);
                    app->mainView()->waitForBackgroundWork();
                }
                ui.frames(3, draw);
                all += ui.drawnText();
                if (tab == app::MainTab::Search) {
                    ui.click("search-client", draw);
                    ui.frames(2, draw);
                    all += ui.drawnText();
                    ui.pressKey(ImGuiKey_Escape, draw);
                }
            }
        }
        return all;
    }
};

} // namespace

TEST_CASE("hidden names are drawn nowhere, match no filter, and are remembered", "[app][names]") {
    NamesFixture f;
    f.unlock();
    // The probe sees the names while they are shown (so its silence below means something).
    const auto shown = f.drawnEverywhere();
    for (const auto& name : f.names) {
        CHECK_THAT(shown, Contains(name));
    }

    f.ui.pressChar('H', f.draw, true, true); // Ctrl+Shift+H
    REQUIRE(f.workspace().namesHidden);
    const auto hidden = f.drawnEverywhere();
    for (const auto& name : f.names) {
        CHECK_THAT(hidden, !Contains(name));
    }

    // The client filter matches codes only: part of a name selects no one.
    f.workspace().tab = app::MainTab::Notes;
    f.ui.click("client-filter", f.draw);
    f.ui.type(f.names.front().substr(0, 4), f.draw);
    CHECK_THAT(f.ui.drawnText(), Contains("Noclientmatches"));

    // Remembered in the preferences, across locking and restarting.
    f.app->update(f.ui.time(), true);
    CHECK(f.app->settings().hideNames);
    CHECK(app::loadSettings(f.settingsPath).hideNames);
    f.app->lock();
    f.ui.frames(2, f.draw);
    f.unlock();
    CHECK(f.workspace().namesHidden);
    f.app = std::make_unique<app::Application>(app::loadSettings(f.settingsPath), f.settingsPath);
    f.unlock();
    CHECK(f.workspace().namesHidden);
    const auto afterRestart = f.drawnEverywhere();
    for (const auto& name : f.names) {
        CHECK_THAT(afterRestart, !Contains(name));
    }

    // And shown again with the same shortcut.
    f.ui.pressChar('H', f.draw, true, true);
    CHECK_FALSE(f.workspace().namesHidden);
    f.app->update(f.ui.time(), true);
    CHECK_FALSE(app::loadSettings(f.settingsPath).hideNames);
}
