#include "views/themes_view.hpp"

#include "ui/probe.hpp"
#include "ui/style.hpp"
#include "ui/widgets.hpp"
#include "ui/workspace.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

namespace tessera::app {
namespace {

constexpr std::array kWindows{3, 4, 6, 8, 10, 12, 16, 24};

// Continues the row of controls when `width` still fits on it, else starts a new line.
void sameLineIfFits(float width, float spacing) {
    ImGui::SameLine(0.0f, spacing);
    if (ImGui::GetContentRegionAvail().x < width) {
        ImGui::NewLine();
        ImGui::AlignTextToFramePadding();
    }
}

} // namespace

ThemesView::ThemesView(Workspace& workspace) : m_workspace(workspace) {}

std::optional<std::size_t> ThemesView::ledgerTheme() const {
    return m_model.themePosition(m_ledgerKey);
}

std::optional<ImVec2> ThemesView::cellCentre(std::size_t theme, std::size_t session) const {
    if (session >= m_model.sessionCount()) {
        return std::nullopt;
    }
    for (const auto& row : m_layout.rows) {
        if (row.theme == theme) {
            return ImVec2{m_layout.origin.x + (static_cast<float>(session) + 0.5f) * m_layout.pitchX -
                              m_layout.gap * 0.5f,
                          m_layout.origin.y + m_layout.headerHeight + row.y + row.height * 0.5f};
        }
    }
    return std::nullopt;
}

void ThemesView::openSession(std::size_t sessionIndex) {
    const auto& sessions = m_model.analysis().sessions;
    if (m_workspace.selectedClient && sessionIndex < sessions.size()) {
        m_workspace.openNote(*m_workspace.selectedClient, sessions[sessionIndex].id);
    }
}

void ThemesView::refreshModel() {
    ThemesInputs inputs;
    inputs.client = *m_workspace.selectedClient;
    inputs.revision = m_workspace.revision();
    inputs.from = m_from;
    inputs.to = m_to;
    inputs.window = m_window;
    if (!m_model.update(m_workspace.vault(), inputs)) {
        return;
    }
    // A new client or new sessions: show the newest sessions, and the strongest theme's quotes
    // unless the clinician's choice still exists.
    const bool clientChanged = m_shownClient != inputs.client;
    if (clientChanged || m_shownSessions != m_model.sessionCount()) {
        m_scrollToNewest = 3;
    }
    if (clientChanged || !m_model.themePosition(m_ledgerKey)) {
        const auto theme = m_model.defaultLedgerTheme();
        m_ledgerKey = theme ? m_model.analysis().themes[*theme].key : std::string{};
    }
    m_shownClient = inputs.client;
    m_shownSessions = m_model.sessionCount();
}

void ThemesView::draw() {
    m_lastHoveredTheme = m_hovered ? std::optional{m_hovered->cell.theme} : std::nullopt;
    m_hovered.reset();
    m_hoveredLabelRow.reset();
    if (!m_workspace.selectedClient) {
        m_layout.rows.clear();
        drawEmptyState("Themes over time",
                       "Pick a client on the left to see how their themes move across sessions: every session "
                       "and theme at a glance, trends, quotes, and the ambivalence history.");
        return;
    }
    refreshModel();
    if (!m_model.inputs() || m_model.inputs()->client != *m_workspace.selectedClient) {
        // The first build for this client is on its way (on a worker): nothing of the client
        // shown before stays on screen meanwhile.
        m_layout.rows.clear();
        drawEmptyState("Themes over time", "Reading this client's sessions…");
        ui::markItem("themes-reading");
        return;
    }
    ImGui::BeginChild("themes-page", {0.0f, 0.0f}, false);
    drawHeader();
    drawControls();
    if (m_model.error()) {
        {
            const ui::ScopedColour textColour{ImGuiCol_Text, ui::palette().danger};
            const ui::ScopedTextWrap wrap;
            ImGui::Text("The themes of this client could not be read: %s", m_model.error()->c_str());
        }
        ui::markItem("themes-error");
        ImGui::EndChild();
        return;
    }
    const auto rows = m_model.rows(m_order, m_showUnseen);
    if (m_model.sessionCount() == 0) {
        m_layout.rows.clear();
        ImGui::Spacing();
        ui::mutedWrapped(m_model.recordSessionCount() == 0
                             ? "No sessions yet. The themes appear here once the first note is tagged."
                             : "No sessions in this period. Clear the dates to see the whole history.");
        ui::markItem("themes-no-sessions");
        ImGui::EndChild();
        return;
    }
    ImGui::Spacing();
    drawStandouts();
    if (rows.empty()) {
        m_layout.rows.clear();
        ui::mutedWrapped("No themes have been tagged in these sessions yet. Tag what you observe in the note editor, "
                         "and the heatmap fills in.");
        ui::markItem("themes-no-themes");
    } else {
        layoutRows(rows);
        drawHeatmap();
    }

    ImGui::Spacing();
    ImGui::Spacing();
    const float u = ui::unit();
    // Trends and the quote ledger side by side when there is room, else one above the other.
    const bool sideBySide = ImGui::GetContentRegionAvail().x >= 900.0f * u;
    if (ImGui::BeginTable("themes-middle", sideBySide ? 2 : 1,
                          ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_PadOuterX)) {
        ImGui::TableNextColumn();
        const float top = ImGui::GetCursorPosY();
        drawTrends(rows);
        const float trendsHeight = ImGui::GetCursorPosY() - top;
        if (sideBySide) {
            ImGui::TableNextColumn();
        } else {
            ImGui::Spacing();
        }
        drawQuoteLedger(sideBySide ? std::max(trendsHeight, 220.0f * u) : 260.0f * u);
        ImGui::EndTable();
    }
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    if (ImGui::BeginTable("themes-bottom", 3, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_PadOuterX)) {
        ImGui::TableNextColumn();
        drawPairs();
        ImGui::TableNextColumn();
        drawStages();
        ImGui::TableNextColumn();
        drawBalance();
        ImGui::EndTable();
    }
    ImGui::Dummy({0.0f, 8.0f * u});
    ImGui::EndChild();
}

void ThemesView::drawEmptyState(const char* title, const std::string& text) {
    const float width = std::min(ImGui::GetContentRegionAvail().x, 520.0f * ui::unit());
    ImGui::Dummy({0.0f, ImGui::GetTextLineHeight() * 4.0f});
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (ImGui::GetContentRegionAvail().x - width) * 0.5f);
    ImGui::BeginGroup();
    {
        const ui::ScopedFont headingFont{ui::font(&ui::Fonts::heading)};
        ImGui::TextUnformatted(title);
    }
    {
        const ui::ScopedColour textColour{ImGuiCol_Text, ui::palette().mutedText};
        const ui::ScopedTextWrap wrap{ImGui::GetCursorPosX() + width};
        ImGui::TextUnformatted(text.c_str());
    }
    ImGui::EndGroup();
    ui::markItem("themes-empty");
}

void ThemesView::drawHeader() {
    const auto& analysis = m_model.analysis();
    {
        const ui::ScopedFont headingFont{ui::font(&ui::Fonts::heading)};
        ImGui::TextUnformatted(analysis.clientCode.empty() ? "Themes over time" : analysis.clientCode.c_str());
    }
    if (!m_model.clientName().empty() && !m_workspace.namesHidden) {
        ImGui::SameLine();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 3.0f * ui::unit());
        ui::mutedText(m_model.clientName());
    }
    const auto& sessions = analysis.sessions;
    std::string summary = ui::countLabel(sessions.size(), "session", "sessions");
    if (!sessions.empty()) {
        summary += ", " + sessions.front().date.toIso() + " to " + sessions.back().date.toIso();
    }
    std::size_t drafts = 0;
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        drafts += m_model.isSigned(i) ? 0U : 1U;
    }
    if (drafts > 0) {
        summary += " (" + ui::countLabel(drafts, "draft", "drafts") + ")";
    }
    summary += ". Trends look at the last " + std::to_string(analysis.window) + " sessions.";
    ui::mutedText(summary);
}

void ThemesView::drawControls() {
    const float u = ui::unit();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    ImGui::AlignTextToFramePadding();
    ui::mutedText("Rows");
    ImGui::SameLine();
    if (ImGui::RadioButton("By category", m_order == ThemeRowOrder::ByCategory)) {
        m_order = ThemeRowOrder::ByCategory;
    }
    ui::markItem("themes-order-category");
    ImGui::SameLine();
    if (ImGui::RadioButton("Strongest first", m_order == ThemeRowOrder::Ranked)) {
        m_order = ThemeRowOrder::Ranked;
    }
    ui::markItem("themes-order-ranked");
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("Themes present now and moving fastest first (where the theme is now, plus how far its "
                          "trend moved across the window).");
    }

    sameLineIfFits(230.0f * u, spacing * 3.0f);
    ui::mutedText("Trend window");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(120.0f * u);
    const std::string preview = ui::countLabel(static_cast<std::size_t>(m_window), "session", "sessions");
    if (ImGui::BeginCombo("##window", preview.c_str())) {
        for (const int window : kWindows) {
            const ui::ScopedId windowScope{window};
            const std::string label = ui::countLabel(static_cast<std::size_t>(window), "session", "sessions");
            if (ImGui::Selectable(label.c_str(), window == m_window)) {
                m_window = window;
            }
        }
        ImGui::EndCombo();
    }
    ui::markItem("themes-window");

    const float periodWidth = ImGui::CalcTextSize("Period to").x + 2.0f * 118.0f * u + 4.0f * spacing;
    sameLineIfFits(periodWidth, spacing * 3.0f);
    ui::mutedText("Period");
    ImGui::SameLine();
    const auto dateField = [&](const char* id, const char* hint, std::array<char, 16>& text,
                               std::optional<core::Date>& date) {
        ImGui::SetNextItemWidth(118.0f * u);
        if (ImGui::InputTextWithHint(id, hint, text.data(), text.size(), ImGuiInputTextFlags_CharsNoBlank)) {
            date = core::Date::parse(text.data());
        }
        return text[0] != '\0' && !date;
    };
    const bool fromInvalid = dateField("##from", "first session", m_fromText, m_from);
    ui::markItem("themes-from");
    ImGui::SameLine(0.0f, spacing * 0.6f);
    ui::mutedText("to");
    ImGui::SameLine(0.0f, spacing * 0.6f);
    const bool toInvalid = dateField("##to", "last session", m_toText, m_to);
    ui::markItem("themes-to");
    m_periodInvalid = fromInvalid || toInvalid;

    constexpr const char* kUnseen = "Themes never tagged";
    sameLineIfFits(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(kUnseen).x,
                   spacing * 3.0f);
    ImGui::Checkbox(kUnseen, &m_showUnseen);
    ui::markItem("themes-show-unseen");
    if (m_periodInvalid) {
        const ui::ScopedFont smallFont{ui::font(&ui::Fonts::small)};
        const ui::ScopedColour textColour{ImGuiCol_Text, ui::palette().danger};
        ImGui::TextUnformatted(
            "Write dates as YYYY-MM-DD, for example 2025-03-17. Until then the whole history is shown.");
    }
}

void ThemesView::layoutRows(const std::vector<std::size_t>& rows) {
    const float u = ui::unit();
    const float pitchY = std::round(20.0f * u);
    const float headingHeight = std::round(ui::font(&ui::Fonts::small)->FontSize + 12.0f * u);
    const auto& themes = m_model.analysis().themes;
    m_layout.rows.clear();
    float y = 0.0f;
    std::optional<core::ThemeCategory> category;
    for (const auto theme : rows) {
        const auto rowCategory = themes[theme].category;
        if (m_order == ThemeRowOrder::ByCategory && category != rowCategory) {
            m_layout.rows.push_back({y, headingHeight, std::nullopt, rowCategory});
            y += headingHeight;
            category = rowCategory;
        }
        m_layout.rows.push_back({y, pitchY, theme, rowCategory});
        y += pitchY;
    }
}

void ThemesView::drawHeatmap() {
    const float u = ui::unit();
    const auto& analysis = m_model.analysis();
    const std::size_t sessions = analysis.sessions.size();
    const float rowsHeight = m_layout.rows.empty() ? 0.0f : m_layout.rows.back().y + m_layout.rows.back().height;

    ImFont* bold = ui::font(&ui::Fonts::bold); // the theme being read is drawn bold
    float labelWidth = 0.0f;
    for (const auto& row : m_layout.rows) {
        if (row.theme) {
            const auto& label = analysis.themes[*row.theme].label;
            labelWidth = std::max(labelWidth, bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0.0f, label.c_str()).x);
        }
    }
    labelWidth = std::clamp(labelWidth + 22.0f * u, 150.0f * u, 280.0f * u);
    const float available = std::max(ImGui::GetContentRegionAvail().x - labelWidth, 40.0f * u);
    // Cells shrink to a minimum width; past that the grid scrolls, newest at the right.
    m_layout.pitchX = std::floor(
        std::clamp(available / static_cast<float>(std::max<std::size_t>(sessions, 1)), 11.0f * u, 30.0f * u));
    m_layout.gap = m_layout.pitchX >= 8.0f ? std::max(2.0f, std::round(2.0f * u)) : 1.0f;
    m_layout.headerHeight = std::round(ui::font(&ui::Fonts::small)->FontSize + 10.0f * u);
    const float contentWidth = m_layout.pitchX * static_cast<float>(sessions);
    const bool scrolls = contentWidth > available;
    const float height =
        m_layout.headerHeight + rowsHeight + (scrolls ? ImGui::GetStyle().ScrollbarSize + 4.0f * u : 0.0f);

    drawHeatmapLabels(labelWidth, height);
    ImGui::SameLine(0.0f, 0.0f);
    drawHeatmapCells(contentWidth, height);

    // Legend in the colour of the theme the clinician is reading (or a neutral accent).
    const auto ledger = ledgerTheme();
    const std::string legendColour = ledger ? m_model.colour(*ledger) : std::string{"#4A78A8"};
    ImGui::Dummy({labelWidth - ImGui::GetStyle().ItemSpacing.x, 0.0f});
    ImGui::SameLine();
    ui::intensityLegend(legendColour);
    constexpr const char* kHint = "A dot marks a quote. Hover a cell for details; click it to open the note.";
    float hintWidth = 0.0f;
    {
        const ui::ScopedFont smallFont{ui::font(&ui::Fonts::small)};
        hintWidth = ImGui::CalcTextSize(kHint).x;
    }
    sameLineIfFits(hintWidth, ImGui::GetStyle().ItemSpacing.x * 3.0f);
    if (const float gridLeft = ImGui::GetCursorStartPos().x + labelWidth; ImGui::GetCursorPosX() < gridLeft) {
        ImGui::SetCursorPosX(gridLeft); // on a line of its own: keep the hint under the grid
    }
    const ui::ScopedFont smallFont{ui::font(&ui::Fonts::small)};
    ui::mutedText(kHint);
}

void ThemesView::drawHeatmapLabels(float width, float height) {
    const float u = ui::unit();
    const auto& analysis = m_model.analysis();
    ImGui::BeginChild("heatmap-labels", {width, height}, false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float rowsHeight = m_layout.rows.empty() ? 1.0f : m_layout.rows.back().y + m_layout.rows.back().height;
    const bool clicked = ImGui::InvisibleButton("##labels", {width, m_layout.headerHeight + rowsHeight});
    ui::markItem("heatmap-labels");
    const bool hovered = ImGui::IsItemHovered();
    const float mouseY = ImGui::GetIO().MousePos.y - origin.y - m_layout.headerHeight;

    auto* list = ImGui::GetWindowDrawList();
    ImFont* regular = ui::font(&ui::Fonts::regular);
    ImFont* bold = ui::font(&ui::Fonts::bold);
    ImFont* small = ui::font(&ui::Fonts::small);
    const float fontSize = ImGui::GetFontSize();
    const auto colours = ui::palette();
    const auto selected = ledgerTheme();
    for (const auto& row : m_layout.rows) {
        const float top = origin.y + m_layout.headerHeight + row.y;
        if (!row.theme) {
            const std::string name{core::displayName(row.category)};
            list->AddText(small, small->FontSize, {origin.x, top + row.height - small->FontSize - 4.0f * u},
                          ui::withAlpha(colours.mutedText), name.c_str());
            continue;
        }
        const auto& theme = analysis.themes[*row.theme];
        const bool underMouse = hovered && mouseY >= row.y && mouseY < row.y + row.height;
        if (underMouse) {
            m_hoveredLabelRow = *row.theme;
            if (clicked) {
                m_ledgerKey = theme.key;
            }
        }
        const bool emphasise = selected == row.theme;
        const bool cellRow = m_lastHoveredTheme == row.theme;
        ImFont* face = emphasise ? bold : regular;
        const auto label = ui::fitText(theme.label, width - 16.0f * u, face, fontSize);
        const ImVec4 colour = (underMouse || cellRow)    ? colours.accent
                              : m_model.seen(*row.theme) ? colours.text
                                                         : colours.mutedText;
        list->AddText(face, fontSize, {origin.x + 6.0f * u, top + (row.height - fontSize) * 0.5f},
                      ui::withAlpha(colour), label.c_str());
        if (underMouse && label != theme.label) {
            ImGui::SetTooltip("%s", theme.label.c_str());
        }
    }
    ImGui::EndChild();
}

void ThemesView::drawHeatmapCells(float contentWidth, float height) {
    const float u = ui::unit();
    const auto& analysis = m_model.analysis();
    const std::size_t sessions = analysis.sessions.size();
    ImGui::BeginChild("heatmap-grid", {0.0f, height}, false, ImGuiWindowFlags_HorizontalScrollbar);
    if (m_scrollToNewest > 0) {
        ImGui::SetScrollX(ImGui::GetScrollMaxX());
        --m_scrollToNewest;
    }
    m_layout.origin = ImGui::GetCursorScreenPos();
    const float rowsHeight = m_layout.rows.empty() ? 1.0f : m_layout.rows.back().y + m_layout.rows.back().height;
    // One item for the whole grid; the cell under the mouse comes from its position.
    const bool clicked =
        ImGui::InvisibleButton("##cells", {std::max(contentWidth, 1.0f), m_layout.headerHeight + rowsHeight});
    ui::markItem("themes-heatmap");
    const bool hovered = ImGui::IsItemHovered();

    if (hovered) {
        const ImVec2 mouse = ImGui::GetIO().MousePos;
        const float x = mouse.x - m_layout.origin.x;
        const float y = mouse.y - m_layout.origin.y - m_layout.headerHeight;
        const auto column = ui::slotAt(x, sessions, contentWidth);
        for (const auto& row : m_layout.rows) {
            if (column && row.theme && y >= row.y && y < row.y + row.height) {
                const auto& theme = analysis.themes[*row.theme];
                const auto* quote = m_model.quoteAt(*row.theme, *column);
                m_hovered = CellDetails{{*row.theme, *column},           analysis.sessions[*column].id,
                                        analysis.sessions[*column].date, theme.label,
                                        theme.stats.intensity[*column],  quote != nullptr ? quote->text : std::string{},
                                        m_model.isSigned(*column)};
            }
        }
    }

    const float scrollX = ImGui::GetScrollX();
    const float visible = ImGui::GetWindowWidth();
    const auto first = static_cast<std::size_t>(std::max(0.0f, std::floor(scrollX / m_layout.pitchX)));
    const std::size_t last =
        std::min(sessions, static_cast<std::size_t>(std::ceil((scrollX + visible) / m_layout.pitchX)) + 1);
    auto* list = ImGui::GetWindowDrawList();
    const auto colours = ui::palette();
    drawMonthLabels(list, first, last, scrollX);

    const float cellWidth = m_layout.pitchX - m_layout.gap;
    const float cellHeight = std::round(16.0f * u);
    const float dot = std::max(1.5f, std::min(cellWidth, cellHeight) * 0.14f);
    const ImU32 quoteMark = ui::withAlpha(ImGui::GetStyle().Colors[ImGuiCol_WindowBg], 0.9f);
    for (const auto& row : m_layout.rows) {
        if (!row.theme) {
            continue;
        }
        if (m_hoveredLabelRow == row.theme) {
            // The label under the mouse: a faint band shows which row a click would pick.
            const float top = m_layout.origin.y + m_layout.headerHeight + row.y;
            list->AddRectFilled({m_layout.origin.x + scrollX, top},
                                {m_layout.origin.x + scrollX + visible, top + row.height},
                                ui::withAlpha(colours.accent, 0.08f), 3.0f * u);
        }
        const auto& series = analysis.themes[*row.theme].stats.intensity;
        const std::string& colour = m_model.colour(*row.theme);
        const float top = m_layout.origin.y + m_layout.headerHeight + row.y + (row.height - cellHeight) * 0.5f;
        for (std::size_t i = first; i < last && i < series.size(); ++i) {
            const float left = m_layout.origin.x + static_cast<float>(i) * m_layout.pitchX;
            ui::intensityCell(list, {left, top}, {left + cellWidth, top + cellHeight}, colour, series[i]);
            if (series[i] > 0 && m_model.quoteAt(*row.theme, i) != nullptr && cellWidth >= 6.0f) {
                list->AddCircleFilled({left + cellWidth - dot - 1.5f * u, top + dot + 1.5f * u}, dot, quoteMark);
            }
        }
    }

    // The open note's column, and the hovered cell.
    const float gridTop = m_layout.origin.y + m_layout.headerHeight;
    if (m_workspace.openSession) {
        for (std::size_t i = first; i < last; ++i) {
            if (analysis.sessions[i].id == *m_workspace.openSession) {
                const float left = m_layout.origin.x + static_cast<float>(i) * m_layout.pitchX;
                list->AddRect({left - 1.0f, gridTop - 1.0f}, {left + cellWidth + 1.0f, gridTop + rowsHeight},
                              ui::withAlpha(colours.accent, 0.55f), 2.0f * u, ImDrawFlags_None, 1.5f * u);
            }
        }
    }
    if (m_hovered) {
        const float left = m_layout.origin.x + static_cast<float>(m_hovered->cell.session) * m_layout.pitchX;
        list->AddRectFilled({left, m_layout.origin.y + m_layout.headerHeight - 4.0f * u},
                            {left + cellWidth, m_layout.origin.y + m_layout.headerHeight - 1.0f * u},
                            ui::withAlpha(colours.accent));
        for (const auto& row : m_layout.rows) {
            if (row.theme == m_hovered->cell.theme) {
                const float top = gridTop + row.y + (row.height - cellHeight) * 0.5f;
                list->AddRect({left - 1.0f, top - 1.0f}, {left + cellWidth + 1.0f, top + cellHeight + 1.0f},
                              ui::withAlpha(colours.text), 2.0f * u, ImDrawFlags_None, 1.5f * u);
            }
        }
        drawCellTooltip(*m_hovered);
        if (clicked) {
            openSession(m_hovered->cell.session);
        }
    }
    ImGui::EndChild();
}

void ThemesView::drawMonthLabels(ImDrawList* list, std::size_t first, std::size_t last, float scrollX) {
    const float u = ui::unit();
    const auto& sessions = m_model.analysis().sessions;
    ImFont* small = ui::font(&ui::Fonts::small);
    const ImU32 colour = ui::withAlpha(ui::palette().mutedText);
    const ImU32 tick = ui::withAlpha(ui::palette().mutedText, 0.35f);
    const auto monthOf = [&](std::size_t i) {
        const auto ymd = sessions[i].date.ymd();
        return static_cast<int>(ymd.year()) * 12 + static_cast<int>(static_cast<unsigned>(ymd.month()));
    };
    const auto label = [&](std::size_t i, bool withYear) {
        const auto ymd = sessions[i].date.ymd();
        std::string text = ui::monthName(static_cast<unsigned>(ymd.month()));
        if (withYear) {
            text += " " + std::to_string(static_cast<int>(ymd.year()));
        }
        return text;
    };
    float freeFrom = -1.0e9f;
    for (std::size_t i = first; i < last; ++i) {
        const bool boundary = i == 0 || monthOf(i) != monthOf(i - 1);
        if (!boundary && i != first) {
            continue;
        }
        const auto ymd = sessions[i].date.ymd();
        const bool withYear = i == first || static_cast<unsigned>(ymd.month()) == 1;
        const std::string text = label(i, withYear);
        const float width = small->CalcTextSizeA(small->FontSize, FLT_MAX, 0.0f, text.c_str()).x;
        float x = m_layout.origin.x + static_cast<float>(i) * m_layout.pitchX;
        if (!boundary) {
            // The month already running at the left edge: pin its name there while it fits.
            x = std::max(x, m_layout.origin.x + scrollX);
            std::size_t next = i + 1;
            while (next < last && monthOf(next) == monthOf(i)) {
                ++next;
            }
            if (next < last && m_layout.origin.x + static_cast<float>(next) * m_layout.pitchX < x + width + 8.0f * u) {
                continue;
            }
        }
        if (x < freeFrom) {
            continue;
        }
        if (boundary) {
            list->AddLine({x, m_layout.origin.y + 2.0f * u}, {x, m_layout.origin.y + m_layout.headerHeight - 2.0f * u},
                          tick);
        }
        list->AddText(small, small->FontSize, {x + 3.0f * u, m_layout.origin.y + 1.0f * u}, colour, text.c_str());
        freeFrom = x + width + 10.0f * u;
    }
}

} // namespace tessera::app
