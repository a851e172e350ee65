#include "headless.hpp"

#include "ui/application.hpp"
#include "views/main_view.hpp"

#include "ui/style.hpp"

#include <catch2/catch.hpp>
#include <imgui_internal.h> // ImTextCharToUtf8

#include <array>
#include <map>

namespace tessera::test {

// Key codes as the GLFW backend maps them, so views see the same codes in tests and in the app.
namespace {
constexpr int kTab = 258;
constexpr int kLeft = 263;
constexpr int kRight = 262;
constexpr int kUp = 265;
constexpr int kDown = 264;
constexpr int kPageUp = 266;
constexpr int kPageDown = 267;
constexpr int kHome = 268;
constexpr int kEnd = 269;
constexpr int kInsert = 260;
constexpr int kDelete = 261;
constexpr int kBackspace = 259;
constexpr int kSpace = 32;
constexpr int kEnter = 257;
constexpr int kEscape = 256;
constexpr int kKeypadEnter = 335;
} // namespace

HeadlessUi::HeadlessUi(ImVec2 displaySize, app::Settings::Theme theme) {
    m_context = ImGui::CreateContext();
    ImGui::SetCurrentContext(m_context);
    auto& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = displaySize;
    io.DeltaTime = 1.0f / 60.0f;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.KeyMap[ImGuiKey_Tab] = kTab;
    io.KeyMap[ImGuiKey_LeftArrow] = kLeft;
    io.KeyMap[ImGuiKey_RightArrow] = kRight;
    io.KeyMap[ImGuiKey_UpArrow] = kUp;
    io.KeyMap[ImGuiKey_DownArrow] = kDown;
    io.KeyMap[ImGuiKey_PageUp] = kPageUp;
    io.KeyMap[ImGuiKey_PageDown] = kPageDown;
    io.KeyMap[ImGuiKey_Home] = kHome;
    io.KeyMap[ImGuiKey_End] = kEnd;
    io.KeyMap[ImGuiKey_Insert] = kInsert;
    io.KeyMap[ImGuiKey_Delete] = kDelete;
    io.KeyMap[ImGuiKey_Backspace] = kBackspace;
    io.KeyMap[ImGuiKey_Space] = kSpace;
    io.KeyMap[ImGuiKey_Enter] = kEnter;
    io.KeyMap[ImGuiKey_Escape] = kEscape;
    io.KeyMap[ImGuiKey_KeyPadEnter] = kKeypadEnter;
    io.KeyMap[ImGuiKey_A] = 'A';
    io.KeyMap[ImGuiKey_C] = 'C';
    io.KeyMap[ImGuiKey_V] = 'V';
    io.KeyMap[ImGuiKey_X] = 'X';
    io.KeyMap[ImGuiKey_Y] = 'Y';
    io.KeyMap[ImGuiKey_Z] = 'Z';
    m_ui.probe = &m_probe;
    io.UserData = &m_ui;
    // The real fonts, so that layout (and text widths) match the app.
    m_ui.fonts = app::ui::loadFonts(17.0f, 1.0f);
    app::ui::applyTheme(theme, 1.0f);
    unsigned char* pixels = nullptr;
    int width = 0;
    int height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    REQUIRE(width > 0);
}

HeadlessUi::~HeadlessUi() {
    ImGui::DestroyContext(m_context);
}

double HeadlessUi::time() const {
    return ImGui::GetTime();
}

void HeadlessUi::frame(const std::function<void()>& draw, float seconds) {
    auto& io = ImGui::GetIO();
    io.DeltaTime = seconds;
    m_probe.clear();
    ImGui::NewFrame();
    draw();
    ImGui::Render();
}

void HeadlessUi::frames(int count, const std::function<void()>& draw) {
    for (int i = 0; i < count; ++i) {
        frame(draw);
    }
}

void HeadlessUi::clickAt(ImVec2 position, const std::function<void()>& draw) {
    pressButtonAt(0, position, draw);
}

void HeadlessUi::rightClickAt(ImVec2 position, const std::function<void()>& draw) {
    pressButtonAt(1, position, draw);
}

void HeadlessUi::pressButtonAt(int button, ImVec2 position, const std::function<void()>& draw) {
    auto& io = ImGui::GetIO();
    io.MousePos = position;
    frame(draw);
    io.MouseDown[button] = true;
    frame(draw);
    io.MouseDown[button] = false;
    frame(draw);
}

void HeadlessUi::click(const std::string& name, const std::function<void()>& draw) {
    const auto* item = m_probe.find(name);
    INFO("widget " << name);
    REQUIRE(item != nullptr);
    clickAt(item->centre(), draw);
}

void HeadlessUi::hover(const std::string& name, const std::function<void()>& draw) {
    const auto* item = m_probe.find(name);
    INFO("widget " << name);
    REQUIRE(item != nullptr);
    ImGui::GetIO().MousePos = item->centre();
    frames(3, draw);
}

void HeadlessUi::type(const std::string& text, const std::function<void()>& draw) {
    ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
    frame(draw);
    frame(draw);
}

void HeadlessUi::pressChar(char key, const std::function<void()>& draw, bool ctrl, bool shift) {
    auto& io = ImGui::GetIO();
    const auto index = static_cast<unsigned char>(key);
    io.KeyCtrl = ctrl;
    io.KeyShift = shift;
    io.KeysDown[index] = true;
    frame(draw);
    io.KeysDown[index] = false;
    io.KeyCtrl = false;
    io.KeyShift = false;
    frame(draw);
}

std::string HeadlessUi::drawnText() const {
    std::map<std::pair<float, float>, unsigned> glyphs; // top-left texture coordinate -> character
    for (const ImFont* font : ImGui::GetIO().Fonts->Fonts) {
        for (const auto& glyph : font->Glyphs) {
            if (glyph.Visible != 0) {
                glyphs[{glyph.U0, glyph.V0}] = glyph.Codepoint;
            }
        }
    }
    std::string text;
    const ImDrawData* data = ImGui::GetDrawData();
    for (int list = 0; data != nullptr && list < data->CmdListsCount; ++list) {
        const auto& vertices = data->CmdLists[list]->VtxBuffer;
        for (int v = 0; v + 3 < vertices.Size; ++v) {
            const auto found = glyphs.find({vertices[v].uv.x, vertices[v].uv.y});
            if (found == glyphs.end()) {
                continue;
            }
            std::array<char, 5> utf8{};
            ImTextCharToUtf8(utf8.data(), found->second);
            text += utf8.data();
            v += 3; // the glyph's other three corners
        }
        text += '\n';
    }
    return text;
}

void HeadlessUi::pressKey(ImGuiKey key, const std::function<void()>& draw, bool ctrl, bool shift) {
    auto& io = ImGui::GetIO();
    const int index = io.KeyMap[key];
    REQUIRE(index >= 0);
    io.KeyCtrl = ctrl;
    io.KeyShift = shift;
    io.KeysDown[index] = true;
    frame(draw);
    io.KeysDown[index] = false;
    io.KeyCtrl = false;
    io.KeyShift = false;
    frame(draw);
}

void drawSettled(app::Application& app) {
    app.draw();
    app.waitForBackgroundWork();
}

} // namespace tessera::test
