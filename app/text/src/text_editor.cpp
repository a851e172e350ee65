#include "tessera/text/text_editor.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tessera::text {
namespace {

// Without a layout from the widget (tests of editing alone): one unit per code point, no wrapping.
float unitAdvance(char32_t) {
    return 1.0f;
}

bool endsWord(std::string_view inserted) {
    if (inserted.empty()) {
        return true;
    }
    const std::size_t last = previousCharacter(inserted, inserted.size());
    return classify(decode(inserted, last).value) != CharacterClass::Word;
}

} // namespace

std::size_t TextEditor::Step::bytes() const {
    std::size_t total = 0;
    for (const auto& edit : edits) {
        total += edit.removed.size() + edit.inserted.size();
    }
    return total;
}

TextEditor::TextEditor(std::string text) {
    setText(std::move(text));
}

void TextEditor::setText(std::string text) {
    m_text = std::move(text);
    ++m_revision;
    m_caret = 0;
    m_anchor = 0;
    m_upstream = false;
    m_preferredX.reset();
    m_steps.clear();
    m_position = 0;
    m_historyBytes = 0;
}

// ---- Layout -------------------------------------------------------------------------------------

void TextEditor::layout(float width, std::uint64_t fontKey, AdvanceFunction advance) {
    if (width != m_width || fontKey != m_fontKey || !m_advance) {
        m_laidOutRevision = ~std::uint64_t{0};
        m_preferredX.reset();
    }
    m_width = width;
    m_fontKey = fontKey;
    m_advance = std::move(advance);
    ensureLayout();
}

void TextEditor::ensureLayout() {
    if (!m_advance) {
        m_advance = unitAdvance;
        m_width = std::numeric_limits<float>::max();
    }
    if (m_laidOutRevision != m_revision) {
        m_layout.update(m_text, m_width, m_fontKey, m_advance);
        m_laidOutRevision = m_revision;
    }
}

const std::vector<VisualLine>& TextEditor::lines() {
    ensureLayout();
    return m_layout.lines();
}

// ---- Caret and selection ------------------------------------------------------------------------

ByteRange TextEditor::selection() const {
    return {std::min(m_caret, m_anchor), std::max(m_caret, m_anchor)};
}

std::string TextEditor::selectedText() const {
    const auto range = selection();
    return m_text.substr(range.begin, range.end - range.begin);
}

void TextEditor::placeCaret(std::size_t offset, bool select, bool upstream) {
    m_caret = std::min(offset, m_text.size());
    if (!select) {
        m_anchor = m_caret;
    }
    m_upstream = upstream;
    closeStep(); // a caret jump ends the word being typed
}

void TextEditor::setCaret(std::size_t offset, bool select, bool upstream) {
    m_preferredX.reset();
    placeCaret(offset, select, upstream);
}

void TextEditor::selectAll() {
    m_preferredX.reset();
    m_anchor = 0;
    placeCaret(m_text.size(), true, false);
}

void TextEditor::selectWord(std::size_t offset) {
    const auto word = wordAt(m_text, offset);
    m_preferredX.reset();
    m_anchor = word.begin;
    placeCaret(word.end, true, false);
}

void TextEditor::selectParagraph(std::size_t offset) {
    const auto paragraph = paragraphAt(m_text, offset);
    m_preferredX.reset();
    m_anchor = paragraph.begin;
    placeCaret(paragraph.end, true, false);
}

std::size_t TextEditor::verticalTarget(std::ptrdiff_t lines) {
    ensureLayout();
    const auto& all = m_layout.lines();
    const std::size_t current = m_layout.lineOf(m_caret, m_upstream);
    if (!m_preferredX) {
        m_preferredX = m_layout.xOf(m_text, current, m_caret, m_advance);
    }
    const auto target = static_cast<std::ptrdiff_t>(current) + lines;
    if (target < 0) {
        return 0;
    }
    if (target >= static_cast<std::ptrdiff_t>(all.size())) {
        return m_text.size();
    }
    bool upstream = false;
    const auto offset = m_layout.offsetAt(m_text, static_cast<std::size_t>(target), *m_preferredX, m_advance, upstream);
    m_upstream = upstream;
    return offset;
}

void TextEditor::move(CaretMove move, bool select) {
    ensureLayout();
    const auto range = selection();
    const bool collapse = hasSelection() && !select;
    const auto pageLines = static_cast<std::ptrdiff_t>(m_pageLines);
    bool upstream = false;
    bool vertical = false;
    const std::size_t target = [&]() -> std::size_t {
        switch (move) {
        case CaretMove::CharacterLeft: return collapse ? range.begin : previousCharacter(m_text, m_caret);
        case CaretMove::CharacterRight: return collapse ? range.end : nextCharacter(m_text, m_caret);
        case CaretMove::WordLeft: return previousWordStart(m_text, m_caret);
        case CaretMove::WordRight: return nextWordEnd(m_text, m_caret);
        case CaretMove::LineStart: return m_layout.lines()[m_layout.lineOf(m_caret, m_upstream)].begin;
        case CaretMove::LineEnd: {
            const auto& line = m_layout.lines()[m_layout.lineOf(m_caret, m_upstream)];
            upstream = !line.endsParagraph;
            return line.end;
        }
        case CaretMove::LineUp:
        case CaretMove::LineDown:
        case CaretMove::PageUp:
        case CaretMove::PageDown: {
            vertical = true;
            return verticalTarget(move == CaretMove::LineUp     ? -1
                                  : move == CaretMove::LineDown ? 1
                                  : move == CaretMove::PageUp   ? -pageLines
                                                                : pageLines);
        }
        case CaretMove::ParagraphUp: {
            const auto paragraph = paragraphAt(m_text, m_caret);
            return m_caret > paragraph.begin || paragraph.begin == 0 ? paragraph.begin
                                                                     : paragraphAt(m_text, paragraph.begin - 1).begin;
        }
        case CaretMove::ParagraphDown: {
            const auto paragraph = paragraphAt(m_text, m_caret);
            return paragraph.end < m_text.size() ? paragraph.end + 1 : m_text.size();
        }
        case CaretMove::DocumentStart: return 0;
        case CaretMove::DocumentEnd: return m_text.size();
        }
        return m_caret; // not reached: -Wswitch makes every move a case above
    }();
    if (vertical) { // keeps m_preferredX for the next vertical move
        placeCaret(target, select, m_upstream && target != 0 && target != m_text.size());
        return;
    }
    m_preferredX.reset();
    placeCaret(target, select, upstream);
}

// ---- Editing ------------------------------------------------------------------------------------

void TextEditor::replace(std::size_t begin, std::size_t end, std::string inserted, StepKind kind) {
    const std::size_t caretBefore = m_caret;
    const std::size_t anchorBefore = m_anchor;
    Edit edit{begin, m_text.substr(begin, end - begin), std::move(inserted)};
    m_text.replace(begin, end - begin, edit.inserted);
    ++m_revision;
    m_caret = begin + edit.inserted.size();
    m_anchor = m_caret;
    m_upstream = false;
    m_preferredX.reset();
    record(std::move(edit), kind, caretBefore, anchorBefore);
}

void TextEditor::record(Edit edit, StepKind kind, std::size_t caretBefore, std::size_t anchorBefore) {
    // A new edit makes what was undone unreachable.
    for (std::size_t i = m_position; i < m_steps.size(); ++i) {
        m_historyBytes -= m_steps[i].bytes();
    }
    m_steps.resize(m_position);
    const bool typedWordEnds = kind == StepKind::Typing && endsWord(edit.inserted);
    m_historyBytes += edit.removed.size() + edit.inserted.size();
    Step* step = m_steps.empty() ? nullptr : &m_steps.back();
    if (step != nullptr && step->open && step->kind == kind && kind != StepKind::Other &&
        step->caretAfter == caretBefore && caretBefore == anchorBefore) {
        auto& last = step->edits.back();
        if (kind == StepKind::Typing && edit.removed.empty() && last.at + last.inserted.size() == edit.at) {
            last.inserted += edit.inserted; // the next character of the word
        } else if (kind == StepKind::Deleting && last.inserted.empty() && edit.at + edit.removed.size() == last.at) {
            last.removed.insert(0, edit.removed); // Backspace again
            last.at = edit.at;
        } else if (kind == StepKind::Deleting && last.inserted.empty() && edit.at == last.at) {
            last.removed += edit.removed; // Delete again
        } else {
            step->edits.push_back(std::move(edit));
        }
    } else {
        m_steps.push_back(Step{{std::move(edit)}, kind, caretBefore, anchorBefore, 0, kind != StepKind::Other});
        step = &m_steps.back();
    }
    step->caretAfter = m_caret;
    if (typedWordEnds) {
        step->open = false; // a space or punctuation ends the word: the next letter starts a new step
    }
    m_position = m_steps.size();
    trimHistory();
}

void TextEditor::closeStep() {
    if (!m_steps.empty()) {
        m_steps.back().open = false;
    }
}

void TextEditor::trimHistory() {
    std::size_t drop = 0;
    while (m_historyBytes > kHistoryBytes && drop + 1 < m_steps.size()) {
        m_historyBytes -= m_steps[drop].bytes();
        ++drop;
    }
    if (drop > 0) {
        m_steps.erase(m_steps.begin(), m_steps.begin() + static_cast<std::ptrdiff_t>(drop));
        m_position -= std::min(drop, m_position);
    }
}

bool TextEditor::type(std::string_view typed) {
    const std::string clean = cleanInput(typed);
    if (clean.empty()) {
        return false;
    }
    if (hasSelection()) {
        closeStep(); // typing over a selection is a step of its own
    }
    // Code point by code point, so that a space in the middle of a burst still ends a step.
    for (std::size_t p = 0; p < clean.size();) {
        const std::size_t length = decode(clean, p).length;
        const auto range = selection();
        replace(range.begin, range.end, clean.substr(p, length), StepKind::Typing);
        p += length;
    }
    return true;
}

bool TextEditor::paste(std::string_view clipboard) {
    const std::string clean = cleanInput(clipboard);
    if (clean.empty() && !hasSelection()) {
        return false;
    }
    closeStep();
    const auto range = selection();
    replace(range.begin, range.end, clean, StepKind::Other);
    closeStep();
    return true;
}

bool TextEditor::backspace(bool word) {
    auto range = selection();
    const bool selected = range.begin != range.end;
    if (!selected) {
        if (m_caret == 0) {
            return false;
        }
        range = {word ? previousWordStart(m_text, m_caret) : previousCharacter(m_text, m_caret), m_caret};
    }
    if (selected || word) {
        closeStep();
    }
    replace(range.begin, range.end, {}, selected || word ? StepKind::Other : StepKind::Deleting);
    return true;
}

bool TextEditor::deleteForward(bool word) {
    auto range = selection();
    const bool selected = range.begin != range.end;
    if (!selected) {
        if (m_caret >= m_text.size()) {
            return false;
        }
        range = {m_caret, word ? nextWordEnd(m_text, m_caret) : nextCharacter(m_text, m_caret)};
    }
    if (selected || word) {
        closeStep();
    }
    replace(range.begin, range.end, {}, selected || word ? StepKind::Other : StepKind::Deleting);
    return true;
}

std::string TextEditor::cut() {
    if (!hasSelection()) {
        return {};
    }
    std::string taken = selectedText();
    closeStep();
    const auto range = selection();
    replace(range.begin, range.end, {}, StepKind::Other);
    closeStep();
    return taken;
}

bool TextEditor::undo() {
    if (m_position == 0) {
        return false;
    }
    auto& step = m_steps[--m_position];
    for (auto edit = step.edits.rbegin(); edit != step.edits.rend(); ++edit) {
        m_text.replace(edit->at, edit->inserted.size(), edit->removed);
    }
    step.open = false;
    ++m_revision;
    m_caret = std::min(step.caretBefore, m_text.size());
    m_anchor = std::min(step.anchorBefore, m_text.size());
    m_upstream = false;
    m_preferredX.reset();
    return true;
}

bool TextEditor::redo() {
    if (m_position >= m_steps.size()) {
        return false;
    }
    const auto& step = m_steps[m_position++];
    for (const auto& edit : step.edits) {
        m_text.replace(edit.at, edit.removed.size(), edit.inserted);
    }
    ++m_revision;
    m_caret = std::min(step.caretAfter, m_text.size());
    m_anchor = m_caret;
    m_upstream = false;
    m_preferredX.reset();
    return true;
}

// ---- Geometry -----------------------------------------------------------------------------------

TextEditor::Position TextEditor::caretPosition() {
    return positionOf(m_caret, m_upstream);
}

TextEditor::Position TextEditor::positionOf(std::size_t offset, bool upstream) {
    ensureLayout();
    const std::size_t line = m_layout.lineOf(offset, upstream);
    return {line, m_layout.xOf(m_text, line, offset, m_advance)};
}

float TextEditor::xOn(std::size_t line, std::size_t offset) {
    ensureLayout();
    return m_layout.xOf(m_text, std::min(line, m_layout.lines().size() - 1), offset, m_advance);
}

std::size_t TextEditor::offsetAt(std::size_t line, float x, bool& upstream) {
    ensureLayout();
    const std::size_t clamped = std::min(line, m_layout.lines().size() - 1);
    return m_layout.offsetAt(m_text, clamped, x, m_advance, upstream);
}

} // namespace tessera::text
