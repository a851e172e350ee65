#include "ui/text_area.hpp"

#include "ui/input_queue.hpp"
#include "ui/probe.hpp"
#include "ui/style.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

namespace tessera::app::ui {
namespace {

using text::CaretMove;

// The advance ImGui itself uses when it draws the code point: with ImGui's 16-bit characters,
// code points past U+FFFF are drawn as U+FFFD.
text::AdvanceFunction advanceIn(ImFont* font, float size) {
    const float scale = size / font->FontSize;
    return [font, scale](char32_t value) {
        const auto shown =
            value > IM_UNICODE_CODEPOINT_MAX ? ImWchar{IM_UNICODE_CODEPOINT_INVALID} : static_cast<ImWchar>(value);
        return font->GetCharAdvance(shown) * scale;
    };
}

std::uint64_t fontKey(const ImFont* font, float size) {
    return static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(font)) * 31U +
           static_cast<std::uint64_t>(std::lround(size * 64.0f));
}

bool pressed(ImGuiKey key) {
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), true);
}

// Letters are GLFW key codes, which are their upper-case ASCII codes ('A' == GLFW_KEY_A).
bool pressedLetter(char letter) {
    return ImGui::IsKeyPressed(static_cast<unsigned char>(letter), true);
}

// The characters typed this frame, as UTF-8. ImGui's queue holds 16-bit characters (U+FFFD for
// an emoji); the platform's input queue has them in full when they came through it.
std::string queuedCharacters() {
    std::u32string characters;
    for (const ImWchar character : ImGui::GetIO().InputQueueCharacters) {
        characters.push_back(static_cast<char32_t>(character));
    }
    if (const auto* context = uiContext(); context != nullptr && context->input != nullptr) {
        characters = context->input->fullCharacters(characters);
    }
    std::string typed;
    for (const char32_t character : characters) {
        if (character != 0) {
            text::encode(character, typed);
        }
    }
    return typed;
}

// True while ImGui is moving keyboard focus to another item (Tab, Shift+Tab,
// SetKeyboardFocusHere): characters typed now belong to the item focus is moving to, so the field
// that is still active leaves them in the queue.
bool focusMovingAwayFrom(ImGuiID id) {
    const ImGuiContext& g = *GImGui;
    const bool tabbing = (g.NavMoveSubmitted || g.NavMoveScoringItems) && (g.NavMoveFlags & ImGuiNavMoveFlags_Tabbing);
    return tabbing || (g.NavActivateInputId != 0 && g.NavActivateInputId != id);
}

struct Frame {
    ImRect rect;
    ImVec2 textOrigin;
    float lineHeight = 0.0f;
    float innerWidth = 0.0f;
};

// The character boundary under the mouse pointer.
std::size_t offsetUnderMouse(text::TextEditor& editor, const Frame& frame, bool& upstream) {
    const auto& io = ImGui::GetIO();
    const float y = (io.MousePos.y - frame.textOrigin.y) / frame.lineHeight;
    const auto line = static_cast<std::size_t>(std::max(0.0f, std::floor(y)));
    return editor.offsetAt(line, io.MousePos.x - frame.textOrigin.x, upstream);
}

void handleMouse(text::TextEditor& editor, const Frame& frame, bool hovered, bool active) {
    const auto& io = ImGui::GetIO();
    const auto hit = [&](bool& upstream) { return offsetUnderMouse(editor, frame, upstream); };
    bool upstream = false;
    if (hovered && io.MouseClicked[0]) {
        const std::size_t offset = hit(upstream);
        const int clicks = ImGui::GetMouseClickedCount(ImGuiMouseButton_Left);
        if (clicks >= 3) {
            editor.selectParagraph(offset);
        } else if (clicks == 2) {
            editor.selectWord(offset);
        } else {
            editor.setCaret(offset, io.KeyShift, upstream);
        }
    } else if (active && io.MouseDown[0] && (io.MouseDelta.x != 0.0f || io.MouseDelta.y != 0.0f) &&
               ImGui::GetMouseClickedCount(ImGuiMouseButton_Left) == 0 && io.MouseDownDuration[0] > 0.0f) {
        const std::size_t offset = hit(upstream);
        editor.setCaret(offset, true, upstream); // dragging extends the selection
    }
}

// The editing keys. Returns whether any was used (so the caret is scrolled into view).
bool handleKeys(text::TextEditor& editor, bool readOnly) {
    const auto& io = ImGui::GetIO();
    const bool ctrl = io.KeyCtrl && !io.KeyAlt;
    const bool shift = io.KeyShift;
    const auto moveKey = [&](ImGuiKey key, CaretMove plain, CaretMove withCtrl) {
        if (pressed(key)) {
            editor.move(ctrl ? withCtrl : plain, shift);
            return true;
        }
        return false;
    };
    bool used = moveKey(ImGuiKey_LeftArrow, CaretMove::CharacterLeft, CaretMove::WordLeft);
    used = moveKey(ImGuiKey_RightArrow, CaretMove::CharacterRight, CaretMove::WordRight) || used;
    used = moveKey(ImGuiKey_UpArrow, CaretMove::LineUp, CaretMove::ParagraphUp) || used;
    used = moveKey(ImGuiKey_DownArrow, CaretMove::LineDown, CaretMove::ParagraphDown) || used;
    used = moveKey(ImGuiKey_Home, CaretMove::LineStart, CaretMove::DocumentStart) || used;
    used = moveKey(ImGuiKey_End, CaretMove::LineEnd, CaretMove::DocumentEnd) || used;
    used = moveKey(ImGuiKey_PageUp, CaretMove::PageUp, CaretMove::PageUp) || used;
    used = moveKey(ImGuiKey_PageDown, CaretMove::PageDown, CaretMove::PageDown) || used;
    if (ctrl && pressedLetter('A')) {
        editor.selectAll();
        used = true;
    }
    const bool copy = (ctrl && pressedLetter('C')) || (ctrl && pressed(ImGuiKey_Insert));
    if (copy && editor.hasSelection()) {
        ImGui::SetClipboardText(editor.selectedText().c_str());
    }
    if (readOnly) {
        return used;
    }
    const bool cut = (ctrl && pressedLetter('X')) || (shift && !ctrl && pressed(ImGuiKey_Delete));
    const bool paste = (ctrl && pressedLetter('V')) || (shift && !ctrl && pressed(ImGuiKey_Insert));
    if (cut && editor.hasSelection()) {
        ImGui::SetClipboardText(editor.cut().c_str());
        used = true;
    } else if (pressed(ImGuiKey_Delete) && !shift) {
        used = editor.deleteForward(ctrl) || used;
    }
    if (paste) {
        if (const char* clipboard = ImGui::GetClipboardText(); clipboard != nullptr) {
            used = editor.paste(clipboard) || used;
        }
    }
    if (pressed(ImGuiKey_Backspace)) {
        used = editor.backspace(ctrl) || used;
    }
    // Ctrl+Enter belongs to the view (it signs a note); a plain Enter starts a new paragraph.
    if (!io.KeyCtrl && !io.KeyAlt && (pressed(ImGuiKey_Enter) || pressed(ImGuiKey_KeyPadEnter))) {
        used = editor.type("\n") || used;
    }
    if (ctrl && ((pressedLetter('Z') && shift) || (pressedLetter('Y') && !shift))) {
        used = editor.redo() || used;
    } else if (ctrl && pressedLetter('Z')) {
        used = editor.undo() || used;
    }
    return used;
}

// ---- Spell checking: underlines and the request for a word's menu

// The misspelled range holding `offset` (its ends included), if any.
std::optional<text::ByteRange> misspelledAt(const std::vector<text::ByteRange>& misspelled, std::size_t offset) {
    const auto it = std::lower_bound(misspelled.begin(), misspelled.end(), offset,
                                     [](const text::ByteRange& range, std::size_t at) { return range.end < at; });
    if (it != misspelled.end() && it->begin <= offset) {
        return *it;
    }
    return std::nullopt;
}

// A right click on an underlined word, or a menu key with the caret in one.
std::optional<text::ByteRange> spellMenuRequest(text::TextEditor& editor, const Frame& frame,
                                                const std::vector<text::ByteRange>& misspelled, bool hovered,
                                                bool active) {
    const auto& io = ImGui::GetIO();
    if (hovered && io.MouseClicked[1]) {
        bool upstream = false;
        return misspelledAt(misspelled, offsetUnderMouse(editor, frame, upstream));
    }
    // GLFW key codes: '.' is GLFW_KEY_PERIOD, 299 GLFW_KEY_F10, 348 GLFW_KEY_MENU.
    constexpr int kF10 = 299;
    constexpr int kMenu = 348;
    const bool key = (io.KeyCtrl && !io.KeyAlt && ImGui::IsKeyPressed('.', false)) ||
                     (io.KeyShift && ImGui::IsKeyPressed(kF10, false)) || ImGui::IsKeyPressed(kMenu, false);
    if (active && key) {
        return misspelledAt(misspelled, editor.caret());
    }
    return std::nullopt;
}

// A wavy red line under the part of each misspelled range on visual line `index`.
void underlineMisspellings(ImDrawList* drawList, text::TextEditor& editor, const Frame& frame, std::size_t index,
                           const std::vector<text::ByteRange>& misspelled, const char* id) {
    const auto& line = editor.lines()[index];
    const float bottom = frame.textOrigin.y + static_cast<float>(index + 1) * frame.lineHeight - 1.0f;
    const float amplitude = std::max(1.0f, frame.lineHeight * 0.07f);
    const ImU32 colour = ImGui::ColorConvertFloat4ToU32(palette().danger);
    auto it = std::lower_bound(misspelled.begin(), misspelled.end(), line.begin,
                               [](const text::ByteRange& range, std::size_t at) { return range.end <= at; });
    for (; it != misspelled.end() && it->begin < line.end; ++it) {
        const float x0 = frame.textOrigin.x + editor.xOn(index, std::max(it->begin, line.begin));
        const float x1 =
            frame.textOrigin.x + std::min(frame.innerWidth, editor.xOn(index, std::min(it->end, line.end)));
        if (x1 <= x0) {
            continue;
        }
        for (float x = x0; x < x1; x += amplitude * 2.0f) {
            const auto step = static_cast<int>(std::lround((x - x0) / (amplitude * 2.0f)));
            drawList->PathLineTo({x, bottom - ((step % 2) != 0 ? amplitude * 2.0f : 0.0f)});
        }
        drawList->PathLineTo({x1, bottom - amplitude});
        drawList->PathStroke(colour, 0, 1.0f);
        if (probing()) {
            markRect(std::string{id} + "/misspelled-" + std::to_string(it - misspelled.begin()),
                     {x0, bottom - amplitude * 2.0f}, {x1, bottom});
        }
    }
}

void drawText(text::TextEditor& editor, const Frame& frame, bool active, const std::vector<text::ByteRange>* misspelled,
              const char* id) {
    auto* drawList = ImGui::GetWindowDrawList();
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const auto& lines = editor.lines();
    const std::string& content = editor.text();
    const ImRect clip{drawList->GetClipRectMin(), drawList->GetClipRectMax()};
    // Only the lines in view are drawn: a frame costs the same for a short note and a long one.
    const auto first =
        static_cast<std::size_t>(std::max(0.0f, std::floor((clip.Min.y - frame.textOrigin.y) / frame.lineHeight)));
    const auto last = std::min(
        lines.size(),
        static_cast<std::size_t>(std::max(0.0f, std::ceil((clip.Max.y - frame.textOrigin.y) / frame.lineHeight))));
    const auto selection = editor.selection();
    const ImU32 textColour = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 selectionColour = ImGui::GetColorU32(ImGuiCol_TextSelectedBg);
    const float newlineWidth = font->GetCharAdvance(' ') * size / font->FontSize;
    for (std::size_t i = first; i < last; ++i) {
        const auto& line = lines[i];
        const float top = frame.textOrigin.y + static_cast<float>(i) * frame.lineHeight;
        if (selection.begin < selection.end && selection.begin <= line.end && selection.end >= line.begin) {
            const float x0 = editor.xOn(i, selection.begin);
            float x1 = std::min(frame.innerWidth, editor.xOn(i, selection.end));
            if (selection.end > line.end && line.endsParagraph) {
                x1 += newlineWidth; // the line feed is selected too
            }
            if (x1 > x0) {
                drawList->AddRectFilled({frame.textOrigin.x + x0, top},
                                        {frame.textOrigin.x + x1, top + frame.lineHeight}, selectionColour);
            }
        }
        if (line.end > line.begin) {
            drawList->AddText(font, size, {frame.textOrigin.x, top}, textColour, content.data() + line.begin,
                              content.data() + line.end);
        }
        if (misspelled != nullptr && !misspelled->empty()) {
            underlineMisspellings(drawList, editor, frame, i, *misspelled, id);
        }
    }
    if (active) {
        const auto caret = editor.caretPosition();
        const float x = frame.textOrigin.x + std::min(caret.x, frame.innerWidth);
        const float top = frame.textOrigin.y + static_cast<float>(caret.line) * frame.lineHeight;
        drawList->AddLine({x, top}, {x, top + frame.lineHeight - 1.0f}, textColour, 1.0f);
        // Where an input method (dead keys, CJK composition) shows its window: at the caret.
        GImGui->PlatformImePos = {x - 1.0f, top};
    }
}

void scrollCaretIntoView(text::TextEditor& editor, const Frame& frame) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    const float top = frame.textOrigin.y + static_cast<float>(editor.caretPosition().line) * frame.lineHeight;
    const ImRect caret{{frame.textOrigin.x, top}, {frame.textOrigin.x + 1.0f, top + frame.lineHeight}};
    ImGui::ScrollToBringRectIntoView(window, caret);
}

} // namespace

bool textArea(const char* id, text::TextEditor& editor, const TextAreaOptions& options) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) {
        return false;
    }
    ImGuiContext& g = *GImGui;
    auto& io = ImGui::GetIO();
    const auto& style = ImGui::GetStyle();
    const ImGuiID itemId = window->GetID(id);
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();

    Frame frame;
    frame.lineHeight = ImGui::GetTextLineHeight();
    const float width = std::max(options.width > 0.0f ? options.width : ImGui::GetContentRegionAvail().x, size * 4.0f);
    frame.innerWidth = std::max(1.0f, width - style.FramePadding.x * 2.0f);
    editor.layout(frame.innerWidth, fontKey(font, size), advanceIn(font, size));
    const auto lineCount =
        static_cast<float>(std::max<std::size_t>(editor.lines().size(), static_cast<std::size_t>(options.minLines)));
    const ImVec2 position = window->DC.CursorPos;
    frame.rect =
        ImRect{position, {position.x + width, position.y + lineCount * frame.lineHeight + style.FramePadding.y * 2.0f}};
    frame.textOrigin = {position.x + style.FramePadding.x, position.y + style.FramePadding.y};
    ImGui::ItemSize(frame.rect, style.FramePadding.y);
    if (options.revealCaret) {
        scrollCaretIntoView(editor, frame); // before ItemAdd, which skips a field out of view
    }
    if (!ImGui::ItemAdd(frame.rect, itemId, &frame.rect, ImGuiItemFlags_Inputable)) {
        return false;
    }
    const bool hovered = ImGui::ItemHoverable(frame.rect, itemId);
    if (hovered) {
        g.MouseCursor = ImGuiMouseCursor_TextInput;
    }

    // Focus: a click, Tab / Shift+Tab and SetKeyboardFocusHere activate the field.
    const bool focusedByNavigation = (g.LastItemData.StatusFlags & ImGuiItemStatusFlags_FocusedByTabbing) != 0 ||
                                     g.NavActivateInputId == itemId || g.NavActivateId == itemId;
    const bool clicked = hovered && io.MouseClicked[0];
    if ((focusedByNavigation || clicked) && g.ActiveId != itemId) {
        ImGui::SetActiveID(itemId, window);
        ImGui::SetFocusID(itemId, window);
        ImGui::FocusWindow(window);
    } else if (g.ActiveId == itemId && io.MouseClicked[0] && !hovered) {
        ImGui::ClearActiveID(); // a click elsewhere leaves the field
    }
    const bool active = g.ActiveId == itemId;
    const std::uint64_t before = editor.revision();
    const std::size_t caretBefore = editor.caret();
    if (options.misspelled && options.spellMenu != nullptr) {
        if (const auto word = spellMenuRequest(editor, frame, options.misspelled(editor), hovered, active)) {
            *options.spellMenu = word;
        }
    }
    handleMouse(editor, frame, hovered, active);
    bool keyboard = false;
    if (active) {
        // The arrows, Home/End and Page keys move the caret, not ImGui's navigation.
        g.ActiveIdUsingNavDirMask |=
            (1U << ImGuiDir_Left) | (1U << ImGuiDir_Right) | (1U << ImGuiDir_Up) | (1U << ImGuiDir_Down);
        g.ActiveIdUsingKeyInputMask |= (ImU64{1} << ImGuiKey_Home) | (ImU64{1} << ImGuiKey_End) |
                                       (ImU64{1} << ImGuiKey_PageUp) | (ImU64{1} << ImGuiKey_PageDown);
        g.WantTextInputNextFrame = 1;
        // A key pressed in the very frame the field was tabbed into (End, an arrow) was already
        // turned into a navigation move before the field could claim it: cancel that move, the
        // field handles the key below.
        if (g.NavMoveSubmitted && (g.NavMoveFlags & ImGuiNavMoveFlags_Tabbing) == 0) {
            ImGui::NavMoveRequestCancel();
        }
        // Other items stay hoverable (so a click can move to another field) unless this field is
        // being dragged in.
        g.ActiveIdAllowOverlap = !io.MouseDown[0];
        editor.setPageLines(static_cast<std::size_t>(
            std::max(1.0f, std::floor(window->InnerRect.GetHeight() / frame.lineHeight) - 1.0f)));
        keyboard = handleKeys(editor, options.readOnly);
        // Characters typed with Ctrl are shortcuts, not text. Characters typed while focus is
        // moving to another field stay in the queue for that field.
        if (!io.InputQueueCharacters.empty() && !focusMovingAwayFrom(itemId)) {
            if (!options.readOnly && !(io.KeyCtrl && !io.KeyAlt)) {
                keyboard = editor.type(queuedCharacters()) || keyboard;
            }
            io.InputQueueCharacters.resize(0);
        }
    }
    const bool changed = editor.revision() != before;
    if (changed) {
        ImGui::MarkItemEdited(itemId);
    }
    if (active && (keyboard || changed) && editor.caret() != caretBefore) {
        scrollCaretIntoView(editor, frame);
    }

    ImGui::RenderFrame(frame.rect.Min, frame.rect.Max, ImGui::GetColorU32(ImGuiCol_FrameBg), true, style.FrameRounding);
    if (active || (g.NavId == itemId && !g.NavDisableHighlight)) {
        ImGui::RenderNavHighlight(frame.rect, itemId, ImGuiNavHighlightFlags_TypeThin);
    }
    drawText(editor, frame, active, options.misspelled ? &options.misspelled(editor) : nullptr, id);
    return changed;
}

} // namespace tessera::app::ui
