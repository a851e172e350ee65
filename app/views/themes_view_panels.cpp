// The panels of the Themes-over-time view below the heatmap: the cell tooltip, trends with
// sparklines, the quote ledger, co-occurring themes, and the ambivalence history.

#include "views/themes_view.hpp"

#include "ui/probe.hpp"
#include "ui/style.hpp"
#include "ui/widgets.hpp"
#include "ui/workspace.hpp"
#include "viewmodels/display_text.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

namespace tessera::app {
namespace {

constexpr std::size_t kSparklineSessions = 26; // about half a year of weekly sessions, as in the CLI
constexpr std::size_t kPairsShown = 6;
constexpr std::array<const char*, 5> kStageNames{"Precontemplation", "Contemplation", "Preparation", "Action",
                                                 "Maintenance"};

} // namespace

// The same signals a supervision summary opens with, as a short list above the heatmap.
void ThemesView::drawStandouts() {
    ui::sectionHeading("What stands out", "rule-based observations, not advice");
    const auto& lines = m_model.standouts();
    if (lines.empty()) {
        ui::mutedWrapped(core::nothingStandsOutText());
    }
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const ui::ScopedId iScope{static_cast<int>(i)};
        ImGui::Bullet();
        const ui::ScopedTextWrap wrap;
        ImGui::TextUnformatted(lines[i].c_str());
    }
    ui::markItem("themes-standouts");
    ImGui::Spacing();
}

void ThemesView::drawCellTooltip(const CellDetails& details) {
    const float u = ui::unit();
    ImGui::BeginTooltip();
    {
        const ui::ScopedFont boldFont{ui::font(&ui::Fonts::bold)};
        ImGui::TextUnformatted(details.themeLabel.c_str());
    }
    std::string when = details.date.toIso() + "  ·  session " + std::to_string(details.cell.session + 1) + " of " +
                       std::to_string(m_model.sessionCount());
    if (!details.signedNote) {
        when += "  ·  draft";
    }
    ui::mutedText(when);
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float side = ImGui::GetTextLineHeight() * 0.8f;
    const float top = pos.y + (ImGui::GetTextLineHeight() - side) * 0.5f;
    ui::intensityCell(ImGui::GetWindowDrawList(), {pos.x, top}, {pos.x + side, top + side},
                      m_model.colour(details.cell.theme), details.intensity);
    ImGui::Dummy({side, ImGui::GetTextLineHeight()});
    ImGui::SameLine();
    ImGui::Text("%d  %s", details.intensity, ui::intensityName(details.intensity));
    if (!details.quote.empty()) {
        const ui::ScopedTextWrap wrap{ImGui::GetCursorPosX() + 360.0f * u};
        ImGui::Text("\u201c%s\u201d", details.quote.c_str());
    }
    {
        const ui::ScopedFont smallFont{ui::font(&ui::Fonts::small)};
        ui::mutedText("Click to open this note");
    }
    ImGui::EndTooltip();
}

void ThemesView::drawTrends(const std::vector<std::size_t>& rows) {
    const float u = ui::unit();
    const auto& analysis = m_model.analysis();
    const std::size_t sessions = analysis.sessions.size();
    const std::size_t shown = std::min(sessions, kSparklineSessions);
    ui::sectionHeading("Trends", "over the last " +
                                     ui::countLabel(static_cast<std::size_t>(analysis.window), "session", "sessions") +
                                     "; pick a theme to read its quotes");
    if (rows.empty()) {
        ui::mutedText("Nothing tagged yet.");
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_PadOuterX;
    if (!ImGui::BeginTable("theme-trends", 4, flags)) {
        return;
    }
    const std::string sparkHeading = shown < sessions ? "Last " + std::to_string(shown) + " sessions"
                                                      : ui::countLabel(sessions, "session", "sessions");
    ImGui::TableSetupColumn("Theme", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(sparkHeading.c_str(), ImGuiTableColumnFlags_WidthFixed, 128.0f * u);
    ImGui::TableSetupColumn("Trend", ImGuiTableColumnFlags_WidthFixed, 84.0f * u);
    ImGui::TableSetupColumn("Now", ImGuiTableColumnFlags_WidthFixed, 44.0f * u);
    ImGui::TableHeadersRow();
    const float rowHeight = ImGui::GetTextLineHeight() + 4.0f * u;
    const auto selected = ledgerTheme();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const std::size_t position = rows[static_cast<std::size_t>(r)];
            const auto& theme = analysis.themes[position];
            const ui::ScopedId positionScope{static_cast<int>(position)};
            ImGui::TableNextRow(ImGuiTableRowFlags_None, rowHeight);
            ImGui::TableNextColumn();
            const auto label = ui::fitText(theme.label, ImGui::GetContentRegionAvail().x);
            if (ImGui::Selectable(label.c_str(), selected == position, ImGuiSelectableFlags_SpanAllColumns,
                                  {0.0f, rowHeight})) {
                m_ledgerKey = theme.key;
            }
            ui::markItem("theme-row-" + theme.key);
            if (ImGui::IsItemHovered() && label != theme.label) {
                ImGui::SetTooltip("%s", theme.label.c_str());
            }
            const ImU32 colour = ui::intensityColour(m_model.colour(position), 3);
            const auto& series = theme.stats.intensity;
            ImGui::TableNextColumn();
            ui::sparkline(std::span<const int>{series}.last(std::min(series.size(), shown)), colour,
                          {ImGui::GetContentRegionAvail().x, rowHeight - 4.0f * u});
            ImGui::TableNextColumn();
            ui::trendArrow(theme.stats.trend.trend);
            ImGui::TableNextColumn();
            const ImVec2 pos = ImGui::GetCursorScreenPos();
            const float side = ImGui::GetTextLineHeight() * 0.7f;
            const float top = pos.y + (ImGui::GetTextLineHeight() - side) * 0.5f;
            ui::intensityCell(ImGui::GetWindowDrawList(), {pos.x, top}, {pos.x + side, top + side},
                              m_model.colour(position), theme.stats.latest);
            ImGui::Dummy({side, ImGui::GetTextLineHeight()});
            ImGui::SameLine(0.0f, 5.0f * u);
            ImGui::Text("%d", theme.stats.latest);
        }
    }
    ImGui::EndTable();
}

void ThemesView::drawQuoteLedger(float height) {
    const float u = ui::unit();
    const auto position = ledgerTheme();
    if (!position) {
        ui::sectionHeading("Quotes");
        ui::mutedWrapped("Pick a theme in the heatmap or in Trends to read its quotes.");
        return;
    }
    const auto& theme = m_model.analysis().themes[*position];
    const auto& quotes = theme.quotes;
    const std::string title = "Quotes \u00b7 " + theme.label;
    ui::sectionHeading(title.c_str(),
                       quotes.empty() ? std::string{} : std::to_string(quotes.size()) + ", oldest first");
    if (quotes.empty()) {
        ui::mutedWrapped("No quotes were written for this theme in this period.");
        return;
    }
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY | ImGuiTableFlags_PadOuterX;
    const float tableHeight = std::max(height - ImGui::GetTextLineHeightWithSpacing(), 120.0f * u);
    if (!ImGui::BeginTable("quote-ledger", 3, flags, {0.0f, tableHeight})) {
        return;
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Date", ImGuiTableColumnFlags_WidthFixed, 92.0f * u);
    ImGui::TableSetupColumn("##intensity", ImGuiTableColumnFlags_WidthFixed, 16.0f * u);
    ImGui::TableSetupColumn("Quote", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    const bool enterPressed = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
    std::optional<std::size_t> toOpen;
    const float rowHeight = ImGui::GetTextLineHeight() + 4.0f * u;
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(quotes.size()));
    while (clipper.Step()) {
        for (int q = clipper.DisplayStart; q < clipper.DisplayEnd; ++q) {
            const auto& quote = quotes[static_cast<std::size_t>(q)];
            const ui::ScopedId qScope{q};
            ImGui::TableNextRow(ImGuiTableRowFlags_None, rowHeight);
            ImGui::TableNextColumn();
            const auto date = quote.date.toIso();
            if (ImGui::Selectable(date.c_str(), m_workspace.openSession == quote.session,
                                  ImGuiSelectableFlags_SpanAllColumns, {0.0f, rowHeight})) {
                toOpen = quote.sessionIndex;
            }
            ui::markItem("quote-" + std::to_string(q));
            if (enterPressed && ImGui::IsItemFocused()) {
                toOpen = quote.sessionIndex;
            }
            const bool hovered = ImGui::IsItemHovered();
            ImGui::TableNextColumn();
            const ImVec2 pos = ImGui::GetCursorScreenPos();
            const float side = ImGui::GetTextLineHeight() * 0.7f;
            const float top = pos.y + (ImGui::GetTextLineHeight() - side) * 0.5f;
            ui::intensityCell(ImGui::GetWindowDrawList(), {pos.x, top}, {pos.x + side, top + side},
                              m_model.colour(*position), quote.intensity);
            ImGui::Dummy({side, ImGui::GetTextLineHeight()});
            ImGui::TableNextColumn();
            const std::string text = "\u201c" + quote.text + "\u201d";
            const auto shown = ui::fitText(text, ImGui::GetContentRegionAvail().x);
            ImGui::TextUnformatted(shown.c_str());
            if (hovered) {
                ImGui::BeginTooltip();
                {
                    const ui::ScopedTextWrap wrap{ImGui::GetCursorPosX() + 380.0f * u};
                    ImGui::TextUnformatted(text.c_str());
                }
                {
                    const ui::ScopedFont smallFont{ui::font(&ui::Fonts::small)};
                    ui::mutedText(quote.date.toIso() + "  ·  " + ui::intensityName(quote.intensity) +
                                  "  ·  click to open the note");
                }
                ImGui::EndTooltip();
            }
        }
    }
    ImGui::EndTable();
    if (toOpen) {
        openSession(*toOpen);
    }
}

void ThemesView::drawPairs() {
    const float u = ui::unit();
    const auto& analysis = m_model.analysis();
    const auto& pairs = analysis.pairs;
    const std::size_t shown = std::min(pairs.size(), kPairsShown);
    ui::sectionHeading("Themes that come together",
                       pairs.size() > shown ? "top " + std::to_string(shown) + " of " + std::to_string(pairs.size())
                                            : "");
    if (pairs.empty()) {
        ui::mutedWrapped("No two themes were tagged in the same session yet.");
        return;
    }
    const float width = ImGui::GetContentRegionAvail().x;
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& pair = pairs[i];
        const ui::ScopedId iScope{static_cast<int>(i)};
        const auto& a = analysis.themes[pair.first];
        const auto& b = analysis.themes[pair.second];
        const std::string names = a.label + " + " + b.label;
        const auto fitted = ui::fitText(names, width);
        ImGui::BeginGroup();
        ImGui::TextUnformatted(fitted.c_str());
        ui::meter(static_cast<float>(pair.jaccard), ui::withAlpha(ui::palette().accent, 0.75f), {90.0f * u, 6.0f * u});
        ImGui::SameLine();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() - ImGui::GetTextLineHeight() * 0.5f + 3.0f * u);
        const int either = pair.firstCount + pair.secondCount - pair.both;
        {
            const ui::ScopedFont smallFont{ui::font(&ui::Fonts::small)};
            char jaccard[16];
            std::snprintf(jaccard, sizeof jaccard, "%.2f", pair.jaccard);
            ui::mutedText(std::to_string(pair.both) + " of " + std::to_string(either) + " sessions  ·  Jaccard " +
                          jaccard);
        }
        ImGui::EndGroup();
        ui::markItem("pair-" + std::to_string(i));
        if (ImGui::IsItemHovered()) {
            ImGui::SetTooltip("%s\nTogether in %d of the %d sessions where either was tagged (Jaccard %.2f).\n"
                              "Lift %.1f: %s",
                              names.c_str(), pair.both, either, pair.jaccard, pair.lift,
                              pair.lift > 1.05 ? "more often together than chance would give."
                                               : "about as often as chance would give.");
        }
        ImGui::Spacing();
    }
}

void ThemesView::drawStages() {
    const float u = ui::unit();
    const auto& analysis = m_model.analysis();
    ui::sectionHeading("Stage of change");
    const float width = ImGui::GetContentRegionAvail().x;
    for (const auto target : core::kStageTargets) {
        const auto& history = analysis.ambivalence.of(target);
        const ui::ScopedId targetScope{static_cast<int>(target)};
        const std::string name = target == core::StageTarget::Leaving ? "Leaving" : "Safety";
        std::string now = history.latest ? std::string{core::toString(*history.latest)} : "not recorded";
        if (!history.changes.empty() && history.latest) {
            now += ", since " + history.changes.back().date.toIso();
        }
        ImGui::TextUnformatted(name.c_str());
        ImGui::SameLine();
        {
            const ui::ScopedFont smallFont{ui::font(&ui::Fonts::small)};
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 2.0f * u);
            ui::mutedText(now);
        }
        std::vector<std::optional<int>> levels;
        levels.reserve(history.perSession.size());
        for (const auto& stage : history.perSession) {
            levels.push_back(stage ? std::optional<int>{static_cast<int>(*stage)} : std::nullopt);
        }
        const float chartHeight =
            static_cast<float>(kStageNames.size()) * (ui::font(&ui::Fonts::small)->FontSize + 3.0f * u);
        const auto hovered =
            ui::stepChart("##stages", levels, kStageNames, ui::withAlpha(ui::palette().accent), {width, chartHeight});
        ui::markItem("stage-chart-" + std::string{core::toString(target)});
        if (hovered && *hovered < analysis.sessions.size()) {
            const auto& stage = history.perSession[*hovered];
            ImGui::SetTooltip("%s\n%s", analysis.sessions[*hovered].date.toIso().c_str(),
                              stage ? stageLabel(*stage).c_str() : "No stage recorded in this session");
        }
        if (target != core::kStageTargets.back()) {
            ImGui::Spacing();
        } else if (!analysis.sessions.empty()) {
            ui::axisCaption(analysis.sessions.front().date.toIso(), analysis.sessions.back().date.toIso(),
                            ui::stepChartAxisWidth(kStageNames), width);
        }
    }
}

void ThemesView::drawBalance() {
    const float u = ui::unit();
    const auto& ambivalence = m_model.analysis().ambivalence;
    const auto& balance = ambivalence.balance;
    ui::sectionHeading("Decisional balance");
    if (balance.empty()) {
        ui::mutedWrapped("No decisional balance was recorded in this period.");
        return;
    }
    std::vector<float> leave;
    std::vector<float> stay;
    std::vector<float> difference;
    for (const auto& point : balance) {
        leave.push_back(static_cast<float>(point.leave));
        stay.push_back(static_cast<float>(point.stay));
        difference.push_back(static_cast<float>(point.difference));
    }
    const auto colours = ui::palette();
    {
        const ui::ScopedFont smallFont{ui::font(&ui::Fonts::small)};
        ImGui::TextColored(colours.accent, "\u25a0 leave");
        ImGui::SameLine();
        ImGui::TextColored(colours.warning, "\u25a0 stay");
        ImGui::SameLine();
        ui::mutedText("\u2014 leave minus stay, per session with a balance");
    }
    ui::DivergingBars bars;
    bars.above = leave;
    bars.below = stay;
    bars.line = difference;
    bars.aboveColour = ui::withAlpha(colours.accent, 0.8f);
    bars.belowColour = ui::withAlpha(colours.warning, 0.8f);
    bars.lineColour = ui::withAlpha(colours.text, 0.85f);
    const auto hovered = ui::divergingBarChart("##balance", bars, {ImGui::GetContentRegionAvail().x, 96.0f * u});
    ui::markItem("balance-chart");
    ui::axisCaption(balance.front().date.toIso(), balance.back().date.toIso(), 0.0f, ImGui::GetItemRectSize().x);
    if (hovered && *hovered < balance.size()) {
        const auto& point = balance[*hovered];
        ImGui::SetTooltip("%s\nStay %d, leave %d: leave minus stay %+d", point.date.toIso().c_str(), point.stay,
                          point.leave, point.difference);
    }
    const auto& latest = balance.back();
    const auto& trend = ambivalence.balanceTrend;
    {
        const ui::ScopedFont smallFont{ui::font(&ui::Fonts::small)};
        ui::mutedText("Latest " + latest.date.toIso() + ": stay " + std::to_string(latest.stay) + ", leave " +
                      std::to_string(latest.leave));
    }
    const ui::ScopedColour textColour{ImGuiCol_Text, ui::trendColour(trend.trend)};
    char slope[32];
    std::snprintf(slope, sizeof slope, "%+.2f", trend.slope);
    const std::string summary =
        ui::trendLabel(trend.trend) + " (" + slope + " per balance over the last " +
        std::to_string(std::min<std::size_t>(balance.size(), static_cast<std::size_t>(m_model.analysis().window))) +
        ")";
    const ui::ScopedFont smallFont{ui::font(&ui::Fonts::small)};
    ImGui::TextUnformatted(summary.c_str());
}

} // namespace tessera::app
