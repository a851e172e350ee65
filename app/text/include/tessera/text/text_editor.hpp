#pragma once

// The editing model of a multi-line text field: the text exactly as typed, a caret and a selection,
// edits with undo and redo, and the soft-wrapped layout that the caret moves over. No drawing and
// no input devices here: the widget turns keys and clicks into these calls and draws the result.

#include "tessera/text/text_layout.hpp"
#include "tessera/text/utf8.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::text {

enum class CaretMove {
    CharacterLeft,  // Left
    CharacterRight, // Right
    WordLeft,       // Ctrl+Left
    WordRight,      // Ctrl+Right
    LineStart,      // Home: the start of the visual line
    LineEnd,        // End
    LineUp,         // Up, keeping the x the caret had when vertical movement began
    LineDown,       // Down
    PageUp,         // PageUp: pageLines() visual lines
    PageDown,       // PageDown
    ParagraphUp,    // Ctrl+Up: the start of this paragraph, or of the previous one
    ParagraphDown,  // Ctrl+Down: the start of the next paragraph
    DocumentStart,  // Ctrl+Home
    DocumentEnd,    // Ctrl+End
};

class TextEditor {
public:
    // Undo keeps whole steps while they fit in this many bytes of text (and at least the newest).
    static constexpr std::size_t kHistoryBytes = std::size_t{8} << 20U;

    TextEditor() = default;
    explicit TextEditor(std::string text);

    [[nodiscard]] const std::string& text() const { return m_text; }
    // Replaces the whole text (a note was opened) and forgets the undo history.
    void setText(std::string text);
    // Increases with every change of the text (edits, undo, redo, setText).
    [[nodiscard]] std::uint64_t revision() const { return m_revision; }

    // ---- Layout
    // Wraps at `width` with `advance` (see TextLayout). Cheap when nothing changed.
    void layout(float width, std::uint64_t fontKey, AdvanceFunction advance);
    [[nodiscard]] const std::vector<VisualLine>& lines();
    [[nodiscard]] std::size_t paragraphsLaidOut() const { return m_layout.paragraphsLaidOut(); }
    void setPageLines(std::size_t lines) { m_pageLines = std::max<std::size_t>(1, lines); }
    [[nodiscard]] std::size_t pageLines() const { return m_pageLines; }

    // ---- Caret and selection (byte offsets, always on character boundaries)
    [[nodiscard]] std::size_t caret() const { return m_caret; }
    [[nodiscard]] std::size_t anchor() const { return m_anchor; }
    [[nodiscard]] bool hasSelection() const { return m_caret != m_anchor; }
    [[nodiscard]] ByteRange selection() const;
    [[nodiscard]] std::string selectedText() const;
    void move(CaretMove move, bool select);
    // Puts the caret at `offset` (a click); `select` keeps the anchor (Shift+click, drag).
    void setCaret(std::size_t offset, bool select, bool upstream = false);
    void selectAll();
    void selectWord(std::size_t offset);      // double-click
    void selectParagraph(std::size_t offset); // triple-click

    // ---- Editing. Each returns whether the text changed.
    bool type(std::string_view typed); // replaces the selection
    bool paste(std::string_view clipboard);
    bool backspace(bool word);
    bool deleteForward(bool word);
    // Removes the selection and returns it (for the clipboard); empty without a selection.
    std::string cut();
    bool undo();
    bool redo();
    [[nodiscard]] bool canUndo() const { return m_position > 0; }
    [[nodiscard]] bool canRedo() const { return m_position < m_steps.size(); }
    [[nodiscard]] std::size_t undoSteps() const { return m_position; }

    // ---- Geometry for drawing and hit testing
    struct Position {
        std::size_t line = 0;
        float x = 0.0f;
    };
    [[nodiscard]] Position caretPosition();
    [[nodiscard]] Position positionOf(std::size_t offset, bool upstream = false);
    // The x of `offset` measured along visual line `line` (clamped to that line).
    [[nodiscard]] float xOn(std::size_t line, std::size_t offset);
    // The character boundary nearest to `x` on visual line `line` (clamped to the lines there are).
    [[nodiscard]] std::size_t offsetAt(std::size_t line, float x, bool& upstream);

private:
    enum class StepKind { Typing, Deleting, Other };
    struct Edit {
        std::size_t at = 0;
        std::string removed;
        std::string inserted;
    };
    struct Step {
        std::vector<Edit> edits;
        StepKind kind = StepKind::Other;
        std::size_t caretBefore = 0;
        std::size_t anchorBefore = 0;
        std::size_t caretAfter = 0;
        bool open = false; // later edits of the same kind may still join it
        [[nodiscard]] std::size_t bytes() const;
    };

    void ensureLayout();
    void replace(std::size_t begin, std::size_t end, std::string inserted, StepKind kind);
    void record(Edit edit, StepKind kind, std::size_t caretBefore, std::size_t anchorBefore);
    void closeStep();
    void trimHistory();
    void placeCaret(std::size_t offset, bool select, bool upstream);
    [[nodiscard]] std::size_t verticalTarget(std::ptrdiff_t lines);

    std::string m_text;
    std::uint64_t m_revision = 0;
    std::size_t m_caret = 0;
    std::size_t m_anchor = 0;
    bool m_upstream = false; // the caret sits at the end of a wrapped line, not the next one's start
    std::optional<float> m_preferredX;

    TextLayout m_layout;
    AdvanceFunction m_advance;
    float m_width = 0.0f;
    std::uint64_t m_fontKey = 0;
    std::uint64_t m_laidOutRevision = ~std::uint64_t{0};
    std::size_t m_pageLines = 10;

    std::vector<Step> m_steps;
    std::size_t m_position = 0; // steps before this are undoable, from it on redoable
    std::size_t m_historyBytes = 0;
};

} // namespace tessera::text
