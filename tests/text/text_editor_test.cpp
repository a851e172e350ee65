// The editing model: caret and selection moves, edits, undo steps, clipboard text, with a
// fixed-width fake font (one unit per code point) so that every position is counted by hand.

#include "tessera/text/text_editor.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace tessera::text;

namespace {

float oneUnit(char32_t) {
    return 1.0f;
}

TextEditor editorWith(const std::string& text, float width = 1000.0f) {
    TextEditor editor{text};
    editor.layout(width, 1, oneUnit);
    return editor;
}

void typeEach(TextEditor& editor, const std::string& text) {
    for (const char c : text) {
        editor.type(std::string(1, c));
    }
}

} // namespace

TEST_CASE("typing stores exactly what was typed, whatever the width", "[text][editor]") {
    TextEditor editor;
    editor.layout(8.0f, 1, oneUnit);
    typeEach(editor, "the quick brown fox");
    CHECK(editor.text() == "the quick brown fox");
    CHECK(editor.lines().size() == 4);
    for (const float width : {3.0f, 50.0f, 8.0f}) {
        editor.layout(width, 1, oneUnit);
        CHECK(editor.text() == "the quick brown fox");
    }
    // Typing in the middle of a wrapped paragraph moves the words along; no break is stored.
    editor.setCaret(4, false);
    editor.type("very ");
    CHECK(editor.text() == "the very quick brown fox");
    CHECK(editor.lines().size() == 4); // "the very " "quick " "brown " "fox"
    CHECK(editor.text().find('\n') == std::string::npos);
}

TEST_CASE("the caret moves by character, word, line, paragraph and document", "[text][editor]") {
    SECTION("characters are whole: an accent, an emoji, a flag") {
        const std::string text = "e\xCC\x81"                         // e + U+0301
                                 "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"  // thumbs up, skin tone
                                 "\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA"; // flag of Germany
        auto editor = editorWith(text);
        editor.move(CaretMove::CharacterRight, false);
        CHECK(editor.caret() == 3);
        editor.move(CaretMove::CharacterRight, false);
        CHECK(editor.caret() == 11);
        editor.move(CaretMove::CharacterRight, false);
        CHECK(editor.caret() == 19);
        editor.move(CaretMove::CharacterRight, false);
        CHECK(editor.caret() == 19);
        editor.move(CaretMove::CharacterLeft, false);
        CHECK(editor.caret() == 11);
        CHECK(editor.backspace(false));
        CHECK(editor.text() == "e\xCC\x81\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA");
        CHECK(editor.deleteForward(false));
        CHECK(editor.text() == "e\xCC\x81");
        CHECK(editor.backspace(false));
        CHECK(editor.text().empty());
    }
    SECTION("words") {
        auto editor = editorWith("Hello, dear world");
        editor.move(CaretMove::WordRight, false);
        CHECK(editor.caret() == 5);
        editor.move(CaretMove::WordRight, false);
        CHECK(editor.caret() == 11);
        editor.move(CaretMove::WordRight, false);
        CHECK(editor.caret() == 17);
        editor.move(CaretMove::WordLeft, false);
        CHECK(editor.caret() == 12);
        editor.move(CaretMove::WordLeft, true);
        CHECK(editor.selection() == ByteRange{7, 12});
        CHECK(editor.selectedText() == "dear ");
    }
    SECTION("visual lines: Home, End, Up and Down keep the column") {
        auto editor = editorWith("the quick brown fox", 8.0f); // "the " "quick " "brown " "fox"
        editor.setCaret(6, false);                             // qu|ick, x = 2
        editor.move(CaretMove::LineDown, false);
        CHECK(editor.caret() == 12); // br|own
        editor.move(CaretMove::LineDown, false);
        CHECK(editor.caret() == 18); // fo|x
        editor.move(CaretMove::LineDown, false);
        CHECK(editor.caret() == 19); // past the last line: the end
        editor.move(CaretMove::LineUp, false);
        CHECK(editor.caret() == 12); // the column of the first Down is kept
        editor.move(CaretMove::LineEnd, false);
        CHECK(editor.caret() == 16);
        CHECK(editor.caretPosition().line == 2); // the end of "brown ", not the start of "fox"
        CHECK(editor.caretPosition().x == 6.0f);
        editor.move(CaretMove::LineStart, false);
        CHECK(editor.caret() == 10);
        editor.move(CaretMove::LineUp, false);
        editor.move(CaretMove::LineUp, false);
        CHECK(editor.caret() == 0);
        editor.move(CaretMove::LineUp, false);
        CHECK(editor.caret() == 0);
        // Short lines do not lose the column: "fox" is 3 wide, the next Up returns to x = 5.
        editor.setCaret(9, false); // quick|
        editor.move(CaretMove::LineDown, false);
        editor.move(CaretMove::LineDown, false);
        CHECK(editor.caret() == 19);
        editor.move(CaretMove::LineUp, false);
        CHECK(editor.caret() == 15);
    }
    SECTION("pages of visual lines") {
        auto editor = editorWith("the quick brown fox", 8.0f);
        editor.setPageLines(2);
        editor.setCaret(1, false);
        editor.move(CaretMove::PageDown, false);
        CHECK(editor.caret() == 11);
        editor.move(CaretMove::PageDown, true);
        CHECK(editor.caret() == 19);
        CHECK(editor.selection() == ByteRange{11, 19});
        editor.move(CaretMove::PageUp, false); // from the last line, two up, at the kept x
        CHECK(editor.caret() == 5);
    }
    SECTION("paragraphs and the document") {
        auto editor = editorWith("ab\ncd\nef");
        editor.setCaret(4, false);
        editor.move(CaretMove::ParagraphUp, false);
        CHECK(editor.caret() == 3);
        editor.move(CaretMove::ParagraphUp, false);
        CHECK(editor.caret() == 0);
        editor.move(CaretMove::ParagraphDown, false);
        CHECK(editor.caret() == 3);
        editor.move(CaretMove::ParagraphDown, false);
        CHECK(editor.caret() == 6);
        editor.move(CaretMove::ParagraphDown, false);
        CHECK(editor.caret() == 8);
        editor.move(CaretMove::DocumentStart, true);
        CHECK(editor.selection() == ByteRange{0, 8});
        editor.move(CaretMove::CharacterRight, false); // collapses to the selection's end
        CHECK(editor.caret() == 8);
        CHECK_FALSE(editor.hasSelection());
        editor.move(CaretMove::DocumentStart, false);
        editor.move(CaretMove::DocumentEnd, false);
        CHECK(editor.caret() == 8);
    }
}

TEST_CASE("selection: Shift, double-click word, triple-click paragraph, select all", "[text][editor]") {
    auto editor = editorWith("Hello, world\nSecond line");
    editor.move(CaretMove::CharacterRight, true);
    editor.move(CaretMove::CharacterRight, true);
    CHECK(editor.selectedText() == "He");
    editor.move(CaretMove::CharacterLeft, false);
    CHECK(editor.caret() == 0);
    CHECK_FALSE(editor.hasSelection());
    editor.selectWord(9);
    CHECK(editor.selectedText() == "world");
    editor.selectParagraph(15);
    CHECK(editor.selectedText() == "Second line");
    editor.selectAll();
    CHECK(editor.selectedText() == editor.text());
    editor.type("x"); // typing replaces the selection
    CHECK(editor.text() == "x");
    editor.setCaret(1, false);
    editor.setCaret(0, true); // Shift+click
    CHECK(editor.selectedText() == "x");
}

TEST_CASE("Backspace and Delete, by character and by word", "[text][editor]") {
    auto editor = editorWith("Hello dear world");
    editor.move(CaretMove::DocumentEnd, false);
    CHECK(editor.backspace(true));
    CHECK(editor.text() == "Hello dear ");
    CHECK(editor.backspace(true));
    CHECK(editor.text() == "Hello ");
    editor.move(CaretMove::DocumentStart, false);
    CHECK(editor.deleteForward(true));
    CHECK(editor.text() == " ");
    CHECK(editor.deleteForward(false));
    CHECK(editor.text().empty());
    CHECK_FALSE(editor.deleteForward(false));
    CHECK_FALSE(editor.backspace(false));
}

TEST_CASE("cut, copy and paste - pasted text is cleaned", "[text][editor]") {
    auto editor = editorWith("one two");
    editor.selectWord(5);
    CHECK(editor.selectedText() == "two"); // copy
    CHECK(editor.cut() == "two");
    CHECK(editor.text() == "one ");
    CHECK(editor.cut().empty());
    const char clipboard[] = "line 1\r\nline 2\rline\0 3\x1B\tend\xFF";
    CHECK(editor.paste(std::string{clipboard, sizeof clipboard - 1}));
    CHECK(editor.text() == "one line 1\nline 2\nline 3\tend\xEF\xBF\xBD");
    CHECK(editor.caret() == editor.text().size());
    CHECK_FALSE(editor.paste(std::string{"\0\x01", 2})); // nothing left to paste
    editor.selectAll();
    CHECK(editor.paste("new"));
    CHECK(editor.text() == "new");
    // Typed text is cleaned the same way (a stray control character from the input queue).
    editor.type("\x08!");
    CHECK(editor.text() == "new!");
}

TEST_CASE("undo and redo go by word, by paste and by caret jump", "[text][editor]") {
    TextEditor editor;
    typeEach(editor, "Hello world. ");
    typeEach(editor, "Next");
    CHECK(editor.text() == "Hello world. Next");
    CHECK(editor.undo());
    CHECK(editor.text() == "Hello world. ");
    CHECK(editor.undo());
    CHECK(editor.text() == "Hello world.");
    CHECK(editor.undo());
    CHECK(editor.text() == "Hello ");
    CHECK(editor.undo());
    CHECK(editor.text().empty());
    CHECK_FALSE(editor.undo());
    CHECK(editor.redo());
    CHECK(editor.text() == "Hello ");
    CHECK(editor.caret() == 6);
    CHECK(editor.redo());
    CHECK(editor.redo());
    CHECK(editor.redo());
    CHECK(editor.text() == "Hello world. Next");
    CHECK_FALSE(editor.redo());

    SECTION("a caret jump ends a step") {
        editor.move(CaretMove::DocumentStart, false);
        typeEach(editor, "So");
        editor.move(CaretMove::DocumentEnd, false);
        typeEach(editor, "er");
        CHECK(editor.text() == "SoHello world. Nexter");
        CHECK(editor.undo());
        CHECK(editor.text() == "SoHello world. Next");
        CHECK(editor.undo());
        CHECK(editor.text() == "Hello world. Next");
        CHECK(editor.caret() == 0); // where the caret was when "So" was typed
    }
    SECTION("a paste is one step, and ends the word before it") {
        typeEach(editor, "ab");
        editor.paste("PASTE");
        typeEach(editor, "cd");
        CHECK(editor.undo());
        CHECK(editor.text() == "Hello world. NextabPASTE");
        CHECK(editor.undo());
        CHECK(editor.text() == "Hello world. Nextab");
        CHECK(editor.undo());
        CHECK(editor.text() == "Hello world. Next");
    }
    SECTION("Backspaces in a row are one step; undo restores the selection") {
        editor.backspace(false);
        editor.backspace(false);
        editor.backspace(false);
        CHECK(editor.text() == "Hello world. N");
        CHECK(editor.undo());
        CHECK(editor.text() == "Hello world. Next");
        editor.selectWord(8);
        editor.type("W");
        CHECK(editor.text() == "Hello W. Next");
        CHECK(editor.undo());
        CHECK(editor.text() == "Hello world. Next");
        CHECK(editor.selectedText() == "world");
    }
    SECTION("an edit after undo drops what could be redone") {
        CHECK(editor.undo());
        typeEach(editor, "Last");
        CHECK_FALSE(editor.redo());
        CHECK(editor.text() == "Hello world. Last");
    }
}

TEST_CASE("the undo history is bounded by the size of what it keeps", "[text][editor]") {
    TextEditor editor;
    const std::string block(std::size_t{3} << 20U, 'x');
    for (int i = 0; i < 4; ++i) {
        editor.paste(block);
    }
    CHECK(editor.text().size() == 4 * block.size());
    // 12 MiB of pastes against 8 MiB of history: the two oldest are forgotten.
    CHECK(editor.undoSteps() == 2);
    CHECK(editor.undo());
    CHECK(editor.undo());
    CHECK_FALSE(editor.undo());
    CHECK(editor.text().size() == 2 * block.size());
}

TEST_CASE("hit testing and caret positions for the widget", "[text][editor]") {
    auto editor = editorWith("the quick brown fox", 8.0f);
    bool upstream = false;
    const auto offset = editor.offsetAt(1, 2.4f, upstream);
    CHECK(offset == 6);
    editor.setCaret(offset, false, upstream);
    CHECK(editor.caretPosition().line == 1);
    CHECK(editor.caretPosition().x == 2.0f);
    const auto end = editor.offsetAt(1, 99.0f, upstream);
    CHECK(end == 10);
    CHECK(upstream);
    editor.setCaret(end, false, upstream);
    CHECK(editor.caretPosition().line == 1);          // shown at the end of "quick ", where it was clicked
    CHECK(editor.offsetAt(99, 0.0f, upstream) == 16); // below the last line: the last line
    CHECK(editor.positionOf(19).line == 3);
    CHECK(editor.positionOf(19).x == 3.0f);
}
