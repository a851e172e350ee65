#include "headless_app.hpp"

#include "views/main_view.hpp"

#include "ui/style.hpp"
#include "ui/workspace.hpp"

#include "tessera/storage/secret.hpp"

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

namespace tessera::bench {

HeadlessApp::Context::Context() {
    imgui = ImGui::CreateContext();
    ImGui::SetCurrentContext(imgui);
    auto& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = {1920.0f, 1080.0f};
    io.DeltaTime = 1.0f / 60.0f;
    io.UserData = &ui;
    ui.fonts = app::ui::loadFonts(17.0f, 1.0f);
    app::ui::applyTheme(app::Settings::Theme::Light, 1.0f);
    unsigned char* pixels = nullptr;
    int width = 0;
    int height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
}

HeadlessApp::Context::~Context() {
    ImGui::DestroyContext(imgui);
}

HeadlessApp::HeadlessApp(const std::filesystem::path& settingsFile) : m_app(app::Settings{}, settingsFile) {
    frames(2);
}

void HeadlessApp::unlock(const std::filesystem::path& vault, std::string_view passphrase) {
    unlockWithoutPageCheck(vault, passphrase);
    // The page check reads the whole file on the other core after unlocking; let it end, so the
    // figures that follow measure the app alone.
    m_app.workspace()->vault().awaitPageCheck();
    frames(2);
}

HeadlessApp::~HeadlessApp() {
    ImGui::SetCurrentContext(m_context.imgui);
}

void HeadlessApp::frame() {
    ImGui::NewFrame();
    m_app.draw();
    ImGui::Render();
}

void HeadlessApp::frames(int count) {
    for (int i = 0; i < count; ++i) {
        frame();
    }
}

void HeadlessApp::openNewestSession(core::ClientId client) {
    auto& workspace = this->workspace();
    const auto record = workspace.vault().clientRecord(client);
    workspace.selectedClient = client;
    if (!record.sessions.empty()) {
        workspace.openSession = record.sessions.back().id;
    }
}

void HeadlessApp::openDraftLikeNewest(core::ClientId client) {
    auto& workspace = this->workspace();
    auto& vault = workspace.vault();
    const auto record = vault.clientRecord(client);
    if (record.sessions.empty()) {
        throw std::runtime_error("the client has no session to copy");
    }
    const auto& newest = record.sessions.back();
    auto draft = newest;
    draft.id = vault.createSession(client, newest.date.plusDays(7), newest.templateName);
    draft.date = newest.date.plusDays(7);
    draft.signedAt.reset();
    draft.addenda.clear();
    vault.saveDraft(draft);
    workspace.selectedClient = client;
    workspace.openSession = draft.id;
}

bool HeadlessApp::click(const std::string& name) {
    // The probe records where widgets are drawn; it is attached for these frames only, so that
    // it costs the measured frames nothing.
    m_context.ui.probe = &m_context.probe;
    m_context.probe.clear();
    frame();
    const auto* item = m_context.probe.find(name);
    auto& io = ImGui::GetIO();
    if (item != nullptr) {
        io.MousePos = item->centre();
        frame();
        io.MouseDown[0] = true;
        frame();
        io.MouseDown[0] = false;
        frame();
        io.MousePos = {-FLT_MAX, -FLT_MAX};
    }
    m_context.ui.probe = nullptr;
    return item != nullptr;
}

void HeadlessApp::type(char character) {
    ImGui::GetIO().AddInputCharacter(static_cast<unsigned char>(character));
    frame();
}

void HeadlessApp::pressBackspace() {
    auto& io = ImGui::GetIO();
    if (io.KeyMap[ImGuiKey_Backspace] < 0) {
        io.KeyMap[ImGuiKey_Backspace] = 8; // no platform backend here to map it
    }
    const auto key = static_cast<std::size_t>(io.KeyMap[ImGuiKey_Backspace]);
    io.KeysDown[key] = true;
    frame();
    io.KeysDown[key] = false;
    frame();
}

void HeadlessApp::frameAfter(float seconds) {
    auto& io = ImGui::GetIO();
    io.DeltaTime = seconds;
    frame();
    io.DeltaTime = 1.0f / 60.0f;
}

void HeadlessApp::settle() {
    for (int i = 0; i < 4; ++i) {
        frame();
        m_app.mainView()->waitForBackgroundWork();
    }
    frame();
}

void HeadlessApp::unlockWithoutPageCheck(const std::filesystem::path& vault, std::string_view passphrase) {
    m_app.beginUnlock(vault, storage::Secret{passphrase});
    m_app.waitForUnlock();
    if (!m_app.isUnlocked()) {
        throw std::runtime_error("the app did not unlock " + vault.string() + ": " +
                                 m_app.unlockError().value_or("no reason given"));
    }
}

void HeadlessApp::StallClock::time(const std::function<void()>& body) {
    const auto start = std::chrono::steady_clock::now();
    body();
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
    m_longest = std::max(m_longest, took.count());
}

void HeadlessApp::StallClock::untilIdle() {
    // A bound, so that a view that never settles ends the run instead of hanging it.
    // Each frame as the platform runs it: Application::update first (it notices the page check's
    // end), with input, so that the idle lock never strikes in the middle of a figure.
    const auto appFrame = [this] {
        m_app.m_app.update(ImGui::GetTime(), true);
        m_app.frame();
    };
    for (int i = 0; i < 2'000 && m_app.m_app.mainView()->hasBackgroundWork(); ++i) {
        time(appFrame);
        std::this_thread::sleep_for(std::chrono::milliseconds(2)); // between frames, as vsync idles
    }
    time(appFrame); // the frame that shows what arrived last
}

void HeadlessApp::showTab(app::MainTab tab) {
    workspace().tab = tab;
}

} // namespace tessera::bench
