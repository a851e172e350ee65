// tessera-screenshots: a test tool, never installed. Renders the real app (the same Platform,
// Application and views as `tessera`) on a display and writes one PNG per main view.
//   tessera-screenshots --vault PATH --out DIR
// Unlocks the vault with $TESSERA_PASSPHRASE (which the shipped app never reads), renders the
// unlock screen and each main tab with the busiest client and its latest note, prints each PNG's
// path and exits 0; 2 when the vault does not unlock, 3 when a view shows an error, 1 otherwise.
// Used by the smoke test (tests/app/smoke_test.cpp) and scripts/demo.sh where there is no display.

#include "platform/platform.hpp"
#include "ui/application.hpp"
#include "ui/settings.hpp"
#include "views/main_view.hpp"
#include "views/search_view.hpp"

#include "tessera/storage/vault.hpp"

#include <CLI/CLI.hpp>
#include <imgui.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <iostream>

namespace {

using namespace tessera;
using namespace tessera::app;

struct Shot {
    const char* file;
    MainTab tab;
};

constexpr std::array kShots{Shot{"notes.png", MainTab::Notes},         Shot{"themes.png", MainTab::Themes},
                            Shot{"search.png", MainTab::Search},       Shot{"codebook.png", MainTab::Codebook},
                            Shot{"templates.png", MainTab::Templates}, Shot{"settings.png", MainTab::Settings}};

// Renders `frames` frames (layout settles over a couple of frames); captures the last one.
bool renderFrames(Platform& platform, Application& app, int frames, const std::filesystem::path* capture = nullptr) {
    bool ok = true;
    for (int i = 0; i < frames; ++i) {
        const bool input = platform.beginFrame(0.0);
        app.update(ImGui::GetTime(), input);
        app.draw();
        ok = platform.endFrame(i + 1 == frames ? capture : nullptr);
    }
    return ok;
}

int screenshots(Platform& platform, Application& app, const std::filesystem::path& vault,
                const std::filesystem::path& directory) {
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    // The pointer of a virtual display rests mid-window; ignore it so no hover or tooltip
    // appears in the pictures.
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NoMouse;
    const auto unlockShot = directory / "unlock.png";
    if (!renderFrames(platform, app, 3, &unlockShot)) {
        std::cerr << "tessera-screenshots: could not write " << (directory / "unlock.png").string() << "\n";
        return 1;
    }
    std::cout << (directory / "unlock.png").string() << "\n";
    const char* passphrase = std::getenv("TESSERA_PASSPHRASE");
    if (passphrase == nullptr || *passphrase == '\0') {
        std::cerr << "tessera-screenshots: TESSERA_PASSPHRASE is needed to unlock " << vault.string() << "\n";
        return 1;
    }
    app.beginUnlock(vault, storage::Secret{passphrase});
    app.waitForUnlock();
    renderFrames(platform, app, 1);
    if (!app.isUnlocked()) {
        std::cerr << "tessera-screenshots: " << app.unlockError().value_or("the vault did not unlock") << "\n";
        return 2;
    }
    auto& workspace = *app.workspace();
    // Let the background page check end, so the pictures show the settled app (and, for a damaged
    // vault, its error, which the next update turns into a notice).
    try {
        workspace.vault().awaitPageCheck();
    } catch (const storage::VaultError&) { // NOLINT(bugprone-empty-catch): reported as a notice
    }
    // Show a real client and note: the one with the most sessions.
    const auto clients = workspace.vault().clients();
    if (!clients.empty()) {
        const auto busiest = std::max_element(clients.begin(), clients.end(),
                                              [](const auto& a, const auto& b) { return a.sessions < b.sessions; });
        workspace.selectedClient = busiest->id;
        const auto record = workspace.vault().clientRecord(busiest->id);
        if (!record.sessions.empty()) {
            workspace.openSession = record.sessions.back().id;
        }
    }
    // A search with results shows the view as a clinician uses it ("handover" appears in demo notes).
    if (auto* main = app.mainView()) {
        main->search().setQuery("handover");
    }
    int failures = 0;
    for (const auto& shot : kShots) {
        workspace.tab = shot.tab;
        // The tab's reading runs on a worker: a frame starts it (after a stale one has ended),
        // the wait finishes it, the next frame takes it; the shot shows the result.
        for (int round = 0; round < 3; ++round) {
            (void)renderFrames(platform, app, 1);
            if (auto* main = app.mainView()) {
                main->waitForBackgroundWork();
            }
        }
        const auto path = directory / shot.file;
        if (!renderFrames(platform, app, 4, &path)) {
            std::cerr << "tessera-screenshots: could not write " << path.string() << "\n";
            ++failures;
            continue;
        }
        std::cout << path.string() << "\n";
        for (const auto& notice : workspace.notices()) {
            if (notice.kind == Notice::Kind::Error) {
                std::cerr << "tessera-screenshots: error shown in " << shot.file << ": " << notice.text << "\n";
                ++failures;
            }
        }
    }
    return failures == 0 ? 0 : 3;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App cli{"Renders each main view of Tessera to a PNG file (a test tool)", "tessera-screenshots"};
    std::string vaultPath;
    std::string outDir;
    cli.add_option("--vault", vaultPath, "Vault to unlock with $TESSERA_PASSPHRASE")->required();
    cli.add_option("--out", outDir, "Folder for the PNG files")->required();
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return cli.exit(error) == 0 ? 0 : 1;
    }
    try {
        // The tool's preferences are its own defaults: nothing is read from or written to the
        // clinician's settings file beyond what the app does for XDG_CONFIG_HOME.
        const auto settingsPath = defaultSettingsPath();
        Settings settings = loadSettings(settingsPath);
        settings.rememberVault(vaultPath);
        Platform platform("Tessera", 1440, 900);
        Application app(settings, settingsPath);
        platform.applyStyle(app.settings());
        return screenshots(platform, app, vaultPath, outDir);
    } catch (const std::exception& error) {
        std::cerr << "tessera-screenshots: " << error.what() << "\n";
        return 1;
    }
}
