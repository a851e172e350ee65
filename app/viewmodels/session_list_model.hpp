#pragma once

// The selected client's sessions as the sessions pane shows them: newest first, with status,
// stage of change and the strongest themes of each session. Read and built on a worker
// (BackgroundBuild) only when the vault's revision or the client changes; until it arrives the
// previous rows stay while the client is the same, and none are shown for another client (a row
// of one client must never open under another's name). No ImGui here.

#include "viewmodels/background_build.hpp"

#include "tessera/core/codebook.hpp"
#include "tessera/core/model.hpp"
#include "tessera/storage/vault.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tessera::app {

struct ThemeMark {
    std::string key;
    std::string label;
    std::string colour; // "#RRGGBB" from the codebook
    int intensity = 0;
};

struct SessionRow {
    core::SessionId id;
    core::Date date;
    std::string dateText; // "Tue 3 Mar 2026", or "Tue 3 Mar 2026, 14:30" with a time of day
    bool isSigned = false;
    int addenda = 0;
    std::optional<core::Stage> leaving;
    std::optional<core::Stage> safety;
    std::string stageText;        // "Contemplation" or "" when not recorded
    std::string templateLabel;    // "Ambivalence & progress"
    int themesObserved = 0;       // observations with intensity >= 1
    std::vector<ThemeMark> marks; // strongest first, at most kMaxMarks
};

struct TemplateChoice {
    std::string name;
    std::string label;
    int version = 1; // the newest
};

// What a read produces (on the worker), taken whole on the UI thread.
struct SessionListContents {
    std::optional<core::ClientId> client;
    std::string clientCode;
    std::vector<SessionRow> rows; // newest first
    std::vector<TemplateChoice> templates;
    std::string lastTemplate;
    int drafts = 0;
};

class SessionListModel {
public:
    static constexpr std::size_t kMaxMarks = 4;

    // Each frame: takes a finished read and starts one on a worker when the revision or the
    // client differs from the last; returns true when new contents arrived. `vault` must outlive
    // the model.
    bool update(const storage::Vault& vault, std::optional<core::ClientId> client);
    // Blocks until the read running has finished and takes it (tests, automation).
    void waitForRead(const storage::Vault& vault, std::optional<core::ClientId> client);
    // The pure half of a read: the rows of `record`.
    [[nodiscard]] static SessionListContents build(const core::ClientRecord& record, const core::Codebook& codebook,
                                                   const std::vector<core::NoteTemplate>& templates);
    // The whole read, as the worker runs it.
    [[nodiscard]] static SessionListContents read(const storage::Vault& vault, std::optional<core::ClientId> client);
    // Takes contents as if a read had produced them (tests of the pure half).
    void show(SessionListContents contents) { m_contents = std::move(contents); }
    void clear();

    [[nodiscard]] const std::vector<SessionRow>& rows() const { return m_contents.rows; } // newest first
    [[nodiscard]] std::optional<std::size_t> indexOf(core::SessionId id) const;
    [[nodiscard]] std::optional<core::ClientId> client() const { return m_contents.client; }
    [[nodiscard]] const std::string& clientCode() const { return m_contents.clientCode; }
    // Newest version of each template, by label; and the template the newest session used (the
    // natural default for the next one).
    [[nodiscard]] const std::vector<TemplateChoice>& templates() const { return m_contents.templates; }
    [[nodiscard]] const std::string& lastTemplate() const { return m_contents.lastTemplate; }
    [[nodiscard]] int drafts() const { return m_contents.drafts; }
    // True while the rows shown are not yet those of the current client and revision.
    [[nodiscard]] bool reading() const { return m_read.building(); }
    // Why the last read failed, if it did (not retried until the client or revision changes).
    [[nodiscard]] const std::optional<std::string>& readError() const { return m_read.error(); }

    [[nodiscard]] int loads() const { return m_loads; }

private:
    struct Inputs {
        std::uint64_t revision = 0;
        std::optional<core::ClientId> client;
        friend bool operator==(const Inputs&, const Inputs&) = default;
    };

    SessionListContents m_contents;
    int m_loads = 0;
    BackgroundBuild<Inputs, SessionListContents> m_read; // last: joined first
};

} // namespace tessera::app
