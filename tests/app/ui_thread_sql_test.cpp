// The UI thread runs no SQL: the real main view, driven through a day's work (switching clients,
// opening notes, typing, searching, the Export dialog and its review buttons, saving a client,
// editing the codebook and a template, the Settings tab with its audit head, a backup and a
// check), while SQLite's own trace hook records every statement the vault's connection runs on
// the UI thread. Any statement recorded fails the test with its text. Then the unlock screen,
// locking and unlocking again, with the hook on every connection opened (the vault's own is
// opened on a worker): opening or closing a connection on the UI thread fails it too.

#include "app_fixture.hpp"

#include "tessera/core/demo.hpp"
#include "tessera/core/interchange.hpp"
#include "tessera/storage/testing.hpp"
#include "ui/application.hpp"
#include "ui/workspace.hpp"
#include "viewmodels/export_model.hpp"
#include "views/export_view.hpp"
#include "views/main_view.hpp"
#include "views/note_editor_view.hpp"
#include "views/sessions_view.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <thread>

using namespace tessera;

namespace {

// Three demo clients, with names the de-identification leaves in place in the first client's
// first note, so that the export review has suspects to act on.
test::DemoVaultOptions clientsWithSuspects() {
    test::DemoVaultOptions options{.caseload = {.clients = 3, .sessionsPerClient = 4}};
    options.adjust = [](core::CaseloadDocument& document) {
        for (auto& section : document.clients.front().sessions.front().sections) {
            if (section.key == "risk_and_safety") {
                section.text += " She said Hope drove her home and Will waited outside.";
            }
        }
    };
    return options;
}

// The shared app fixture (app_fixture.hpp) with SQLite's trace hook on the vault's connection
// from the moment the vault is open, before the main view's first frame.
struct UiThreadFixture : test::AppFixture {
    std::unique_ptr<storage::testing::StatementRecorder> recorder;

    UiThreadFixture() : test::AppFixture(clientsWithSuspects(), ImVec2{1600.0f, 1400.0f}) {}

    void unlock() {
        open();
        recorder = std::make_unique<storage::testing::StatementRecorder>(vault(), std::this_thread::get_id());
        settle();
    }

    // What ran on the UI thread since the last check, as one message per statement.
    void requireNoSql(const std::string& doing) {
        const auto statements = recorder->take();
        for (const auto& sql : statements) {
            UNSCOPED_INFO(doing << ": the UI thread ran " << sql);
        }
        CHECK(statements.empty());
    }

    void clickAndSettle(const std::string& probe) {
        ui.click(probe, draw);
        settle();
    }

    void retype(const std::string& probe, const std::string& text) {
        ui.click(probe, draw);
        ui.pressChar('A', draw, true);
        ui.type(text, draw);
    }
};

} // namespace

TEST_CASE("the UI thread runs no SQL: lists, notes, search, export review, clients, codebook, templates",
          "[app][threads]") {
    UiThreadFixture f;
    f.unlock();
    f.requireNoSql("unlocking and drawing the client list");

    // Switching clients: the session list is read on a worker.
    f.clickAndSettle("client-row-D-002");
    f.clickAndSettle("client-row-D-001");
    REQUIRE_FALSE(f.main().sessions().model().rows().empty());
    f.requireNoSql("switching clients");

    // Opening a note.
    const auto newest = f.main().sessions().model().rows().front().id;
    f.clickAndSettle("session-row-" + std::to_string(newest.value));
    REQUIRE(f.main().noteEditor().draft().id() == newest);
    f.requireNoSql("opening a note");

    // A new session (written on a worker, then opened).
    f.clickAndSettle("session-new");
    f.clickAndSettle("new-session-create");
    REQUIRE(f.workspace().openSession.has_value());
    CHECK(*f.workspace().openSession != newest);
    CHECK(f.main().noteEditor().draft().id() == *f.workspace().openSession);
    f.requireNoSql("creating a session");

    // Search as you type.
    f.showTab(app::MainTab::Search);
    f.ui.click("search-query", f.draw);
    f.ui.type("partner", f.draw);
    f.settle();
    f.requireNoSql("searching");

    // The Export dialog, and both review buttons.
    f.showTab(app::MainTab::Notes);
    f.ui.pressChar('P', f.draw, true);
    f.settle();
    auto& exportView = f.main().exportView();
    REQUIRE(exportView.isOpen());
    REQUIRE(exportView.model().document().has_value());
    const auto suspect = [&](const std::string& word) -> std::string {
        const auto& review = exportView.model().review();
        for (std::size_t i = 0; i < review.size(); ++i) {
            if (review[i].suspect && review[i].text == word) {
                return std::to_string(i);
            }
        }
        FAIL("no suspect " << word << " in the review");
        return {};
    };
    f.clickAndSettle("export-suspect-redact-" + suspect("Hope"));
    f.clickAndSettle("export-suspect-keep-" + suspect("Will"));
    CHECK(exportView.reviewError().empty());
    f.requireNoSql("the Export dialog and its review");
    f.clickAndSettle("export-close");

    // Saving a client.
    f.clickAndSettle("client-edit");
    f.retype("client-name", "Anna Beispiel");
    f.clickAndSettle("client-save");
    f.requireNoSql("saving a client");

    // The Codebook and Templates editors.
    f.showTab(app::MainTab::Codebook);
    f.clickAndSettle("codebook-theme-minimizing");
    f.retype("codebook-label", "Minimising");
    f.clickAndSettle("codebook-save");
    f.requireNoSql("editing the codebook");

    f.showTab(app::MainTab::Templates);
    f.clickAndSettle("template-dap");
    f.clickAndSettle("template-edit");
    f.retype("template-label", "DAP note (revised)");
    f.clickAndSettle("template-save");
    f.requireNoSql("editing a template");

    // The Settings tab: the audit log's head is read on a worker (and the next backup's file name
    // chosen there); the row says "Reading…" until it arrives.
    // Frames without waiting for workers, until the tab bar has taken the tab: in the first frame
    // that draws the tab, its head is being read.
    f.workspace().tab = app::MainTab::Settings;
    for (int frame = 0; frame < 4 && !f.ui.drawn("settings-vault-path"); ++frame) {
        f.ui.frame([&] {
            f.app->update(ImGui::GetTime(), false);
            f.app->draw();
        });
    }
    REQUIRE(f.ui.drawn("settings-vault-path"));
    CHECK(f.ui.drawn("settings-audit-head-reading"));
    f.settle();
    REQUIRE(f.ui.drawn("settings-audit-head"));
    f.requireNoSql("the Settings tab's audit head");
    // A check and a backup, each on a worker; the backup adds an audit entry, read again there.
    f.clickAndSettle("settings-verify");
    CHECK(f.ui.drawn("settings-verify-result"));
    f.clickAndSettle("settings-backup");
    CHECK(f.ui.drawn("settings-backup-result"));
    CHECK(f.ui.drawn("settings-audit-head"));
    f.requireNoSql("verifying and backing up in Settings");

    // What each step did reached the vault (read here, on the test's thread, after recording).
    f.recorder.reset();
    auto& vault = f.workspace().vault();
    CHECK(vault.findClient("D-001")->displayName == "Anna Beispiel");
    CHECK(vault.codebook().find("minimizing")->label == "Minimising");
    CHECK(vault.notIdentifying(vault.findClient("D-001")->id) == std::vector<std::string>{"Will"});
    const auto redactions = vault.findClient("D-001")->redactions;
    CHECK(std::any_of(redactions.begin(), redactions.end(), [](const core::Redaction& r) { return r.term == "Hope"; }));
    CHECK(core::findTemplate(vault.templates(), "dap", 0)->label == "DAP note (revised)");
}

TEST_CASE("the UI thread runs no SQL: the unlock screen, a wrong passphrase, locking and unlocking again",
          "[app][threads][lock][unlock]") {
    test::AppFixture f;
    f.app->settings().rememberVault(f.vaultPath); // the screen offers it, as after a first unlock
    // Every connection opened from here on, from its opening (the vault is opened on a worker).
    storage::testing::StatementRecorder recorder(std::this_thread::get_id());
    const auto requireNoSql = [&](const std::string& doing) {
        const auto statements = recorder.take();
        for (const auto& sql : statements) {
            UNSCOPED_INFO(doing << ": the UI thread ran " << sql);
        }
        CHECK(statements.empty());
    };
    // The unlock screen gives the passphrase field the keyboard; Enter unlocks.
    const auto typePassphrase = [&](const std::string& passphrase) {
        f.settle();
        REQUIRE(f.ui.drawn("passphrase"));
        f.ui.type(passphrase, f.draw);
        f.ui.pressKey(ImGuiKey_Enter, f.draw);
        f.settle();
    };

    typePassphrase("wrong words here");
    REQUIRE_FALSE(f.app->isUnlocked());
    REQUIRE(f.app->unlockError().has_value());
    CHECK_THAT(*f.app->unlockError(), Catch::Contains("passphrase does not open"));
    CHECK(f.ui.drawn("unlock-error"));
    requireNoSql("a wrong passphrase");

    typePassphrase(test::kDemoPassphrase); // the caret is back in the emptied field
    REQUIRE(f.app->isUnlocked());
    requireNoSql("unlocking");

    // Somewhere to come back to: the second client's newest note, in the Themes tab.
    f.ui.click("client-row-D-002", f.draw);
    f.settle();
    const auto client = f.workspace().selectedClient;
    REQUIRE(client.has_value());
    const auto note = f.main().sessions().model().rows().front().id;
    f.ui.click("session-row-" + std::to_string(note.value), f.draw);
    f.settle();
    REQUIRE(f.workspace().openSession == note);
    f.showTab(app::MainTab::Themes);
    requireNoSql("opening a note");

    // Ctrl+L: the unlock screen at once; where the clinician was is written, and the vault
    // closed, on a worker.
    f.ui.pressChar('L', f.draw, true);
    CHECK_FALSE(f.app->isUnlocked());
    f.settle();
    CHECK(f.ui.drawn("passphrase"));
    requireNoSql("locking");

    typePassphrase(test::kDemoPassphrase);
    REQUIRE(f.app->isUnlocked());
    CHECK(f.workspace().selectedClient == client);
    CHECK(f.workspace().openSession == note);
    CHECK(f.workspace().tab == app::MainTab::Themes);
    f.settle();
    requireNoSql("unlocking again");
}
