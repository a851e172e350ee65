#pragma once

// The headless pattern of ImGui's example_null: a real ImGui context with a built font atlas and
// a display size, but no window and no GPU. Tests draw views frame by frame and feed simulated
// mouse, keyboard and text input, then assert on view state and on what reached the vault.

#include "ui/probe.hpp"
#include "ui/settings.hpp"

#include <imgui.h>

#include <functional>
#include <string>

namespace tessera::app {
class Application;
}

namespace tessera::test {

// One frame of the whole app as a test draws it: the app's frame, then a wait for what it started
// on workers (lists, notes, analysis, search, the export summary, the unlock screen's work,
// opening and closing the vault, the settings file), so that the next frame shows it whatever the
// machine's speed.
void drawSettled(app::Application& app);

class HeadlessUi {
public:
    explicit HeadlessUi(ImVec2 displaySize = {1440.0f, 900.0f},
                        app::Settings::Theme theme = app::Settings::Theme::Light);
    ~HeadlessUi();
    HeadlessUi(const HeadlessUi&) = delete;
    HeadlessUi& operator=(const HeadlessUi&) = delete;

    // One frame: NewFrame, `draw`, Render. Time advances by `seconds`.
    void frame(const std::function<void()>& draw, float seconds = 1.0f / 60.0f);
    void frames(int count, const std::function<void()>& draw);

    // Clicks the centre of the widget recorded by ui::markItem(name) in the last frame (press on
    // one frame, release on the next). Fails the test when no such widget was drawn.
    void click(const std::string& name, const std::function<void()>& draw);
    void clickAt(ImVec2 position, const std::function<void()>& draw);
    // A right click (press on one frame, release on the next) at `position`.
    void rightClickAt(ImVec2 position, const std::function<void()>& draw);
    // Types UTF-8 text into whatever has keyboard focus.
    void type(const std::string& text, const std::function<void()>& draw);
    // Presses and releases a key: a letter or digit ('S', '2'), with Ctrl when `ctrl`.
    void pressChar(char key, const std::function<void()>& draw, bool ctrl = false, bool shift = false);
    // Presses and releases a named key (ImGuiKey_Enter, ImGuiKey_Tab, ...).
    void pressKey(ImGuiKey key, const std::function<void()>& draw, bool ctrl = false, bool shift = false);
    // Moves the mouse over a widget for hover effects (tooltips).
    void hover(const std::string& name, const std::function<void()>& draw);

    [[nodiscard]] bool drawn(const std::string& name) const { return m_probe.find(name) != nullptr; }
    [[nodiscard]] const app::ui::ItemRect* rect(const std::string& name) const { return m_probe.find(name); }
    [[nodiscard]] app::ui::ItemProbe& probe() { return m_probe; }
    [[nodiscard]] double time() const;
    // Every character the last frame drew, read back from its vertices (each glyph quad's texture
    // coordinates name its character), one line per draw list. Spaces draw nothing and are left
    // out: "Anna B." reads "AnnaB.". Catches text drawn through any path (widgets, AddText).
    [[nodiscard]] std::string drawnText() const;

private:
    void pressButtonAt(int button, ImVec2 position, const std::function<void()>& draw);

    ImGuiContext* m_context = nullptr;
    app::ui::ItemProbe m_probe;
    app::ui::UiContext m_ui;
};

} // namespace tessera::test
