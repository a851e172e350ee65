#pragma once

// Everything that exists only while a vault is unlocked: the vault itself, what is selected,
// and the messages shown to the clinician. Destroying the workspace (on lock) closes the vault
// and, with the views that hang off it, drops every decrypted value.

#include "tessera/core/model.hpp"
#include "tessera/storage/vault.hpp"

#include <optional>
#include <string>
#include <vector>

namespace tessera::app {

enum class MainTab { Notes, Themes, Search, Codebook, Templates, Settings };

struct Notice {
    enum class Kind { Info, Error };
    Kind kind = Kind::Info;
    std::string text;
    double shownAt = 0.0; // seconds (ImGui time); info notices fade after a few seconds
};

class Workspace {
public:
    explicit Workspace(storage::Vault vault);

    [[nodiscard]] storage::Vault& vault() { return m_vault; }
    [[nodiscard]] const storage::Vault& vault() const { return m_vault; }
    [[nodiscard]] std::uint64_t revision() const { return m_vault.revision(); }

    // Navigation shared by the views (a heatmap cell opens a note, a search hit opens a note...).
    std::optional<core::ClientId> selectedClient;
    std::optional<core::SessionId> openSession;
    MainTab tab = MainTab::Notes;
    // Client display names are drawn nowhere and match no filter while true (Settings::hideNames,
    // which the application keeps in step with this).
    bool namesHidden = false;
    void openNote(core::ClientId client, core::SessionId session);
    // A search hit the note editor shows once that note is open: it scrolls the field to the
    // matched words and selects them.
    struct NoteMatch {
        core::SessionId session;
        std::string field; // as storage::SearchHit::field: "section:<key>", "quote:<theme>", "addendum"
        std::string words; // the matched words as they stand in the text
    };
    std::optional<NoteMatch> revealMatch;
    // Where the clinician is (client, open note, tab), to remember when the vault locks, and to
    // go back to after the next unlock.
    [[nodiscard]] storage::WorkspacePlace place() const;
    void restore(const storage::WorkspacePlace& place);
    // Keyboard focus passed between the client list and the session list (Enter or Right in the
    // first, Left in the second); the list asked takes it on its next frame.
    bool focusClientList = false;
    bool focusSessionList = false;

    void inform(std::string text);
    void reportError(std::string text);
    [[nodiscard]] const std::vector<Notice>& notices() const { return m_notices; }
    void dismissNotice(std::size_t index);
    void expireNotices(double now);
    // Once the vault's background page check ends with a failure (a damaged page), shows it as
    // an error that stays: the vault can still be read, but it refuses every change.
    void watchPageCheck();
    // True until watchPageCheck has seen the page check end.
    [[nodiscard]] bool pageCheckRunning() const { return !m_pageCheckSettled; }

private:
    storage::Vault m_vault;
    std::vector<Notice> m_notices;
    bool m_pageCheckSettled = false;
};

} // namespace tessera::app
