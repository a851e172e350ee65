// The observation panel of the note editor: themes with intensity, quote and note; stage of
// change; decisional balance. Part of NoteEditorView (see note_editor_view.hpp).

#include "views/note_editor_view.hpp"

#include "ui/probe.hpp"
#include "ui/shortcuts.hpp"
#include "ui/style.hpp"
#include "viewmodels/display_text.hpp"
#include "ui/forms.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <optional>
#include <cmath>
#include <utility>

namespace tessera::app {
namespace {

// One segment of a segmented control (intensity 0-3, weight 1-3): filled with `on` when chosen.
bool segment(const char* label, bool chosen, ImU32 on, float width) {
    const auto colours = ui::palette();
    const ImU32 off = ImGui::GetColorU32(ImGuiCol_FrameBg);
    const ui::ScopedColour buttonColour{ImGuiCol_Button, chosen ? on : off};
    const ui::ScopedColour hoveredColour{ImGuiCol_ButtonHovered,
                                         chosen ? on : ImGui::GetColorU32(ImGuiCol_ButtonHovered)};
    const ui::ScopedColour activeColour{ImGuiCol_ButtonActive, chosen ? on : ImGui::GetColorU32(ImGuiCol_ButtonActive)};
    const ui::ScopedColour textColour{ImGuiCol_Text, chosen ? ImGui::ColorConvertU32ToFloat4(ui::contrastingText(on))
                                                            : colours.mutedText};
    return ImGui::Button(label, {width, 0});
}

} // namespace

void NoteEditorView::drawPanel() {
    // Arrow keys belong to the theme list here (handlePanelKeys), not to ImGui's navigation.
    ImGui::BeginChild("observations", {0, 0}, true, ImGuiWindowFlags_NoNavInputs);
    if (std::exchange(m_panelToTop, false)) {
        ImGui::SetScrollY(0.0f);
    }
    handlePanelKeys();
    ui::boldText("Themes observed");
    if (!isReadOnly()) {
        const ui::ScopedFont smallFont{ui::font(&ui::Fonts::small)};
        ui::mutedWrapped("0 absent \xC2\xB7 1 mentioned \xC2\xB7 2 clearly present \xC2\xB7 3 central");
    }
    const auto rows = visibleThemes();
    if (rows.empty()) {
        ui::mutedText(isReadOnly() ? "No themes were recorded in this note." : "The codebook has no themes yet.");
    }
    std::optional<core::ThemeCategory> category;
    for (const auto* row : rows) {
        if (category != row->category) {
            category = row->category;
            ImGui::Spacing();
            ui::groupLabel(std::string{core::displayName(row->category)}.c_str());
        }
        const ui::ScopedId keyScope{row->key.c_str()};
        drawThemeRow(*row);
    }
    ImGui::Spacing();
    ImGui::Spacing();
    ImGui::Separator();
    drawStages();
    ImGui::Spacing();
    ImGui::Separator();
    drawBalance();
    ImGui::EndChild();
    ui::markItem("observations-panel");
}

void NoteEditorView::handlePanelKeys() {
    // With a theme chosen (clicked) and no text field active: up/down move between themes,
    // 0-3 set the intensity. Typing a quote never triggers these.
    if (isReadOnly() || !ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows) || ImGui::IsAnyItemActive()) {
        return;
    }
    const auto rows = visibleThemes();
    if (rows.empty()) {
        return;
    }
    const auto found =
        std::find_if(rows.begin(), rows.end(), [this](const ThemeRow* row) { return row->key == m_selectedTheme; });
    int index = found == rows.end() ? -1 : static_cast<int>(found - rows.begin());
    const int last = static_cast<int>(rows.size()) - 1;
    if (ui::pressedKey(ImGuiKey_DownArrow, true)) {
        index = std::min(index + 1, last);
        m_scrollToTheme = true;
    } else if (ui::pressedKey(ImGuiKey_UpArrow, true)) {
        index = std::max(index - 1, 0);
        m_scrollToTheme = true;
    }
    if (index < 0) {
        return;
    }
    m_selectedTheme = rows[static_cast<std::size_t>(index)]->key;
    for (int value = core::kMinIntensity; value <= core::kMaxIntensity; ++value) {
        if (ui::pressedPlain(static_cast<char>('0' + value))) {
            m_draft.setIntensity(m_selectedTheme, value, now());
            m_saveRequested = true;
        }
    }
}

void NoteEditorView::drawThemeRow(const ThemeRow& row) {
    const auto colours = ui::palette();
    const auto& style = ImGui::GetStyle();
    const float frame = ImGui::GetFrameHeight();
    const float segmentWidth = std::round(frame * 0.9f);
    const float gap = 2.0f;
    const float buttons = segmentWidth * 4.0f + gap * 3.0f;
    const float labelWidth =
        std::max(ImGui::GetFontSize() * 3.0f, ImGui::GetContentRegionAvail().x - buttons - style.ItemSpacing.x);
    const int value = m_draft.intensity(row.key);
    const bool selected = m_selectedTheme == row.key;
    const bool readOnly = isReadOnly();

    const ImVec2 pos = ImGui::GetCursorScreenPos();
    if (ImGui::Selectable("##theme", selected, ImGuiSelectableFlags_None, {labelWidth, frame})) {
        m_selectedTheme = row.key;
    }
    ui::markItem("theme-" + row.key);
    if (ImGui::IsItemHovered() && (!row.description.empty() || row.retired)) {
        ImGui::BeginTooltip();
        {
            const ui::ScopedTextWrap wrap{ImGui::GetFontSize() * 22.0f};
            ui::boldText(row.label);
            if (!row.description.empty()) {
                ImGui::TextUnformatted(row.description.c_str());
            }
            if (row.retired) {
                ui::mutedText("Retired: kept because this note records it.");
            }
        }
        ImGui::EndTooltip();
    }
    if (selected && m_scrollToTheme) {
        if (!ImGui::IsItemVisible()) {
            ImGui::SetScrollHereY(0.5f);
        }
        m_scrollToTheme = false;
    }
    // The theme's colour as a small swatch (the same colour as in the heatmap and the session
    // marks), then the label.
    auto* drawList = ImGui::GetWindowDrawList();
    const float swatch = std::round(ImGui::GetFontSize() * 0.55f);
    const float inset = style.FramePadding.x * 0.5f;
    const ImVec2 swatchMin{pos.x + inset, pos.y + (frame - swatch) * 0.5f};
    drawList->AddRectFilled(swatchMin, {swatchMin.x + swatch, swatchMin.y + swatch},
                            ImGui::ColorConvertFloat4ToU32(ui::colourFromHex(row.colour, row.retired ? 0.45f : 1.0f)),
                            2.0f);
    const float textX = swatchMin.x + swatch + inset * 1.5f;
    const float textY = pos.y + (frame - ImGui::GetFontSize()) * 0.5f;
    const std::string label = row.retired ? row.label + " (retired)" : row.label;
    ImFont* labelFont = value > 0 ? ui::font(&ui::Fonts::bold) : ImGui::GetFont();
    ui::drawFitted(drawList, {textX, textY}, pos.x + labelWidth - textX - inset,
                   ImGui::GetColorU32(row.retired ? ImGuiCol_TextDisabled : ImGuiCol_Text), label, labelFont);

    ImGui::SameLine(0.0f, style.ItemSpacing.x);
    ImGui::BeginDisabled(readOnly);
    {
        const ui::ScopedStyleVar itemSpacing{ImGuiStyleVar_ItemSpacing, {gap, style.ItemSpacing.y}};
        for (int n = core::kMinIntensity; n <= core::kMaxIntensity; ++n) {
            const ui::ScopedId nScope{n};
            const char digit[2] = {static_cast<char>('0' + n), '\0'};
            // "Absent" is the quiet default: a faint grey, so the observed themes stand out.
            const ImU32 on = ui::intensityColour(row.colour, n);
            if (segment(digit, value == n, on, segmentWidth) && !readOnly) {
                m_draft.setIntensity(row.key, n, now());
                m_selectedTheme = row.key;
                m_saveRequested = true;
            }
            ui::markItem("intensity-" + row.key + "-" + std::to_string(n));
            if (ImGui::IsItemHovered()) {
                ImGui::SetTooltip("%d \xE2\x80\x94 %s", n, std::string{intensityLabel(n)}.c_str());
            }
            if (n < core::kMaxIntensity) {
                ImGui::SameLine();
            }
        }
    }
    ImGui::EndDisabled();

    // Quote and note appear once the theme is observed (or when they already hold text); read
    // again after the buttons, so a click shows them in the same frame.
    const int observed = m_draft.intensity(row.key);
    const auto* observation = m_draft.observation(row.key);
    const bool hasText = observation != nullptr && (!observation->quote.empty() || !observation->note.empty());
    const float indent = textX - pos.x;
    if (readOnly) {
        if (observation != nullptr && !observation->quote.empty()) {
            ImGui::Indent(indent);
            {
                const ui::ScopedFont smallFont{ui::font(&ui::Fonts::small)};
                const ui::ScopedTextWrap wrap;
                ImGui::TextColored(colours.mutedText, "\xE2\x80\x9C%s\xE2\x80\x9D", observation->quote.c_str());
            }
            ImGui::Unindent(indent);
        }
        return;
    }
    if (observed == 0 && !hasText) {
        // The quote field's place is kept empty: tagging the theme fills it without moving any
        // row, so the next click lands on the theme that was under the pointer.
        ImGui::Dummy({1.0f, ImGui::GetFrameHeight()});
        ImGui::Spacing();
        return;
    }
    auto& editable = m_draft.observationFor(row.key);
    const ui::EscapeKeepsText keep;
    ImGui::Indent(indent);
    // The quote is what clinicians write most; a note is one click away, so that observed
    // themes stay compact.
    const bool showNote = !editable.note.empty() || m_notesShown.count(row.key) > 0;
    const char* addNote = "+ note";
    const float addNoteWidth = showNote ? 0.0f : ImGui::CalcTextSize(addNote).x + style.FramePadding.x * 2.0f;
    ImGui::SetNextItemWidth(showNote ? -FLT_MIN
                                     : ImGui::GetContentRegionAvail().x - addNoteWidth - style.ItemSpacing.x);
    if (ImGui::InputTextWithHint("##quote", "Verbatim quote (optional)", &editable.quote)) {
        edited();
    }
    ui::markItem("quote-" + row.key);
    if (ImGui::IsItemDeactivatedAfterEdit()) {
        m_saveRequested = true;
    }
    if (!showNote) {
        ImGui::SameLine();
        {
            const ui::ScopedColour textColour{ImGuiCol_Text, colours.accent};
            if (ImGui::Button(addNote, {addNoteWidth, 0})) {
                m_notesShown.insert(row.key);
                m_focusNote = row.key;
            }
        }
        ui::markItem("obs-add-note-" + row.key);
    } else {
        ImGui::SetNextItemWidth(-FLT_MIN);
        if (m_focusNote == row.key) {
            ImGui::SetKeyboardFocusHere();
            m_focusNote.clear();
        }
        if (ImGui::InputTextWithHint("##note", "Note (optional)", &editable.note)) {
            edited();
        }
        ui::markItem("obs-note-" + row.key);
        if (ImGui::IsItemDeactivatedAfterEdit()) {
            m_saveRequested = true;
        }
    }
    ImGui::Unindent(indent);
    ImGui::Spacing();
}

void NoteEditorView::drawStages() {
    ImGui::Spacing();
    ui::boldText("Stage of change");
    const bool readOnly = isReadOnly();
    const float labelWidth = std::max(ImGui::CalcTextSize("Leaving").x, ImGui::CalcTextSize("Safety").x) +
                             ImGui::GetStyle().ItemSpacing.x * 2.0f;
    for (const auto target : core::kStageTargets) {
        const ui::ScopedId targetScope{static_cast<int>(target)};
        const auto current = m_draft.session().stageOfChange.of(target);
        const std::string probe = "stage-" + std::string{core::toString(target)};
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(stageTargetLabel(target).c_str());
        ImGui::SameLine(labelWidth);
        // The previous session's stage, shown muted in the field with "Use" beside it: offered,
        // not recorded (NoteDraft::suggestedStage), so analytics never count it unconfirmed.
        const auto suggestion = m_draft.suggestedStage(target);
        const char* accept = "Use";
        std::optional<ui::ScopedColour> suggestedColour;
        if (suggestion) {
            ImGui::SetNextItemWidth(-(ImGui::CalcTextSize(accept).x + ImGui::GetStyle().FramePadding.x * 2.0f +
                                      ImGui::GetStyle().ItemSpacing.x));
            suggestedColour.emplace(ImGuiCol_Text, ui::palette().mutedText);
        } else {
            ImGui::SetNextItemWidth(-FLT_MIN);
        }
        ImGui::BeginDisabled(readOnly);
        // The stage first: in a narrow panel the end of the text is what gets cut.
        const std::string preview = suggestion ? stageLabel(suggestion->stage) + " \xE2\x80\x94 suggested from " +
                                                     shortDate(suggestion->from, localToday())
                                               : stageLabel(current);
        const bool open = ImGui::BeginCombo("##stage", preview.c_str());
        suggestedColour.reset();
        ui::markItem(probe);
        if (suggestion && ImGui::IsItemHovered()) {
            ImGui::SetTooltip("The stage recorded on %s. Not part of this note until you choose \"Use\" "
                              "(or Ctrl+Shift+G) or pick a stage.",
                              mediumDate(suggestion->from).c_str());
        }
        if (open) {
            if (ImGui::Selectable("not recorded", !current.has_value())) {
                m_draft.setStage(target, std::nullopt, now());
                m_saveRequested = true;
            }
            ui::markItem(probe + "-none");
            for (const auto stage : core::kStages) {
                const ui::ScopedId stageScope{static_cast<int>(stage)};
                const bool chosen = current == stage;
                if (ImGui::Selectable(stageLabel(stage).c_str(), chosen)) {
                    m_draft.setStage(target, stage, now());
                    m_saveRequested = true;
                }
                ui::markItem(probe + "-" + std::string{core::toString(stage)});
                if (chosen) {
                    ImGui::SetItemDefaultFocus();
                }
            }
            ImGui::EndCombo();
        }
        if (suggestion) {
            ImGui::SameLine();
            if (ImGui::Button(accept)) {
                m_draft.acceptSuggestedStage(target, now());
                m_saveRequested = true;
            }
            ui::markItem(probe + "-accept");
        }
        ImGui::EndDisabled();
    }
}

void NoteEditorView::drawBalance() {
    ImGui::Spacing();
    ui::boldText("Decisional balance");
    {
        const ui::ScopedFont smallFont{ui::font(&ui::Fonts::small)};
        ui::mutedWrapped("Reasons to stay and to leave as the client sees them, each weighted 1\xE2\x80\x93"
                         "3.");
    }
    drawBalanceSide(core::BalanceSide::Stay);
    ImGui::Spacing();
    drawBalanceSide(core::BalanceSide::Leave);
}

void NoteEditorView::drawBalanceSide(core::BalanceSide side) {
    const auto colours = ui::palette();
    const bool readOnly = isReadOnly();
    auto& items = m_draft.session().decisionalBalance;
    const std::string sideKey{core::toString(side)};
    int total = 0;
    for (const auto& item : items) {
        total += item.side == side && !item.reason.empty() ? item.weight : 0;
    }
    ImGui::TextUnformatted(side == core::BalanceSide::Stay ? "Reasons to stay" : "Reasons to leave");
    if (total > 0) {
        ImGui::SameLine();
        const std::string weight = "\xC2\xB7 weight " + std::to_string(total);
        ui::mutedText(weight);
    }
    const float frame = ImGui::GetFrameHeight();
    const float gap = 2.0f;
    const float weights = frame * 3.0f + gap * 2.0f;
    std::optional<std::size_t> remove;
    bool any = false;
    for (std::size_t i = 0; i < items.size(); ++i) {
        auto& item = items[i];
        if (item.side != side) {
            continue;
        }
        any = true;
        const ui::ScopedId iScope{static_cast<int>(i)};
        if (readOnly) {
            ImGui::Bullet();
            const ui::ScopedTextWrap wrap;
            ImGui::Text("%s  (weight %d)", item.reason.c_str(), item.weight);
            continue;
        }
        const auto& style = ImGui::GetStyle();
        ImGui::SetNextItemWidth(
            std::max(frame * 3.0f, ImGui::GetContentRegionAvail().x - weights - frame - style.ItemSpacing.x * 2.0f));
        if (m_focusBalance == i) {
            ImGui::SetKeyboardFocusHere();
            m_focusBalance.reset();
        }
        bool changed = false;
        {
            const ui::EscapeKeepsText keep;
            changed = ImGui::InputTextWithHint("##reason", "In the client's words", &item.reason);
        }
        if (changed) {
            edited();
        }
        ui::markItem("balance-reason-" + std::to_string(i));
        if (ImGui::IsItemDeactivatedAfterEdit()) {
            m_saveRequested = true;
        }
        ImGui::SameLine();
        {
            const ui::ScopedStyleVar itemSpacing{ImGuiStyleVar_ItemSpacing, {gap, style.ItemSpacing.y}};
            for (int w = core::kMinBalanceWeight; w <= core::kMaxBalanceWeight; ++w) {
                {
                    const ui::ScopedId wScope{w};
                    const char label[2] = {static_cast<char>('0' + w), '\0'};
                    if (segment(label, item.weight == w, ImGui::ColorConvertFloat4ToU32(colours.accent), frame) &&
                        item.weight != w) {
                        item.weight = w;
                        edited();
                        m_saveRequested = true;
                    }
                    ui::markItem("balance-weight-" + std::to_string(i) + "-" + std::to_string(w));
                    if (ImGui::IsItemHovered()) {
                        ImGui::SetTooltip("Weight %d", w);
                    }
                }
                ImGui::SameLine();
            }
        }
        if (ImGui::Button("\xC3\x97", {frame, 0})) {
            remove = i;
        }
        ui::markItem("balance-remove-" + std::to_string(i));
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("Remove this reason");
        }
    }
    if (remove) {
        m_draft.removeBalanceItem(*remove, now());
        m_saveRequested = true;
    }
    if (readOnly) {
        if (!any) {
            ui::mutedText("\xE2\x80\x94");
        }
        return;
    }
    {
        const ui::ScopedColour textColour{ImGuiCol_Text, colours.accent};
        if (ImGui::SmallButton(side == core::BalanceSide::Stay ? "+ Add a reason to stay"
                                                               : "+ Add a reason to leave")) {
            m_draft.addBalanceItem(side, now());
            m_focusBalance = items.size() - 1;
        }
    }
    ui::markItem("balance-add-" + sideKey);
}

} // namespace tessera::app
