// Spell checking in the note editor, driven with simulated input against a real vault and the
// real Debian dictionaries: underlines, the menu of a misspelled word (right click and Ctrl+.),
// a suggestion applied as one undo step, Add to dictionary, Ignore, and the settings. The spell
// check works on workers: the tests wait for them (waitForWork), never for time.

#include "headless.hpp"
#include "test_support.hpp"

#include "ui/settings.hpp"
#include "ui/workspace.hpp"
#include "views/note_editor_view.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <algorithm>
#include <functional>

using namespace tessera;

namespace {

storage::Vault vaultWithClient(const std::filesystem::path& path) {
    auto vault = storage::Vault::create(path, storage::Secret{"spell view test passphrase"});
    core::Client client;
    client.code = "C-101";
    client.displayName = "Adaeze Okafor";
    client.redactions.push_back({"Wexcombe", "[place]"});
    (void)vault.addClient(client);
    return vault;
}

// The note editor alone, with a fresh DAP draft of client C-101 open.
struct SpellFixture {
    test::TempDir dir;
    test::HeadlessUi ui{ImVec2{1200.0f, 2400.0f}};
    app::Settings settings;
    app::Workspace workspace{vaultWithClient(dir / "spell.tessera")};
    app::NoteEditorView editor{workspace, settings};
    std::function<void()> draw = [this] {
        ImGui::SetNextWindowPos({0, 0});
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("Tessera", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
        editor.draw();
        ImGui::End();
        editor.waitForNote(); // the note is read on a worker: there for the next frame
    };

    SpellFixture() {
        const auto client = workspace.vault().findClient("C-101").value().id;
        workspace.openNote(client, workspace.vault().createSession(client, *core::Date::parse("2026-03-02"), "dap"));
        ui.frames(2, draw);
    }

    // Draws frames until the spell check's work (loading, checking, suggestions, writes) is done.
    void settle() {
        for (int round = 0; round < 100; ++round) {
            ui.frame(draw);
            if (!editor.spellCheck().busy()) {
                break;
            }
            editor.spellCheck().waitForWork();
        }
        ui.frame(draw); // the probe holds what this frame drew
    }
    [[nodiscard]] std::string dataText() const { return *editor.draft().session().sectionText("data"); }
    [[nodiscard]] int underlines() const {
        int count = 0;
        while (ui.drawn("##text/misspelled-" + std::to_string(count))) {
            ++count;
        }
        return count;
    }
    // Right-clicks the middle of the n-th underlined word.
    void rightClickUnderline(int n) {
        const auto* underline = ui.rect("##text/misspelled-" + std::to_string(n));
        REQUIRE(underline != nullptr);
        const float lineHeight = ImGui::GetTextLineHeight();
        ui.rightClickAt({underline->centre().x, underline->max.y - lineHeight * 0.5f}, draw);
    }
};

} // namespace

TEST_CASE("spelling: a misspelling is underlined, a suggestion replaces it as one undo step", "[app][spell]") {
    SpellFixture f;
    f.ui.click("section-data", f.draw);
    f.ui.type("She will recieve the letter.", f.draw);
    f.settle();
    REQUIRE(f.underlines() == 1);
    const auto* field = f.ui.rect("section-data");
    const auto* underline = f.ui.rect("##text/misspelled-0");
    REQUIRE(field != nullptr);
    CHECK(underline->min.x > field->min.x + ImGui::CalcTextSize("She will").x);
    CHECK(underline->max.x < field->min.x + ImGui::CalcTextSize("She will recieve the").x + 8.0f);

    f.rightClickUnderline(0);
    CHECK(f.editor.spellMenuWord() == "recieve");
    // A fresh menu asks for frames (the platform would otherwise wait for an event and show it
    // half-sized) until it has drawn its suggestions a few times; then it asks for none.
    CHECK(f.editor.spellActive());
    f.settle();
    int frames = 0;
    for (; f.editor.spellActive() && frames < 10; ++frames) {
        f.ui.frame(f.draw);
    }
    CHECK(frames <= 3);
    CHECK_FALSE(f.editor.spellActive());
    CHECK(f.editor.spellMenuWord() == "recieve");
    const auto* suggestions = f.editor.spellCheck().suggestions("recieve");
    REQUIRE(suggestions != nullptr);
    const auto receive = std::find(suggestions->begin(), suggestions->end(), "receive");
    REQUIRE(receive != suggestions->end());
    CHECK(f.ui.drawn("spell-add"));
    CHECK(f.ui.drawn("spell-ignore"));
    f.ui.click("spell-suggestion-" + std::to_string(receive - suggestions->begin()), f.draw);
    CHECK(f.dataText() == "She will receive the letter.");
    CHECK_FALSE(f.editor.spellMenuWord().has_value());
    f.settle();
    CHECK(f.underlines() == 0);

    // One Ctrl+Z takes the correction back whole; Ctrl+Shift+Z applies it again.
    f.ui.pressChar('Z', f.draw, true);
    CHECK(f.dataText() == "She will recieve the letter.");
    f.ui.pressChar('Z', f.draw, true, true);
    CHECK(f.dataText() == "She will receive the letter.");
}

TEST_CASE("spelling: the client's name and redaction terms pass, Ctrl+. opens the menu, Ignore and Add",
          "[app][spell]") {
    SpellFixture f;
    f.ui.click("section-data", f.draw);
    f.ui.type("Adaeze met Tobenna at Wexcombe with Zorblat", f.draw);
    f.settle();
    CHECK(f.underlines() == 2); // Tobenna, Zorblat

    // The caret is at the end of "Zorblat": Ctrl+. opens its menu; Ignore lasts for this session.
    f.ui.pressChar('.', f.draw, true);
    CHECK(f.editor.spellMenuWord() == "Zorblat");
    f.settle();
    f.ui.click("spell-ignore", f.draw);
    f.settle();
    CHECK(f.underlines() == 1);
    CHECK(f.workspace.vault().personalWords().empty());

    // Add to dictionary: accepted at once, and stored inside the vault by a worker.
    f.rightClickUnderline(0);
    CHECK(f.editor.spellMenuWord() == "Tobenna");
    f.settle();
    f.ui.click("spell-add", f.draw);
    f.settle();
    CHECK(f.underlines() == 0);
    CHECK(f.workspace.vault().personalWords() == std::vector<std::string>{"Tobenna"});
    CHECK(f.dataText() == "Adaeze met Tobenna at Wexcombe with Zorblat"); // the menu changed no text

    // Escape closes the menu and the keyboard is back in the field.
    f.ui.type(" Tobena", f.draw);
    f.settle();
    f.ui.pressChar('.', f.draw, true);
    CHECK(f.editor.spellMenuWord() == "Tobena");
    f.ui.pressKey(ImGuiKey_Escape, f.draw);
    f.ui.frame(f.draw);
    CHECK_FALSE(f.editor.spellMenuWord().has_value());
    f.ui.type("!", f.draw);
    CHECK(f.dataText() == "Adaeze met Tobenna at Wexcombe with Zorblat Tobena!");
}

TEST_CASE("spelling: the settings switch it off and choose the language", "[app][spell]") {
    SpellFixture f;
    f.ui.click("section-data", f.draw);
    f.ui.type("We organise the visits.", f.draw);
    f.settle();
    CHECK(f.underlines() == 1); // US English
    f.settings.spellLanguage = spell::Language::EnglishUK;
    f.settle();
    CHECK(f.underlines() == 0);
    f.settings.spellLanguage = spell::Language::EnglishUS;
    f.settle();
    CHECK(f.underlines() == 1);
    f.settings.spellCheck = false;
    f.settle();
    CHECK(f.underlines() == 0);
    // Off, a right click opens no menu.
    f.ui.rightClickAt(f.ui.rect("section-data")->centre(), f.draw);
    CHECK_FALSE(f.editor.spellMenuWord().has_value());
}
