// tessera: the desktop app.
//   tessera [--vault PATH]
// The passphrase is only ever typed into the unlock screen: this program never reads it from the
// environment (the screenshot harness that does is a separate test tool, tests/app/screenshots_main.cpp).

#include "platform/platform.hpp"
#include "ui/application.hpp"
#include "ui/settings.hpp"
#include "views/main_view.hpp"

#include "tessera/storage/process_hardening.hpp"
#include "tessera/storage/secure_memory.hpp"
#include "tessera/storage/vault.hpp"

#include <CLI/CLI.hpp>
#include <imgui.h>

#include <iostream>

using namespace tessera;
using namespace tessera::app;

int main(int argc, char** argv) {
    // Before any passphrase or note is in memory: no core dump can hold them (docs/reliability.md).
    if (const auto hardening = storage::hardenProcess(); !hardening.warning.empty()) {
        std::cerr << "tessera: " << hardening.warning << "\n";
    }
    (void)storage::installZeroingSqliteAllocator(); // before SQLite's first use (issue 13)
    CLI::App cli{"Tessera: encrypted session notes for psychotherapists", "tessera"};
    std::string vaultPath;
    cli.add_option("--vault", vaultPath, "Vault to open (default: the most recent, else the standard path)");
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
        while (!platform.shouldClose() && !app.quitRequested()) {
            // Redraw at least twice a second (progress, idle lock); otherwise only on input.
            const bool busy = app.hasBackgroundWork();
            const bool hold = app.holdsInput(); // keys typed while a note opens wait for it
            const bool input = platform.beginFrame(busy || hold ? 0.03 : 0.5, hold);
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
