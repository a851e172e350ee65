#pragma once

// Dialogs and form fields of the widget kit: a centred modal dialog and its Cancel, read-only
// text and the Escape guard of ImGui's own text fields. Stateless.

#include <imgui.h>

#include <string>

namespace tessera::app::ui {

// Read-only text (a signed note): wrapped, with "Copy" on right-click; a dash when empty.
void readOnlyText(const char* id, const std::string& text);
// The height of a text field that grows with its content, between `minLines` and `maxLines`.
[[nodiscard]] float growingHeight(const std::string& text, int minLines, int maxLines);
// BeginPopupModal for a dialog centred over the window at a fixed width of `widthInEm` em that
// grows downwards with its content (inline errors). EndPopup when it returns true.
bool beginDialog(const char* name, float widthInEm);
// The Cancel button of a dialog (recorded as `probe`); true when it was clicked or Esc pressed.
bool dialogCancel(const char* probe);

// ImGui 1.86 reverts everything typed into a text field since it was clicked when Escape is
// pressed, and has no flag to turn that off: one key would throw away a paragraph of a note.
// Alive around a text field, this hides a fresh Escape press from that field (only).
class EscapeKeepsText {
public:
    EscapeKeepsText();
    ~EscapeKeepsText();
    EscapeKeepsText(const EscapeKeepsText&) = delete;
    EscapeKeepsText& operator=(const EscapeKeepsText&) = delete;

private:
    int m_key = -1;
    float m_duration = -1.0f;
    float m_navDuration = -1.0f;
};

} // namespace tessera::app::ui
