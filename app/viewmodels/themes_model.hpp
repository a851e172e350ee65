#pragma once

// What the Themes-over-time view draws for one client: the theme analysis of core (series,
// trends, quotes, pairs, ambivalence), the theme colours, and lookups the heatmap needs per cell.
// Rebuilt from the vault only when the client, the vault's revision, the period or the trend
// window change; never per frame.

#include "tessera/core/analytics.hpp"
#include "tessera/core/model.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tessera::storage {
class Vault;
}

namespace tessera::app {

enum class ThemeRowOrder { ByCategory, Ranked };

struct ThemesInputs {
    core::ClientId client;
    std::uint64_t revision = 0;
    std::optional<core::Date> from;
    std::optional<core::Date> to;
    int window = core::kDefaultTrendWindow;

    friend bool operator==(const ThemesInputs&, const ThemesInputs&) = default;
};

class ThemesModel {
public:
    // Rebuilds when `inputs` differ from those of the last build; returns true when it rebuilt.
    // A storage failure leaves an empty analysis and the message in error(); it is not retried
    // until an input changes.
    bool update(const storage::Vault& vault, const ThemesInputs& inputs);
    // Forgets everything (the next update rebuilds).
    void clear();

    [[nodiscard]] bool built() const { return m_inputs.has_value(); }
    [[nodiscard]] const std::optional<ThemesInputs>& inputs() const { return m_inputs; }
    [[nodiscard]] const std::optional<std::string>& error() const { return m_error; }
    // How many times the analysis was built (for tests and diagnostics).
    [[nodiscard]] int builds() const { return m_builds; }

    [[nodiscard]] const core::ClientAnalysis& analysis() const { return m_analysis; }
    // The client's display name (for the clinician's eyes; may be empty).
    [[nodiscard]] const std::string& clientName() const { return m_clientName; }
    [[nodiscard]] std::size_t sessionCount() const { return m_analysis.sessions.size(); }
    // Sessions in the client's whole record (the period may show fewer).
    [[nodiscard]] std::size_t recordSessionCount() const { return m_recordSessions; }
    [[nodiscard]] bool isSigned(std::size_t sessionIndex) const;
    // Colour "#RRGGBB" of the theme at analysis position `theme`.
    [[nodiscard]] const std::string& colour(std::size_t theme) const;
    [[nodiscard]] bool seen(std::size_t theme) const;
    // Rows for the heatmap and the trend table: positions in analysis().themes. Retired themes
    // never seen in the period are always left out; `includeUnseen` adds the other unseen ones.
    [[nodiscard]] std::vector<std::size_t> rows(ThemeRowOrder order, bool includeUnseen) const;
    // The quote of `theme` in session `sessionIndex`, or nullptr when none was written.
    [[nodiscard]] const core::Quote* quoteAt(std::size_t theme, std::size_t sessionIndex) const;
    // Position in analysis().themes of `key`, nullopt when the codebook has no such theme.
    [[nodiscard]] std::optional<std::size_t> themePosition(const std::string& key) const;
    // "What stands out" (core::findStandouts), phrased with session dates; empty when nothing does.
    [[nodiscard]] const std::vector<std::string>& standouts() const { return m_standouts; }
    // The ranked theme to show in the quote ledger first: the strongest one with quotes.
    [[nodiscard]] std::optional<std::size_t> defaultLedgerTheme() const;

private:
    void findStandouts(const storage::Vault& vault, core::ClientRecord& record);

    std::optional<ThemesInputs> m_inputs;
    std::optional<std::string> m_error;
    int m_builds = 0;
    core::ClientAnalysis m_analysis;
    std::string m_clientName;
    std::size_t m_recordSessions = 0;
    std::vector<bool> m_signed; // per analysed session
    std::vector<std::string> m_standouts;
    std::vector<std::string> m_colours;     // per theme
    std::vector<std::size_t> m_byCategory;  // every theme, categories in order, codebook order within
    std::vector<std::size_t> m_ranked;      // every theme, core::rankThemes
    std::vector<std::int32_t> m_quoteIndex; // themes x sessions: index into the theme's quotes, -1 none
};

} // namespace tessera::app
