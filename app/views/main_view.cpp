#include "views/main_view.hpp"
#include "ui/widgets.hpp"

#include "ui/application.hpp"
#include "ui/probe.hpp"
#include "ui/shortcuts.hpp"
#include "ui/style.hpp"
#include "views/clients_view.hpp"
#include "views/codebook_view.hpp"
#include "views/export_view.hpp"
#include "views/note_editor_view.hpp"
#include "views/search_view.hpp"
#include "views/sessions_view.hpp"
#include "views/settings_view.hpp"
#include "views/templates_view.hpp"
#include "views/themes_view.hpp"

#include <imgui.h>

#include <algorithm>

#include <array>

namespace tessera::app {
namespace {

// A side pane's width: `preferred` (in unscaled pixels) where there is room, at most `share` of
// the `available` width on a narrow window, never under 120 (scaled).
float paneWidth(float preferred, float share, float available) {
    const float u = ui::unit();
    return std::max(120.0f * u, std::min(preferred * u, share * available));
}

struct TabInfo {
    MainTab tab;
    const char* label;
    const char* probe;
};

constexpr std::array kTabs{
    TabInfo{MainTab::Notes, "Notes", "tab-notes"},
    TabInfo{MainTab::Themes, "Themes over time", "tab-themes"},
    TabInfo{MainTab::Search, "Search", "tab-search"},
    TabInfo{MainTab::Codebook, "Codebook", "tab-codebook"},
    TabInfo{MainTab::Templates, "Templates", "tab-templates"},
    TabInfo{MainTab::Settings, "Settings", "tab-settings"},
};

} // namespace

MainView::MainView(Application& app)
    : m_app(app), m_workspace(*app.workspace()), m_clients(std::make_unique<ClientsView>(m_workspace)),
      m_sessions(std::make_unique<SessionsView>(m_workspace)),
      m_noteEditor(std::make_unique<NoteEditorView>(m_workspace, app.settings())),
      m_themes(std::make_unique<ThemesView>(m_workspace)), m_search(std::make_unique<SearchView>(m_workspace)),
      m_codebook(std::make_unique<CodebookView>(m_workspace)),
      m_templates(std::make_unique<TemplatesView>(m_workspace)), m_settings(std::make_unique<SettingsView>(app)),
      m_export(std::make_unique<ExportView>(m_workspace)) {}

MainView::~MainView() = default;

bool MainView::hasBackgroundWork() const {
    // A tab's build counts only while the tab is shown: a hidden tab's model takes its result when
    // the tab is drawn again, so frames for it would only burn CPU.
    const bool themes = m_workspace.tab == MainTab::Themes && m_themes->model().building();
    const bool search =
        m_workspace.tab == MainTab::Search && (m_search->model().building() || m_search->model().pending());
    return m_export->model().writing() || (m_export->isOpen() && m_export->model().building()) ||
           m_export->model().reviewing() || m_workspace.pageCheckRunning() || themes || search ||
           m_clients->model().reading() || m_clients->busy() || m_sessions->model().reading() ||
           m_sessions->creating() || m_codebook->busy() || m_templates->busy() || m_noteEditor->opening() ||
           m_noteEditor->spellActive() || (m_workspace.tab == MainTab::Settings && m_settings->working());
}

bool MainView::holdsInput() const {
    // From Enter on a client until its newest note's first field has the keyboard: the session
    // list is read, then the note.
    return m_workspace.tab == MainTab::Notes && (m_workspace.focusSessionList || m_noteEditor->holdsInput());
}

void MainView::waitForBackgroundWork() {
    m_clients->waitForModel();
    m_sessions->waitForModel();
    m_noteEditor->waitForNote();
    m_noteEditor->spellCheck().waitForWork();
    m_codebook->waitForModel();
    m_templates->waitForModel();
    m_themes->waitForModel();
    m_search->waitForModel();
    m_export->waitForSummary();
    m_settings->waitForWorker();
}

void MainView::flushPendingEdits() {
    m_noteEditor->flushPendingEdits();
}

void MainView::handleShortcuts() {
    if (ui::pressedCtrl('L')) {
        m_app.requestLock();
    }
    if (ui::pressedCtrl('F')) {
        m_workspace.tab = MainTab::Search;
        m_search->focusQuery();
    }
    if (ui::pressedCtrl('T')) {
        m_workspace.tab = MainTab::Themes;
    }
    if (ui::pressedCtrl('E')) {
        m_workspace.tab = MainTab::Notes;
    }
    if (ui::pressedCtrl('P') && m_workspace.selectedClient) {
        openExport();
    }
    if (ui::pressedCtrlShift('H')) {
        m_workspace.namesHidden = !m_workspace.namesHidden;
    }
}

void MainView::openExport() {
    m_noteEditor->flushPendingEdits();
    m_export->open();
}

void MainView::drawMenuBar() {
    if (!ImGui::BeginMenuBar()) {
        return;
    }
    if (ImGui::BeginMenu("Vault")) {
        if (ImGui::MenuItem("Export supervision summary\xe2\x80\xa6", "Ctrl+P", false,
                            m_workspace.selectedClient.has_value())) {
            openExport();
        }
        ui::markItem("menu-export-summary");
        ImGui::Separator();
        if (ImGui::MenuItem("Lock", "Ctrl+L")) {
            m_app.requestLock();
        }
        ImGui::Separator();
        if (ImGui::MenuItem("Quit")) {
            m_app.requestQuit();
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Go")) {
        for (const auto& info : kTabs) {
            if (ImGui::MenuItem(info.label, nullptr, m_workspace.tab == info.tab)) {
                m_workspace.tab = info.tab;
            }
        }
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        if (ImGui::MenuItem("Hide client names", "Ctrl+Shift+H", m_workspace.namesHidden)) {
            m_workspace.namesHidden = !m_workspace.namesHidden;
        }
        ui::markItem("menu-hide-names");
        ImGui::Separator();
        auto& settings = m_app.settings();
        if (ImGui::MenuItem("Light theme", nullptr, settings.theme == Settings::Theme::Light)) {
            settings.theme = Settings::Theme::Light;
            m_app.requestStyleChange();
            m_app.saveSettings();
        }
        if (ImGui::MenuItem("Dark theme", nullptr, settings.theme == Settings::Theme::Dark)) {
            settings.theme = Settings::Theme::Dark;
            m_app.requestStyleChange();
            m_app.saveSettings();
        }
        ImGui::EndMenu();
    }
    // The vault's name on the right, so the clinician always knows which records are open; while
    // every page is being checked (a second or so after unlocking a large vault), it says so:
    // a change made meanwhile waits for the check.
    const auto name =
        (m_workspace.pageCheckRunning() ? std::string{"Checking every page\xE2\x80\xA6  "} : std::string{}) +
        m_workspace.vault().path().filename().string();
    const float width = ImGui::CalcTextSize(name.c_str()).x;
    ImGui::SetCursorPosX(ImGui::GetWindowWidth() - width - ImGui::GetStyle().WindowPadding.x * 2.0f);
    ImGui::TextDisabled("%s", name.c_str());
    ImGui::EndMenuBar();
}

void MainView::drawNotices() {
    const auto& notices = m_workspace.notices();
    const auto colours = ui::palette();
    for (std::size_t i = 0; i < notices.size(); ++i) {
        const auto& notice = notices[i];
        bool dismiss = false;
        {
            const ui::ScopedId iScope{static_cast<int>(i)};
            const bool error = notice.kind == Notice::Kind::Error;
            {
                const ui::ScopedColour textColour{ImGuiCol_Text, error ? colours.danger : colours.success};
                const ui::ScopedTextWrap wrap{ImGui::GetContentRegionAvail().x - 80.0f};
                ImGui::TextUnformatted(notice.text.c_str());
            }
            ui::markItem(error ? "notice-error" : "notice-info");
            ImGui::SameLine(ImGui::GetContentRegionAvail().x - 60.0f);
            dismiss = ImGui::SmallButton("Dismiss");
        }
        if (dismiss) {
            m_workspace.dismissNotice(i);
            break;
        }
    }
}

void MainView::draw() {
    const auto& io = ImGui::GetIO();
    ImGui::SetNextWindowPos({0, 0});
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("Tessera", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_MenuBar |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
    handleShortcuts();
    drawMenuBar();
    drawNotices();

    // The panes keep their widths on an ordinary window and give way on a narrow one, so that the
    // note being written never leaves the window (nor, with it, the keyboard focus).
    const float sidebar = paneWidth(270.0f, 0.22f, ImGui::GetContentRegionAvail().x);
    ImGui::BeginChild("clients-pane", {sidebar, 0}, true);
    m_clients->draw();
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("main-pane", {0, 0}, false);
    if (ImGui::BeginTabBar("main-tabs")) {
        const int wanted = static_cast<int>(m_workspace.tab);
        for (const auto& info : kTabs) {
            const int index = static_cast<int>(info.tab);
            // Select a tab programmatically only when navigation changed it (e.g. a search hit).
            const ImGuiTabItemFlags flags =
                (wanted != m_lastTab && wanted == index) ? ImGuiTabItemFlags_SetSelected : 0;
            const bool open = ImGui::BeginTabItem(info.label, nullptr, flags);
            ui::markItem(info.probe);
            if (!open) {
                continue;
            }
            if (wanted == m_lastTab) {
                m_workspace.tab = info.tab; // the clinician clicked this tab
            }
            switch (info.tab) {
            case MainTab::Notes: {
                const float list = paneWidth(300.0f, 0.26f, ImGui::GetContentRegionAvail().x);
                ImGui::BeginChild("sessions-pane", {list, 0}, true);
                m_sessions->draw();
                ImGui::EndChild();
                ImGui::SameLine();
                ImGui::BeginChild("editor-pane", {0, 0}, false);
                m_noteEditor->draw();
                ImGui::EndChild();
                break;
            }
            case MainTab::Themes: m_themes->draw(); break;
            case MainTab::Search: m_search->draw(); break;
            case MainTab::Codebook: m_codebook->draw(); break;
            case MainTab::Templates: m_templates->draw(); break;
            case MainTab::Settings: m_settings->draw(); break;
            }
            ImGui::EndTabItem();
        }
        if (m_lastTab != static_cast<int>(m_workspace.tab)) {
            // Leaving a tab is a focus change: the draft being written is saved now.
            m_noteEditor->flushPendingEdits();
        }
        m_lastTab = static_cast<int>(m_workspace.tab);
        ImGui::EndTabBar();
    }
    ImGui::EndChild();
    m_export->draw(); // a modal over everything, drawn every frame (it also finishes a write)
    ImGui::End();
}

} // namespace tessera::app
