#pragma once

// The Templates tab: every template as a family of versions, read on a worker (BackgroundBuild)
// when the vault's revision changes and ordered by the newest version's label; and saving a new
// version on a worker (VaultTask), with the vault's validation problems as sentences that name
// the section they are about. No ImGui here.

#include "viewmodels/background_build.hpp"
#include "viewmodels/vault_task.hpp"

#include "tessera/core/model.hpp"
#include "tessera/storage/vault.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace tessera::app {

// One template's versions, oldest first (never empty).
struct TemplateFamily {
    std::string name;
    std::vector<core::NoteTemplate> versions;
    [[nodiscard]] const core::NoteTemplate& newest() const { return versions.back(); }
    // The version numbered `version`, or the newest when there is none (0 asks for the newest).
    [[nodiscard]] const core::NoteTemplate& version(int version) const;
};

// What saving a version produced: the version stored, or why the vault refused it.
struct SavedTemplate {
    std::optional<core::NoteTemplate> stored;
    std::vector<std::string> problems;
};

class TemplatesModel {
public:
    // Each frame: takes a finished read and starts one when the vault's revision differs from the
    // last. Returns true when new families arrived. `vault` must outlive the model.
    bool update(const storage::Vault& vault);
    // Starts the read the inputs call for, blocks until it has finished and takes it (tests,
    // automation).
    void waitForRead(const storage::Vault& vault);
    // The pure half of a read: templates grouped by name, versions oldest first, families ordered
    // by their newest version's label.
    [[nodiscard]] static std::vector<TemplateFamily> families(std::vector<core::NoteTemplate> templates);

    [[nodiscard]] const std::vector<TemplateFamily>& families() const { return m_families; }
    [[nodiscard]] const TemplateFamily* family(const std::string& name) const;
    // True while the families shown are not yet those of the vault's revision.
    [[nodiscard]] bool reading() const { return m_read.building(); }
    // Why the last read failed, once (a failed read is not retried until the revision changes).
    [[nodiscard]] std::optional<std::string> takeReadError() { return std::exchange(m_newError, std::nullopt); }

    // Starts storing `tmpl` as its name's next version on a worker; false while another save
    // runs. `vault` must outlive the model.
    bool save(storage::Vault& vault, core::NoteTemplate tmpl);
    [[nodiscard]] bool saving() const { return m_write.running(); }
    // Each frame: once the save has finished, what it produced; a failure of another kind goes to
    // `onError` (its message) and nothing is returned for it.
    template <typename OnError> [[nodiscard]] std::optional<SavedTemplate> takeSaved(OnError onError) {
        return m_write.take(onError);
    }
    void waitForSave() { m_write.wait(); }
    // "template dap, sections[2].key: key must ..." -> "Section 3: key must ...".
    [[nodiscard]] static std::string describe(const core::Problem& problem);

private:
    std::vector<TemplateFamily> m_families;
    std::optional<std::string> m_newError;
    VaultTask<SavedTemplate> m_write; // workers last: joined first
    BackgroundBuild<std::uint64_t, std::vector<core::NoteTemplate>> m_read;
};

} // namespace tessera::app
