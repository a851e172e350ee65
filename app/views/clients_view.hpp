#pragma once

#include "tessera/text/text_editor.hpp"
#include "tessera/core/model.hpp"
#include "tessera/core/validation.hpp"
#include "viewmodels/client_list_model.hpp"
#include "viewmodels/vault_task.hpp"

#include <string>
#include <vector>

namespace tessera::app {

class Workspace;

// The left pane: the clinician's clients, filterable, with how many sessions and drafts each has.
// Selecting a row selects the client for every tab. The list has the keyboard after unlocking:
// Up/Down select, Enter (or Right) opens the client's newest note in the session list. "New client" and "Edit" open a
// modal with the code, the display name and the redaction list.
class ClientsView {
public:
    explicit ClientsView(Workspace& workspace);
    void draw();

    void openNewClient();
    void openEditClient(core::ClientId id);

    [[nodiscard]] const ClientListModel& model() const { return m_model; }
    // Blocks until the list being read on a worker has arrived and takes it (tests, automation).
    void waitForModel();
    [[nodiscard]] bool namesHidden() const;
    void setNamesHidden(bool hidden);
    // True while the client dialog is open, or opening (the client being read for editing).
    [[nodiscard]] bool formOpen() const { return m_form.open || m_form.requestOpen || m_editRead.running(); }
    // Everything wrong with the client form after the last save attempt, one line each.
    [[nodiscard]] std::vector<std::string> formErrors() const;
    // True while the form is being saved, or a client read for editing, on a worker.
    [[nodiscard]] bool busy() const { return m_save.running() || m_editRead.running(); }

private:
    struct ClientForm {
        bool open = false;
        bool editing = false;
        bool requestOpen = false;
        bool focusFirst = false;
        core::Client client;
        std::vector<core::Problem> problems; // from core::checkClient, shown beside the fields
        std::string error;                   // from the vault (e.g. the code is taken)
        std::string formulationChanged;      // "last changed 2026-01-07", or empty
        text::TextEditor formulation;        // soft-wrapped, with caret, selection and undo
    };

    void drawHeader();
    void drawList();
    void drawRow(const ClientRow& row, bool selected);
    void drawForm();
    void drawRedactions();
    void saveForm();
    void takeSaved();
    void takeEditRead();
    void select(core::ClientId id);
    void handleListKeys();

    Workspace& m_workspace;
    ClientListModel m_model;
    std::string m_filter;
    bool m_scrollToSelected = false;
    bool m_focusList = true; // on the first frame: the keyboard starts in the client list
    ClientForm m_form;

    // Saving the form, and reading a client for editing, run on workers (a change waits for the
    // vault's page check right after unlocking); the dialog says "Saving…" and keeps drawing.
    struct Saved {
        core::ClientId id;
        std::vector<core::Problem> problems; // the vault's validation refused the client
    };
    struct EditRead {
        std::optional<core::Client> client;
        std::optional<core::Timestamp> formulationChanged;
    };
    std::string m_savedCode;
    bool m_savedEditing = false;
    VaultTask<Saved> m_save;
    VaultTask<EditRead> m_editRead;
};

} // namespace tessera::app
