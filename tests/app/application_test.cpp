// The Application's locking: the idle timer, the Ctrl+L shortcut and requestLock(), each of which
// must close the vault and return to the unlock screen.

#include "app_fixture.hpp"

#include "ui/application.hpp"
#include "ui/workspace.hpp"
#include "views/main_view.hpp"

#include "tessera/core/codebook.hpp"
#include "tessera/core/demo.hpp"
#include "tessera/core/interchange.hpp"
#include "tessera/storage/vault.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>

using namespace tessera;

namespace {

// The real app (tests/app/app_fixture.hpp), with frames that only draw (and wait for what the
// views started on workers): these tests call Application::update() themselves, with the times
// and input they need (the idle lock).
struct LockFixture : test::AppFixture {
    LockFixture() {
        draw = [this] { test::drawSettled(*app); };
    }
};

} // namespace

TEST_CASE("the idle timer locks after the auto-lock minutes, and input resets it", "[app][lock]") {
    LockFixture f;
    REQUIRE(f.app->settings().autoLockMinutes == 10);
    f.unlock();
    REQUIRE(f.app->mainView() != nullptr);
    const double start = f.ui.time();

    f.app->update(start + 9 * 60.0, false);
    CHECK(f.app->isUnlocked());
    f.app->update(start + 9 * 60.0 + 30.0, true); // the clinician moves the mouse: the timer restarts
    f.app->update(start + 9 * 60.0 + 30.0 + 9 * 60.0, false);
    CHECK(f.app->isUnlocked()); // 18.5 minutes since unlocking, but only 9 since the last input
    CHECK(f.app->workspace() != nullptr);

    f.app->update(start + 9 * 60.0 + 30.0 + 10 * 60.0 + 1.0, false);
    CHECK_FALSE(f.app->isUnlocked());
    CHECK(f.app->workspace() == nullptr);
    CHECK(f.app->mainView() == nullptr);

    // Back on the unlock screen; the vault is closed (its file lock released), so it opens again.
    f.ui.frames(2, f.draw);
    CHECK(f.ui.drawn("passphrase"));
    CHECK_FALSE(f.ui.drawn("tab-notes"));
    f.unlock();
    CHECK(f.ui.drawn("tab-notes"));
}

TEST_CASE("Ctrl+L and requestLock() lock on the next update, outside any view's draw", "[app][lock]") {
    LockFixture f;
    f.unlock();
    CHECK(f.ui.drawn("tab-notes"));

    f.ui.pressChar('L', f.draw, true);
    CHECK(f.app->isUnlocked()); // asked for, not done inside draw()
    f.app->update(f.ui.time(), true);
    CHECK_FALSE(f.app->isUnlocked());
    CHECK(f.app->workspace() == nullptr);
    f.ui.frames(2, f.draw);
    CHECK(f.ui.drawn("passphrase"));

    f.unlock();
    f.app->requestLock();
    f.ui.frame(f.draw);
    CHECK(f.app->isUnlocked());
    f.app->update(f.ui.time(), false);
    CHECK_FALSE(f.app->isUnlocked());

    // A request made while locked does not carry over to the next unlock.
    f.app->requestLock();
    f.app->update(f.ui.time(), false);
    f.unlock();
    f.app->update(f.ui.time(), false);
    CHECK(f.app->isUnlocked());
}

TEST_CASE("a shorter auto-lock chosen in Settings applies at once", "[app][lock][settings]") {
    LockFixture f;
    f.unlock();
    f.app->workspace()->tab = app::MainTab::Settings;
    f.ui.frames(3, f.draw);
    REQUIRE(f.ui.drawn("settings-autolock"));
    f.ui.click("settings-autolock", f.draw);
    f.ui.pressChar('A', f.draw, true);
    f.ui.type("2", f.draw);
    f.ui.pressKey(ImGuiKey_Enter, f.draw);
    CHECK(f.app->settings().autoLockMinutes == 2);
    CHECK(app::loadSettings(f.dir / "settings.json").autoLockMinutes == 2);

    const double now = f.ui.time();
    f.app->update(now + 90.0, false);
    CHECK(f.app->isUnlocked());
    f.app->update(now + 121.0, false);
    CHECK_FALSE(f.app->isUnlocked());
}

TEST_CASE("locking by the idle timer saves the text being typed first", "[app][lock]") {
    LockFixture f;
    f.unlock();
    // The newest session of the first client is a draft in the demo caseload: open it.
    auto& workspace = *f.app->workspace();
    const auto client = workspace.vault().clients().front().id;
    const auto draft = workspace.vault().clientRecord(client).sessions.back();
    REQUIRE_FALSE(draft.isSigned());
    const auto templates = workspace.vault().templates();
    const auto* tmpl = core::findTemplate(templates, draft.templateName, draft.templateVersion);
    REQUIRE(tmpl != nullptr);
    const std::string section = tmpl->sections.front().key;
    workspace.selectedClient = client;
    workspace.openSession = draft.id;
    f.ui.frames(3, f.draw);

    // Typed a moment ago: well inside the autosave delay, so only the editor holds it.
    f.ui.click("section-" + section, f.draw);
    f.ui.pressKey(ImGuiKey_End, f.draw, true);
    f.ui.type(" Said she is tired of explaining.", f.draw);
    const auto flat = [](std::string text) {
        std::replace(text.begin(), text.end(), '\n', ' ');
        return text;
    };
    const auto beforeLock = workspace.vault().session(draft.id);
    const auto* before = beforeLock.sectionText(section);
    CHECK((before == nullptr || flat(*before).find("tired of explaining") == std::string::npos));

    f.app->update(f.ui.time() + 10 * 60.0 + 1.0, false);
    REQUIRE_FALSE(f.app->isUnlocked());
    f.app->waitForBackgroundWork(); // the vault is closed on a worker

    auto vault = storage::Vault::open(f.vaultPath, storage::Secret{test::kDemoPassphrase});
    const auto afterLock = vault.session(draft.id);
    const auto* saved = afterLock.sectionText(section);
    REQUIRE(saved != nullptr);
    CHECK_THAT(flat(*saved), Catch::EndsWith("Said she is tired of explaining."));
}

TEST_CASE("a vault with a damaged page unlocks for reading, then says it is damaged and saves nothing",
          "[app][damage]") {
    LockFixture f;
    const auto size = std::filesystem::file_size(f.vaultPath);
    REQUIRE(size > std::uintmax_t{8} * 4096);
    {
        // One flipped byte in the last page, which holds data.
        auto bytes = test::readFile(f.vaultPath);
        bytes[size - 4096 + 500] = static_cast<char>(bytes[size - 4096 + 500] ^ 0x20);
        test::writeFile(f.vaultPath, bytes);
    }
    const auto before = test::readFile(f.vaultPath);
    f.unlock(); // what can be read shows at once
    REQUIRE(f.app->workspace() != nullptr);
    CHECK_FALSE(f.app->workspace()->vault().clients().empty());
    CHECK_THROWS_AS(f.app->workspace()->vault().awaitPageCheck(), storage::VaultError);
    f.app->update(f.ui.time(), false);
    CHECK_FALSE(f.app->workspace()->pageCheckRunning());
    const auto& notices = f.app->workspace()->notices();
    REQUIRE(notices.size() == 1);
    CHECK(notices.front().kind == app::Notice::Kind::Error);
    CHECK_THAT(notices.front().text, Catch::Contains("damaged") && Catch::Contains("will not save changes"));
    // The error stays (it is not a confirmation that fades), and is shown once.
    f.app->update(f.ui.time() + 60.0, false);
    CHECK(f.app->workspace()->notices().size() == 1);
    f.app->requestLock();
    f.app->update(f.ui.time() + 61.0, false);
    CHECK_FALSE(f.app->isUnlocked());
    f.app->waitForBackgroundWork(); // closed on a worker
    CHECK(test::readFile(f.vaultPath) == before);
}

TEST_CASE("after unlocking, the clinician is back at the client, note and tab of the last session", "[app][lock]") {
    LockFixture f;
    f.unlock();
    auto* workspace = f.app->workspace();
    CHECK_FALSE(workspace->selectedClient.has_value()); // a vault never locked: nothing to go back to
    const auto clients = workspace->vault().clients();
    REQUIRE(clients.size() == 2);
    const auto record = workspace->vault().clientRecord(clients[1].id);
    const auto note = record.sessions[1].id;
    workspace->openNote(clients[1].id, note);
    workspace->tab = app::MainTab::Themes;
    f.ui.frames(2, f.draw);
    // No wait for the page check: the worker that closes the vault waits for it, then writes the
    // place, so a lock right after unlocking remembers it too.

    f.app->lock();
    REQUIRE_FALSE(f.app->isUnlocked());
    f.ui.frames(2, f.draw);
    f.unlock();
    workspace = f.app->workspace();
    CHECK(workspace->selectedClient == clients[1].id);
    CHECK(workspace->openSession == note);
    CHECK(workspace->tab == app::MainTab::Themes);
    f.settle(); // the analysis runs on a worker
    CHECK(f.ui.drawn("themes-heatmap"));

    // A draft deleted since: the client is restored, the note is not.
    const auto draft = record.sessions.back();
    REQUIRE_FALSE(draft.isSigned());
    workspace->openNote(clients[1].id, draft.id);
    f.app->lock();
    f.app->waitForBackgroundWork(); // the place is written and the vault closed on a worker
    {
        auto vault = storage::Vault::open(f.vaultPath, storage::Secret{test::kDemoPassphrase});
        vault.deleteDraft(draft.id);
    }
    f.unlock();
    CHECK(f.app->workspace()->selectedClient == clients[1].id);
    CHECK_FALSE(f.app->workspace()->openSession.has_value());
    CHECK(f.app->workspace()->tab == app::MainTab::Notes);
}
