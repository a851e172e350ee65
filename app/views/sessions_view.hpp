#pragma once

#include "viewmodels/session_list_model.hpp"
#include "viewmodels/vault_task.hpp"

#include <optional>
#include <string>

namespace tessera::app {

class Workspace;

// The sessions pane of the Notes tab: the selected client's sessions, newest first, each with
// its status (draft or signed), stage of change and the strongest themes as coloured marks.
// A click opens the note in the editor, and so does the keyboard: with the list focused (the
// client list's Enter hands it over), Up/Down, Home/End and Enter open notes, Left goes back to
// the clients. "New session" (Ctrl+N) creates one from a template.
class SessionsView {
public:
    explicit SessionsView(Workspace& workspace);
    void draw();

    // Opens the "New session" dialog for the selected client (Ctrl+N). False without a client.
    bool openNewSession();
    [[nodiscard]] bool newSessionOpen() const { return m_form.open; }
    [[nodiscard]] const std::string& newSessionError() const { return m_form.error; }
    // True while a new session is being written on a worker.
    [[nodiscard]] bool creating() const { return m_create.running(); }
    [[nodiscard]] const SessionListModel& model() const { return m_model; }
    // Blocks until the rows being read on a worker have arrived and takes them (tests, automation).
    void waitForModel();

private:
    struct NewSessionForm {
        bool open = false;
        bool requestOpen = false;
        std::string templateName;
        std::string date; // YYYY-MM-DD, today by default
        std::string time; // HH:MM, optional
        std::string error;
    };

    void drawHeader();
    void drawList();
    void drawRow(const SessionRow& row, bool open);
    void drawNewSession();
    void createSession();
    void takeCreated();
    void handleListKeys();

    Workspace& m_workspace;
    SessionListModel m_model;
    NewSessionForm m_form;
    std::optional<core::SessionId> m_lastOpen;
    bool m_scrollToOpen = false;
    // The new session is written on a worker (it waits for the page check right after
    // unlocking); the dialog says "Creating…" meanwhile. Last: destroyed first.
    core::ClientId m_creatingFor;
    VaultTask<core::SessionId> m_create;
};

} // namespace tessera::app
