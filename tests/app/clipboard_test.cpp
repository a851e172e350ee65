// Locking clears the clipboard when it still holds what the app copied (issue 13, item 3): by
// Ctrl+L and by the idle timer, and never text another program copied since. The system
// clipboard is played by ImGuiIO's clipboard functions, set here as the GLFW backend sets them.

#include "headless.hpp"
#include "test_support.hpp"

#include "ui/application.hpp"
#include "ui/workspace.hpp"

#include "tessera/core/codebook.hpp"
#include "tessera/core/demo.hpp"
#include "tessera/core/interchange.hpp"
#include "tessera/storage/vault.hpp"

#include <catch2/catch.hpp>

using namespace tessera;

namespace {

constexpr const char* kPassphrase = "river stone lantern";

struct SystemClipboard {
    std::string text;
    int writes = 0;
    std::string replaced; // what the buffer held when it was last set again (as GLFW frees it then)

    static void set(void* self, const char* text) {
        auto& clipboard = *static_cast<SystemClipboard*>(self);
        clipboard.replaced = clipboard.text;
        clipboard.text = text;
        ++clipboard.writes;
    }
    static const char* get(void* self) { return static_cast<SystemClipboard*>(self)->text.c_str(); }
};

struct ClipboardFixture {
    test::TempDir dir;
    test::HeadlessUi ui;
    SystemClipboard system;
    std::filesystem::path vaultPath = dir / "clinic.tessera";
    std::unique_ptr<app::Application> app;
    std::function<void()> draw = [this] { test::drawSettled(*app); };

    ClipboardFixture() {
        auto& io = ImGui::GetIO();
        io.SetClipboardTextFn = &SystemClipboard::set;
        io.GetClipboardTextFn = &SystemClipboard::get;
        io.ClipboardUserData = &system;
        app = std::make_unique<app::Application>(app::Settings{}, dir / "settings.json");
        auto vault = storage::Vault::create(vaultPath, storage::Secret{kPassphrase});
        core::DemoOptions options;
        options.clients = 2;
        options.sessionsPerClient = 3;
        core::CaseloadDocument document;
        document.clients = core::makeDemoCaseload(options, core::defaultCodebook());
        (void)vault.importCaseload(document);
    }

    void unlock() {
        app->beginUnlock(vaultPath, storage::Secret{kPassphrase});
        app->waitForUnlock();
        REQUIRE(app->isUnlocked());
        ui.frames(3, draw);
    }

    // Copies text the way a clinician does: type it into a field, select all, Ctrl+C.
    void copy(const std::string& text) {
        ui.click("client-filter", draw);
        ui.pressChar('A', draw, true);
        ui.type(text, draw);
        ui.pressChar('A', draw, true);
        ui.pressChar('C', draw, true);
        REQUIRE(system.text == text);
    }
};

} // namespace

TEST_CASE("Ctrl+L clears the clipboard when it still holds what the app copied", "[app][lock][clipboard]") {
    ClipboardFixture f;
    f.unlock();
    f.copy("Am I the bad one");
    f.ui.pressChar('L', f.draw, true);
    f.app->update(f.ui.time(), true);
    REQUIRE_FALSE(f.app->isUnlocked());
    CHECK(f.system.text.empty());
}

TEST_CASE("the idle lock clears the clipboard too", "[app][lock][clipboard]") {
    ClipboardFixture f;
    f.unlock();
    f.copy("the house, the children");
    f.app->update(f.ui.time() + 11 * 60.0, false);
    REQUIRE_FALSE(f.app->isUnlocked());
    CHECK(f.system.text.empty());
}

TEST_CASE("locking leaves alone what another program copied since", "[app][lock][clipboard]") {
    ClipboardFixture f;
    f.unlock();
    f.copy("Am I the bad one");
    f.system.text = "shopping list"; // copied in another program
    const auto writes = f.system.writes;
    f.app->lock();
    CHECK(f.system.text == "shopping list");
    CHECK(f.system.writes == writes);
    // Nothing copied in this unlocked session: nothing to clear either.
    f.unlock();
    f.app->lock();
    CHECK(f.system.text == "shopping list");
}

TEST_CASE("locking zeroes the clipboard library's own copy of the text before it lets go of it",
          "[app][lock][clipboard]") {
    // GLFW, like this fake, hands out its own buffer while the app owns the clipboard and frees it
    // with free() (not zeroed) when the clipboard is set again.
    ClipboardFixture f;
    f.unlock();
    const std::string copied = "she left the letters unopened";
    f.copy(copied);
    f.app->lock();
    CHECK(f.system.text.empty());
    CHECK(f.system.replaced == std::string(copied.size(), '\0'));
}
