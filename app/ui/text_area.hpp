#pragma once

// A soft-wrapping multi-line text field for Dear ImGui 1.86 (which has none): it draws and drives
// a text::TextEditor, the model that holds the text, caret, selection and undo history. The view
// owns one TextEditor per field for as long as the note is open; this function keeps no state of
// its own. Wrapping is display only: the stored text is exactly what was typed.
//
// The field is as wide as the content region and as tall as its visual lines (no inner scrollbar),
// so the mouse wheel scrolls the window around it. It takes keyboard focus like ImGui's own fields:
// a click, Tab and Shift+Tab, SetKeyboardFocusHere. While focused it reads the characters of the
// input queue (GLFW's character callback: composed and dead-key input arrive there) and the
// editing keys listed in docs/app.md.

#include "tessera/text/text_editor.hpp"

#include <functional>
#include <optional>
#include <vector>

namespace tessera::app::ui {

struct TextAreaOptions {
    int minLines = 3;      // the height of an empty field, in lines
    bool readOnly = false; // selectable and copyable, never changed
    float width = 0.0f;    // the field's width; 0: the rest of the line
    // Spell checking: the misspelled byte ranges (sorted) of the editor's text as it is when
    // asked (after this frame's edits), drawn with a wavy red underline (probe names
    // "<id>/misspelled-<n>" in tests). When `spellMenu` is set, a right click on an underlined
    // word, or Ctrl+. / Shift+F10 / the Menu key with the caret in one, stores that word's range
    // there: the caller opens its menu.
    std::function<const std::vector<text::ByteRange>&(const text::TextEditor&)> misspelled = {};
    std::optional<text::ByteRange>* spellMenu = nullptr;
    // Scrolls the window so that the caret (the end of the selection) is in view, focused or not
    // (a search result opened at its match).
    bool revealCaret = false;
};

// True when the text changed this frame (typing, paste, cut, undo...). ImGui's item queries work
// on the field afterwards (IsItemActive, IsItemDeactivatedAfterEdit, ui::markItem).
bool textArea(const char* id, text::TextEditor& editor, const TextAreaOptions& options = {});

} // namespace tessera::app::ui
