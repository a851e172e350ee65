// "Hide names" (issue 13, item 4): while names are hidden no client display name is drawn in any
// view, list, header or popup (read back from what each frame drew), the client filter matches
// codes only, and the choice is remembered across locking and restarting.

#include "app_fixture.hpp"

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

std::string withoutSpaces(std::string text) {
    text.erase(std::remove(text.begin(), text.end(), ' '), text.end());
    return text;
}

// The real app over three demo clients, with their display names as drawnText() reads them.
struct NamesFixture : test::AppFixture {
    std::vector<std::string> names; // drawn without spaces, as drawnText() reads them
    std::vector<core::ClientId> clients;

    NamesFixture() : test::AppFixture({.caseload = {.clients = 3, .sessionsPerClient = 4}}) {
        auto vault = storage::Vault::open(vaultPath, storage::Secret{test::kDemoPassphrase});
        for (const auto& client : vault.clients()) {
            REQUIRE_FALSE(client.displayName.empty());
            names.push_back(withoutSpaces(client.displayName));
            clients.push_back(client.id);
        }
    }

    // Everything each tab draws for each client, with Search's client list open.
    std::string drawnEverywhere() {
        std::string all;
        for (const auto client : clients) {
            workspace().selectedClient = client;
            for (const auto tab : {app::MainTab::Notes, app::MainTab::Themes, app::MainTab::Search,
                                   app::MainTab::Codebook, app::MainTab::Templates, app::MainTab::Settings}) {
                showTab(tab); // its reading runs on a worker: settled when it has arrived
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
    f.app->waitForBackgroundWork(); // the settings file is written on a worker
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
    f.app->waitForBackgroundWork();
    CHECK_FALSE(app::loadSettings(f.settingsPath).hideNames);
}
