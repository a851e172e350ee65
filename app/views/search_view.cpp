#include "views/search_view.hpp"

#include "ui/probe.hpp"
#include "ui/style.hpp"
#include "ui/widgets.hpp"
#include "ui/workspace.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>

namespace tessera::app {
namespace {

// A line of wrapped text centred in a column of `width` starting at the cursor.
void centredParagraph(const char* text, float width, ImVec4 colour) {
    const float textWidth = std::min(ImGui::CalcTextSize(text).x, width);
    const float x = ImGui::GetCursorPosX();
    ImGui::SetCursorPosX(x + (width - textWidth) * 0.5f);
    const ui::ScopedTextWrap wrap{ImGui::GetCursorPosX() + textWidth + 1.0f};
    const ui::ScopedColour textColour{ImGuiCol_Text, colour};
    ImGui::TextUnformatted(text);
}

} // namespace

SearchView::SearchView(Workspace& workspace) : m_workspace(workspace) {}

void SearchView::focusQuery() {
    m_focusQuery = true;
}

void SearchView::setQuery(std::string_view text) {
    m_query = text;
    inputsChanged(true);
}

void SearchView::inputsChanged(bool immediate) {
    m_model.setInputs({m_query, m_clientCode, m_themeKey}, ImGui::GetTime(), immediate);
}

void SearchView::open(const SearchRow& row) {
    if (row.client.value == 0) {
        m_workspace.reportError("The client of this note is no longer in the vault.");
        return;
    }
    m_workspace.openNote(row.client, row.hit.session);
    const auto match = std::find_if(row.snippet.begin(), row.snippet.end(),
                                    [](const TextRun& run) { return run.emphasised && !run.text.empty(); });
    m_workspace.revealMatch =
        Workspace::NoteMatch{row.hit.session, row.hit.field, match != row.snippet.end() ? match->text : std::string{}};
}

void SearchView::draw() {
    drawControls();
    m_model.update(m_workspace.vault(), m_workspace.revision(), ImGui::GetTime());
    ImGui::Spacing();

    const auto& searched = m_model.searched();
    if (m_model.inputsBlank()) { // the model's rule: it runs no search then
        drawEmptyState();
        return;
    }
    if (m_model.error()) {
        {
            const ui::ScopedColour textColour{ImGuiCol_Text, ui::palette().danger};
            const ui::ScopedTextWrap wrap;
            ImGui::Text("The search could not run: %s", m_model.error()->c_str());
        }
        ui::markItem("search-error");
        return;
    }
    if (!searched || (m_model.rows().empty() && m_model.pending())) {
        ui::mutedText("Searching…");
        return;
    }
    if (m_model.rows().empty()) {
        std::string scope;
        if (searched->clientCode) {
            scope += " for " + *searched->clientCode;
        }
        if (searched->themeKey) {
            const auto& themes = m_model.themes();
            const auto it = std::find_if(themes.begin(), themes.end(),
                                         [&](const core::Theme& t) { return t.key == *searched->themeKey; });
            scope += " in sessions tagged " + (it != themes.end() ? it->label : *searched->themeKey);
        }
        {
            const ui::ScopedFont boldFont{ui::font(&ui::Fonts::bold)};
            ImGui::Text("No passage matches \u201c%s\u201d%s.", searched->text.c_str(), scope.c_str());
        }
        ui::markItem("search-no-results");
        ui::mutedWrapped(
            "Check the spelling, remove a filter, or search for the beginning of a word with * (scar* finds "
            "scared and scary).");
        return;
    }
    drawResults();
}

void SearchView::drawControls() {
    const float u = ui::unit();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float filterWidth = 200.0f * u;
    const float queryWidth = std::max(ImGui::GetContentRegionAvail().x - 2.0f * (filterWidth + spacing), 160.0f * u);

    if (m_focusQuery) {
        ImGui::SetKeyboardFocusHere();
        m_focusQuery = false;
        m_selectQueryOnFocus = true;
    }
    // Focused by Ctrl+F, the field selects the old query so that typing replaces it (ImGui 1.86 does
    // not select on a focus request by itself).
    const ImGuiInputTextFlags flags =
        ImGuiInputTextFlags_EnterReturnsTrue | (m_selectQueryOnFocus ? ImGuiInputTextFlags_AutoSelectAll : 0);
    ImGui::SetNextItemWidth(queryWidth);
    const bool enter =
        ImGui::InputTextWithHint("##query", "Search notes, quotes and addenda (Ctrl+F)", &m_query, flags);
    ui::markItem("search-query");
    if (ImGui::IsItemActive()) {
        m_selectQueryOnFocus = false;
    }
    if (enter) {
        inputsChanged(true);
    } else if (m_model.inputs().text != m_query) {
        inputsChanged(false);
    }
    ImGui::SameLine();
    drawClientFilter(filterWidth);
    ImGui::SameLine();
    drawThemeFilter(filterWidth);
}

void SearchView::drawClientFilter(float width) {
    ImGui::SetNextItemWidth(width);
    const char* preview = m_clientCode ? m_clientCode->c_str() : "All clients";
    const bool open = ImGui::BeginCombo("##client-filter", preview, ImGuiComboFlags_HeightLarge);
    ui::markItem("search-client");
    if (!open) {
        return;
    }
    if (ImGui::Selectable("All clients", !m_clientCode)) {
        m_clientCode.reset();
        inputsChanged(true);
    }
    ui::markItem("search-client-all");
    const auto& clients = m_model.clients();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(clients.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const auto& client = clients[static_cast<std::size_t>(i)];
            const ui::ScopedId iScope{i};
            const bool selected = m_clientCode && *m_clientCode == client.code;
            if (ImGui::Selectable(client.code.c_str(), selected)) {
                m_clientCode = client.code;
                inputsChanged(true);
            }
            ui::markItem("search-client-" + client.code);
            if (!client.displayName.empty() && !m_workspace.namesHidden) {
                ImGui::SameLine(0.0f, ImGui::GetStyle().ItemSpacing.x * 2.0f);
                ui::mutedText(client.displayName);
            }
        }
    }
    ImGui::EndCombo();
}

void SearchView::drawThemeFilter(float width) {
    const auto& themes = m_model.themes();
    std::string preview = "All themes";
    if (m_themeKey) {
        const auto it =
            std::find_if(themes.begin(), themes.end(), [&](const core::Theme& t) { return t.key == *m_themeKey; });
        preview = it != themes.end() ? it->label : *m_themeKey;
    }
    ImGui::SetNextItemWidth(width);
    const bool open = ImGui::BeginCombo("##theme-filter", preview.c_str(), ImGuiComboFlags_HeightLarge);
    ui::markItem("search-theme");
    if (!open) {
        return;
    }
    if (ImGui::Selectable("All themes", !m_themeKey)) {
        m_themeKey.reset();
        inputsChanged(true);
    }
    ui::markItem("search-theme-all");
    const float swatch = ImGui::GetTextLineHeight() * 0.6f;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(themes.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const auto& theme = themes[static_cast<std::size_t>(i)];
            const ui::ScopedId iScope{i};
            const ImVec2 pos = ImGui::GetCursorScreenPos();
            const bool selected = m_themeKey && *m_themeKey == theme.key;
            const std::string label = "      " + theme.label + (theme.retired ? "  (retired)" : "");
            if (ImGui::Selectable(label.c_str(), selected)) {
                m_themeKey = theme.key;
                inputsChanged(true);
            }
            ui::markItem("search-theme-" + theme.key);
            const float top = pos.y + (ImGui::GetTextLineHeight() - swatch) * 0.5f;
            ui::intensityCell(ImGui::GetWindowDrawList(), {pos.x + 2.0f, top}, {pos.x + 2.0f + swatch, top + swatch},
                              theme.colour, 3);
        }
    }
    ImGui::EndCombo();
}

void SearchView::drawResults() {
    const auto& rows = m_model.rows();
    const float u = ui::unit();
    {
        std::string status = m_model.limited()
                                 ? "The best " + std::to_string(rows.size()) + " passages; add words to narrow them."
                                 : std::to_string(rows.size()) + (rows.size() == 1 ? " passage" : " passages");
        status += m_model.building() ? ", best match first. Searching again…"
                                     : ", best match first. Enter or a click opens the note.";
        const ui::ScopedFont smallFont{ui::font(&ui::Fonts::small)};
        ui::mutedText(status);
    }
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY | ImGuiTableFlags_PadOuterX;
    if (!ImGui::BeginTable("search-results", 4, flags,
                           {0.0f, std::max(ImGui::GetContentRegionAvail().y, 120.0f * u)})) {
        return;
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Client", ImGuiTableColumnFlags_WidthFixed, 84.0f * u);
    ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_WidthFixed, 96.0f * u);
    ImGui::TableSetupColumn("Where", ImGuiTableColumnFlags_WidthFixed, 230.0f * u);
    ImGui::TableSetupColumn("Passage", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    ImGui::TableSetColumnIndex(3);
    const float passageWidth = ImGui::GetContentRegionAvail().x;
    if (m_linesForRuns != m_model.runs() || m_linesForWidth != passageWidth) {
        m_linesForRuns = m_model.runs();
        m_linesForWidth = passageWidth;
        m_passageLines =
            std::any_of(rows.begin(), rows.end(),
                        [&](const SearchRow& row) { return ui::textRunsWidth(row.snippet) > passageWidth; })
                ? 2
                : 1;
    }
    const float lineHeight = ImGui::GetTextLineHeight() + 2.0f * u;
    const float rowHeight = lineHeight * static_cast<float>(m_passageLines) + (m_passageLines == 1 ? 4.0f * u : 0.0f);

    const bool enterPressed = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
                              ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);
    const SearchRow* toOpen = nullptr;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const auto& row = rows[static_cast<std::size_t>(i)];
            const ui::ScopedId iScope{i};
            ImGui::TableNextRow(ImGuiTableRowFlags_None, rowHeight);
            ImGui::TableNextColumn();
            if (ImGui::Selectable(row.hit.clientCode.c_str(), false,
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                                  {0.0f, rowHeight})) {
                toOpen = &row;
            }
            ui::markItem("search-result-" + std::to_string(i));
            if (enterPressed && ImGui::IsItemFocused()) {
                toOpen = &row;
            }
            ImGui::TableNextColumn();
            const auto date = row.hit.date.toIso();
            ImGui::TextUnformatted(date.c_str());
            ImGui::TableNextColumn();
            const float whereWidth = ImGui::GetContentRegionAvail().x;
            const auto where = ui::fitText(row.where, whereWidth);
            ui::mutedText(where);
            if (where != row.where && ImGui::IsItemHovered()) {
                ImGui::SetTooltip("%s", row.where.c_str());
            }
            ImGui::TableNextColumn();
            ui::highlightedText(row.snippet, ImGui::GetContentRegionAvail().x, m_passageLines);
        }
    }
    ImGui::EndTable();
    if (toOpen != nullptr) {
        open(*toOpen);
    }
}

void SearchView::drawEmptyState() {
    const float width = std::min(ImGui::GetContentRegionAvail().x, 560.0f * ui::unit());
    const float left = (ImGui::GetContentRegionAvail().x - width) * 0.5f;
    ImGui::Dummy({0.0f, ImGui::GetTextLineHeight() * 3.0f});
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + left);
    ImGui::BeginGroup();
    {
        const ui::ScopedFont headingFont{ui::font(&ui::Fonts::heading)};
        centredParagraph("Search every note in this vault", width, ui::palette().text);
    }
    ui::markItem("search-hint");
    ImGui::Spacing();
    centredParagraph("Type a few words above: a passage matches when it holds all of them.", width,
                     ui::palette().mutedText);
    centredParagraph("\"Quoted words\" find an exact phrase; a trailing * finds word beginnings (scar*).", width,
                     ui::palette().mutedText);
    centredParagraph("Session texts, quotes and addenda are searched. Psychotherapy notes never are.", width,
                     ui::palette().mutedText);
    ImGui::EndGroup();
}

} // namespace tessera::app
