#pragma once

// Themes over time for the selected client: a heatmap of every session and theme, per-theme
// trends with sparklines, the quote ledger of one theme, the themes that come together, and the
// stage-of-change and decisional-balance history. Everything is drawn from a ThemesModel.

#include "viewmodels/themes_model.hpp"

#include <imgui.h>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace tessera::app {

class Workspace;

class ThemesView {
public:
    explicit ThemesView(Workspace& workspace);
    void draw();

    // A heatmap cell: positions in the model's analysis (theme) and sessions (session).
    struct Cell {
        std::size_t theme = 0;
        std::size_t session = 0;
        friend bool operator==(const Cell&, const Cell&) = default;
    };
    // What the tooltip of the hovered cell shows.
    struct CellDetails {
        Cell cell;
        core::SessionId sessionId;
        core::Date date;
        std::string themeLabel;
        int intensity = 0;
        std::string quote; // empty when none was written
        bool signedNote = false;
    };

    // ---- View state, read by tests
    [[nodiscard]] const ThemesModel& model() const { return m_model; }
    // Blocks until the model's build on its worker has finished; the next draw shows it. For tests.
    void waitForModel() { m_model.waitForBuild(); }
    [[nodiscard]] const std::optional<CellDetails>& hoveredCell() const { return m_hovered; }
    // Where the cell was drawn in the last frame (screen coordinates), nullopt when its row is not
    // shown or the session is out of range.
    [[nodiscard]] std::optional<ImVec2> cellCentre(std::size_t theme, std::size_t session) const;
    // The theme whose quotes the ledger lists (position in the analysis).
    [[nodiscard]] std::optional<std::size_t> ledgerTheme() const;
    [[nodiscard]] ThemeRowOrder order() const { return m_order; }
    void setOrder(ThemeRowOrder order) { m_order = order; }

private:
    struct RowSlot {
        float y = 0.0f; // from the top of the rows area
        float height = 0.0f;
        std::optional<std::size_t> theme; // nullopt: a category heading
        core::ThemeCategory category = core::ThemeCategory::SelfPerception;
    };
    struct HeatmapLayout {
        ImVec2 origin{}; // screen position of the first cell column, header included
        float headerHeight = 0.0f;
        float pitchX = 0.0f; // column to column
        float gap = 0.0f;
        std::vector<RowSlot> rows;
    };

    void refreshModel();
    void drawEmptyState(const char* title, const std::string& text);
    void drawHeader();
    void drawStandouts();
    void drawControls();
    void layoutRows(const std::vector<std::size_t>& rows);
    void drawHeatmap();
    void drawHeatmapLabels(float width, float height);
    void drawHeatmapCells(float contentWidth, float height);
    void drawMonthLabels(ImDrawList* list, std::size_t first, std::size_t last, float scrollX);
    void drawCellTooltip(const CellDetails& details);
    void drawTrends(const std::vector<std::size_t>& rows);
    void drawQuoteLedger(float height);
    void drawPairs();
    void drawStages();
    void drawBalance();
    void openSession(std::size_t sessionIndex);

    Workspace& m_workspace;
    ThemesModel m_model;

    // Controls
    ThemeRowOrder m_order = ThemeRowOrder::ByCategory;
    bool m_showUnseen = false;
    int m_window = core::kDefaultTrendWindow;
    std::array<char, 16> m_fromText{};
    std::array<char, 16> m_toText{};
    std::optional<core::Date> m_from;
    std::optional<core::Date> m_to;
    bool m_periodInvalid = false;

    // Selection and frame state
    std::string m_ledgerKey;
    std::optional<core::ClientId> m_shownClient;
    std::size_t m_shownSessions = 0;
    int m_scrollToNewest = 0;
    std::optional<CellDetails> m_hovered;
    std::optional<std::size_t> m_hoveredLabelRow;  // theme position under the mouse in the label column
    std::optional<std::size_t> m_lastHoveredTheme; // the hovered cell's row in the previous frame
    HeatmapLayout m_layout;
};

} // namespace tessera::app
