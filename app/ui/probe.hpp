#pragma once

// Per-context UI services: the fonts, and a probe that records where named widgets were drawn so
// tests can drive the UI with simulated mouse input. Reached through ImGuiIO::UserData, which
// the ImGui context owns: no globals, and a fresh context in each test.

#include <imgui.h>

#include <map>
#include <string>

namespace tessera::app::ui {

struct Fonts {
    ImFont* regular = nullptr;
    ImFont* bold = nullptr;
    ImFont* heading = nullptr; // larger, bold
    ImFont* small = nullptr;
};

// Colours used by views beyond ImGui's style, set by applyTheme.
struct Palette {
    ImVec4 text{0.12f, 0.13f, 0.15f, 1.0f};
    ImVec4 mutedText{0.42f, 0.44f, 0.48f, 1.0f};
    ImVec4 accent{0.22f, 0.42f, 0.62f, 1.0f};
    ImVec4 danger{0.70f, 0.20f, 0.18f, 1.0f};
    ImVec4 success{0.20f, 0.50f, 0.32f, 1.0f};
    ImVec4 warning{0.72f, 0.50f, 0.12f, 1.0f};
    ImVec4 panel{0.95f, 0.95f, 0.94f, 1.0f};
    ImVec4 heatmapEmpty{0.92f, 0.92f, 0.91f, 1.0f};
};

struct ItemRect {
    ImVec2 min;
    ImVec2 max;
    [[nodiscard]] ImVec2 centre() const { return {(min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f}; }
};

class ItemProbe {
public:
    void record(const std::string& name, ItemRect rect) { m_items[name] = rect; }
    [[nodiscard]] const ItemRect* find(const std::string& name) const;
    void clear() { m_items.clear(); }

private:
    std::map<std::string, ItemRect> m_items;
};

class InputQueue;

struct UiContext {
    Fonts fonts;
    Palette palette;
    bool dark = false;
    ItemProbe* probe = nullptr; // set by tests only
    // The platform's input queue, for the characters above U+FFFF that ImGui 1.86 cannot hold
    // (InputQueue::fullCharacters); nullptr where input reaches ImGui directly.
    const InputQueue* input = nullptr;
};

// The UiContext attached to the current ImGui context (ImGuiIO::UserData), or nullptr.
[[nodiscard]] UiContext* uiContext();
// The fonts of the current context; each falls back to ImGui's default font.
[[nodiscard]] ImFont* font(ImFont* Fonts::*which);

// Records the rectangle of the last submitted item under `name` when a probe is attached.
void markItem(const char* name);
void markItem(const std::string& name);
// True when a probe is attached (so a caller builds names only for tests).
[[nodiscard]] bool probing();
// Records a rectangle that is not an item (an underline drawn inside a field) under `name`.
void markRect(const std::string& name, ImVec2 min, ImVec2 max);

} // namespace tessera::app::ui
