#include "platform/platform.hpp"

#include "platform/secure_heap.hpp"

#include "ui/style.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stb_image_write.h>

#include <algorithm>
#include <stdexcept>
#include <utility>
#include <vector>

namespace tessera::app {
namespace {

void queueInput(GLFWwindow* window, const ui::InputEvent& event) {
    if (auto* flag = static_cast<Platform::InputFlag*>(glfwGetWindowUserPointer(window))) {
        flag->any = true;
        flag->queue.push(event);
    }
}

// Hands one event to ImGui's GLFW backend, as its own callbacks would have.
void deliver(GLFWwindow* window, const ui::InputEvent& event) {
    switch (event.kind) {
    case ui::InputEvent::Kind::Key:
        ImGui_ImplGlfw_KeyCallback(window, event.code, event.scancode, event.action, event.mods);
        break;
    case ui::InputEvent::Kind::Char: ImGui_ImplGlfw_CharCallback(window, event.codepoint); break;
    case ui::InputEvent::Kind::MouseButton:
        ImGui_ImplGlfw_MouseButtonCallback(window, event.code, event.action, event.mods);
        break;
    case ui::InputEvent::Kind::Scroll: ImGui_ImplGlfw_ScrollCallback(window, event.x, event.y); break;
    }
}

} // namespace

Platform::Platform(const char* title, int width, int height) {
    if (glfwInit() == GLFW_FALSE) {
        throw std::runtime_error("No display is available (GLFW could not start). Run Tessera in a desktop "
                                 "session, or under xvfb-run for screenshots.");
    }
    m_glfwReady = true;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
    m_window = glfwCreateWindow(width, height, title, nullptr, nullptr);
    if (m_window == nullptr) {
        throw std::runtime_error("The window could not be created: OpenGL 3.3 is not available on this display.");
    }
    glfwMakeContextCurrent(m_window);
    glfwSwapInterval(1);

    IMGUI_CHECKVERSION();
    // ImGui's buffers (text being edited, formatted text) are zeroed when freed (secure_heap.cpp).
    ImGui::SetAllocatorFunctions(&allocateForImGui, &freeForImGui, nullptr);
    ImGui::CreateContext();
    m_imguiReady = true;
    auto& io = ImGui::GetIO();
    io.UserData = &m_ui;
    m_ui.input = &m_input.queue; // ui::textArea takes characters above U+FFFF from it
    io.IniFilename = nullptr;    // window layout is fixed; nothing about the vault is written to disk
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    m_glfwBackend = ImGui_ImplGlfw_InitForOpenGL(m_window, true);
    m_glBackend = ImGui_ImplOpenGL3_Init("#version 330 core");
    if (!m_glfwBackend || !m_glBackend) {
        throw std::runtime_error("The ImGui backends could not start on this display.");
    }
    // Input callbacks replace the backend's (installed above): each event is queued, and
    // beginFrame hands ImGui a frame's worth in order (ui/input_queue.hpp).
    glfwSetWindowUserPointer(m_window, &m_input);
    glfwSetMouseButtonCallback(m_window, [](GLFWwindow* w, int button, int action, int mods) {
        queueInput(w, {ui::InputEvent::Kind::MouseButton, button, 0, action, mods});
    });
    glfwSetScrollCallback(m_window, [](GLFWwindow* w, double x, double y) {
        ui::InputEvent event;
        event.kind = ui::InputEvent::Kind::Scroll;
        event.x = x;
        event.y = y;
        queueInput(w, event);
    });
    glfwSetKeyCallback(m_window, [](GLFWwindow* w, int key, int scancode, int action, int mods) {
        queueInput(w, {ui::InputEvent::Kind::Key, key, scancode, action, mods});
    });
    glfwSetCharCallback(m_window, [](GLFWwindow* w, unsigned int c) {
        ui::InputEvent event;
        event.kind = ui::InputEvent::Kind::Char;
        event.codepoint = c;
        queueInput(w, event);
    });
}

Platform::~Platform() {
    if (m_window != nullptr) {
        glfwSetWindowUserPointer(m_window, nullptr);
    }
    if (m_glBackend) {
        ImGui_ImplOpenGL3_Shutdown();
    }
    if (m_glfwBackend) {
        ImGui_ImplGlfw_Shutdown();
    }
    if (m_imguiReady) {
        ImGui::DestroyContext();
    }
    if (m_window != nullptr) {
        glfwDestroyWindow(m_window);
    }
    if (m_glfwReady) {
        glfwTerminate();
    }
}

bool Platform::shouldClose() const {
    return glfwWindowShouldClose(m_window) != 0;
}

void Platform::requestClose() {
    glfwSetWindowShouldClose(m_window, GLFW_TRUE);
}

bool Platform::beginFrame(double timeoutSeconds, bool holdInput) {
    // Waiting for events instead of spinning keeps an idle journal at ~0% CPU; input still queued
    // from a burst needs the next frame at once.
    glfwWaitEventsTimeout(m_input.queue.empty() || holdInput ? timeoutSeconds : 0.0);
    for (const auto& event : holdInput ? m_input.queue.takeEarlierReleases() : m_input.queue.takeFrame()) {
        deliver(m_window, event);
    }
    // ImGui 1.86's GLFW backend polls the cursor itself, so movement is detected here.
    double x = 0.0;
    double y = 0.0;
    glfwGetCursorPos(m_window, &x, &y);
    const bool moved = x != m_input.cursorX || y != m_input.cursorY;
    m_input.cursorX = x;
    m_input.cursorY = y;
    const bool hadInput = std::exchange(m_input.any, false) || moved;
    ImGui_ImplOpenGL3_NewFrame(); // the first one creates the device objects and uploads the fonts
    m_fontTextureUploaded = true;
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    return hadInput;
}

bool Platform::endFrame(const std::filesystem::path* capture) {
    ImGui::Render();
    int width = 0;
    int height = 0;
    glfwGetFramebufferSize(m_window, &width, &height);
    glViewport(0, 0, width, height);
    const auto background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(background.x, background.y, background.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    const bool captured = capture == nullptr || writeScreenshot(*capture);
    glfwSwapBuffers(m_window);
    return captured;
}

float Platform::contentScale() const {
    float x = 1.0f;
    float y = 1.0f;
    glfwGetWindowContentScale(m_window, &x, &y);
    return x > 0.0f ? x : 1.0f;
}

void Platform::applyStyle(const Settings& settings) {
    const float scale = settings.uiScale > 0.0f ? settings.uiScale : contentScale();
    m_ui.fonts = ui::loadFonts(settings.fontSize, scale);
    ui::applyTheme(settings.theme, scale);
    // Before the first frame the backend uploads the new atlas itself; uploading it here too
    // would leave one texture behind (ImGui 1.86's CreateDeviceObjects does not free it).
    if (m_fontTextureUploaded) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
}

bool Platform::writeScreenshot(const std::filesystem::path& path) const {
    int width = 0;
    int height = 0;
    glfwGetFramebufferSize(m_window, &width, &height);
    if (width <= 0 || height <= 0) {
        return false;
    }
    const auto w = static_cast<std::size_t>(width);
    const auto h = static_cast<std::size_t>(height);
    std::vector<unsigned char> pixels(w * h * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // OpenGL's rows start at the bottom; PNG's at the top.
    std::vector<unsigned char> flipped(pixels.size());
    for (std::size_t row = 0; row < h; ++row) {
        std::copy_n(pixels.begin() + static_cast<std::ptrdiff_t>((h - 1 - row) * w * 4), w * 4,
                    flipped.begin() + static_cast<std::ptrdiff_t>(row * w * 4));
    }
    return stbi_write_png(path.c_str(), width, height, 4, flipped.data(), width * 4) != 0;
}

} // namespace tessera::app
