// The Codebook, Templates and Settings views, driven with simulated input against real vaults.

#include "app_fixture.hpp"

#include "ui/application.hpp"
#include "ui/workspace.hpp"
#include "views/codebook_view.hpp"
#include "views/settings_view.hpp"
#include "views/templates_view.hpp"

#include "tessera/core/codebook.hpp"
#include "tessera/core/demo.hpp"
#include "tessera/core/interchange.hpp"
#include "tessera/storage/vault.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>

using namespace tessera;

namespace {

// Views draw inside the main window's tab; tests give them a full-screen window of their own.
std::function<void()> inWindow(std::function<void()> body) {
    return [body = std::move(body)] {
        ImGui::SetNextWindowPos({0, 0});
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("test", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
        body();
        ImGui::End();
    };
}

struct WorkspaceFixture {
    test::TempDir dir;
    test::HeadlessUi ui;
    app::Workspace workspace{test::demoVault(dir / "clinic.tessera")};
    storage::Vault& vault = workspace.vault();

    // Replaces the text of a field: click it, select all, type.
    void retype(const std::string& probe, const std::string& text, const std::function<void()>& draw) {
        ui.click(probe, draw);
        ui.pressChar('A', draw, true);
        ui.type(text, draw);
    }
};

} // namespace

TEST_CASE("the Codebook view adds, renames, recolours and retires themes", "[app][codebook]") {
    WorkspaceFixture f;
    app::CodebookView view(f.workspace);
    // The codebook is read, and a theme saved, on workers: there for the next frame.
    const auto draw = inWindow([&] {
        view.draw();
        view.waitForModel();
    });
    f.ui.frames(2, draw);
    // Every theme is listed, grouped by category; the first one's definition is open.
    CHECK(view.selectedKey() == "self-blame");
    const auto codebook = f.vault.codebook();
    for (const auto& theme : codebook.themes()) {
        CHECK(f.ui.drawn("codebook-theme-" + theme.key));
    }
    // Showing a definition (its description wrapped to the field) is not an edit: nothing to save.
    const auto revision = f.workspace.revision();
    f.ui.pressChar('S', draw, true);
    CHECK(f.workspace.revision() == revision);

    SECTION("add a theme: the key follows the label, the colour follows the category") {
        f.ui.click("codebook-new", draw);
        REQUIRE(view.isAdding());
        f.ui.frame(draw);
        f.ui.click("codebook-label", draw);
        f.ui.type("Financial abuse", draw);
        f.ui.click("codebook-category", draw);
        f.ui.frame(draw); // the list opens and settles
        f.ui.click("codebook-category-relationship", draw);
        f.ui.click("codebook-description", draw);
        f.ui.type("The partner controls the money.", draw);
        f.ui.click("codebook-save", draw);

        const auto saved = f.vault.codebook();
        const auto* added = saved.find("financial-abuse");
        REQUIRE(added != nullptr);
        CHECK(added->label == "Financial abuse");
        CHECK(added->category == core::ThemeCategory::Relationship);
        CHECK(added->description == "The partner controls the money.");
        CHECK(added->colour == core::defaultColour(core::ThemeCategory::Relationship));
        CHECK_FALSE(added->retired);
        CHECK_FALSE(view.isAdding());
        CHECK(view.selectedKey() == "financial-abuse");
        f.ui.frames(2, draw); // the codebook is read again on a worker, then drawn
        CHECK(f.ui.drawn("codebook-theme-financial-abuse"));
        CHECK(f.workspace.notices().back().text == "Added the theme \"Financial abuse\".");
    }

    SECTION("rename and recolour: the key stays") {
        f.ui.click("codebook-theme-minimizing", draw);
        REQUIRE(view.selectedKey() == "minimizing");
        f.retype("codebook-label", "Minimising", draw);
        f.retype("codebook-colour", "2A9D8F", draw);
        f.ui.pressKey(ImGuiKey_Enter, draw);
        f.ui.pressChar('S', draw, true); // Ctrl+S saves
        const auto saved = f.vault.codebook();
        const auto* renamed = saved.find("minimizing");
        REQUIRE(renamed != nullptr);
        CHECK(renamed->label == "Minimising");
        CHECK(renamed->colour == "#2A9D8F");
        CHECK(renamed->category == core::ThemeCategory::Justification);
        CHECK(saved.size() == core::defaultCodebook().size());
    }

    SECTION("retire keeps the theme and its history, and can be undone") {
        const auto before = f.vault.allRecords();
        const auto observed = std::count_if(before.begin(), before.end(), [](const core::ClientRecord& record) {
            return std::any_of(record.sessions.begin(), record.sessions.end(),
                               [](const core::Session& s) { return s.observation("hope-of-change") != nullptr; });
        });
        REQUIRE(observed > 0);
        f.ui.click("codebook-theme-hope-of-change", draw);
        f.ui.click("codebook-retire", draw);
        CHECK(f.vault.codebook().find("hope-of-change")->retired);
        f.ui.frame(draw);
        CHECK(f.ui.drawn("codebook-theme-hope-of-change")); // still listed, shown as retired
        CHECK(f.vault.allRecords() == before);              // every observation of it is kept
        f.ui.click("codebook-retire", draw);                // now "Bring back"
        CHECK_FALSE(f.vault.codebook().find("hope-of-change")->retired);
    }
}

TEST_CASE("the Codebook view refuses a bad or taken key inline and writes nothing", "[app][codebook]") {
    WorkspaceFixture f;
    app::CodebookView view(f.workspace);
    // The codebook is read, and a theme saved, on workers: there for the next frame.
    const auto draw = inWindow([&] {
        view.draw();
        view.waitForModel();
    });
    f.ui.frames(2, draw);
    const auto revision = f.workspace.revision();
    const auto size = f.vault.codebook().size();

    f.ui.click("codebook-new", draw);
    f.ui.frame(draw);
    f.ui.click("codebook-label", draw);
    f.ui.type("Tired", draw);
    f.retype("codebook-key", "Bad Key!", draw);
    f.ui.click("codebook-save", draw);
    f.ui.frame(draw); // the vault's answer comes from the worker
    REQUIRE(f.ui.drawn("codebook-error"));
    REQUIRE_FALSE(view.problems().empty());
    CHECK_THAT(view.problems().front(), Catch::Contains("must be lower-case letters, digits and hyphens"));
    CHECK(view.isAdding()); // the form stays, so it can be corrected
    CHECK(f.workspace.revision() == revision);
    CHECK(f.vault.codebook().size() == size);

    // A key already in use would silently redefine that theme: refused before the vault.
    f.retype("codebook-key", "fear", draw);
    f.ui.click("codebook-save", draw);
    REQUIRE(f.ui.drawn("codebook-error"));
    CHECK_THAT(view.problems().front(), Catch::Contains("already used"));
    CHECK(f.vault.codebook().find("fear")->label == "Fear (incl. post-separation abuse)");
    CHECK(f.workspace.revision() == revision);

    // Corrected, it saves, and the message goes.
    f.retype("codebook-key", "tiredness", draw);
    f.ui.click("codebook-save", draw);
    CHECK(view.problems().empty());
    f.ui.frame(draw);
    CHECK_FALSE(f.ui.drawn("codebook-error"));
    CHECK(f.vault.codebook().find("tiredness") != nullptr);
}

TEST_CASE("slugs suggested from labels are valid keys", "[app][codebook]") {
    CHECK(app::CodebookView::slugFromLabel("Financial abuse!", '-') == "financial-abuse");
    CHECK(app::CodebookView::slugFromLabel("  \"Am I the bad one?\" ", '-') == "am-i-the-bad-one");
    CHECK(app::CodebookView::slugFromLabel("Risk & safety", '_') == "risk_safety");
    CHECK(app::CodebookView::slugFromLabel("2nd opinion", '-') == "theme-2nd-opinion");
    CHECK(app::CodebookView::slugFromLabel("???", '-').empty());
}

TEST_CASE("the Templates view saves an edit as a new version - notes keep theirs", "[app][templates]") {
    WorkspaceFixture f;
    const auto client = f.vault.clients().front().id;
    const auto written = f.vault.createSession(client, *core::Date::parse("2026-02-02"), "dap");
    REQUIRE(f.vault.session(written).templateVersion == 1);

    app::TemplatesView view(f.workspace);
    // The templates are read, and a version saved, on workers: there for the next frame.
    const auto draw = inWindow([&] {
        view.draw();
        view.waitForModel();
    });
    f.ui.frames(2, draw);
    // The first template by label is shown before anything is clicked (also when the read is
    // waited for, as the screenshot tool does).
    CHECK(view.selectedName() == "ambivalence-progress");
    CHECK(view.viewedVersion() == 1);
    f.ui.click("template-dap", draw);
    CHECK(view.selectedName() == "dap");
    CHECK_FALSE(f.ui.drawn("template-version")); // one version only: nothing to choose
    f.ui.click("template-edit", draw);
    REQUIRE(view.mode() == app::TemplatesView::Mode::NewVersion);
    f.ui.frame(draw);

    // A fourth section, "Risk", moved above "Plan".
    f.ui.click("section-add", draw);
    f.ui.frame(draw);
    f.ui.click("section-3-label", draw);
    f.ui.type("Risk", draw);
    f.ui.click("section-3-prompt", draw);
    f.ui.type("Any risk to the client or the children?", draw);
    f.ui.click("section-3-up", draw);
    f.retype("template-label", "DAP note (with risk)", draw);
    f.ui.click("template-save", draw);

    CHECK(view.mode() == app::TemplatesView::Mode::Viewing);
    const auto templates = f.vault.templates();
    const auto* v1 = core::findTemplate(templates, "dap", 1);
    const auto* v2 = core::findTemplate(templates, "dap", 2);
    REQUIRE(v1 != nullptr);
    REQUIRE(v2 != nullptr);
    CHECK(core::findTemplate(templates, "dap", 0) == v2);
    CHECK(v2->label == "DAP note (with risk)");
    REQUIRE(v2->sections.size() == 4);
    CHECK(v2->sections[2].key == "risk");
    CHECK(v2->sections[2].prompt == "Any risk to the client or the children?");
    CHECK(v2->sections[3].key == "plan");
    CHECK(v1->sections.size() == 3); // the old version is untouched
    CHECK(v1->label == "DAP note");

    // The note written before keeps version 1; a new note gets version 2.
    CHECK(f.vault.session(written).templateVersion == 1);
    const auto fresh = f.vault.createSession(client, *core::Date::parse("2026-02-09"), "dap");
    CHECK(f.vault.session(fresh).templateVersion == 2);

    // Older versions stay viewable (once the templates are read again, on a worker).
    f.ui.frames(2, draw);
    CHECK(view.viewedVersion() == 2);
    f.ui.click("template-version", draw);
    f.ui.frame(draw);
    f.ui.click("template-version-1", draw);
    CHECK(view.viewedVersion() == 1);
}

TEST_CASE("a new template from the Templates view, with its mistakes shown inline", "[app][templates]") {
    WorkspaceFixture f;
    app::TemplatesView view(f.workspace);
    // The templates are read, and a version saved, on workers: there for the next frame.
    const auto draw = inWindow([&] {
        view.draw();
        view.waitForModel();
    });
    f.ui.frames(2, draw);
    const auto count = f.vault.templates().size();

    f.ui.click("templates-new", draw);
    REQUIRE(view.mode() == app::TemplatesView::Mode::NewTemplate);
    f.ui.frame(draw);
    f.ui.click("template-label", draw);
    f.ui.type("Couples intake", draw);
    f.ui.click("section-0-label", draw);
    f.ui.type("Opening", draw);
    f.ui.click("section-add", draw);
    f.ui.frame(draw);
    f.ui.click("section-1-label", draw);
    f.ui.type("Opening", draw); // the same key twice
    f.ui.click("template-save", draw);
    f.ui.frame(draw); // the vault's answer comes from the worker
    REQUIRE(f.ui.drawn("template-error"));
    CHECK_THAT(view.problems().front(), Catch::Contains("Section 2") && Catch::Contains("appears twice"));
    CHECK(f.vault.templates().size() == count);
    CHECK(view.mode() == app::TemplatesView::Mode::NewTemplate);

    f.ui.click("section-1-remove", draw);
    f.ui.frame(draw); // the layout settles without the removed row
    CHECK_FALSE(f.ui.drawn("section-1-label"));
    f.ui.click("template-save", draw);
    CHECK(view.problems().empty());
    const auto templates = f.vault.templates();
    const auto* created = core::findTemplate(templates, "couples-intake", 0);
    REQUIRE(created != nullptr);
    CHECK(created->version == 1);
    CHECK(created->label == "Couples intake");
    REQUIRE(created->sections.size() == 1);
    CHECK(created->sections[0].key == "opening");
    CHECK(view.selectedName() == "couples-intake");
}

namespace {

struct SettingsFixture {
    test::TempDir dir;
    test::HeadlessUi ui;
    std::filesystem::path vaultPath = dir / "clinic.tessera";
    std::filesystem::path settingsPath = dir / "config" / "settings.json";
    app::Application app{app::Settings{}, settingsPath};

    SettingsFixture() {
        (void)test::demoVault(vaultPath); // created and closed
        app.beginUnlock(vaultPath, storage::Secret{test::kDemoPassphrase});
        app.waitForUnlock();
        REQUIRE(app.isUnlocked());
        app.waitForBackgroundWork(); // the recent vault is written to the settings file on a worker
    }

    // A frame of `view` in a window, then a wait for what it and the application started on
    // workers (the audit head, a backup name, the settings file), so the next frame shows it.
    std::function<void()> settled(app::SettingsView& view) {
        return inWindow([&view, this] {
            view.draw();
            view.waitForWorker();
            app.waitForBackgroundWork();
        });
    }
};

} // namespace

TEST_CASE("Settings apply at once and are saved", "[app][settings]") {
    SettingsFixture f;
    app::SettingsView view(f.app);
    const auto draw = f.settled(view);
    f.ui.frames(2, draw);
    CHECK_FALSE(f.app.takeStyleChange());
    REQUIRE(f.app.settings().autoLockMinutes == 10);

    // Auto-lock: typed, applied, and written once the field is let go.
    f.ui.click("settings-autolock", draw);
    f.ui.pressChar('A', draw, true);
    f.ui.type("25", draw);
    CHECK(f.app.settings().autoLockMinutes == 25);
    f.ui.pressKey(ImGuiKey_Enter, draw);
    CHECK(app::loadSettings(f.settingsPath).autoLockMinutes == 25);

    // The theme switch asks the platform to rebuild the style, once.
    f.ui.click("settings-theme-dark", draw);
    CHECK(f.app.settings().theme == app::Settings::Theme::Dark);
    CHECK(f.app.takeStyleChange());
    CHECK_FALSE(f.app.takeStyleChange());
    CHECK(app::loadSettings(f.settingsPath).theme == app::Settings::Theme::Dark);

    f.ui.click("settings-scale-150", draw);
    CHECK(f.app.settings().uiScale == Approx(1.5f));
    CHECK(f.app.takeStyleChange());
    CHECK(app::loadSettings(f.settingsPath).uiScale == Approx(1.5f));
    f.ui.click("settings-scale-follow", draw);
    CHECK(f.app.settings().uiScale == 0.0f);
    CHECK(f.app.takeStyleChange());

    // Clicking the theme that is already chosen changes nothing.
    f.ui.click("settings-theme-dark", draw);
    CHECK_FALSE(f.app.takeStyleChange());
}

TEST_CASE("Settings: spelling is on by default, switched off and to UK English, and saved", "[app][settings][spell]") {
    SettingsFixture f;
    app::SettingsView view(f.app);
    const auto draw = f.settled(view);
    ImGui::GetIO().DisplaySize = {1440.0f, 2400.0f}; // the Writing section is below the vault's
    f.ui.frames(3, draw);
    CHECK(f.app.settings().spellCheck);
    CHECK(f.app.settings().spellLanguage == spell::Language::EnglishUS);
    f.ui.click("settings-spell-en-gb", draw);
    CHECK(f.app.settings().spellLanguage == spell::Language::EnglishUK);
    CHECK(app::loadSettings(f.settingsPath).spellLanguage == spell::Language::EnglishUK);
    f.ui.click("settings-spell-check", draw);
    CHECK_FALSE(f.app.settings().spellCheck);
    const auto saved = app::loadSettings(f.settingsPath);
    CHECK_FALSE(saved.spellCheck);
    CHECK(saved.spellLanguage == spell::Language::EnglishUK);
}

TEST_CASE("Settings keep preferences private and show the audit log's head hash to copy", "[app][settings]") {
    SettingsFixture f;
    // Preferences name the vaults a clinician uses: folder 0700, file 0600 (issue 13).
    REQUIRE(app::saveSettings(f.app.settings(), f.settingsPath));
    CHECK((std::filesystem::status(f.settingsPath.parent_path()).permissions() & std::filesystem::perms::all) ==
          std::filesystem::perms::owner_all);
    CHECK((std::filesystem::status(f.settingsPath).permissions() & std::filesystem::perms::all) ==
          (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));

    app::SettingsView view(f.app);
    const auto draw = f.settled(view);
    f.app.workspace()->vault().awaitPageCheck(); // the head is shown once the opening is recorded
    f.ui.frames(2, draw);
    const auto head = f.app.workspace()->vault().auditLog().back().hash;
    CHECK(view.auditHead() == head);
    CHECK(f.ui.drawn("settings-audit-head"));
    f.ui.click("settings-audit-head-copy", draw);
    CHECK(std::string{ImGui::GetClipboardText()} == head);
    // A change adds an entry: the row says "Reading…" while the head is read again, then follows.
    f.app.workspace()->vault().recordExport("", "", "test");
    const auto rawDraw = inWindow([&] { view.draw(); });
    f.ui.frame(rawDraw);
    CHECK(view.auditHead().empty());
    CHECK(f.ui.drawn("settings-audit-head-reading"));
    view.waitForWorker();
    f.ui.frame(draw);
    CHECK(f.ui.drawn("settings-audit-head"));
    CHECK(view.auditHead() != head);
    CHECK(view.auditHead() == f.app.workspace()->vault().auditLog().back().hash);
}

TEST_CASE("Settings back up and verify the vault on a worker", "[app][settings]") {
    SettingsFixture f;
    app::SettingsView view(f.app);
    const auto draw = f.settled(view);
    f.ui.frames(2, draw);
    CHECK(f.ui.drawn("settings-vault-path"));

    const auto backup = f.dir / "backup.tessera";
    f.ui.click("settings-backup-path", draw);
    f.ui.pressChar('A', draw, true);
    f.ui.type(backup.string(), draw);
    f.ui.click("settings-backup", draw);
    view.waitForWorker();
    f.ui.frame(draw);
    REQUIRE(view.backupResult().has_value());
    CHECK_FALSE(view.backupFailed());
    CHECK(f.ui.drawn("settings-backup-result"));
    {
        auto copy = storage::Vault::open(backup, storage::Secret{test::kDemoPassphrase});
        CHECK(copy.clients().size() == 2);
    }

    // A second backup to the same file is refused, and says why.
    f.ui.click("settings-backup-path", draw);
    f.ui.pressChar('A', draw, true);
    f.ui.type(backup.string(), draw);
    f.ui.click("settings-backup", draw);
    view.waitForWorker();
    f.ui.frame(draw);
    CHECK(view.backupFailed());
    REQUIRE(view.backupResult().has_value());
    CHECK_THAT(*view.backupResult(), Catch::Contains("never overwrites"));

    f.ui.click("settings-verify", draw);
    view.waitForWorker();
    f.ui.frame(draw);
    REQUIRE(view.verifyResult().has_value());
    CHECK(view.verifyResult()->ok);
    CHECK(view.verifyResult()->sessions == 8);
    CHECK(f.ui.drawn("settings-verify-result"));
}
