// tessera: the desktop app.
//   tessera [--vault PATH] [--screenshot DIR]
// --screenshot unlocks the vault with $TESSERA_PASSPHRASE, renders each main view with its real
// data, writes one PNG per view into DIR and exits (0 when every view rendered without an error).

#include "platform/platform.hpp"
#include "ui/application.hpp"
#include "ui/settings.hpp"
#include "views/main_view.hpp"
#include "views/search_view.hpp"

#include "tessera/storage/secure_memory.hpp"
#include "tessera/storage/vault.hpp"

#include <CLI/CLI.hpp>
#include <imgui.h>

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
        std::cerr << "tessera: could not write " << (directory / "unlock.png").string() << "\n";
        return 1;
    }
    std::cout << (directory / "unlock.png").string() << "\n";
    const char* passphrase = std::getenv("TESSERA_PASSPHRASE");
    if (passphrase == nullptr || *passphrase == '\0') {
        std::cerr << "tessera: --screenshot needs TESSERA_PASSPHRASE to unlock " << vault.string() << "\n";
        return 1;
    }
    app.beginUnlock(vault, storage::Secret{passphrase});
    app.waitForUnlock();
    renderFrames(platform, app, 1);
    if (!app.isUnlocked()) {
        std::cerr << "tessera: " << app.unlockError().value_or("the vault did not unlock") << "\n";
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
        const auto path = directory / shot.file;
        if (!renderFrames(platform, app, 4, &path)) {
            std::cerr << "tessera: could not write " << path.string() << "\n";
            ++failures;
            continue;
        }
        std::cout << path.string() << "\n";
        for (const auto& notice : workspace.notices()) {
            if (notice.kind == Notice::Kind::Error) {
                std::cerr << "tessera: error shown in " << shot.file << ": " << notice.text << "\n";
                ++failures;
            }
        }
    }
    return failures == 0 ? 0 : 3;
}

} // namespace

int main(int argc, char** argv) {
    (void)storage::installZeroingSqliteAllocator(); // before SQLite's first use (issue 13)
    CLI::App cli{"Tessera: encrypted session notes for psychotherapists", "tessera"};
    std::string vaultPath;
    std::string screenshotDir;
    cli.add_option("--vault", vaultPath, "Vault to open (default: the most recent, else the standard path)");
    cli.add_option("--screenshot", screenshotDir,
                   "Unlock with $TESSERA_PASSPHRASE, write a PNG of each main view into DIR, exit");
    try {
        cli.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return cli.exit(error) == 0 ? 0 : 1;
    }

    const auto settingsPath = defaultSettingsPath();
    Settings settings = loadSettings(settingsPath);
    if (!vaultPath.empty()) {
        settings.rememberVault(vaultPath);
    }
    try {
        Platform platform("Tessera", 1440, 900);
        Application app(settings, settingsPath);
        platform.applyStyle(app.settings());
        if (!screenshotDir.empty()) {
            const auto vault = vaultPath.empty() ? storage::defaultVaultPath() : std::filesystem::path{vaultPath};
            return screenshots(platform, app, vault, screenshotDir);
        }
        while (!platform.shouldClose() && !app.quitRequested()) {
            // Redraw at least twice a second (progress, idle lock); otherwise only on input.
            const bool busy = app.isUnlocking() || (app.mainView() != nullptr && app.mainView()->hasBackgroundWork());
            const bool input = platform.beginFrame(busy ? 0.03 : 0.5);
            app.update(ImGui::GetTime(), input);
            app.draw();
            platform.endFrame();
            if (app.takeStyleChange()) {
                platform.applyStyle(app.settings());
            }
        }
        return 0;
    } catch (const std::exception& error) {
        std::cerr << "tessera: " << error.what() << "\n";
        return 1;
    }
}
