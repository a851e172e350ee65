#pragma once

// The selected client's sessions as the sessions pane shows them: newest first, with status,
// stage of change and the strongest themes of each session. Rebuilt only when the vault's
// revision or the client changes. No ImGui here.

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

class SessionListModel {
public:
    static constexpr std::size_t kMaxMarks = 4;

    // Brings the model up to date; returns true when it was rebuilt. Reads the vault only when
    // the revision or the client differs from the last build.
    bool update(const storage::Vault& vault, std::optional<core::ClientId> client);
    // The pure half of update().
    void build(const core::ClientRecord& record, const core::Codebook& codebook,
               const std::vector<core::NoteTemplate>& templates);
    void clear();

    [[nodiscard]] const std::vector<SessionRow>& rows() const { return m_rows; } // newest first
    [[nodiscard]] std::optional<std::size_t> indexOf(core::SessionId id) const;
    [[nodiscard]] std::optional<core::ClientId> client() const { return m_client; }
    [[nodiscard]] const std::string& clientCode() const { return m_clientCode; }
    // Newest version of each template, by label; and the template the newest session used (the
    // natural default for the next one).
    [[nodiscard]] const std::vector<TemplateChoice>& templates() const { return m_templates; }
    [[nodiscard]] const std::string& lastTemplate() const { return m_lastTemplate; }
    [[nodiscard]] int drafts() const { return m_drafts; }

    [[nodiscard]] int loads() const { return m_loads; }

private:
    std::vector<SessionRow> m_rows;
    std::vector<TemplateChoice> m_templates;
    std::string m_lastTemplate;
    std::string m_clientCode;
    std::optional<core::ClientId> m_client;
    std::optional<std::uint64_t> m_revision;
    int m_drafts = 0;
    int m_loads = 0;
};

} // namespace tessera::app
