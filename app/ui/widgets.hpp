#pragma once

// Small drawing widgets shared by the views: trend arrows, heatmap cells, sparklines, meters,
// small charts and text with emphasised matches. Each draws only the data it is handed (no
// vault, no state of its own) and takes its colours from ui::palette().

#include "viewmodels/text_run.hpp"

#include "tessera/core/analytics.hpp"

#include <imgui.h>

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::app::ui {

// ---- Geometry (pure; the charts and their hit-testing share it) ------------------------------

// The x centre of slot `index` among `count` equal slots across `width`. With no slots, the middle.
[[nodiscard]] float slotCentre(std::size_t index, std::size_t count, float width);
// The slot under local `x`; nullopt when there are no slots or x lies outside [0, width).
[[nodiscard]] std::optional<std::size_t> slotAt(float x, std::size_t count, float width);
// The local y of `value` on an axis from `low` (bottom, y = height) to `high` (top, y = 0). A flat
// axis (low == high) puts every value in the middle; values outside the axis are clamped.
[[nodiscard]] float valueY(float value, float low, float high, float height);

// ---- Trends and intensities ----------------------------------------------------------------

[[nodiscard]] const char* trendGlyph(core::Trend trend); // ↑ ↓ → or · for absent
[[nodiscard]] std::string trendLabel(core::Trend trend); // "↑ rising", "· absent"
[[nodiscard]] ImVec4 trendColour(core::Trend trend);
// The glyph and word as one text item, coloured by trendColour.
void trendArrow(core::Trend trend);

// "absent", "mentioned", "clearly present", "central" (out-of-range values are clamped).
[[nodiscard]] const char* intensityName(int intensity);
// One heatmap cell: the intensity colour in the theme's colour, slightly rounded.
void intensityCell(ImDrawList* list, ImVec2 min, ImVec2 max, const std::string& themeColour, int intensity);
// The four intensities as swatches with their names, on one line (a text item).
void intensityLegend(const std::string& themeColour);

// ---- Small charts (each one item of `size`) --------------------------------------------------

// A column per value (0 .. maxValue) on a faint baseline; more values than fit are bucketed by
// their maximum, so a central session is never hidden. Empty: only the baseline.
void sparkline(std::span<const int> series, ImU32 colour, ImVec2 size, int maxValue = 3);
// A horizontal bar filled to `fraction` (clamped to 0..1) on a faint track.
void meter(float fraction, ImU32 colour, ImVec2 size);

// Bars above a zero line (`above`, e.g. reasons to leave) and below it (`below`, reasons to
// stay), one slot per point, with an optional line through `line` (e.g. leave - stay) on the same
// scale. Returns the point under the mouse.
struct DivergingBars {
    std::span<const float> above;
    std::span<const float> below;
    std::span<const float> line; // empty or one value per point
    ImU32 aboveColour = 0;
    ImU32 belowColour = 0;
    ImU32 lineColour = 0;
};
std::optional<std::size_t> divergingBarChart(const char* id, const DivergingBars& data, ImVec2 size);

// A step line over `levels` (0 .. levelNames.size() - 1; nullopt where nothing was recorded, the
// line holds the last recorded level), a dot on every recorded point, and the level names as a
// left axis. Returns the point under the mouse.
// The width stepChart gives its axis of level names.
[[nodiscard]] float stepChartAxisWidth(std::span<const char* const> levelNames);
// A small muted caption under a chart: `left` at `inset`, `right` ending at `width`.
void axisCaption(std::string_view left, std::string_view right, float inset, float width);
std::optional<std::size_t> stepChart(const char* id, std::span<const std::optional<int>> levels,
                                     std::span<const char* const> levelNames, ImU32 colour, ImVec2 size);

// ---- Text with emphasised matches ------------------------------------------------------------

// Draws the runs word-wrapped to `width` on at most `maxLines` lines (the last one ends with an
// ellipsis when the text is longer); emphasised runs are bold on a soft highlight. One item of
// width x (maxLines x line height).
void highlightedText(std::span<const TextRun> runs, float width, int maxLines);
// The width of the runs on one line, as highlightedText draws them.
[[nodiscard]] float textRunsWidth(std::span<const TextRun> runs);

// ---- Text helpers --------------------------------------------------------------------------

// Text in the palette's muted colour, on one line or wrapped at the right edge.
void mutedText(std::string_view text);
void mutedWrapped(std::string_view text);
// A bold section title with an optional small muted note after it on the same line.
void sectionHeading(const char* title, std::string_view note = {});
// Bold text (a heading inside a panel).
void boldText(std::string_view text);
// Text in the danger colour, wrapped at the right edge.
void dangerWrapped(std::string_view text);
// An upper-case label for a group (categories, panels): small, muted.
void groupLabel(std::string_view text);
// Black or white, whichever reads better on `background`.
[[nodiscard]] ImU32 contrastingText(ImU32 background);
// Draws `text` at `pos` in `font` (the current one when null), cut to `maxWidth` with an ellipsis.
void drawFitted(ImDrawList* drawList, ImVec2 pos, float maxWidth, ImU32 colour, std::string_view text,
                ImFont* font = nullptr);
// "1 session", "3 sessions".
[[nodiscard]] std::string countLabel(std::size_t count, const char* one, const char* many);
// `colour` with alpha `alpha`, packed for ImDrawList.
[[nodiscard]] ImU32 withAlpha(ImVec4 colour, float alpha = 1.0f);

// `text` cut to fit `width` in `font` at `size`, ending with an ellipsis when it was cut.
[[nodiscard]] std::string fitText(std::string_view text, float width, ImFont* font, float size);
// The same in the current font at its current size.
[[nodiscard]] std::string fitText(std::string_view text, float width);
// "Jan", "Feb", ... for month 1-12 ("?" otherwise).
[[nodiscard]] const char* monthName(unsigned month);

// ---- Scoped style (RAII): each pushes in its constructor and pops in its destructor, so a push
// can never be left without its pop on an early return.

class ScopedColour {
public:
    ScopedColour(ImGuiCol which, ImVec4 colour) { ImGui::PushStyleColor(which, colour); }
    ScopedColour(ImGuiCol which, ImU32 colour) { ImGui::PushStyleColor(which, colour); }
    ~ScopedColour() { ImGui::PopStyleColor(); }
    ScopedColour(const ScopedColour&) = delete;
    ScopedColour& operator=(const ScopedColour&) = delete;
};

class ScopedStyleVar {
public:
    ScopedStyleVar(ImGuiStyleVar which, float value) { ImGui::PushStyleVar(which, value); }
    ScopedStyleVar(ImGuiStyleVar which, ImVec2 value) { ImGui::PushStyleVar(which, value); }
    ~ScopedStyleVar() { ImGui::PopStyleVar(); }
    ScopedStyleVar(const ScopedStyleVar&) = delete;
    ScopedStyleVar& operator=(const ScopedStyleVar&) = delete;
};

class ScopedFont {
public:
    explicit ScopedFont(ImFont* font) { ImGui::PushFont(font); }
    ~ScopedFont() { ImGui::PopFont(); }
    ScopedFont(const ScopedFont&) = delete;
    ScopedFont& operator=(const ScopedFont&) = delete;
};

class ScopedTextWrap {
public:
    // Wraps text at local x `wrapX` (0: the right edge of the content region).
    explicit ScopedTextWrap(float wrapX = 0.0f) { ImGui::PushTextWrapPos(wrapX); }
    ~ScopedTextWrap() { ImGui::PopTextWrapPos(); }
    ScopedTextWrap(const ScopedTextWrap&) = delete;
    ScopedTextWrap& operator=(const ScopedTextWrap&) = delete;
};

class ScopedItemWidth {
public:
    // The width of the next widgets in the scope (negative: relative to the right edge).
    explicit ScopedItemWidth(float width) { ImGui::PushItemWidth(width); }
    ~ScopedItemWidth() { ImGui::PopItemWidth(); }
    ScopedItemWidth(const ScopedItemWidth&) = delete;
    ScopedItemWidth& operator=(const ScopedItemWidth&) = delete;
};

class ScopedId {
public:
    explicit ScopedId(const char* id) { ImGui::PushID(id); }
    explicit ScopedId(const std::string& id) { ImGui::PushID(id.c_str()); }
    explicit ScopedId(int id) { ImGui::PushID(id); }
    explicit ScopedId(const void* id) { ImGui::PushID(id); }
    ~ScopedId() { ImGui::PopID(); }
    ScopedId(const ScopedId&) = delete;
    ScopedId& operator=(const ScopedId&) = delete;
};

} // namespace tessera::app::ui
