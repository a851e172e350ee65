// The daily writing workflow, driven with simulated input against a real vault: the client
// list, the sessions of a client, and the note editor (autosave, observations, signing).

#include "app_fixture.hpp"

#include "tessera/core/demo.hpp"
#include "tessera/text/utf8.hpp"
#include "ui/settings.hpp"
#include "ui/workspace.hpp"
#include "viewmodels/display_text.hpp"
#include "views/clients_view.hpp"
#include "views/main_view.hpp"
#include "views/note_editor_view.hpp"
#include "views/search_view.hpp"
#include "views/sessions_view.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <algorithm>
#include <functional>
#include <map>

using namespace tessera;

namespace {

// The Notes tab of the real main view (clients on the left, then sessions, then the editor),
// unlocked from a demo vault of three clients with five sessions each. The display is tall so that
// every field of a note is on screen without scrolling.
struct NotesFixture {
    test::AppFixture base{{.caseload = {.clients = 3, .sessionsPerClient = 5, .textLength = 300}},
                          ImVec2{1600.0f, 2600.0f}};
    test::HeadlessUi& ui = base.ui;
    std::function<void()>& draw = base.draw;
    app::Workspace& workspace = base.unlocked().workspace();
    app::ClientsView& clients = base.main().clients();
    app::SessionsView& sessions = base.main().sessions();
    app::NoteEditorView& editor = base.main().noteEditor();

    storage::Vault& vault() { return workspace.vault(); }
    core::ClientId clientId(const std::string& code) { return vault().findClient(code).value().id; }
    // What the vault holds once a save running on the editor's worker is done (saves never block
    // a frame, so a test waits for them before it reads).
    core::Session stored(core::SessionId id) {
        editor.waitForSave();
        return vault().session(id);
    }

    void selectClient(const std::string& code) {
        ui.click("client-row-" + code, draw);
        REQUIRE(workspace.selectedClient == clientId(code));
        ui.frame(draw); // the sessions, read on a worker, are drawn
    }
    // Opens the newest session of the selected client (a draft in the demo caseload).
    core::SessionId openNewest() {
        const auto id = sessions.model().rows().front().id;
        ui.click("session-row-" + std::to_string(id.value), draw);
        REQUIRE(workspace.openSession == id);
        REQUIRE(editor.draft().id() == id);
        ui.frame(draw); // the note, read on a worker, is drawn
        return id;
    }
    // The first theme of the codebook that this session has not observed.
    std::string unobservedTheme(core::SessionId id, const std::string& skip = {}) {
        const auto session = stored(id);
        const auto codebook = vault().codebook();
        for (const auto& theme : codebook.themes()) {
            if (!theme.retired && theme.key != skip && session.observation(theme.key) == nullptr) {
                return theme.key;
            }
        }
        FAIL("every theme is observed");
        return {};
    }
    // Clicks a one-line field, replaces its text with `text` and presses Enter.
    void replaceAndEnter(const std::string& probe, const std::string& text) {
        ui.click(probe, draw);
        ui.pressChar('A', draw, true);
        ui.type(text, draw);
        ui.pressKey(ImGuiKey_Enter, draw);
        ui.frame(draw);
    }
    // Clicks a field, moves the caret to the end of its text and types. (A pause first, so two
    // clicks on the same spot are not a double-click, which would select a word.)
    void typeInto(const std::string& probe, const std::string& text) {
        ui.frame(draw, 0.4f);
        ui.click(probe, draw);
        ui.pressKey(ImGuiKey_End, draw, true);
        ui.type(text, draw);
    }
};

// A section's text with line breaks read as spaces (for texts written by earlier versions, which
// stored the display's wrapping).
std::string sectionOf(const core::Session& session, const std::string& key) {
    const auto* text = session.sectionText(key);
    REQUIRE(text != nullptr);
    std::string flat = *text;
    std::replace(flat.begin(), flat.end(), '\n', ' ');
    return flat;
}

} // namespace

TEST_CASE("clicking a client shows their sessions, newest first, drafts marked", "[app][notes]") {
    NotesFixture f;
    CHECK_FALSE(f.workspace.selectedClient.has_value());
    CHECK(f.clients.model().visible().size() == 3);
    f.selectClient("D-002");
    f.ui.frame(f.draw);
    const auto& rows = f.sessions.model().rows();
    REQUIRE(rows.size() == 5);
    for (std::size_t i = 1; i < rows.size(); ++i) {
        CHECK(rows[i - 1].date >= rows[i].date);
    }
    // The demo leaves each client's last note as a draft; all earlier ones are signed.
    CHECK_FALSE(rows.front().isSigned);
    CHECK(rows.back().isSigned);
    CHECK(f.ui.drawn("session-row-" + std::to_string(rows.front().id.value)));
    CHECK_FALSE(rows.back().marks.empty());
    CHECK(rows.back().marks.size() <= app::SessionListModel::kMaxMarks);

    // Keyboard: with the list focused, Down opens the next (older) note.
    f.openNewest();
    f.ui.pressKey(ImGuiKey_DownArrow, f.draw);
    CHECK(f.workspace.openSession == rows[1].id);
    CHECK(f.editor.draft().id() == rows[1].id);
    CHECK(f.editor.isReadOnly());
    f.ui.pressKey(ImGuiKey_End, f.draw);
    CHECK(f.workspace.openSession == rows.back().id);
    f.ui.pressKey(ImGuiKey_UpArrow, f.draw);
    CHECK(f.workspace.openSession == rows[rows.size() - 2].id);
    f.ui.pressKey(ImGuiKey_Home, f.draw);
    CHECK(f.workspace.openSession == rows.front().id);
    f.ui.pressKey(ImGuiKey_UpArrow, f.draw); // the newest stays open
    CHECK(f.workspace.openSession == rows.front().id);
    // With no note open, Enter opens the newest.
    f.workspace.openSession.reset();
    f.ui.frame(f.draw);
    CHECK_FALSE(f.editor.draft().isOpen());
    f.ui.pressKey(ImGuiKey_Enter, f.draw);
    CHECK(f.workspace.openSession == rows.front().id);
    CHECK(f.editor.draft().id() == rows.front().id);
}

TEST_CASE("Enter on a client opens its newest note also when the session list arrives frames later",
          "[app][notes][keyboard]") {
    // The real app draws the next frame without waiting for the session list's worker: the
    // request to open the newest note must wait for the list, not be dropped in the meantime.
    NotesFixture f;
    const auto frameNow = [&f] {
        f.base.app->update(ImGui::GetTime(), false);
        f.base.app->draw();
    };
    f.ui.pressKey(ImGuiKey_Enter, frameNow);
    f.ui.frame(frameNow);
    f.base.settle();
    const auto& rows = f.sessions.model().rows();
    REQUIRE_FALSE(rows.empty());
    CHECK(f.workspace.openSession == rows.front().id);
    CHECK(f.editor.draft().id() == rows.front().id);
}

TEST_CASE("the keyboard alone opens a note: the client list has it after unlocking, Enter hands it on",
          "[app][notes][keyboard]") {
    NotesFixture f;
    CHECK_FALSE(f.workspace.selectedClient.has_value());
    // Down selects the first client, then the next; Up goes back.
    f.ui.pressKey(ImGuiKey_DownArrow, f.draw);
    const auto& visible = f.clients.model().visible();
    const auto clientAt = [&](std::size_t i) { return f.clients.model().all()[visible[i]].id; };
    CHECK(f.workspace.selectedClient == clientAt(0));
    f.ui.pressKey(ImGuiKey_DownArrow, f.draw);
    CHECK(f.workspace.selectedClient == clientAt(1));
    f.ui.pressKey(ImGuiKey_UpArrow, f.draw);
    REQUIRE(f.workspace.selectedClient == clientAt(0));
    CHECK_FALSE(f.workspace.openSession.has_value());
    // Enter opens the client: its newest note is in the editor and the session list has the keys.
    f.ui.pressKey(ImGuiKey_Enter, f.draw);
    f.ui.frame(f.draw);
    const auto& rows = f.sessions.model().rows();
    REQUIRE(rows.size() == 5);
    CHECK(f.workspace.openSession == rows.front().id);
    CHECK(f.editor.draft().id() == rows.front().id);
    f.ui.pressKey(ImGuiKey_DownArrow, f.draw);
    CHECK(f.workspace.openSession == rows[1].id);
    CHECK(f.editor.draft().id() == rows[1].id);
    CHECK(f.workspace.selectedClient == clientAt(0)); // Down went to the sessions, not the clients
    // Left gives the keyboard back to the client list: Down picks the next client there.
    f.ui.pressKey(ImGuiKey_LeftArrow, f.draw);
    f.ui.frame(f.draw);
    f.ui.pressKey(ImGuiKey_DownArrow, f.draw);
    CHECK(f.workspace.selectedClient == clientAt(1));
    CHECK_FALSE(f.workspace.openSession.has_value()); // the other client's note is closed
    // Right opens it as Enter does.
    f.ui.pressKey(ImGuiKey_RightArrow, f.draw);
    f.ui.frame(f.draw);
    REQUIRE_FALSE(f.sessions.model().rows().empty());
    CHECK(f.workspace.openSession == f.sessions.model().rows().front().id);
    CHECK(f.editor.draft().id() == f.sessions.model().rows().front().id);
}

TEST_CASE("Enter in the client filter selects the first match and gives the keyboard to the list",
          "[app][notes][keyboard]") {
    NotesFixture f;
    f.typeInto("client-filter", "003");
    f.ui.pressKey(ImGuiKey_Enter, f.draw);
    REQUIRE(f.workspace.selectedClient == f.clientId("D-003"));
    f.ui.frame(f.draw);
    f.ui.pressKey(ImGuiKey_Enter, f.draw);
    f.ui.frame(f.draw);
    REQUIRE_FALSE(f.sessions.model().rows().empty());
    CHECK(f.workspace.openSession == f.sessions.model().rows().front().id);
}

TEST_CASE("a new session from a template - typing is autosaved after the delay, never reset", "[app][notes]") {
    NotesFixture f;
    f.selectClient("D-001");
    const auto before = f.sessions.model().rows().size();
    f.ui.click("session-new", f.draw);
    REQUIRE(f.sessions.newSessionOpen());
    f.ui.frames(2, f.draw); // a dialog settles its size and place on its first frames
    f.ui.click("new-session-template", f.draw);
    f.ui.frames(2, f.draw);
    f.ui.click("new-session-template-dap", f.draw);
    f.ui.click("new-session-create", f.draw);
    CHECK_FALSE(f.sessions.newSessionOpen());
    REQUIRE(f.workspace.openSession.has_value());
    const auto id = *f.workspace.openSession;
    const auto created = f.stored(id);
    CHECK(created.templateName == "dap");
    CHECK(created.date == app::localToday());
    CHECK_FALSE(created.isSigned());
    f.ui.frames(2, f.draw); // the new note, read on a worker, then drawn
    CHECK(f.sessions.model().rows().size() == before + 1);
    CHECK(f.editor.draft().id() == id);
    CHECK(f.ui.drawn("section-data"));

    // A fresh note waits with the caret in its first section: just start typing.
    f.ui.frames(2, f.draw);
    f.ui.type("Arrived early, tense.", f.draw);
    CHECK(f.editor.statusText() == "Unsaved changes");
    CHECK(sectionOf(f.stored(id), "data").empty());
    f.ui.frame(f.draw, 1.0f); // not yet: the delay is three seconds
    CHECK(sectionOf(f.stored(id), "data").empty());
    f.ui.frame(f.draw, 2.5f); // the save starts, on a worker: the frame does not wait for it
    f.editor.waitForSave();
    CHECK(sectionOf(f.stored(id), "data") == "Arrived early, tense.");
    CHECK_THAT(f.editor.statusText(), Catch::StartsWith("Saved "));

    // The autosave changed the vault's revision and other models rebuilt; the field being typed
    // in keeps its text and its caret.
    f.ui.type(" Asked whether she is the bad one.", f.draw);
    CHECK(sectionOf(f.editor.draft().session(), "data") == "Arrived early, tense. Asked whether she is the bad one.");
    f.ui.frame(f.draw, 3.5f);
    f.editor.waitForSave();
    CHECK(sectionOf(f.stored(id), "data") == "Arrived early, tense. Asked whether she is the bad one.");

    // Escape never throws away what was typed (ImGui would revert the field).
    f.ui.pressKey(ImGuiKey_Escape, f.draw);
    f.editor.flushPendingEdits();
    CHECK(sectionOf(f.editor.draft().session(), "data") == "Arrived early, tense. Asked whether she is the bad one.");
    CHECK(sectionOf(f.stored(id), "data") == "Arrived early, tense. Asked whether she is the bad one.");

    // Ctrl+N opens the dialog again; a malformed date is refused inline.
    f.ui.click("session-row-" + std::to_string(id.value), f.draw);
    f.ui.pressChar('N', f.draw, true);
    REQUIRE(f.sessions.newSessionOpen());
    f.ui.frames(2, f.draw);
    f.ui.click("new-session-date", f.draw);
    f.ui.pressChar('A', f.draw, true);
    f.ui.type("2026-02-31", f.draw);
    f.ui.click("new-session-create", f.draw);
    f.ui.frame(f.draw);
    CHECK(f.sessions.newSessionOpen());
    CHECK_THAT(f.sessions.newSessionError(), Catch::Contains("YYYY-MM-DD"));
    CHECK(f.ui.drawn("new-session-error"));

    // A time that is not HH:MM is refused inline too; a good one is stored with the new session.
    f.ui.click("new-session-date", f.draw);
    f.ui.pressChar('A', f.draw, true);
    f.ui.type("2026-03-04", f.draw);
    f.ui.click("new-session-time", f.draw);
    f.ui.type("25:00", f.draw);
    f.ui.click("new-session-create", f.draw);
    f.ui.frame(f.draw);
    CHECK(f.sessions.newSessionOpen());
    CHECK_THAT(f.sessions.newSessionError(), Catch::Contains("HH:MM"));
    CHECK(f.vault().clientRecord(f.clientId("D-001")).sessions.size() == before + 1);
    f.ui.click("new-session-time", f.draw);
    f.ui.pressChar('A', f.draw, true);
    f.ui.type("14:30", f.draw);
    f.ui.click("new-session-create", f.draw);
    f.sessions.waitForModel();
    f.ui.frames(2, f.draw);
    CHECK_FALSE(f.sessions.newSessionOpen());
    const auto sessions = f.vault().clientRecord(f.clientId("D-001")).sessions;
    REQUIRE(sessions.size() == before + 2);
    const auto timed = std::find_if(sessions.begin(), sessions.end(),
                                    [](const core::Session& s) { return s.date == *core::Date::parse("2026-03-04"); });
    REQUIRE(timed != sessions.end());
    REQUIRE(timed->time.has_value());
    CHECK(timed->time->toString() == "14:30");
}

TEST_CASE("observations, stage of change, decisional balance and the psychotherapy note reach the vault",
          "[app][notes]") {
    NotesFixture f;
    f.selectClient("D-001");
    const auto id = f.openNewest();
    const auto clicked = f.unobservedTheme(id);
    const auto keyed = f.unobservedTheme(id, clicked);

    // One click sets an intensity, and it is saved straight away.
    f.ui.click("intensity-" + clicked + "-3", f.draw);
    f.editor.waitForSave();
    REQUIRE(f.stored(id).observation(clicked) != nullptr);
    CHECK(f.stored(id).observation(clicked)->intensity == 3);

    // Keyboard: choose a theme, then 0-3; up and down move between themes.
    f.ui.click("theme-" + keyed, f.draw);
    CHECK(f.editor.selectedTheme() == keyed);
    f.ui.pressChar('2', f.draw);
    REQUIRE(f.stored(id).observation(keyed) != nullptr);
    CHECK(f.stored(id).observation(keyed)->intensity == 2);
    f.ui.pressKey(ImGuiKey_DownArrow, f.draw);
    const auto next = f.editor.selectedTheme();
    CHECK(next != keyed);
    const int nextBefore = f.editor.draft().intensity(next);
    const int nextValue = nextBefore == 1 ? 2 : 1;
    f.ui.pressChar(static_cast<char>('0' + nextValue), f.draw);
    CHECK(f.stored(id).observation(next)->intensity == nextValue);
    f.ui.pressKey(ImGuiKey_UpArrow, f.draw);
    CHECK(f.editor.selectedTheme() == keyed);
    f.ui.pressChar('0', f.draw);
    CHECK(f.editor.draft().intensity(keyed) == 0);
    CHECK(f.stored(id).observation(keyed) == nullptr); // 0 with nothing written is "not observed"

    // A quote for the observed theme, saved when the field is left.
    f.typeInto("quote-" + clicked, "Am I the bad one?");
    CHECK(f.stored(id).observation(clicked)->quote.empty());
    f.ui.click("theme-" + clicked, f.draw);
    CHECK(f.stored(id).observation(clicked)->quote == "Am I the bad one?");

    // Stage of change.
    f.ui.click("stage-leaving", f.draw);
    f.ui.frames(2, f.draw); // the list settles on its first frames
    f.ui.click("stage-leaving-preparation", f.draw);
    CHECK(f.stored(id).stageOfChange.leaving == core::Stage::Preparation);
    f.ui.click("stage-safety", f.draw);
    f.ui.frames(2, f.draw);
    f.ui.click("stage-safety-none", f.draw);
    CHECK_FALSE(f.stored(id).stageOfChange.safety.has_value());

    // A decisional-balance row: the new reason is focused, a weight is one click.
    const auto rowsBefore = f.stored(id).decisionalBalance.size();
    f.ui.click("balance-add-leave", f.draw);
    f.ui.frames(2, f.draw);
    const auto row = f.editor.draft().session().decisionalBalance.size() - 1;
    f.ui.type("wants the children to feel safe", f.draw);
    f.ui.click("balance-weight-" + std::to_string(row) + "-3", f.draw);
    const auto balance = f.stored(id).decisionalBalance;
    REQUIRE(balance.size() == rowsBefore + 1);
    CHECK(balance.back() == core::BalanceItem{core::BalanceSide::Leave, "wants the children to feel safe", 3});
    // An empty new row is kept in the editor but never breaks a save.
    f.ui.click("balance-add-stay", f.draw);
    f.ui.frame(f.draw, 3.5f);
    CHECK(f.editor.draft().state() != app::NoteDraft::SaveState::Failed);
    CHECK(f.stored(id).decisionalBalance.size() == rowsBefore + 1);
    f.ui.click("balance-remove-" + std::to_string(row), f.draw);
    CHECK(f.stored(id).decisionalBalance.size() == rowsBefore);

    // Retiring themes in the codebook: one this note observes stays (its history is kept),
    // others are no longer offered.
    auto codebook = f.vault().codebook();
    auto observedTheme = *codebook.find(clicked);
    observedTheme.retired = true;
    f.vault().saveTheme(observedTheme);
    const auto unused = f.unobservedTheme(id, keyed);
    auto unusedTheme = *codebook.find(unused);
    unusedTheme.retired = true;
    f.vault().saveTheme(unusedTheme);
    f.ui.frames(2, f.draw); // the codebook is read again on a worker, then drawn
    CHECK(f.ui.drawn("theme-" + clicked));
    CHECK(f.ui.drawn("intensity-" + clicked + "-3"));
    CHECK_FALSE(f.ui.drawn("theme-" + unused));
    CHECK(f.editor.draft().intensity(clicked) == 3);

    // The psychotherapy note: its own field, saved apart from the sections, never searchable.
    f.typeInto("psychotherapy-note", "Noticed impatience in myself; countertransference");
    f.editor.flushPendingEdits();
    const auto saved = f.stored(id);
    CHECK(saved.psychotherapyNote == "Noticed impatience in myself; countertransference");
    for (const auto& section : saved.sections) {
        CHECK(section.text.find("countertransference") == std::string::npos);
    }
    CHECK(f.vault().search({"countertransference", std::nullopt, std::nullopt, 50}).empty());
}

TEST_CASE("a new session offers the previous stage of change, marked, stored only when accepted",
          "[app][notes][stage]") {
    NotesFixture f;
    f.selectClient("D-001");
    const auto client = f.clientId("D-001");
    // The session before: today, with both stages. The new one is created after it, the same day.
    const auto today = app::localToday();
    auto before = f.vault().session(f.vault().createSession(client, today, "dap"));
    before.stageOfChange = {core::Stage::Action, core::Stage::Preparation};
    f.vault().saveDraft(before);
    const auto id = f.vault().createSession(client, today, "dap");
    f.workspace.openNote(client, id);
    f.ui.frames(3, f.draw);
    REQUIRE(f.editor.draft().id() == id);

    // Shown in the field, muted, with the date it comes from, and "Use" beside it.
    const auto shown = f.ui.drawnText();
    const auto compact = [](std::string text) {
        std::erase(text, ' ');
        return text;
    };
    const auto from = app::shortDate(today, today);
    CHECK_THAT(shown, Catch::Contains(compact("Action \xE2\x80\x94 suggested from " + from)));
    CHECK_THAT(shown, Catch::Contains(compact("Preparation \xE2\x80\x94 suggested")));
    CHECK(f.ui.drawn("stage-leaving-accept"));
    CHECK(f.ui.drawn("stage-safety-accept"));

    // Not stored: a save of the draft (typing in a section) leaves both stages unrecorded.
    f.typeInto("section-data", "Quiet today.");
    f.editor.flushPendingEdits();
    CHECK(sectionOf(f.stored(id), "data") == "Quiet today.");
    CHECK(f.stored(id).stageOfChange.empty());
    CHECK(f.ui.drawn("stage-leaving-accept")); // still offered

    // One click accepts it; the suggestion's marking goes.
    f.ui.click("stage-leaving-accept", f.draw);
    f.ui.frame(f.draw);
    CHECK(f.stored(id).stageOfChange.leaving == core::Stage::Action);
    CHECK_FALSE(f.stored(id).stageOfChange.safety.has_value());
    CHECK_FALSE(f.ui.drawn("stage-leaving-accept"));
    CHECK(f.ui.drawn("stage-safety-accept"));

    // Ctrl+Shift+G accepts what is still offered.
    f.ui.click("theme-" + f.unobservedTheme(id), f.draw); // out of the text field
    f.ui.pressChar('G', f.draw, true, true);
    f.ui.frame(f.draw);
    f.editor.waitForSave();
    CHECK(f.stored(id).stageOfChange.safety == core::Stage::Preparation);
    CHECK_FALSE(f.ui.drawn("stage-safety-accept"));
    CHECK_THAT(f.ui.drawnText(), !Catch::Contains("suggestedfrom"));
}

TEST_CASE("opening a search result scrolls the note to the match and selects it", "[app][notes][search]") {
    test::TempDir dir;
    test::HeadlessUi ui{ImVec2{1400.0f, 700.0f}};
    app::Settings settings;
    app::Workspace workspace{storage::Vault::create(dir / "reveal.tessera", storage::Secret{"reveal passphrase"})};
    auto& vault = workspace.vault();
    const auto client = vault.addClient({{}, "C-300", "", {}});
    // Two long notes, a signed one and a draft, each with a word found nowhere else far down its
    // second section.
    std::string filler;
    for (int i = 0; i < 60; ++i) {
        filler += "Paragraph " + std::to_string(i) +
                  " of what was said, long enough to wrap at this width once or twice "
                  "before it ends.\n";
    }
    std::map<std::string, core::SessionId> notes;
    for (const std::string word : {"Kingfisher", "Heronry"}) {
        const auto id =
            vault.createSession(client, *core::Date::parse("2026-10-0" + std::to_string(notes.size() + 1)), "dap");
        auto session = vault.session(id);
        session.sections.at(0).text = filler;
        session.sections.at(1).text = filler + "Near the end she named the " + word + " walk.\n" + filler;
        vault.saveDraft(session);
        notes[word] = id;
    }
    vault.signSession(notes["Kingfisher"], core::Timestamp::now());
    const auto sectionKey = vault.session(notes["Heronry"]).sections.at(1).key;

    app::SearchView search{workspace};
    app::NoteEditorView editor{workspace, settings};
    const auto draw = [&] {
        ImGui::SetNextWindowPos({0, 0});
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("Tessera", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
        if (workspace.tab == app::MainTab::Search) {
            search.draw();
        } else {
            editor.draw();
            editor.waitForNote(); // read on a worker: there for the next frame
        }
        ImGui::End();
    };
    for (const std::string word : {"Kingfisher", "Heronry"}) {
        INFO(word);
        workspace.tab = app::MainTab::Search;
        ui.frames(2, draw);
        ui.click("search-query", draw);
        ui.pressChar('A', draw, true);
        ui.type(word, draw);
        ui.pressKey(ImGuiKey_Enter, draw);
        ui.frame(draw);
        while (search.model().building()) {
            search.waitForModel();
            ui.frame(draw);
        }
        REQUIRE(search.model().rows().size() == 1);
        ui.click("search-result-0", draw);
        REQUIRE(workspace.tab == app::MainTab::Notes);
        ui.frames(4, draw);
        REQUIRE(editor.draft().id() == notes[word]);

        // The field holding the match is scrolled so that the match is inside the window.
        const auto* field = ui.rect("section-" + sectionKey);
        REQUIRE(field != nullptr);
        CHECK(field->min.y < 0.0f); // far down the note: the top of the field is scrolled away
        // Only the lines in view are drawn (ui::textArea): the match's line is among them.
        CHECK_THAT(ui.drawnText(), Catch::Contains("Neartheendshenamedthe" + word));
        // The matched word is selected in its field.
        const auto* text = editor.field("section-" + sectionKey);
        REQUIRE(text != nullptr);
        CHECK(text->selectedText() == word);
    }
}

TEST_CASE("signing asks first, then the note is read-only and takes addenda", "[app][notes]") {
    NotesFixture f;
    f.selectClient("D-003");
    const auto id = f.openNewest();
    const auto key = f.stored(id).sections.front().key;
    f.typeInto("section-" + key, " Last words before signing.");

    f.ui.click("sign", f.draw);
    CHECK(f.editor.signConfirmationOpen());
    f.ui.frames(2, f.draw);
    f.ui.click("sign-cancel", f.draw);
    CHECK_FALSE(f.editor.signConfirmationOpen());
    CHECK_FALSE(f.stored(id).isSigned());

    f.ui.click("sign", f.draw);
    f.ui.frames(2, f.draw);
    f.ui.click("sign-confirm", f.draw);
    f.editor.waitForSave(); // the save, then the signing, on the worker
    const auto signedNote = f.stored(id);
    REQUIRE(signedNote.isSigned());
    CHECK_THAT(sectionOf(signedNote, key), Catch::EndsWith(" Last words before signing."));
    CHECK(f.editor.isReadOnly());
    CHECK_THAT(f.editor.statusText(), Catch::StartsWith("Signed "));
    f.ui.frame(f.draw);
    CHECK(f.sessions.model().rows().front().isSigned);

    // Typing into a signed note changes nothing, in the editor or in the vault.
    const auto text = sectionOf(signedNote, key);
    f.typeInto("section-" + key, "tampering");
    f.editor.flushPendingEdits();
    f.ui.frame(f.draw, 3.5f);
    CHECK(sectionOf(f.editor.draft().session(), key) == text);
    CHECK(f.stored(id) == signedNote);
    CHECK_FALSE(f.ui.drawn("intensity-" + f.unobservedTheme(id) + "-2")); // only observed themes show

    // An addendum, with its time.
    f.ui.click("addendum-add", f.draw);
    f.ui.frames(2, f.draw);
    f.ui.type("Client called to correct the date of the court hearing.", f.draw);
    f.ui.click("addendum-save", f.draw);
    f.editor.waitForSave();
    const auto amended = f.stored(id);
    REQUIRE(amended.addenda.size() == signedNote.addenda.size() + 1);
    CHECK(amended.addenda.back().text == "Client called to correct the date of the court hearing.");
    f.ui.frame(f.draw);
    CHECK(f.ui.drawn("addendum-" + std::to_string(amended.addenda.size() - 1)));
}

TEST_CASE("keyboard signing: Ctrl+Enter asks, Escape cancels, Enter confirms", "[app][notes]") {
    NotesFixture f;
    f.selectClient("D-002");
    const auto id = f.openNewest();
    f.ui.pressKey(ImGuiKey_Enter, f.draw, true);
    CHECK(f.editor.signConfirmationOpen());
    CHECK_FALSE(f.stored(id).isSigned()); // the Enter of Ctrl+Enter does not confirm
    f.ui.pressKey(ImGuiKey_Escape, f.draw);
    CHECK_FALSE(f.editor.signConfirmationOpen());
    CHECK_FALSE(f.stored(id).isSigned());
    f.ui.pressKey(ImGuiKey_Enter, f.draw, true);
    f.ui.pressKey(ImGuiKey_Enter, f.draw);
    f.editor.waitForSave();
    CHECK(f.stored(id).isSigned());
    CHECK(f.editor.isReadOnly());
}

TEST_CASE("adding and editing a client in the modal - a bad code is explained inline", "[app][notes][clients]") {
    NotesFixture f;
    f.ui.click("client-new", f.draw);
    REQUIRE(f.clients.formOpen());
    f.ui.frames(2, f.draw);
    f.ui.click("client-code", f.draw);
    f.ui.type("bad code!", f.draw);
    f.ui.click("client-save", f.draw);
    CHECK(f.clients.formOpen());
    REQUIRE_FALSE(f.clients.formErrors().empty());
    CHECK_THAT(f.clients.formErrors().front(), Catch::Contains("letters, digits"));
    f.ui.frame(f.draw);
    CHECK(f.ui.drawn("client-error"));
    CHECK(f.vault().clients().size() == 3);

    // A code in use is refused too.
    f.ui.click("client-code", f.draw);
    f.ui.pressChar('A', f.draw, true);
    f.ui.type("D-001", f.draw);
    f.ui.click("client-save", f.draw);
    CHECK(f.clients.formOpen());
    REQUIRE_FALSE(f.clients.formErrors().empty());
    CHECK_THAT(f.clients.formErrors().back(), Catch::Contains("already exists"));

    f.ui.click("client-code", f.draw);
    f.ui.pressChar('A', f.draw, true);
    f.ui.type("C-101", f.draw);
    f.typeInto("client-name", "Maria K.");
    f.ui.click("client-redaction-add", f.draw);
    f.ui.frame(f.draw);
    f.typeInto("client-redaction-term-0", "Peter");
    f.typeInto("client-redaction-label-0", "[partner]");
    f.ui.click("client-redaction-add", f.draw); // left empty: dropped, not an error
    f.ui.frame(f.draw);
    f.ui.click("client-save", f.draw);
    CHECK_FALSE(f.clients.formOpen());
    const auto added = f.vault().findClient("C-101");
    REQUIRE(added.has_value());
    CHECK(added->displayName == "Maria K.");
    CHECK(added->redactions == std::vector<core::Redaction>{{"Peter", "[partner]"}});
    CHECK(f.workspace.selectedClient == added->id);
    f.ui.frames(2, f.draw); // the list is read again on a worker, then drawn
    CHECK(f.ui.drawn("client-row-C-101"));

    // Editing: the code is fixed, the name and the redaction list change.
    f.ui.click("client-edit", f.draw);
    REQUIRE(f.clients.formOpen());
    f.ui.frames(2, f.draw);
    f.ui.click("client-name", f.draw);
    f.ui.pressChar('A', f.draw, true);
    f.ui.type("Maria Keller", f.draw);
    f.ui.click("client-redaction-remove-0", f.draw);
    f.ui.frame(f.draw);
    f.ui.click("client-save", f.draw);
    CHECK_FALSE(f.clients.formOpen());
    const auto edited = f.vault().findClient("C-101");
    CHECK(edited->displayName == "Maria Keller");
    CHECK(edited->redactions.empty());
}

TEST_CASE("the filter narrows the client list - Enter opens the first match - names can be hidden",
          "[app][notes][clients]") {
    NotesFixture f;
    f.typeInto("client-filter", "002");
    CHECK(f.clients.model().visible().size() == 1);
    CHECK(f.ui.drawn("client-row-D-002"));
    CHECK_FALSE(f.ui.drawn("client-row-D-001"));
    f.ui.pressKey(ImGuiKey_Enter, f.draw);
    CHECK(f.workspace.selectedClient == f.clientId("D-002"));

    // By display name, case-insensitively.
    f.ui.click("client-filter", f.draw);
    f.ui.pressChar('A', f.draw, true);
    const auto name = f.vault().findClient("D-003")->displayName;
    f.ui.type(name.substr(0, 3), f.draw);
    CHECK(f.ui.drawn("client-row-D-003"));
    f.ui.pressChar('A', f.draw, true);
    f.ui.type("zzz", f.draw);
    CHECK(f.clients.model().visible().empty());
    CHECK(f.clients.model().all().size() == 3);

    CHECK_FALSE(f.clients.namesHidden());
    f.ui.click("client-hide-names", f.draw);
    CHECK(f.clients.namesHidden());
}

TEST_CASE("pending edits are saved at once on flush, on switching notes, clients and tabs", "[app][notes]") {
    NotesFixture f;
    f.selectClient("D-001");
    const auto first = f.openNewest();
    const auto key = f.stored(first).sections.front().key;
    const auto original = sectionOf(f.stored(first), key);

    f.typeInto("section-" + key, " one");
    CHECK(sectionOf(f.stored(first), key) == original);
    f.editor.flushPendingEdits(); // lock or quit: no waiting for the timer
    CHECK(sectionOf(f.stored(first), key) == original + " one");

    // Opening another note from elsewhere (a heatmap cell, a search hit) saves the first.
    f.ui.type(" two", f.draw);
    const auto other = f.vault().clientRecord(f.clientId("D-002")).sessions.back().id;
    f.workspace.openNote(f.clientId("D-002"), other);
    f.ui.frame(f.draw);
    CHECK(sectionOf(f.stored(first), key) == original + " one two");
    CHECK(f.editor.draft().id() == other);

    // Picking another client saves the open note and closes it.
    const auto otherKey = f.stored(other).sections.front().key;
    const auto otherText = sectionOf(f.stored(other), otherKey);
    f.typeInto("section-" + otherKey, " three");
    f.selectClient("D-003");
    CHECK(sectionOf(f.stored(other), otherKey) == otherText + " three");
    CHECK_FALSE(f.workspace.openSession.has_value());
    CHECK_FALSE(f.editor.draft().isOpen());

    // Leaving the Notes tab by shortcut (the editor is drawn once more) saves too.
    const auto third = f.openNewest();
    const auto thirdKey = f.stored(third).sections.front().key;
    const auto thirdText = sectionOf(f.stored(third), thirdKey);
    f.typeInto("section-" + thirdKey, " four");
    f.workspace.tab = app::MainTab::Themes;
    f.ui.frame(f.draw);
    CHECK(sectionOf(f.stored(third), thirdKey) == thirdText + " four");
    f.base.showTab(app::MainTab::Notes); // the tab bar takes a frame to switch

    // Leaving a text field for another part of the note (a click on a theme) saves at once.
    f.typeInto("section-" + thirdKey, " five");
    CHECK(sectionOf(f.stored(third), thirdKey) == thirdText + " four");
    f.ui.click("theme-" + f.vault().codebook().themes().front().key, f.draw);
    f.editor.waitForSave();
    CHECK(sectionOf(f.stored(third), thirdKey) == thirdText + " four five");
}

TEST_CASE("a failed save keeps the text and says so", "[app][notes]") {
    NotesFixture f;
    f.selectClient("D-001");
    const auto id = f.openNewest();
    const auto key = f.stored(id).sections.front().key;
    // The note disappears behind the editor's back (as if removed elsewhere).
    f.vault().deleteDraft(id);
    f.typeInto("section-" + key, " precious words");
    f.ui.frame(f.draw, 3.5f);
    f.editor.waitForSave();
    f.ui.frame(f.draw);
    CHECK(f.editor.draft().state() == app::NoteDraft::SaveState::Failed);
    CHECK(f.editor.statusText() == "Not saved");
    CHECK(f.ui.drawn("save-error"));
    CHECK_THAT(sectionOf(f.editor.draft().session(), key), Catch::EndsWith(" precious words"));
    // No retry storm: without a new edit, frames do not try again.
    CHECK(f.editor.draft().failures() == 1);
    f.ui.frames(3, f.draw);
    f.ui.frame(f.draw, 5.0f);
    CHECK(f.editor.draft().failures() == 1);
    // Ctrl+S tries again on request.
    f.ui.pressChar('S', f.draw, true);
    f.editor.waitForSave();
    CHECK(f.editor.draft().failures() == 2);
}

TEST_CASE("a section keeps exactly what was typed, however the window is resized", "[app][notes][textarea]") {
    NotesFixture f;
    f.selectClient("D-001");
    const auto id = f.openNewest();
    const auto key = f.stored(id).sections.front().key;
    const auto session = f.stored(id);
    REQUIRE(session.sectionText(key) != nullptr);
    const std::string before = *session.sectionText(key);
    const std::string typed = " She mentioned, almost in passing, that his number was (555) 867-5309, that on 14 "
                              "August 2026 she moved to 12 Oak Street, and that she still wonders whether she is "
                              "the bad one.";
    f.typeInto("section-" + key, typed);
    auto& io = ImGui::GetIO();
    const float wide = io.DisplaySize.x;
    for (const float width : {1100.0f, 900.0f, wide}) {
        io.DisplaySize.x = width;
        f.ui.frames(2, f.draw);
    }
    // A sentence inserted in the middle of the paragraph, after the narrowing.
    f.ui.pressKey(ImGuiKey_Home, f.draw, true);
    f.ui.pressKey(ImGuiKey_RightArrow, f.draw, true);
    f.ui.type(" (inserted)", f.draw);
    const auto firstWord = text::nextWordEnd(before + typed, 0);
    f.editor.flushPendingEdits();
    const auto saved = f.stored(id);
    const auto* stored = saved.sectionText(key);
    REQUIRE(stored != nullptr);
    std::string expected = before + typed;
    expected.insert(firstWord, " (inserted)");
    CHECK(*stored == expected);
    CHECK(std::count(stored->begin(), stored->end(), '\n') == std::count(before.begin(), before.end(), '\n'));
}

TEST_CASE("the observation panel: tagging never moves a row, every button in view at 1024 px, top per note",
          "[app][notes][panel]") {
    NotesFixture f;
    auto& io = ImGui::GetIO();
    io.DisplaySize = {1024.0f, 768.0f};
    f.ui.frames(2, f.draw);
    f.selectClient("D-001");
    const auto id = f.openNewest();
    f.ui.frames(2, f.draw);
    const auto codebook = f.vault().codebook();
    const auto* panel = f.ui.rect("observations-panel");
    REQUIRE(panel != nullptr);
    CHECK(panel->max.x <= 1024.0f);
    // Every intensity button of every theme drawn lies inside the panel, left to right.
    int checked = 0;
    for (const auto& theme : codebook.themes()) {
        for (int n = 0; n <= 3; ++n) {
            if (const auto* button = f.ui.rect("intensity-" + theme.key + "-" + std::to_string(n))) {
                CHECK(button->min.x >= panel->min.x);
                CHECK(button->max.x <= panel->max.x);
                ++checked;
            }
        }
    }
    CHECK(checked >= 8);

    // Tagging a theme: the rows below stay exactly where they were.
    const auto tagged = f.unobservedTheme(id);
    std::map<std::string, float> before;
    for (const auto& theme : codebook.themes()) {
        if (const auto* row = f.ui.rect("theme-" + theme.key)) {
            before[theme.key] = row->min.y;
        }
    }
    f.ui.click("intensity-" + tagged + "-2", f.draw);
    CHECK(f.editor.draft().intensity(tagged) == 2);
    CHECK(f.ui.drawn("quote-" + tagged));
    int compared = 0;
    for (const auto& [key, y] : before) {
        if (const auto* row = f.ui.rect("theme-" + key)) {
            CHECK(row->min.y == y);
            ++compared;
        }
    }
    CHECK(compared == static_cast<int>(before.size()));

    // Scrolled down in a note, the panel starts at the top when the note is opened again.
    const auto firstKey = codebook.themes().front().key;
    const float top = f.ui.rect("theme-" + firstKey)->min.y;
    f.ui.hover("observations-panel", f.draw);
    io.MouseWheel = -20.0f;
    f.ui.frames(2, f.draw);
    CHECK(f.ui.rect("theme-" + firstKey)->min.y < top - 100.0f);
    const auto older = f.sessions.model().rows()[1].id;
    f.ui.click("session-row-" + std::to_string(older.value), f.draw);
    REQUIRE(f.editor.draft().id() == older);
    f.ui.click("session-row-" + std::to_string(id.value), f.draw);
    REQUIRE(f.editor.draft().id() == id);
    f.ui.frames(2, f.draw);
    CHECK(f.ui.rect("theme-" + firstKey)->min.y == top);
}

TEST_CASE("a draft is re-dated by typing or on the calendar, and deleted after a confirmation", "[app][notes][draft]") {
    NotesFixture f;
    f.selectClient("D-001");
    const auto id = f.openNewest();
    const auto before = f.stored(id).date;

    // Typed: a malformed date is refused inline, a real one is saved.
    f.ui.click("draft-date", f.draw);
    f.ui.frames(2, f.draw);
    REQUIRE(f.ui.drawn("draft-date-text"));
    f.ui.pressChar('A', f.draw, true);
    f.ui.type("2026-02-30", f.draw);
    f.ui.click("draft-date-apply", f.draw);
    f.ui.frame(f.draw);
    CHECK(f.ui.drawn("draft-date-error"));
    CHECK(f.stored(id).date == before);
    f.replaceAndEnter("draft-date-text", "2025-11-04");
    CHECK_FALSE(f.ui.drawn("draft-date-text"));
    CHECK(f.stored(id).date == core::Date::parse("2025-11-04").value());

    // On the calendar: the dialog opens on the draft's month; the next month, the 12th.
    f.ui.click("draft-date", f.draw);
    f.ui.frames(2, f.draw);
    f.ui.click("calendar-next", f.draw);
    f.ui.click("calendar-day-12", f.draw);
    f.ui.click("draft-date-apply", f.draw);
    CHECK(f.stored(id).date.toIso() == "2025-12-12");
    CHECK_FALSE(f.stored(id).time.has_value());

    // A time of day, typed: a wrong one is refused with how to write it; "14:30" is kept, shown in
    // the title and the session list, and an emptied field takes it away again.
    f.ui.click("draft-date", f.draw);
    f.ui.frames(2, f.draw);
    f.ui.click("draft-time-text", f.draw);
    f.ui.type("25:00", f.draw);
    f.ui.click("draft-date-apply", f.draw);
    f.ui.frame(f.draw);
    REQUIRE(f.ui.drawn("draft-date-error"));
    CHECK_THAT(f.ui.drawnText(), Catch::Contains("\"25:00\"isnotatimeofday.TypeitasHH:MM"));
    CHECK_FALSE(f.stored(id).time.has_value());
    f.replaceAndEnter("draft-time-text", "14:30");
    CHECK_FALSE(f.ui.drawn("draft-time-text"));
    CHECK(f.stored(id).time == core::TimeOfDay::parse("14:30"));
    CHECK(f.stored(id).date.toIso() == "2025-12-12");
    f.ui.frames(2, f.draw);
    const auto row = f.sessions.model().indexOf(id);
    REQUIRE(row.has_value());
    CHECK(f.sessions.model().rows()[*row].dateText == "Fri 12 Dec 2025, 14:30");
    CHECK_THAT(f.ui.drawnText(), Catch::Contains("Fri12Dec2025,14:30"));
    f.ui.click("draft-date", f.draw);
    f.ui.frames(2, f.draw);
    f.ui.click("draft-time-text", f.draw);
    f.ui.pressChar('A', f.draw, true);
    f.ui.pressKey(ImGuiKey_Backspace, f.draw);
    f.ui.click("draft-date-apply", f.draw);
    CHECK_FALSE(f.stored(id).time.has_value());

    // Delete: Cancel keeps it; confirming removes it and closes the editor.
    const auto rows = f.sessions.model().rows().size();
    f.ui.click("draft-delete", f.draw);
    f.ui.frames(2, f.draw);
    f.ui.click("draft-delete-cancel", f.draw);
    CHECK(f.editor.draft().isOpen());
    CHECK_NOTHROW(f.stored(id));
    f.ui.click("draft-delete", f.draw);
    f.ui.frames(2, f.draw);
    f.ui.click("draft-delete-confirm", f.draw);
    f.editor.waitForSave();
    CHECK_FALSE(f.editor.draft().isOpen());
    CHECK_FALSE(f.workspace.openSession.has_value());
    CHECK_THROWS(f.vault().session(id));
    f.ui.frame(f.draw);
    CHECK(f.sessions.model().rows().size() == rows - 1);
}

TEST_CASE("a draft of an earlier version: Join wrapped lines, with a preview, on request only",
          "[app][notes][wrapped]") {
    NotesFixture f;
    f.selectClient("D-001");
    const auto rows = f.sessions.model().rows();
    const auto id = rows.front().id; // the draft
    auto session = f.stored(id);
    REQUIRE_FALSE(session.sections.empty());
    const auto key = session.sections.front().key;
    session.sections.front().text = "His number is (555)\n867-5309; she moved to 12 Oak\nStreet.\n\nPlan:\n- call";
    f.vault().saveDraft(session);
    f.ui.frame(f.draw);
    f.openNewest();
    f.ui.frames(2, f.draw);
    REQUIRE(f.ui.drawn("join-lines"));
    // Nothing changes by itself.
    CHECK(f.stored(id).sectionText(key)->find('\n') == std::string("His number is (555)").size());
    f.ui.click("join-lines", f.draw);
    f.ui.frames(2, f.draw);
    f.ui.click("join-lines-cancel", f.draw);
    f.editor.flushPendingEdits();
    CHECK(*f.stored(id).sectionText(key) == session.sections.front().text);
    f.ui.click("join-lines", f.draw);
    f.ui.frames(2, f.draw);
    f.ui.click("join-lines-confirm", f.draw);
    f.editor.flushPendingEdits();
    CHECK(*f.stored(id).sectionText(key) ==
          "His number is (555) 867-5309; she moved to 12 Oak Street.\n\nPlan:\n- call");
    f.ui.frame(f.draw);
    CHECK_FALSE(f.ui.drawn("join-lines"));
}

TEST_CASE("the client dialog edits the case formulation - the vault stamps when it changed", "[app][notes][clients]") {
    NotesFixture f;
    f.selectClient("D-001");
    f.ui.frame(f.draw);
    f.ui.click("client-edit", f.draw);
    REQUIRE(f.clients.formOpen());
    f.ui.frames(2, f.draw);
    CHECK(f.ui.drawn("client-formulation"));
    f.ui.click("client-formulation", f.draw);
    f.ui.type("Presenting: self-blame. Goals: a safe space.", f.draw);
    f.ui.click("client-save", f.draw);
    CHECK_FALSE(f.clients.formOpen());
    const auto client = f.vault().findClient("D-001");
    REQUIRE(client.has_value());
    CHECK(client->formulation == "Presenting: self-blame. Goals: a safe space.");
    CHECK(f.vault().formulationChangedAt(client->id).has_value());
    CHECK(f.vault().clientRecord(client->id).client.formulation == client->formulation);
}
