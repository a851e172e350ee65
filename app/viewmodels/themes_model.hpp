#pragma once

// What the Themes-over-time view draws for one client: the theme analysis of core (series,
// trends, quotes, pairs, ambivalence), the theme colours, and lookups the heatmap needs per cell.
// Built from the vault on a worker (BackgroundBuild) only when the client, the vault's revision,
// the period or the trend window change; never per frame, never on the UI thread.

#include "viewmodels/background_build.hpp"

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

// Everything one build reads and computes; the model's accessors look into the newest one.
struct ThemesData {
    core::ClientAnalysis analysis;
    std::string clientName;
    std::size_t recordSessions = 0;
    std::vector<bool> isSigned; // per analysed session
    std::vector<std::string> standouts;
    std::vector<std::string> colours;     // per theme
    std::vector<std::size_t> byCategory;  // every theme, categories in order, codebook order within
    std::vector<std::size_t> ranked;      // every theme, core::rankThemes
    std::vector<std::int32_t> quoteIndex; // themes x sessions: index into the theme's quotes, -1 none
};

// Reads the client's record (without texts, then the newest sessions' risk entries) and the
// codebook, and analyses them. Runs on a worker; throws storage errors.
[[nodiscard]] ThemesData buildThemes(const storage::Vault& vault, const ThemesInputs& inputs);

class ThemesModel {
public:
    // Takes a finished build and starts one when `inputs` differ from those of the data shown;
    // returns true when new data (or a new error) arrived. A storage failure leaves an empty
    // analysis and the message in error(); it is not retried until an input changes. `vault`
    // must outlive the model (the workspace does: views are destroyed before it).
    bool update(const storage::Vault& vault, const ThemesInputs& inputs);
    // Forgets everything (the next update rebuilds); a running build is stopped and dropped.
    void clear() { m_build.clear(); }
    // Blocks until a running build has finished (the next update takes it). For tests.
    void waitForBuild() { m_build.wait(); }

    // True once data (or an error) is there for some inputs; current() says whether for the
    // inputs last passed to update.
    [[nodiscard]] bool built() const { return m_build.shownInputs().has_value(); }
    [[nodiscard]] bool building() const { return m_build.building(); }
    [[nodiscard]] const std::optional<ThemesInputs>& inputs() const { return m_build.shownInputs(); }
    [[nodiscard]] const std::optional<std::string>& error() const { return m_build.error(); }
    // How many builds arrived (for tests and diagnostics).
    [[nodiscard]] int builds() const { return m_build.builds(); }

    [[nodiscard]] const core::ClientAnalysis& analysis() const { return data().analysis; }
    // The client's display name (for the clinician's eyes; may be empty).
    [[nodiscard]] const std::string& clientName() const { return data().clientName; }
    [[nodiscard]] std::size_t sessionCount() const { return data().analysis.sessions.size(); }
    // Sessions in the client's whole record (the period may show fewer).
    [[nodiscard]] std::size_t recordSessionCount() const { return data().recordSessions; }
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
    [[nodiscard]] const std::vector<std::string>& standouts() const { return data().standouts; }
    // The ranked theme to show in the quote ledger first: the strongest one with quotes.
    [[nodiscard]] std::optional<std::size_t> defaultLedgerTheme() const;

private:
    [[nodiscard]] const ThemesData& data() const;

    BackgroundBuild<ThemesInputs, ThemesData> m_build;
};

} // namespace tessera::app
