#pragma once

// The Codebook tab: every theme in codebook order, read on a worker (BackgroundBuild) when the
// vault's revision changes, the themes matching the filter (by label or key) grouped by category,
// and saving a theme on a worker (VaultTask), with the vault's validation problems as sentences.
// No ImGui here.

#include "viewmodels/background_build.hpp"
#include "viewmodels/vault_task.hpp"

#include "tessera/core/model.hpp"
#include "tessera/storage/vault.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tessera::app {

class CodebookModel {
public:
    // Indices into themes() per category (core::kThemeCategories order), in codebook order.
    using Visible = std::array<std::vector<std::size_t>, core::kThemeCategories.size()>;

    // Each frame: takes a finished read and starts one when the vault's revision differs from the
    // last; filters again when the filter changed. Returns true when what is shown changed.
    // `vault` must outlive the model.
    bool update(const storage::Vault& vault, const std::string& filter);
    // Starts the read the inputs call for, blocks until it has finished and takes it (tests,
    // automation).
    void waitForRead(const storage::Vault& vault, const std::string& filter);
    // The pure half of filtering: the themes whose label (any case) or key contains `filter`.
    [[nodiscard]] static Visible filtered(const std::vector<core::Theme>& themes, std::string_view filter);

    [[nodiscard]] const std::vector<core::Theme>& themes() const { return m_themes; }
    [[nodiscard]] const std::vector<std::size_t>& visible(core::ThemeCategory category) const;
    [[nodiscard]] std::size_t retiredCount() const { return m_retired; }
    [[nodiscard]] const core::Theme* find(const std::string& key) const;
    // True while the list shown is not yet that of the vault's revision.
    [[nodiscard]] bool reading() const { return m_read.building(); }
    // Why the last read failed, once (a failed read is not retried until the revision changes).
    [[nodiscard]] std::optional<std::string> takeReadError() { return std::exchange(m_newError, std::nullopt); }

    // Starts saving `theme` (added, edited, retired or restored) on a worker; false while another
    // save runs. `vault` must outlive the model.
    bool save(storage::Vault& vault, const core::Theme& theme);
    [[nodiscard]] bool saving() const { return m_write.running(); }
    // Each frame: once the save has finished, the vault's validation problems (empty: saved). A
    // failure of another kind goes to `onError` (its message) and nothing is returned for it.
    template <typename OnError> [[nodiscard]] std::optional<std::vector<std::string>> takeSaved(OnError onError) {
        return m_write.take(onError);
    }
    void waitForSave() { m_write.wait(); }

private:
    std::vector<core::Theme> m_themes; // codebook order
    Visible m_visible;
    std::size_t m_retired = 0;
    std::optional<std::string> m_filter; // the filter of m_visible
    std::optional<std::string> m_newError;
    VaultTask<std::vector<std::string>> m_write; // workers last: joined first
    BackgroundBuild<std::uint64_t, std::vector<core::Theme>> m_read;
};

} // namespace tessera::app
