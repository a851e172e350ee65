#pragma once

// Small drawing helpers shared by the clients, sessions and note editor views. Stateless.

#include <imgui.h>

#include <string>
#include <string_view>

namespace tessera::app::widgets {

// Text that fits in `maxWidth` pixels, ending in an ellipsis when it does not.
[[nodiscard]] std::string fitText(std::string_view text, float maxWidth, ImFont* font = nullptr);
// Draws `text` at `pos` with `font`, cut to `maxWidth` with an ellipsis.
void drawFitted(ImDrawList* drawList, ImVec2 pos, float maxWidth, ImU32 colour, std::string_view text,
                ImFont* font = nullptr);
// Muted text, wrapped at the content width.
void mutedWrapped(const char* text);
void muted(const char* text);
// A heading in the bold font.
void boldText(const char* text);
// Black or white, whichever reads better on `background`.
[[nodiscard]] ImU32 contrastingText(ImU32 background);
// An upper-case label for a group (categories, panels): small, muted, spaced.
void groupLabel(const char* text);

// Read-only text (a signed note): wrapped, with "Copy" on right-click; a dash when empty.
void readOnlyText(const char* id, const std::string& text);
// The height of a text field that grows with its content, between `minLines` and `maxLines`.
[[nodiscard]] float growingHeight(const std::string& text, int minLines, int maxLines);
// Text in the danger colour, wrapped.
void dangerWrapped(const std::string& text);
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

} // namespace tessera::app::widgets
