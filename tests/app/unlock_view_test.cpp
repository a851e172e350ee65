// The unlock screen, driven with simulated input against real vault files.

#include "headless.hpp"
#include "test_support.hpp"

#include "ui/application.hpp"
#include "views/unlock_view.hpp"

#include <catch2/catch.hpp>

using namespace tessera;

namespace {

struct UnlockFixture {
    test::TempDir dir;
    test::HeadlessUi ui;
    app::Application app{app::Settings{}, dir / "settings.json"};
    std::function<void()> draw = [this] { test::drawSettled(app); };

    void setPath(const std::string& path) {
        ui.click("path", draw);
        ui.pressChar('A', draw, true); // select all
        ui.type(path, draw);
    }
    // On the create screen, for the vault at `path`: types `passphrase` and `repeat` into the two fields.
    void startCreating(const std::filesystem::path& path, const std::string& passphrase, const std::string& repeat) {
        ui.frames(2, draw);
        ui.click("create-mode", draw);
        setPath(path.string());
        ui.click("passphrase", draw);
        ui.type(passphrase, draw);
        ui.frame(draw); // the estimate (made on a worker) is shown: the fields below stay put
        ui.click("repeat", draw);
        ui.type(repeat, draw);
    }
    void waitForWorker() {
        app.waitForUnlock();
        app.update(ui.time(), false);
        ui.frame(draw);
    }
};

} // namespace

TEST_CASE("creating a vault from the unlock screen, then a wrong and a right passphrase", "[app][unlock]") {
    UnlockFixture f;
    const auto vault = f.dir / "clinic.tessera";
    // Passphrases that differ are caught before any file is written.
    f.startCreating(vault, "river stone lantern", "river stone lanterns");
    f.ui.click("submit", f.draw);
    REQUIRE(f.ui.drawn("unlock-error"));
    CHECK_FALSE(std::filesystem::exists(vault));

    f.ui.click("repeat", f.draw);
    f.ui.pressKey(ImGuiKey_Backspace, f.draw);
    f.ui.click("submit", f.draw);
    CHECK(f.app.isUnlocking());
    f.waitForWorker();
    REQUIRE(f.app.isUnlocked());
    CHECK(std::filesystem::exists(vault));
    CHECK(f.app.settings().recentVaults.front() == vault.string());

    // Lock: back to the unlock screen, the vault closed.
    f.app.lock();
    CHECK_FALSE(f.app.isUnlocked());
    f.ui.frames(2, f.draw);

    // A wrong passphrase says so, and the screen stays usable.
    f.ui.click("passphrase", f.draw);
    f.ui.type("wrong words here", f.draw);
    f.ui.pressKey(ImGuiKey_Enter, f.draw);
    f.waitForWorker();
    CHECK_FALSE(f.app.isUnlocked());
    REQUIRE(f.app.unlockError().has_value());
    CHECK_THAT(*f.app.unlockError(), Catch::Contains("passphrase does not open"));
    CHECK(f.ui.drawn("unlock-error"));

    // The caret is back in the emptied passphrase field: the clinician types again at once.
    f.ui.frame(f.draw);
    f.ui.type("river stone lantern", f.draw);
    f.ui.pressKey(ImGuiKey_Enter, f.draw);
    f.waitForWorker();
    CHECK(f.app.isUnlocked());
}

TEST_CASE("the create screen's meter shows the CLI's estimate and keeps Create disabled below it", "[app][unlock]") {
    const auto strength = [](const char* passphrase) {
        return app::UnlockModel::passphraseStrength(passphrase, "/home/k/clinic.tessera");
    };
    CHECK_THAT(strength("short").reason, Catch::StartsWith("too short"));
    for (const char* weak : {"12345678", "aaaaaaaa", "password1", "aaaaaaaaaaaaaaaaaaaaaaaaaa", "        "}) {
        CAPTURE(weak);
        CHECK_FALSE(strength(weak).acceptable);
        CHECK(strength(weak).score < storage::kMinimumPassphraseScore);
        CHECK_THAT(strength(weak).reason, Catch::StartsWith("too guessable"));
    }
    CHECK(strength("river stone lantern").acceptable);
    CHECK(strength("Correct horse battery staple 42!").score == 4);

    // The screen: a weak passphrase shows why, and Create stays disabled; a strong one enables it.
    UnlockFixture f;
    app::UnlockView view; // drawn on its own, to read its meter
    f.draw = [&] {
        view.draw(f.app);
        f.app.waitForBackgroundWork(); // the estimate, made on the unlock model's worker
    };
    const auto vault = f.dir / "clinic.tessera";
    f.startCreating(vault, "password1", "password1");
    REQUIRE(view.strength().has_value());
    CHECK_FALSE(view.strength()->acceptable);
    CHECK_THAT(view.strength()->reason, Catch::Contains("a common word"));
    CHECK(f.ui.drawn("strength"));
    f.ui.click("submit", f.draw); // disabled: nothing happens, not even an error
    CHECK_FALSE(f.app.isUnlocking());
    CHECK_FALSE(f.ui.drawn("unlock-error"));
    f.ui.click("repeat", f.draw);
    f.ui.pressKey(ImGuiKey_Enter, f.draw); // Enter in the field says why
    CHECK_FALSE(f.app.isUnlocking());
    CHECK(f.ui.drawn("unlock-error"));
    CHECK_FALSE(std::filesystem::exists(vault));

    f.ui.click("passphrase", f.draw);
    f.ui.type(" river stone lantern", f.draw);
    f.ui.frame(f.draw); // the estimate of the last keystroke arrives
    CHECK(view.strength()->acceptable);
    f.ui.click("repeat", f.draw);
    f.ui.type(" river stone lantern", f.draw);
    f.ui.click("submit", f.draw);
    CHECK(f.app.isUnlocking());
    f.waitForWorker();
    CHECK(f.app.isUnlocked());
}

TEST_CASE("settings survive a restart and a damaged settings file gives defaults", "[app][settings]") {
    test::TempDir dir;
    app::Settings settings;
    settings.theme = app::Settings::Theme::Dark;
    settings.autoLockMinutes = 25;
    settings.rememberVault(dir / "a.tessera");
    settings.rememberVault(dir / "b.tessera");
    REQUIRE(app::saveSettings(settings, dir / "s" / "settings.json"));
    const auto loaded = app::loadSettings(dir / "s" / "settings.json");
    CHECK(loaded.theme == app::Settings::Theme::Dark);
    CHECK(loaded.autoLockMinutes == 25);
    CHECK(loaded.recentVaults == std::vector<std::string>{(dir / "b.tessera").string(), (dir / "a.tessera").string()});
    test::writeFile(dir / "broken.json", "{ not json");
    CHECK(app::loadSettings(dir / "broken.json").autoLockMinutes == 10);
}
