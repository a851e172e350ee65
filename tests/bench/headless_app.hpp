#pragma once

// The real application (tessera_ui's Application, MainView and every view) in an ImGui context
// without a window or GPU, as tests/app/headless.cpp runs it: the frames cost the CPU what they
// cost in the app, short of the OpenGL backend submitting the draw lists.

#include "ui/application.hpp"
#include "ui/probe.hpp"

#include "tessera/core/model.hpp"

#include <imgui.h>

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace tessera::bench {

class HeadlessApp {
public:
    // A full-HD window, the app's fonts and light theme, on the unlock screen.
    explicit HeadlessApp(const std::filesystem::path& settingsFile);
    ~HeadlessApp();
    HeadlessApp(const HeadlessApp&) = delete;
    HeadlessApp& operator=(const HeadlessApp&) = delete;

    // Unlocks through Application::beginUnlock / waitForUnlock, as the unlock view does; throws
    // when the vault does not unlock.
    void unlock(const std::filesystem::path& vault, std::string_view passphrase);

    // NewFrame, Application::draw, Render: one frame of the app.
    void frame();
    void frames(int count);

    // Selects `client` and opens its newest session, as a clinician clicking them would.
    void openNewestSession(core::ClientId client);
    // Writes a new draft for `client` a week after its newest session, with that session's
    // content (the same texts, observations, stages and balance), and opens it: the editor then
    // offers every theme and edits every section, the busiest state of the Notes tab.
    void openDraftLikeNewest(core::ClientId client);
    void showTab(app::MainTab tab);

    // Clicks the widget the app marked as `name` (ui::markItem) in the last frame; false when it
    // was not drawn.
    bool click(const std::string& name);
    // Types one character into whatever has the keyboard focus (one frame).
    void type(char character);
    // Presses and releases Backspace (two frames).
    void pressBackspace();
    // One frame that comes `seconds` after the previous one (lets the autosave delay pass).
    void frameAfter(float seconds);
    // Frames until what the views started on workers has arrived (waiting between frames, not
    // inside one): the state the figures then measure.
    void settle();
    // Unlocks `vault` without waiting for its page check (the state right after unlocking).
    void unlockWithoutPageCheck(const std::filesystem::path& vault, std::string_view passphrase);

    // The longest wall time of the frames run through it: the UI thread's longest stall.
    class StallClock {
    public:
        explicit StallClock(HeadlessApp& app) : m_app(app) {}
        // `body` runs frames (frame(), type(), click()...): each counted as one stall at most
        // as long as the whole body.
        void time(const std::function<void()>& body);
        // Frames, timed, with an idle pause between them as the app's vsync has, until no view
        // has work running on a worker (and the page check has ended).
        void untilIdle();
        [[nodiscard]] double longestSeconds() const { return m_longest; }

    private:
        HeadlessApp& m_app;
        double m_longest = 0.0;
    };

    [[nodiscard]] app::Application& application() { return m_app; }
    [[nodiscard]] app::Workspace& workspace() { return *m_app.workspace(); }

private:
    // Constructed before (and destroyed after) the Application, whose views need a context.
    struct Context {
        Context();
        ~Context();
        Context(const Context&) = delete;
        Context& operator=(const Context&) = delete;
        ImGuiContext* imgui = nullptr;
        app::ui::UiContext ui;
        app::ui::ItemProbe probe; // attached only while click() looks for a widget
    };
    Context m_context;
    app::Application m_app;
};

} // namespace tessera::bench
