#pragma once

#include <memory>

namespace tessera::app {

class Application;
class Workspace;
class ClientsView;
class SessionsView;
class NoteEditorView;
class ThemesView;
class SearchView;
class CodebookView;
class TemplatesView;
class SettingsView;
class ExportView;

// The unlocked window: menu bar, notices, the client list on the left and the tabs on the right.
// It owns every view (and so every view-model) of the unlocked state.
class MainView {
public:
    explicit MainView(Application& app);
    ~MainView();
    MainView(const MainView&) = delete;
    MainView& operator=(const MainView&) = delete;

    void draw();
    // True while work runs on a worker thread (an export being written): the platform then
    // draws frames often enough for its progress to move.
    [[nodiscard]] bool hasBackgroundWork() const;
    // True while a note is being opened on a worker (and the frame after it arrives, when its
    // field takes the keyboard): keys typed meanwhile wait in the input queue instead of being
    // delivered to no field (Enter on a client, then typing at once).
    [[nodiscard]] bool holdsInput() const;
    // Blocks until the views' builds running on workers (analysis, search) have finished; the
    // next frame shows them. For tests and the screenshot tool.
    void waitForBackgroundWork();
    // Saves the draft being edited now (before locking or quitting).
    void flushPendingEdits();

    [[nodiscard]] NoteEditorView& noteEditor() { return *m_noteEditor; }
    [[nodiscard]] ClientsView& clients() { return *m_clients; }
    [[nodiscard]] SessionsView& sessions() { return *m_sessions; }
    [[nodiscard]] ThemesView& themes() { return *m_themes; }
    [[nodiscard]] SearchView& search() { return *m_search; }
    [[nodiscard]] ExportView& exportView() { return *m_export; }

private:
    void drawMenuBar();
    void drawNotices();
    void handleShortcuts();
    // Saves the draft being edited (the summary reads the vault), then opens the Export dialog.
    void openExport();

    Application& m_app;
    Workspace& m_workspace;
    std::unique_ptr<ClientsView> m_clients;
    std::unique_ptr<SessionsView> m_sessions;
    std::unique_ptr<NoteEditorView> m_noteEditor;
    std::unique_ptr<ThemesView> m_themes;
    std::unique_ptr<SearchView> m_search;
    std::unique_ptr<CodebookView> m_codebook;
    std::unique_ptr<TemplatesView> m_templates;
    std::unique_ptr<SettingsView> m_settings;
    std::unique_ptr<ExportView> m_export;
    int m_lastTab = -1;
};

} // namespace tessera::app
