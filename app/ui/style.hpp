#pragma once

#include "ui/probe.hpp"
#include "ui/settings.hpp"

#include <imgui.h>

#include <string>

namespace tessera::app::ui {

// Applies the light or dark theme at `scale` to the current context's style and palette.
void applyTheme(Settings::Theme theme, float scale);
// The palette of the current context (a light default when no UiContext is attached).
[[nodiscard]] Palette palette();
// One layout unit: the current font size over 17 px, the size the layout was designed at. Every
// fixed width is a multiple of it, so the layout follows the font size and UI scale.
[[nodiscard]] float unit();

// Loads Inter (or Noto Sans) through FreeType at `pixelSize * scale`, with ImGui's default font
// as the fallback when neither is installed. Call before the backend builds its font texture.
[[nodiscard]] Fonts loadFonts(float pixelSize, float scale);

// A colour from "#RRGGBB" (grey when malformed), with alpha.
[[nodiscard]] ImVec4 colourFromHex(const std::string& hex, float alpha = 1.0f);
// The heatmap colour of an intensity 0-3 in a theme's colour (0 is the empty cell colour).
[[nodiscard]] ImU32 intensityColour(const std::string& themeColour, int intensity);

} // namespace tessera::app::ui
