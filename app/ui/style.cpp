#include "ui/style.hpp"

#include <imgui_freetype.h>

#include <algorithm>
#include <array>
#include <filesystem>

namespace tessera::app::ui {
namespace {

constexpr std::array kRegularFonts{"/usr/share/fonts/opentype/inter/Inter-Regular.otf",
                                   "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"};
constexpr std::array kBoldFonts{"/usr/share/fonts/opentype/inter/Inter-SemiBold.otf",
                                "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"};

// Latin with extensions, general punctuation (quotes, dashes, ellipsis), arrows, geometric shapes.
constexpr std::array<ImWchar, 13> kGlyphRanges{0x0020, 0x024F, 0x2010, 0x206F, 0x20AC, 0x20AC, 0x2190,
                                               0x21FF, 0x2500, 0x25FF, 0x2713, 0x2717, 0};

// Symbols Inter lacks (the minus sign, block elements of text sparklines, some geometric shapes)
// come from DejaVu Sans, merged into the font just added.
constexpr std::array<ImWchar, 7> kSymbolRanges{0x2200, 0x22FF, 0x2580, 0x259F, 0x25A0, 0x25FF, 0};
constexpr const char* kSymbolFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

void mergeSymbols(float size) {
    std::error_code error;
    if (!std::filesystem::exists(kSymbolFont, error)) {
        return;
    }
    ImFontConfig merge;
    merge.MergeMode = true;
    merge.OversampleH = 1;
    merge.OversampleV = 1;
    ImGui::GetIO().Fonts->AddFontFromFileTTF(kSymbolFont, size, &merge, kSymbolRanges.data());
}

const char* firstExisting(const auto& candidates) {
    for (const char* path : candidates) {
        std::error_code error;
        if (std::filesystem::exists(path, error)) {
            return path;
        }
    }
    return nullptr;
}

ImVec4 rgb(int r, int g, int b, float a = 1.0f) {
    return {static_cast<float>(r) / 255.0f, static_cast<float>(g) / 255.0f, static_cast<float>(b) / 255.0f, a};
}

Palette lightPalette() {
    Palette p;
    p.text = rgb(32, 34, 38);
    p.mutedText = rgb(104, 110, 120);
    p.accent = rgb(52, 104, 156);
    p.danger = rgb(178, 52, 46);
    p.success = rgb(46, 124, 82);
    p.warning = rgb(176, 124, 30);
    p.panel = rgb(244, 243, 240);
    p.heatmapEmpty = rgb(234, 233, 229);
    return p;
}

Palette darkPalette() {
    Palette p;
    p.text = rgb(226, 228, 232);
    p.mutedText = rgb(150, 156, 166);
    p.accent = rgb(110, 160, 214);
    p.danger = rgb(232, 112, 100);
    p.success = rgb(112, 190, 140);
    p.warning = rgb(226, 180, 90);
    p.panel = rgb(36, 38, 42);
    p.heatmapEmpty = rgb(48, 51, 56);
    return p;
}

void setColours(ImGuiStyle& style, bool dark) {
    auto* c = style.Colors;
    if (dark) {
        ImGui::StyleColorsDark(&style);
        c[ImGuiCol_WindowBg] = rgb(28, 30, 33);
        c[ImGuiCol_ChildBg] = rgb(28, 30, 33);
        c[ImGuiCol_PopupBg] = rgb(36, 38, 42);
        c[ImGuiCol_MenuBarBg] = rgb(36, 38, 42);
        c[ImGuiCol_FrameBg] = rgb(44, 47, 52);
        c[ImGuiCol_FrameBgHovered] = rgb(54, 58, 64);
        c[ImGuiCol_FrameBgActive] = rgb(60, 65, 72);
        c[ImGuiCol_Button] = rgb(52, 72, 96);
        c[ImGuiCol_ButtonHovered] = rgb(66, 92, 122);
        c[ImGuiCol_ButtonActive] = rgb(76, 106, 140);
        c[ImGuiCol_Header] = rgb(50, 64, 82);
        c[ImGuiCol_HeaderHovered] = rgb(60, 78, 100);
        c[ImGuiCol_HeaderActive] = rgb(70, 92, 118);
        c[ImGuiCol_Tab] = rgb(40, 43, 48);
        c[ImGuiCol_TabHovered] = rgb(66, 92, 122);
        c[ImGuiCol_TabActive] = rgb(52, 72, 96);
        c[ImGuiCol_Text] = rgb(226, 228, 232);
        c[ImGuiCol_TextDisabled] = rgb(130, 136, 146);
        c[ImGuiCol_Border] = rgb(58, 62, 68);
        c[ImGuiCol_TableHeaderBg] = rgb(40, 43, 48);
    } else {
        ImGui::StyleColorsLight(&style);
        c[ImGuiCol_WindowBg] = rgb(250, 249, 247);
        c[ImGuiCol_ChildBg] = rgb(250, 249, 247);
        c[ImGuiCol_PopupBg] = rgb(255, 255, 255);
        c[ImGuiCol_MenuBarBg] = rgb(240, 239, 235);
        c[ImGuiCol_FrameBg] = rgb(255, 255, 255);
        c[ImGuiCol_FrameBgHovered] = rgb(246, 246, 243);
        c[ImGuiCol_FrameBgActive] = rgb(238, 240, 244);
        c[ImGuiCol_Button] = rgb(226, 232, 240);
        c[ImGuiCol_ButtonHovered] = rgb(206, 218, 232);
        c[ImGuiCol_ButtonActive] = rgb(188, 204, 224);
        c[ImGuiCol_Header] = rgb(222, 230, 240);
        c[ImGuiCol_HeaderHovered] = rgb(210, 222, 236);
        c[ImGuiCol_HeaderActive] = rgb(196, 212, 232);
        c[ImGuiCol_Tab] = rgb(232, 231, 227);
        c[ImGuiCol_TabHovered] = rgb(206, 218, 232);
        c[ImGuiCol_TabActive] = rgb(250, 249, 247);
        c[ImGuiCol_Text] = rgb(32, 34, 38);
        c[ImGuiCol_TextDisabled] = rgb(128, 132, 140);
        c[ImGuiCol_Border] = rgb(216, 214, 208);
        c[ImGuiCol_Separator] = rgb(220, 218, 212);
        c[ImGuiCol_TableHeaderBg] = rgb(238, 237, 233);
        c[ImGuiCol_TableBorderLight] = rgb(228, 226, 221);
        c[ImGuiCol_TableRowBgAlt] = rgb(245, 244, 241);
        c[ImGuiCol_CheckMark] = rgb(52, 104, 156);
        c[ImGuiCol_SliderGrab] = rgb(52, 104, 156);
        c[ImGuiCol_TextSelectedBg] = rgb(190, 210, 236);
    }
}

} // namespace

void applyTheme(Settings::Theme theme, float scale) {
    const bool dark = theme == Settings::Theme::Dark;
    ImGuiStyle style;
    setColours(style, dark);
    style.WindowRounding = 6.0f;
    style.ChildRounding = 6.0f;
    style.FrameRounding = 5.0f;
    style.PopupRounding = 6.0f;
    style.GrabRounding = 5.0f;
    style.TabRounding = 5.0f;
    style.ScrollbarRounding = 8.0f;
    style.WindowPadding = {14.0f, 12.0f};
    style.FramePadding = {9.0f, 6.0f};
    style.ItemSpacing = {10.0f, 8.0f};
    style.ItemInnerSpacing = {7.0f, 5.0f};
    style.CellPadding = {8.0f, 5.0f};
    style.ScrollbarSize = 13.0f;
    style.WindowBorderSize = 0.0f;
    style.FrameBorderSize = 1.0f;
    style.PopupBorderSize = 1.0f;
    style.ScaleAllSizes(std::clamp(scale, 0.5f, 4.0f));
    ImGui::GetStyle() = style;
    if (auto* context = uiContext()) {
        context->palette = dark ? darkPalette() : lightPalette();
        context->dark = dark;
    }
}

Palette palette() {
    if (const auto* context = uiContext()) {
        return context->palette;
    }
    return lightPalette();
}

Fonts loadFonts(float pixelSize, float scale) {
    auto& io = ImGui::GetIO();
    io.Fonts->Clear();
    io.Fonts->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    io.Fonts->FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
    const float size = std::clamp(pixelSize * scale, 8.0f, 96.0f);
    Fonts fonts;
    const char* regular = firstExisting(kRegularFonts);
    const char* bold = firstExisting(kBoldFonts);
    ImFontConfig config;
    config.OversampleH = 1;
    config.OversampleV = 1;
    if (regular != nullptr) {
        fonts.regular = io.Fonts->AddFontFromFileTTF(regular, size, &config, kGlyphRanges.data());
        mergeSymbols(size);
        fonts.small = io.Fonts->AddFontFromFileTTF(regular, size * 0.84f, &config, kGlyphRanges.data());
    }
    if (bold != nullptr) {
        fonts.bold = io.Fonts->AddFontFromFileTTF(bold, size, &config, kGlyphRanges.data());
        fonts.heading = io.Fonts->AddFontFromFileTTF(bold, size * 1.3f, &config, kGlyphRanges.data());
    }
    if (fonts.regular == nullptr) {
        ImFontConfig fallback;
        fallback.SizePixels = std::max(13.0f, size);
        fonts.regular = io.Fonts->AddFontDefault(&fallback);
    }
    fonts.bold = fonts.bold != nullptr ? fonts.bold : fonts.regular;
    fonts.heading = fonts.heading != nullptr ? fonts.heading : fonts.bold;
    fonts.small = fonts.small != nullptr ? fonts.small : fonts.regular;
    io.FontDefault = fonts.regular;
    return fonts;
}

ImVec4 colourFromHex(const std::string& hex, float alpha) {
    const auto digit = [](char c) -> int {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    };
    if (hex.size() != 7 || hex[0] != '#') {
        return {0.5f, 0.5f, 0.5f, alpha};
    }
    std::array<int, 6> d{};
    for (std::size_t i = 0; i < 6; ++i) {
        d[i] = digit(hex[i + 1]);
        if (d[i] < 0) {
            return {0.5f, 0.5f, 0.5f, alpha};
        }
    }
    return {static_cast<float>(d[0] * 16 + d[1]) / 255.0f, static_cast<float>(d[2] * 16 + d[3]) / 255.0f,
            static_cast<float>(d[4] * 16 + d[5]) / 255.0f, alpha};
}

ImU32 intensityColour(const std::string& themeColour, int intensity) {
    if (intensity <= 0) {
        return ImGui::ColorConvertFloat4ToU32(palette().heatmapEmpty);
    }
    // Blend the theme colour over the empty colour: 1 is a tint, 3 the full colour.
    const ImVec4 full = colourFromHex(themeColour);
    const ImVec4 empty = palette().heatmapEmpty;
    const float t = std::clamp(static_cast<float>(intensity), 1.0f, 3.0f) / 3.0f * 0.8f + 0.2f;
    return ImGui::ColorConvertFloat4ToU32(
        {empty.x + (full.x - empty.x) * t, empty.y + (full.y - empty.y) * t, empty.z + (full.z - empty.z) * t, 1.0f});
}

float unit() {
    return ImGui::GetFontSize() / 17.0f;
}

} // namespace tessera::app::ui
