#include "views/codebook_view.hpp"

#include "ui/probe.hpp"
#include "ui/text_area.hpp"
#include "ui/shortcuts.hpp"
#include "ui/style.hpp"
#include "ui/workspace.hpp"
#include "ui/forms.hpp"
#include "ui/widgets.hpp"

#include "tessera/core/codebook.hpp"
#include "tessera/storage/errors.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <cmath>
#include <cstdio>

namespace tessera::app {
namespace {

std::string toHex(const std::array<float, 3>& rgb) {
    std::array<int, 3> channel{};
    for (std::size_t i = 0; i < 3; ++i) {
        channel[i] = std::clamp(static_cast<int>(std::lround(rgb[i] * 255.0f)), 0, 255);
    }
    std::array<char, 8> text{};
    std::snprintf(text.data(), text.size(), "#%02X%02X%02X", channel[0], channel[1], channel[2]);
    return text.data();
}

std::array<float, 3> fromHex(const std::string& hex) {
    const ImVec4 colour = ui::colourFromHex(hex);
    return {colour.x, colour.y, colour.z};
}

void mutedText(const char* text) {
    const ui::ScopedColour textColour{ImGuiCol_Text, ui::palette().mutedText};
    ImGui::TextUnformatted(text);
}

void mutedWrapped(const char* text, float width) {
    const ui::ScopedColour textColour{ImGuiCol_Text, ui::palette().mutedText};
    const ui::ScopedTextWrap wrap{ImGui::GetCursorPosX() + width};
    ImGui::TextUnformatted(text);
}

// A small outlined "retired" tag, drawn at `at` (top-left); returns its width.
float drawRetiredBadge(ImDrawList* list, ImVec2 at, float height) {
    const auto colours = ui::palette();
    ImFont* small = ui::font(&ui::Fonts::small);
    const char* text = "retired";
    const ImVec2 size = small->CalcTextSizeA(small->FontSize, FLT_MAX, 0.0f, text);
    const float padX = 6.0f;
    const float boxH = std::min(height, size.y + 4.0f);
    const ImVec2 min{at.x, at.y + (height - boxH) * 0.5f};
    const ImVec2 max{min.x + size.x + padX * 2.0f, min.y + boxH};
    list->AddRect(min, max, ImGui::ColorConvertFloat4ToU32(colours.mutedText), 4.0f);
    list->AddText(small, small->FontSize, {min.x + padX, min.y + (boxH - size.y) * 0.5f},
                  ImGui::ColorConvertFloat4ToU32(colours.mutedText), text);
    return max.x - min.x;
}

float retiredBadgeWidth() {
    ImFont* small = ui::font(&ui::Fonts::small);
    return small->CalcTextSizeA(small->FontSize, FLT_MAX, 0.0f, "retired").x + 12.0f;
}

} // namespace

CodebookView::CodebookView(Workspace& workspace) : m_workspace(workspace) {}

std::string CodebookView::slugFromLabel(std::string_view label, char separator) {
    std::string slug;
    bool pendingSeparator = false;
    for (const char raw : label) {
        const auto c = static_cast<unsigned char>(raw);
        if (std::isalnum(c) != 0 && c < 0x80) {
            if (pendingSeparator && !slug.empty()) {
                slug.push_back(separator);
            }
            pendingSeparator = false;
            slug.push_back(static_cast<char>(std::tolower(c)));
        } else {
            pendingSeparator = true;
        }
        if (slug.size() >= 48) {
            break;
        }
    }
    // A key starts with a letter: "2nd opinion" becomes "theme-2nd-opinion".
    if (!slug.empty() && std::isdigit(static_cast<unsigned char>(slug.front())) != 0) {
        slug = std::string{separator == '_' ? "section_" : "theme-"} + slug;
    }
    return slug;
}

bool CodebookView::formChanged() const {
    if (m_adding) {
        return true;
    }
    const auto* theme = m_model.find(m_selectedKey);
    return theme != nullptr && (theme->label != m_form.label || theme->category != m_form.category ||
                                theme->description != m_form.description || theme->colour != m_form.colour);
}

void CodebookView::update() {
    (void)m_model.update(m_workspace.vault(), m_filter);
    // (A read may also arrive inside waitForRead, so the error is looked for each frame.)
    if (auto error = m_model.takeReadError()) {
        m_workspace.reportError(*error); // once: not retried until the revision changes
    }
}

void CodebookView::select(const std::string& key) {
    m_adding = false;
    m_selectedKey = key;
    m_problems.clear();
    m_keyEdited = true;
    if (const auto* theme = m_model.find(key)) {
        m_form = *theme;
        m_description.setText(m_form.description);
        m_colour = fromHex(m_form.colour);
    }
}

void CodebookView::beginNew() {
    m_adding = true;
    m_problems.clear();
    m_keyEdited = false;
    m_form = core::Theme{};
    m_form.category = core::ThemeCategory::Barrier;
    m_form.colour = std::string{core::defaultColour(m_form.category)};
    m_description.setText({});
    m_colour = fromHex(m_form.colour);
    m_focusForm = true;
}

void CodebookView::save() {
    m_problems.clear();
    core::Theme theme = m_form;
    if (m_adding) {
        if (const auto* existing = m_model.find(theme.key)) {
            m_problems.push_back("The key \"" + theme.key + "\" is already used by \"" + existing->label +
                                 "\". Keys are permanent, so choose another.");
            return;
        }
        theme.retired = false;
    } else if (const auto* existing = m_model.find(m_selectedKey)) {
        theme.key = existing->key; // a key never changes once saved
        theme.retired = existing->retired;
    } else {
        return;
    }
    auto done = (m_adding ? "Added the theme \"" : "Saved \"") + theme.label + "\".";
    write(theme, std::move(done), true);
}

void CodebookView::setRetired(bool retired) {
    const auto* existing = m_model.find(m_selectedKey);
    if (existing == nullptr) {
        return;
    }
    core::Theme theme = *existing;
    theme.retired = retired;
    auto done = retired ? "Retired \"" + theme.label +
                              "\". Its history stays in every note; it is no longer offered for new observations."
                        : "\"" + theme.label + "\" is offered for new observations again.";
    write(theme, std::move(done), false); // the form keeps any edits not saved yet
}

void CodebookView::write(const core::Theme& theme, std::string done, bool selectAfter) {
    if (m_model.save(m_workspace.vault(), theme)) {
        m_writing = theme;
        m_writingDone = std::move(done);
        m_selectAfterWrite = selectAfter;
    }
}

void CodebookView::takeWritten() {
    auto problems = m_model.takeSaved([this](const std::string& error) { m_workspace.reportError(error); });
    if (!problems) {
        return;
    }
    if (!problems->empty()) {
        m_problems = std::move(*problems);
        return;
    }
    m_workspace.inform(m_writingDone);
    if (m_selectAfterWrite) {
        // The form shows what was saved; the list has it once the codebook is read again.
        m_adding = false;
        m_selectedKey = m_writing.key;
        m_form = m_writing;
        m_keyEdited = true;
    }
}

void CodebookView::waitForModel() {
    m_model.waitForSave();
    takeWritten();
    m_model.waitForRead(m_workspace.vault(), m_filter);
}

void CodebookView::draw() {
    takeWritten();
    update();
    // (Only once the list is current: a theme just added is not in the list read before it.)
    if (!m_adding && !m_model.reading() && m_model.find(m_selectedKey) == nullptr) {
        // Show a definition rather than an empty pane: the first theme in display order.
        for (const auto category : core::kThemeCategories) {
            const auto it = std::find_if(m_model.themes().begin(), m_model.themes().end(),
                                         [&](const core::Theme& t) { return t.category == category; });
            if (it != m_model.themes().end()) {
                select(it->key);
                break;
            }
        }
    }
    if (ui::pressedCtrl('S') && formChanged()) {
        save();
    }
    const float scale = ui::unit();
    drawList(std::min(360.0f * scale, ImGui::GetContentRegionAvail().x * 0.4f));
    ImGui::SameLine();
    drawEditor();
}

void CodebookView::drawList(float width) {
    const auto colours = ui::palette();
    ImGui::BeginChild("codebook-list", {width, 0}, true);
    ImGui::SetNextItemWidth(-FLT_MIN);
    ImGui::InputTextWithHint("##filter", "Filter themes", &m_filter);
    ui::markItem("codebook-filter");
    if (ImGui::Button("New theme", {-FLT_MIN, 0})) {
        beginNew();
    }
    ui::markItem("codebook-new");

    const float rowHeight = ImGui::GetFrameHeight();
    bool any = false;
    bool anyHovered = false;
    for (std::size_t c = 0; c < core::kThemeCategories.size(); ++c) {
        const auto& visible = m_model.visible(core::kThemeCategories[c]);
        if (visible.empty()) {
            continue;
        }
        any = true;
        const ui::ScopedId cScope{static_cast<int>(c)};
        ImGui::Spacing();
        {
            const ui::ScopedFont boldFont{ui::font(&ui::Fonts::bold)};
            const ui::ScopedColour textColour{ImGuiCol_Text, colours.mutedText};
            ImGui::Text("%s", std::string{core::displayName(core::kThemeCategories[c])}.c_str());
        }
        for (const std::size_t index : visible) {
            const auto& theme = m_model.themes()[index];
            const ui::ScopedId keyScope{theme.key.c_str()};
            const bool selected = !m_adding && theme.key == m_selectedKey;
            if (ImGui::Selectable("##theme", selected, 0, {0, rowHeight})) {
                select(theme.key);
            }
            ui::markItem("codebook-theme-" + theme.key);
            const bool hovered = ImGui::IsItemHovered();
            const ImVec2 min = ImGui::GetItemRectMin();
            const ImVec2 max = ImGui::GetItemRectMax();
            auto* list = ImGui::GetWindowDrawList();
            const float swatch = rowHeight * 0.42f;
            const ImVec2 swatchMin{min.x + 4.0f, min.y + (rowHeight - swatch) * 0.5f};
            list->AddRectFilled(
                swatchMin, {swatchMin.x + swatch, swatchMin.y + swatch},
                ImGui::ColorConvertFloat4ToU32(ui::colourFromHex(theme.colour, theme.retired ? 0.35f : 1.0f)), 3.0f);
            float textRight = max.x - 4.0f;
            if (theme.retired) {
                textRight -= retiredBadgeWidth() + 6.0f;
                drawRetiredBadge(list, {textRight + 6.0f, min.y}, rowHeight);
            }
            const ImVec2 textAt{swatchMin.x + swatch + 10.0f, min.y + (rowHeight - ImGui::GetFontSize()) * 0.5f};
            ui::drawFitted(list, textAt, textRight - textAt.x,
                           ImGui::ColorConvertFloat4ToU32(theme.retired ? colours.mutedText : colours.text),
                           theme.label);
            if (hovered && m_hoveredKey != theme.key) {
                m_hoveredKey = theme.key;
                m_hoveredSince = ImGui::GetTime();
            }
            anyHovered = anyHovered || hovered;
            // The definition shows after a short rest, not while the pointer passes over the list.
            if (hovered && ImGui::GetTime() - m_hoveredSince > 0.6) {
                ImGui::BeginTooltip();
                {
                    const ui::ScopedTextWrap wrap{ImGui::GetFontSize() * 24.0f};
                    {
                        const ui::ScopedFont boldFont{ui::font(&ui::Fonts::bold)};
                        ImGui::TextUnformatted(theme.label.c_str());
                    }
                    ImGui::TextColored(colours.mutedText, "%s%s", theme.key.c_str(), theme.retired ? " (retired)" : "");
                    if (!theme.description.empty()) {
                        ImGui::TextUnformatted(theme.description.c_str());
                    }
                }
                ImGui::EndTooltip();
            }
        }
    }
    if (!anyHovered) {
        m_hoveredKey.clear();
    }
    if (!any) {
        ImGui::Spacing();
        mutedText(m_model.themes().empty() ? "The codebook is empty." : "No theme matches the filter.");
    }
    ImGui::Spacing();
    ImGui::Separator();
    {
        const ui::ScopedFont smallFont{ui::font(&ui::Fonts::small)};
        ImGui::TextColored(colours.mutedText, "%zu themes, %zu retired", m_model.themes().size(),
                           m_model.retiredCount());
    }
    ImGui::EndChild();
}

void CodebookView::drawKeyField(float width) {
    ImGui::TextUnformatted("Key");
    if (!m_adding) {
        ImGui::SameLine();
        mutedText("(permanent)");
    }
    ImGui::SetNextItemWidth(width);
    if (m_adding) {
        if (ImGui::InputTextWithHint("##key", "e.g. financial-abuse", &m_form.key)) {
            m_keyEdited = true;
        }
        ui::markItem("codebook-key");
        mutedWrapped("Notes and exports refer to a theme by its key, so it is permanent once saved. "
                     "Lower-case letters, digits and hyphens.",
                     width);
    } else {
        ImGui::BeginDisabled();
        ImGui::InputText("##key", &m_form.key, ImGuiInputTextFlags_ReadOnly);
        ImGui::EndDisabled();
        ui::markItem("codebook-key");
    }
}

void CodebookView::drawCategoryField() {
    ImGui::TextUnformatted("Category");
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, 280.0f * ui::unit()));
    const std::string current{core::displayName(m_form.category)};
    if (ImGui::BeginCombo("##category", current.c_str())) {
        for (const auto category : core::kThemeCategories) {
            const ui::ScopedId categoryScope{static_cast<int>(category)};
            const std::string name{core::displayName(category)};
            if (ImGui::Selectable(name.c_str(), category == m_form.category)) {
                // A new theme whose colour was not chosen takes its category's colour.
                if (m_adding && m_form.colour == core::defaultColour(m_form.category)) {
                    m_form.colour = std::string{core::defaultColour(category)};
                    m_colour = fromHex(m_form.colour);
                }
                m_form.category = category;
            }
            ui::markItem("codebook-category-" + std::string{core::toString(category)});
        }
        ImGui::EndCombo();
    }
    ui::markItem("codebook-category");
}

void CodebookView::drawColourField(float width) {
    const float left = ImGui::GetCursorPosX();
    ImGui::TextUnformatted("Colour");
    ImGui::SetNextItemWidth(180.0f * ui::unit());
    if (ImGui::ColorEdit3("##colour", m_colour.data(), ImGuiColorEditFlags_DisplayHex | ImGuiColorEditFlags_InputRGB)) {
        m_form.colour = toHex(m_colour);
    }
    ui::markItem("codebook-colour");
    // How the colour reads in the heatmap, at intensities 1, 2 and 3: beside the field when it fits.
    const float cell = ImGui::GetFrameHeight();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float preview = ImGui::CalcTextSize("In the heatmap:").x + 3.0f * (cell + spacing);
    ImGui::SameLine(0.0f, 24.0f);
    if (ImGui::GetCursorPosX() + preview > left + width) {
        ImGui::NewLine();
        ImGui::SetCursorPosX(left);
    }
    ImGui::AlignTextToFramePadding();
    mutedText("In the heatmap:");
    for (int intensity = 1; intensity <= 3; ++intensity) {
        ImGui::SameLine();
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::GetWindowDrawList()->AddRectFilled(at, {at.x + cell, at.y + cell},
                                                  ui::intensityColour(m_form.colour, intensity), 3.0f);
        const auto digit = std::to_string(intensity);
        const ImVec2 size = ImGui::CalcTextSize(digit.c_str());
        ImGui::GetWindowDrawList()->AddText(
            {at.x + (cell - size.x) * 0.5f, at.y + (cell - size.y) * 0.5f},
            ImGui::ColorConvertFloat4ToU32(intensity == 3 ? ImVec4{1, 1, 1, 1} : ui::palette().text), digit.c_str());
        ImGui::Dummy({cell, cell});
    }
}

void CodebookView::drawEditor() {
    const auto colours = ui::palette();
    ImGui::BeginChild("codebook-editor", {0, 0}, false);
    const auto* theme = m_model.find(m_selectedKey);
    if (!m_adding && theme == nullptr) {
        mutedText("Choose a theme on the left, or add a new one.");
        ImGui::EndChild();
        return;
    }
    const float scale = ui::unit();
    const float width = std::min(ImGui::GetContentRegionAvail().x - 8.0f, 640.0f * scale);
    {
        const ui::ScopedFont headingFont{ui::font(&ui::Fonts::heading)};
        ImGui::TextUnformatted(m_adding ? "New theme" : theme->label.c_str());
    }
    if (m_adding) {
        mutedWrapped("Name what you want to follow across sessions. It appears in the observation panel of every "
                     "new note, in its category.",
                     width);
    } else if (theme->retired) {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float badge = drawRetiredBadge(ImGui::GetWindowDrawList(), at, ImGui::GetTextLineHeight());
        ImGui::Dummy({badge, ImGui::GetTextLineHeight()});
        ImGui::SameLine();
        mutedWrapped("Its history stays in every note that used it; it is not offered for new observations.",
                     width - badge - 10.0f);
    } else {
        ImGui::TextColored(colours.mutedText, "%s  \xC2\xB7  offered for new observations",
                           std::string{core::displayName(theme->category)}.c_str());
    }
    ImGui::Spacing();

    {
        const ui::ScopedItemWidth itemWidth{width};
        ImGui::TextUnformatted("Label");
        ImGui::SetNextItemWidth(width);
        if (m_focusForm) {
            ImGui::SetKeyboardFocusHere();
            m_focusForm = false;
        }
        if (ImGui::InputTextWithHint("##label", "e.g. Financial abuse", &m_form.label) && m_adding && !m_keyEdited) {
            m_form.key = slugFromLabel(m_form.label, '-');
        }
        ui::markItem("codebook-label");
        drawKeyField(width);
        drawCategoryField();
        ImGui::TextUnformatted("Description");
        // Soft-wrapped as the note's fields are: what is typed is stored exactly, at any width.
        if (ui::textArea("##description", m_description, {.minLines = 4, .width = width})) {
            m_form.description = m_description.text();
        }
        ui::markItem("codebook-description");
        drawColourField(width);
    }

    ImGui::Spacing();
    ImGui::Spacing();
    const bool changed = formChanged();
    // Saving rebuilds the codebook model, which frees what `theme` points to: read it first.
    const bool showRetire = !m_adding && theme != nullptr;
    const bool retired = showRetire && theme->retired;
    theme = nullptr;
    const bool saving = m_model.saving();
    ImGui::BeginDisabled(!changed || saving);
    if (ImGui::Button(m_adding ? "Add theme" : "Save changes")) {
        save();
    }
    ImGui::EndDisabled();
    ui::markItem("codebook-save");
    ImGui::SameLine();
    ImGui::BeginDisabled(!changed);
    if (ImGui::Button(m_adding ? "Cancel" : "Revert")) {
        select(m_selectedKey); // back to the stored definition (or, after "New theme", the last selection)
    }
    ImGui::EndDisabled();
    ui::markItem("codebook-revert");
    if (showRetire) {
        const char* action = retired ? "Bring back" : "Retire theme";
        const float buttonWidth = ImGui::CalcTextSize(action).x + ImGui::GetStyle().FramePadding.x * 2.0f;
        ImGui::SameLine(std::max(ImGui::GetCursorPosX(), width - buttonWidth));
        ImGui::BeginDisabled(saving);
        if (ImGui::Button(action)) {
            setRetired(!retired);
        }
        ImGui::EndDisabled();
        ui::markItem("codebook-retire");
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip(retired ? "Offer this theme for new observations again."
                                      : "Stop offering this theme for new observations. Notes that used it keep it.");
        }
    }
    if (saving || changed) {
        const ui::ScopedFont smallFont{ui::font(&ui::Fonts::small)};
        ImGui::TextColored(colours.mutedText, "%s",
                           saving     ? "Saving\xE2\x80\xA6"
                           : m_adding ? "Ctrl+S adds the theme."
                                      : "Unsaved changes. Ctrl+S saves.");
    }
    if (!m_problems.empty()) {
        ImGui::Spacing();
        const ui::ScopedColour textColour{ImGuiCol_Text, colours.danger};
        const ui::ScopedTextWrap wrap{ImGui::GetCursorPosX() + width};
        for (std::size_t i = 0; i < m_problems.size(); ++i) {
            ImGui::TextUnformatted(m_problems[i].c_str());
            if (i == 0) {
                ui::markItem("codebook-error");
            }
        }
    }
    ImGui::EndChild();
}

} // namespace tessera::app
