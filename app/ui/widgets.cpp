#include "ui/widgets.hpp"

#include "ui/probe.hpp"
#include "ui/style.hpp"
#include "tessera/core/utf8.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>

namespace tessera::app::ui {
namespace {

ImU32 faint() {
    return withAlpha(palette().mutedText, 0.30f);
}

// Reserves an interactive item of `size` (InvisibleButton refuses a zero size).
bool chartItem(const char* id, ImVec2 size) {
    const ImVec2 safe{std::max(size.x, 1.0f), std::max(size.y, 1.0f)};
    ImGui::InvisibleButton(id, safe);
    return ImGui::IsItemHovered();
}

// A piece of one run: a maximal stretch of non-space characters of one emphasis.
struct Fragment {
    std::string_view text;
    bool emphasised = false;
    float width = 0.0f;
};

// Words are never broken across lines; a word may span runs ("[self]-blame").
struct Word {
    std::vector<Fragment> fragments;
    float width = 0.0f;
};

struct PlacedWord {
    const Word* word = nullptr;
    int line = 0;
    float x = 0.0f;
};

float textWidth(ImFont* font, float size, std::string_view text) {
    return font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.data(), text.data() + text.size()).x;
}

std::vector<Word> splitWords(std::span<const TextRun> runs, ImFont* regular, ImFont* bold, float size) {
    std::vector<Word> words;
    Word current;
    const auto endWord = [&] {
        if (!current.fragments.empty()) {
            words.push_back(std::move(current));
        }
        current = Word{};
    };
    for (const auto& run : runs) {
        const std::string_view text = run.text;
        std::size_t start = 0;
        while (start < text.size()) {
            if (text[start] == ' ' || text[start] == '\n' || text[start] == '\t') {
                endWord();
                ++start;
                continue;
            }
            std::size_t end = start;
            while (end < text.size() && text[end] != ' ' && text[end] != '\n' && text[end] != '\t') {
                ++end;
            }
            const auto piece = text.substr(start, end - start);
            const float width = textWidth(run.emphasised ? bold : regular, size, piece);
            current.fragments.push_back({piece, run.emphasised, width});
            current.width += width;
            start = end;
        }
    }
    endWord();
    return words;
}

} // namespace

// ---- Geometry ---------------------------------------------------------------------------------

float slotCentre(std::size_t index, std::size_t count, float width) {
    if (count == 0) {
        return width * 0.5f;
    }
    const float pitch = width / static_cast<float>(count);
    return pitch * (static_cast<float>(index) + 0.5f);
}

std::optional<std::size_t> slotAt(float x, std::size_t count, float width) {
    if (count == 0 || !(width > 0.0f) || !(x >= 0.0f) || x >= width) {
        return std::nullopt;
    }
    const auto slot = static_cast<std::size_t>(x / width * static_cast<float>(count));
    return std::min(slot, count - 1);
}

float valueY(float value, float low, float high, float height) {
    if (!(high > low)) {
        return height * 0.5f;
    }
    const float t = std::clamp((value - low) / (high - low), 0.0f, 1.0f);
    return height * (1.0f - t);
}

// ---- Trends and intensities ----------------------------------------------------------------

const char* trendGlyph(core::Trend trend) {
    switch (trend) {
    case core::Trend::Rising: return "↑";
    case core::Trend::Falling: return "↓";
    case core::Trend::Steady: return "→";
    case core::Trend::Absent: break;
    }
    return "·";
}

std::string trendLabel(core::Trend trend) {
    return std::string{trendGlyph(trend)} + " " + std::string{core::toString(trend)};
}

ImVec4 trendColour(core::Trend trend) {
    const auto colours = palette();
    switch (trend) {
    case core::Trend::Rising:
    case core::Trend::Falling: return colours.accent;
    case core::Trend::Steady: return colours.mutedText;
    case core::Trend::Absent: break;
    }
    auto muted = colours.mutedText;
    muted.w = 0.6f;
    return muted;
}

void trendArrow(core::Trend trend) {
    const auto label = trendLabel(trend);
    const ScopedColour textColour{ImGuiCol_Text, trendColour(trend)};
    ImGui::TextUnformatted(label.c_str());
}

const char* intensityName(int intensity) {
    constexpr std::array<const char*, 4> kNames{"absent", "mentioned", "clearly present", "central"};
    return kNames[static_cast<std::size_t>(std::clamp(intensity, 0, 3))];
}

void intensityCell(ImDrawList* list, ImVec2 min, ImVec2 max, const std::string& themeColour, int intensity) {
    const float rounding = std::min({2.0f * unit(), (max.x - min.x) * 0.25f, (max.y - min.y) * 0.25f});
    list->AddRectFilled(min, max, intensityColour(themeColour, intensity), std::max(rounding, 0.0f));
}

void intensityLegend(const std::string& themeColour) {
    const float side = ImGui::GetTextLineHeight() * 0.75f;
    const ScopedFont smallFont{font(&Fonts::small)};
    const ScopedColour textColour{ImGuiCol_Text, palette().mutedText};
    for (int intensity = 0; intensity <= 3; ++intensity) {
        const ScopedId intensityScope{intensity};
        if (intensity > 0) {
            ImGui::SameLine(0.0f, ImGui::GetStyle().ItemSpacing.x * 1.6f);
        }
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        const float top = pos.y + (ImGui::GetTextLineHeight() - side) * 0.5f;
        intensityCell(ImGui::GetWindowDrawList(), {pos.x, top}, {pos.x + side, top + side}, themeColour, intensity);
        ImGui::Dummy({side, ImGui::GetTextLineHeight()});
        ImGui::SameLine(0.0f, ImGui::GetStyle().ItemInnerSpacing.x);
        ImGui::Text("%d %s", intensity, intensityName(intensity));
    }
}

// ---- Small charts --------------------------------------------------------------------------

void sparkline(std::span<const int> series, ImU32 colour, ImVec2 size, int maxValue) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    if (!(size.x >= 1.0f) || !(size.y >= 1.0f)) {
        return;
    }
    auto* list = ImGui::GetWindowDrawList();
    const float bottom = pos.y + size.y;
    list->AddLine({pos.x, bottom - 0.5f}, {pos.x + size.x, bottom - 0.5f}, faint());
    if (series.empty()) {
        return;
    }
    const auto top = static_cast<float>(std::max(maxValue, 1));
    const float u = unit();
    // Columns at least 3 px apart; the newest value is at the right edge.
    const std::size_t columns =
        std::min(series.size(), std::max<std::size_t>(1, static_cast<std::size_t>(size.x / 3.0f)));
    const float pitch = std::min(size.x / static_cast<float>(columns), 8.0f * u);
    const float barWidth = std::max(1.0f, pitch - (pitch >= 4.0f ? 1.5f * u : 0.5f));
    const float start = pos.x + size.x - pitch * static_cast<float>(columns);
    for (std::size_t column = 0; column < columns; ++column) {
        const std::size_t first = column * series.size() / columns;
        const std::size_t last = std::max(first + 1, (column + 1) * series.size() / columns);
        int value = 0;
        for (std::size_t i = first; i < last && i < series.size(); ++i) {
            value = std::max(value, series[i]);
        }
        if (value <= 0) {
            continue;
        }
        const float height = std::clamp(static_cast<float>(value), 0.0f, top) / top * (size.y - 1.0f);
        const float x = start + pitch * static_cast<float>(column);
        list->AddRectFilled({x, bottom - height}, {x + barWidth, bottom}, colour, 1.0f);
    }
}

void meter(float fraction, ImU32 colour, ImVec2 size) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    auto* list = ImGui::GetWindowDrawList();
    const float rounding = size.y * 0.5f;
    list->AddRectFilled(pos, {pos.x + size.x, pos.y + size.y}, withAlpha(palette().mutedText, 0.14f), rounding);
    const float filled = std::isfinite(fraction) ? std::clamp(fraction, 0.0f, 1.0f) * size.x : 0.0f;
    if (filled >= 1.0f) {
        list->AddRectFilled(pos, {pos.x + filled, pos.y + size.y}, colour, rounding);
    }
}

std::optional<std::size_t> divergingBarChart(const char* id, const DivergingBars& data, ImVec2 size) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool hovered = chartItem(id, size);
    auto* list = ImGui::GetWindowDrawList();
    const float u = unit();
    const float middle = pos.y + size.y * 0.5f;
    list->AddLine({pos.x, middle}, {pos.x + size.x, middle}, faint());
    const std::size_t count = std::max(data.above.size(), data.below.size());
    if (count == 0) {
        return std::nullopt;
    }
    float largest = 0.0f;
    for (const float v : data.above) {
        largest = std::max(largest, std::abs(v));
    }
    for (const float v : data.below) {
        largest = std::max(largest, std::abs(v));
    }
    for (const float v : data.line) {
        largest = std::max(largest, std::abs(v));
    }
    if (!(largest > 0.0f)) {
        largest = 1.0f;
    }
    const float scale = std::max(size.y * 0.5f - 2.0f * u, 1.0f) / largest;
    const float pitch = size.x / static_cast<float>(count);
    const float half = std::max(0.5f, std::min(pitch * 0.34f, 7.0f * u));

    std::optional<std::size_t> hoveredSlot;
    if (hovered) {
        hoveredSlot = slotAt(ImGui::GetIO().MousePos.x - pos.x, count, size.x);
        if (hoveredSlot) {
            const float x = pos.x + pitch * static_cast<float>(*hoveredSlot);
            list->AddRectFilled({x, pos.y}, {x + pitch, pos.y + size.y}, withAlpha(palette().accent, 0.10f));
        }
    }
    for (std::size_t i = 0; i < count; ++i) {
        const float cx = pos.x + slotCentre(i, count, size.x);
        if (i < data.above.size() && data.above[i] > 0.0f) {
            list->AddRectFilled({cx - half, middle - data.above[i] * scale}, {cx + half, middle - 1.0f},
                                data.aboveColour, 1.0f);
        }
        if (i < data.below.size() && data.below[i] > 0.0f) {
            list->AddRectFilled({cx - half, middle + 1.0f}, {cx + half, middle + data.below[i] * scale},
                                data.belowColour, 1.0f);
        }
    }
    if (data.line.size() == count) {
        std::vector<ImVec2> points;
        points.reserve(count);
        for (std::size_t i = 0; i < count; ++i) {
            points.push_back({pos.x + slotCentre(i, count, size.x), middle - data.line[i] * scale});
        }
        if (points.size() > 1) {
            list->AddPolyline(points.data(), static_cast<int>(points.size()), data.lineColour, ImDrawFlags_None,
                              1.6f * u);
        }
        if (pitch >= 6.0f * u || points.size() == 1) {
            for (const auto& point : points) {
                list->AddCircleFilled(point, 2.4f * u, data.lineColour);
            }
        }
    }
    return hoveredSlot;
}

float stepChartAxisWidth(std::span<const char* const> levelNames) {
    ImFont* small = font(&Fonts::small);
    float axis = 0.0f;
    for (const char* name : levelNames) {
        axis = std::max(axis, textWidth(small, small->FontSize, name));
    }
    return axis + 8.0f * unit();
}

void axisCaption(std::string_view left, std::string_view right, float inset, float width) {
    ImFont* small = font(&Fonts::small);
    const float size = small->FontSize;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::Dummy({std::max(width, 1.0f), size});
    auto* list = ImGui::GetWindowDrawList();
    const ImU32 colour = withAlpha(palette().mutedText);
    list->AddText(small, size, {pos.x + inset, pos.y}, colour, left.data(), left.data() + left.size());
    const float rightWidth = textWidth(small, size, right);
    if (pos.x + inset + textWidth(small, size, left) + 8.0f * unit() < pos.x + width - rightWidth) {
        list->AddText(small, size, {pos.x + width - rightWidth, pos.y}, colour, right.data(),
                      right.data() + right.size());
    }
}

std::optional<std::size_t> stepChart(const char* id, std::span<const std::optional<int>> levels,
                                     std::span<const char* const> levelNames, ImU32 colour, ImVec2 size) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const bool hovered = chartItem(id, size);
    if (levelNames.empty()) {
        return std::nullopt;
    }
    auto* list = ImGui::GetWindowDrawList();
    const float u = unit();
    ImFont* small = font(&Fonts::small);
    const float smallSize = small->FontSize;
    const float axis = stepChartAxisWidth(levelNames);
    const float top = pos.y + smallSize * 0.5f;
    const float height = std::max(size.y - smallSize, 1.0f);
    const float left = pos.x + axis;
    const float width = std::max(size.x - axis, 1.0f);
    const float highest = static_cast<float>(levelNames.size() - 1);
    const auto levelY = [&](int level) { return top + valueY(static_cast<float>(level), 0.0f, highest, height); };

    for (std::size_t k = 0; k < levelNames.size(); ++k) {
        const float y = levelY(static_cast<int>(k));
        list->AddLine({left, y}, {left + width, y}, withAlpha(palette().mutedText, 0.14f));
        list->AddText(small, smallSize, {pos.x, y - smallSize * 0.5f}, withAlpha(palette().mutedText, 1.0f),
                      levelNames[k]);
    }
    const std::size_t count = levels.size();
    if (count == 0) {
        return std::nullopt;
    }
    std::optional<std::size_t> hoveredSlot;
    if (hovered) {
        hoveredSlot = slotAt(ImGui::GetIO().MousePos.x - left, count, width);
        if (hoveredSlot) {
            const float pitch = width / static_cast<float>(count);
            const float x = left + pitch * static_cast<float>(*hoveredSlot);
            list->AddRectFilled({x, pos.y}, {x + pitch, pos.y + size.y}, withAlpha(palette().accent, 0.10f));
        }
    }
    const float pitch = width / static_cast<float>(count);
    const int maxLevel = static_cast<int>(levelNames.size()) - 1;
    std::optional<ImVec2> previous;
    for (std::size_t i = 0; i < count; ++i) {
        if (!levels[i]) {
            continue;
        }
        const ImVec2 point{left + slotCentre(i, count, width), levelY(std::clamp(*levels[i], 0, maxLevel))};
        if (previous) {
            // Hold the last level until this session, then step.
            list->AddLine(*previous, {point.x, previous->y}, colour, 1.8f * u);
            list->AddLine({point.x, previous->y}, point, colour, 1.8f * u);
        }
        if (pitch >= 5.0f * u || !previous) {
            list->AddCircleFilled(point, 2.6f * u, colour);
        }
        previous = point;
    }
    if (previous) {
        // Carry the latest level to the right edge: it still holds.
        list->AddLine(*previous, {left + width, previous->y}, withAlpha(ImGui::ColorConvertU32ToFloat4(colour), 0.35f),
                      1.8f * u);
    }
    return hoveredSlot;
}

// ---- Text with emphasised matches ------------------------------------------------------------

void highlightedText(std::span<const TextRun> runs, float width, int maxLines) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float u = unit();
    const float lineHeight = ImGui::GetTextLineHeight() + 2.0f * u;
    const int lines = std::max(maxLines, 1);
    const ImVec2 size{std::max(width, 1.0f), lineHeight * static_cast<float>(lines)};
    ImGui::Dummy(size);
    if (!ImGui::IsItemVisible()) {
        return;
    }
    ImFont* regular = font(&Fonts::regular);
    ImFont* bold = font(&Fonts::bold);
    const float fontSize = ImGui::GetFontSize();
    const auto words = splitWords(runs, regular, bold, fontSize);
    const float space = textWidth(regular, fontSize, " ");
    const float ellipsis = textWidth(regular, fontSize, "…");

    std::vector<PlacedWord> placed;
    int line = 0;
    float x = 0.0f;
    bool truncated = false;
    for (const auto& word : words) {
        if (x > 0.0f && x + word.width > size.x) {
            ++line;
            x = 0.0f;
        }
        if (line >= lines) {
            truncated = true;
            break;
        }
        placed.push_back({&word, line, x});
        x += word.width + space;
    }
    if (truncated) {
        // Make room for the ellipsis at the end of the last line.
        while (!placed.empty() && placed.back().line == lines - 1 &&
               placed.back().x + placed.back().word->width + ellipsis > size.x && placed.back().x > 0.0f) {
            placed.pop_back();
        }
    }

    auto* list = ImGui::GetWindowDrawList();
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 highlight = withAlpha(palette().accent, 0.16f);
    list->PushClipRect(pos, {pos.x + size.x, pos.y + size.y}, true);
    float endOfLast = 0.0f;
    for (const auto& item : placed) {
        float fx = pos.x + item.x;
        const float y = pos.y + static_cast<float>(item.line) * lineHeight + u;
        for (const auto& fragment : item.word->fragments) {
            if (fragment.emphasised) {
                list->AddRectFilled({fx - 1.0f, y - u}, {fx + fragment.width + 1.0f, y + fontSize + u}, highlight,
                                    2.0f * u);
            }
            list->AddText(fragment.emphasised ? bold : regular, fontSize, {fx, y}, text, fragment.text.data(),
                          fragment.text.data() + fragment.text.size());
            fx += fragment.width;
        }
        endOfLast = item.x + item.word->width;
    }
    if (truncated) {
        const float y = pos.y + static_cast<float>(lines - 1) * lineHeight + u;
        list->AddText(regular, fontSize, {pos.x + std::min(endOfLast + 1.0f, size.x - ellipsis), y}, text, "…");
    }
    list->PopClipRect();
}

float textRunsWidth(std::span<const TextRun> runs) {
    ImFont* regular = font(&Fonts::regular);
    ImFont* bold = font(&Fonts::bold);
    const float size = ImGui::GetFontSize();
    float width = 0.0f;
    for (const auto& run : runs) {
        width += textWidth(run.emphasised ? bold : regular, size, run.text);
    }
    return width;
}

// ---- Text helpers --------------------------------------------------------------------------

std::string fitText(std::string_view text, float width, ImFont* font, float size) {
    if (textWidth(font, size, text) <= width) {
        return std::string{text};
    }
    const float room = width - textWidth(font, size, "…");
    // The longest prefix, cut on a character boundary, that fits with the ellipsis.
    std::vector<std::size_t> boundaries;
    for (std::size_t i = 1; i < text.size(); ++i) {
        if (!core::utf8::isContinuation(text[i])) {
            boundaries.push_back(i);
        }
    }
    std::size_t low = 0;
    for (auto first = boundaries.begin(), last = boundaries.end(); first != last;) {
        const auto middle = first + (last - first) / 2;
        if (textWidth(font, size, text.substr(0, *middle)) <= room) {
            low = *middle;
            first = middle + 1;
        } else {
            last = middle;
        }
    }
    std::string fitted{text.substr(0, low)};
    while (!fitted.empty() && fitted.back() == ' ') {
        fitted.pop_back();
    }
    return fitted + "…";
}

std::string fitText(std::string_view text, float width) {
    return fitText(text, width, ImGui::GetFont(), ImGui::GetFontSize());
}

const char* monthName(unsigned month) {
    constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return month >= 1 && month <= 12 ? kMonths[month - 1] : "?";
}

void mutedText(std::string_view text) {
    const ScopedColour textColour{ImGuiCol_Text, palette().mutedText};
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
}

void mutedWrapped(std::string_view text) {
    const ScopedTextWrap wrap;
    mutedText(text);
}

void sectionHeading(const char* title, std::string_view note) {
    float titleSize = 0.0f;
    {
        const ScopedFont boldFont{font(&Fonts::bold)};
        ImGui::TextUnformatted(title);
        titleSize = ImGui::GetFontSize();
    }
    if (note.empty()) {
        return;
    }
    ImGui::SameLine();
    const ScopedFont smallFont{font(&Fonts::small)};
    // Share the title's baseline.
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::max(0.0f, (titleSize - ImGui::GetFontSize()) * 0.75f));
    mutedText(note);
}

std::string countLabel(std::size_t count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

ImU32 withAlpha(ImVec4 colour, float alpha) {
    colour.w = alpha;
    return ImGui::ColorConvertFloat4ToU32(colour);
}

void boldText(std::string_view text) {
    const ScopedFont bold{font(&Fonts::bold)};
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
}

void dangerWrapped(std::string_view text) {
    const ScopedColour danger{ImGuiCol_Text, palette().danger};
    const ScopedTextWrap wrap;
    ImGui::TextUnformatted(text.data(), text.data() + text.size());
}

void groupLabel(std::string_view text) {
    std::string upper{text};
    for (auto& c : upper) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    const ScopedFont small{font(&Fonts::small)};
    mutedText(upper);
}

ImU32 contrastingText(ImU32 background) {
    const ImVec4 c = ImGui::ColorConvertU32ToFloat4(background);
    const float luminance = 0.299f * c.x + 0.587f * c.y + 0.114f * c.z;
    return luminance > 0.6f ? IM_COL32(32, 34, 38, 255) : IM_COL32(255, 255, 255, 255);
}

void drawFitted(ImDrawList* drawList, ImVec2 pos, float maxWidth, ImU32 colour, std::string_view text, ImFont* font) {
    font = font != nullptr ? font : ImGui::GetFont();
    const std::string fitted = fitText(text, maxWidth, font, font->FontSize);
    drawList->AddText(font, font->FontSize, pos, colour, fitted.c_str(), fitted.c_str() + fitted.size());
}

} // namespace tessera::app::ui
