// The soft-wrapping text field, driven headless through ImGui's input queue: characters, Tab and
// Shift+Tab, clicks and editing keys arrive one frame each, as fast as frames go, and every
// character must land in the field that had focus when it was typed.

#include "headless.hpp"

#include "ui/input_queue.hpp"
#include "ui/probe.hpp"
#include "ui/text_area.hpp"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <array>
#include <string>

using namespace tessera;

namespace {

struct Fields {
    test::HeadlessUi ui{ImVec2{900.0f, 700.0f}};
    std::array<text::TextEditor, 3> editors;
    float width = 600.0f;
    std::function<void()> draw = [this] { drawFields(); };

    void drawFields() {
        ImGui::SetNextWindowPos({0, 0});
        ImGui::SetNextWindowSize({width, 680.0f});
        ImGui::Begin("fields", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
        for (std::size_t i = 0; i < editors.size(); ++i) {
            const std::string name = "field-" + std::to_string(i);
            (void)app::ui::textArea(("##" + name).c_str(), editors[i], {2, false});
            app::ui::markItem(name);
        }
        ImGui::End();
    }

    // One frame per event, no idle frames in between: the fastest typing ImGui can see.
    void character(char32_t value) {
        ImGui::GetIO().AddInputCharacter(static_cast<unsigned int>(value));
        ui.frame(draw);
    }
    void typeFast(const std::string& text) {
        for (const char c : text) {
            character(static_cast<unsigned char>(c));
        }
    }
    void tab(bool shift = false) {
        auto& io = ImGui::GetIO();
        const int key = io.KeyMap[ImGuiKey_Tab];
        io.KeyShift = shift;
        io.KeysDown[key] = true;
        ui.frame(draw);
        io.KeysDown[key] = false;
        io.KeyShift = false;
    }
    void clickField(std::size_t index, float xInside) {
        const auto* rect = ui.rect("field-" + std::to_string(index));
        REQUIRE(rect != nullptr);
        auto& io = ImGui::GetIO();
        io.MousePos = {rect->min.x + xInside, rect->min.y + 8.0f};
        io.MouseDown[0] = true;
        ui.frame(draw, 0.5f); // apart from any earlier click: not a double-click
        io.MouseDown[0] = false;
    }
    const std::string& text(std::size_t index) const { return editors[index].text(); }
    // Settles the window, clicks into the first field and types `text` there.
    void startTyping(const std::string& text) {
        ui.frames(2, draw);
        clickField(0, 30.0f);
        typeFast(text);
    }
};

} // namespace

TEST_CASE("text field: every character lands in its field across Tab, Shift+Tab and clicks", "[app][textarea]") {
    Fields f;
    f.startTyping("abc");
    f.tab();
    f.typeFast("def");
    f.tab(true);
    f.typeFast("g");
    f.tab();
    f.typeFast("h");
    f.tab();
    f.typeFast("ij");
    CHECK(f.text(0) == "abcg");
    CHECK(f.text(1) == "defh");
    CHECK(f.text(2) == "ij");
    // A click at the left edge of the second field puts the caret before its first character.
    f.clickField(1, 2.0f);
    f.typeFast("Z");
    f.clickField(2, 2.0f);
    f.typeFast("Y");
    f.clickField(0, 2.0f);
    f.typeFast("X");
    CHECK(f.text(0) == "Xabcg");
    CHECK(f.text(1) == "Zdefh");
    CHECK(f.text(2) == "Yij");

    SECTION("a long run of alternating fields at full speed") {
        std::array<std::string, 3> expected{f.text(0), f.text(1), f.text(2)};
        // Each field keeps its caret: after the "Z" and "Y" typed at the clicks above.
        std::array<std::size_t, 3> caret{f.text(0).size(), 1, 1};
        std::size_t field = 0;
        f.clickField(0, 500.0f); // past the end of the line: the caret goes to its end
        for (int round = 0; round < 30; ++round) {
            const std::string word = "w" + std::to_string(round) + " ";
            f.typeFast(word);
            expected[field].insert(caret[field], word);
            caret[field] += word.size();
            const bool back = round % 3 == 2 && field > 0;
            f.tab(back);
            field = back ? field - 1 : (field + 1) % 3;
            if (field == 0 && !back) {
                // Tab from the last field leaves the window's fields: click the first again.
                f.clickField(0, 500.0f);
            }
        }
        CHECK(f.text(0) == expected[0]);
        CHECK(f.text(1) == expected[1]);
        CHECK(f.text(2) == expected[2]);
    }
}

TEST_CASE("text field: narrowing and widening the window never changes the text", "[app][textarea]") {
    Fields f;
    f.ui.frames(2, f.draw);
    f.clickField(0, 30.0f);
    const std::string paragraph = "She mentioned, almost in passing, that the number was (555) 867-5309 and that "
                                  "on 14 August 2026 she had moved to 12 Oak Street with the children.";
    f.ui.type(paragraph, f.draw);
    REQUIRE(f.text(0) == paragraph);
    const auto wideLines = f.editors[0].lines().size();
    const float wideHeight = f.ui.rect("field-0")->max.y - f.ui.rect("field-0")->min.y;
    for (const float width : {400.0f, 250.0f, 120.0f, 600.0f}) {
        f.width = width;
        f.ui.frames(2, f.draw);
        CHECK(f.text(0) == paragraph);
        CHECK(f.text(0).find('\n') == std::string::npos);
    }
    f.width = 250.0f;
    f.ui.frames(2, f.draw);
    CHECK(f.editors[0].lines().size() > wideLines);
    // Narrow, the field grows downwards with its lines instead of scrolling inside.
    CHECK(f.ui.rect("field-0")->max.y - f.ui.rect("field-0")->min.y > wideHeight);
    f.width = 600.0f;
    f.ui.frames(2, f.draw);
    CHECK(f.editors[0].lines().size() == wideLines);
    // Typing in the middle of the paragraph: no break is ever stored.
    f.ui.pressKey(ImGuiKey_Home, f.draw, true);
    f.ui.pressKey(ImGuiKey_RightArrow, f.draw, true); // Ctrl+Right: after "She"
    f.ui.type(" quietly", f.draw);
    CHECK(f.text(0) == "She quietly" + paragraph.substr(3));
}

TEST_CASE("text field: editing keys, undo and the clipboard", "[app][textarea]") {
    Fields f;
    f.ui.frames(2, f.draw);
    f.clickField(0, 30.0f);
    f.ui.type("Hello world", f.draw);
    f.ui.pressKey(ImGuiKey_Backspace, f.draw, true); // Ctrl+Backspace: a word
    CHECK(f.text(0) == "Hello ");
    f.ui.pressChar('Z', f.draw, true);
    CHECK(f.text(0) == "Hello world");
    f.ui.pressKey(ImGuiKey_Enter, f.draw);
    f.ui.type("Second", f.draw);
    CHECK(f.text(0) == "Hello world\nSecond");
    f.ui.pressChar('A', f.draw, true);
    f.ui.pressChar('C', f.draw, true);
    CHECK(std::string{ImGui::GetClipboardText()} == "Hello world\nSecond");
    f.ui.pressChar('X', f.draw, true);
    CHECK(f.text(0).empty());
    ImGui::SetClipboardText("pasted\r\nlines\x01");
    f.ui.pressChar('V', f.draw, true);
    CHECK(f.text(0) == "pasted\nlines");
    f.ui.pressChar('Z', f.draw, true);
    CHECK(f.text(0).empty());
    f.ui.pressChar('Y', f.draw, true);
    CHECK(f.text(0) == "pasted\nlines");
    // Ctrl + a letter is a shortcut, never text; a field without focus gets nothing.
    CHECK(f.text(1).empty());
    CHECK(f.text(2).empty());
}

TEST_CASE("text field: an editing key right after Tab stays in the new field", "[app][textarea]") {
    Fields f;
    f.startTyping("abc");
    f.tab();
    for (const ImGuiKey key : {ImGuiKey_End, ImGuiKey_LeftArrow, ImGuiKey_Home, ImGuiKey_DownArrow}) {
        f.ui.pressKey(key, f.draw); // in the frame the second field activates, then the next
        f.typeFast("d");
        f.tab(true);
        f.ui.frame(f.draw);
        f.tab();
    }
    CHECK(f.text(0) == "abc");
    CHECK(f.text(1) == "dddd");
}

TEST_CASE("text field: Tab, Shift+Tab, Tab, Tab two frames apart, then typing", "[app][textarea]") {
    // Keys 40 ms apart at 60 frames a second are two or three frames apart.
    Fields f;
    f.startTyping("a");
    for (const bool back : {false, true, false, false}) {
        f.tab(back);
        f.ui.frame(f.draw);
    }
    f.typeFast("x");
    CHECK(f.text(0) == "a");
    CHECK(f.text(1).empty());
    CHECK(f.text(2) == "x");
}

TEST_CASE("text field: an emoji typed through the platform's input queue is stored intact", "[app][textarea][emoji]") {
    Fields f;
    f.startTyping("ok ");
    // As the platform does: GLFW's character callback queues the code point, the frame hands it
    // to ImGui (which narrows it to U+FFFD), and the field takes it from the queue in full.
    app::ui::InputQueue queue;
    app::ui::uiContext()->input = &queue;
    app::ui::InputEvent smile;
    smile.kind = app::ui::InputEvent::Kind::Char;
    smile.codepoint = 0x1F642;
    queue.push(smile);
    for (const auto& event : queue.takeFrame()) {
        ImGui::GetIO().AddInputCharacter(event.codepoint);
    }
    f.ui.frame(f.draw);
    CHECK(f.text(0) == "ok \xF0\x9F\x99\x82");
    // The fonts have no emoji: ImGui 1.86 draws its fallback glyph in its place (stored intact).
    CHECK_THAT(f.ui.drawnText(), Catch::Contains("ok?"));
    // One character: Backspace removes all four bytes.
    f.ui.pressKey(ImGuiKey_Backspace, f.draw);
    CHECK(f.text(0) == "ok ");
    // Typed straight into ImGui (no queue behind it), it arrives as ImGui holds it: U+FFFD.
    app::ui::uiContext()->input = nullptr;
    f.character(0x1F642);
    CHECK(f.text(0) == "ok \xEF\xBF\xBD");
}
