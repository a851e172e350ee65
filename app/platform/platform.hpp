#pragma once

// The window, the OpenGL 3 context and the ImGui context with its GLFW and OpenGL backends, as
// one RAII object: constructed in order, destroyed in reverse.

#include "ui/input_queue.hpp"
#include "ui/probe.hpp"
#include "ui/settings.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

struct GLFWwindow;

namespace tessera::app {

class Platform {
public:
    // Set by GLFW's input callbacks through the window user pointer, read once per frame.
    struct InputFlag {
        bool any = false;
        double cursorX = 0.0;
        double cursorY = 0.0;
        // Every key, character, button and wheel event, handed to ImGui in order, a frame's worth
        // at a time (ui/input_queue.hpp: ImGui 1.86 samples keys once per frame).
        ui::InputQueue queue;
    };

    // Throws std::runtime_error with a readable message when there is no display or no OpenGL 3.
    Platform(const char* title, int width, int height);
    ~Platform();
    Platform(const Platform&) = delete;
    Platform& operator=(const Platform&) = delete;

    [[nodiscard]] bool shouldClose() const;
    void requestClose();
    // Waits for input (at most `timeoutSeconds`), then starts an ImGui frame. Returns whether
    // any input event arrived since the last frame (for the idle auto-lock).
    // With `holdInput`, the events that arrive stay queued for a later frame (a note being opened
    // on a worker: what is typed meanwhile goes into it once it is there, not nowhere).
    bool beginFrame(double timeoutSeconds, bool holdInput = false);
    // Renders the frame; with `capture`, also writes it to that PNG file (read from the back
    // buffer before the swap, which is reliable on every driver). Returns false when a requested
    // capture could not be written.
    bool endFrame(const std::filesystem::path* capture = nullptr);
    // The monitor's content scale (1.0 on an ordinary screen, 2.0 on a HiDPI one).
    [[nodiscard]] float contentScale() const;
    // Rebuilds fonts and style for new settings; call between frames.
    void applyStyle(const Settings& settings);

private:
    bool writeScreenshot(const std::filesystem::path& path) const;

    GLFWwindow* m_window = nullptr;
    ui::UiContext m_ui;
    InputFlag m_input;
    bool m_imguiReady = false;
    bool m_glfwReady = false;
    bool m_glfwBackend = false;
    bool m_glBackend = false;
    bool m_fontTextureUploaded = false; // by the OpenGL backend's first NewFrame
};

} // namespace tessera::app
