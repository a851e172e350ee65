#pragma once

// The results of a full-text search for the Search view, and the lists its filters offer. The
// search runs when the inputs (query, client, theme) have rested for a short debounce time after
// the last keystroke, or at once on request (Enter, a filter picked), and again when the vault's
// revision changes. Drawing never queries the vault.

#include "tessera/core/codebook.hpp"
#include "tessera/core/model.hpp"
#include "tessera/storage/vault.hpp"
#include "viewmodels/text_run.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tessera::app {

struct SearchInputs {
    std::string text;
    std::optional<std::string> clientCode; // nullopt: all clients
    std::optional<std::string> themeKey;   // nullopt: all themes

    friend bool operator==(const SearchInputs&, const SearchInputs&) = default;
};

struct SearchRow {
    storage::SearchHit hit;
    core::ClientId client;        // for opening the note
    std::string where;            // "Session content", "Quote · Fear", "Addendum"
    std::vector<TextRun> snippet; // the passage, matches emphasised
};

class SearchModel {
public:
    static constexpr double kDebounceSeconds = 0.25;
    static constexpr int kLimit = 200;

    // The clinician changed the inputs at time `now` (seconds). The search runs once they have
    // rested for kDebounceSeconds, or in the next update when `immediate`.
    void setInputs(SearchInputs inputs, double now, bool immediate = false);
    // Refreshes the filter lists when the revision changed and runs the search when it is due.
    // Returns true when the search ran.
    bool update(const storage::Vault& vault, std::uint64_t revision, double now);

    [[nodiscard]] const SearchInputs& inputs() const { return m_inputs; }

    // True when the typed text holds nothing to search for (only spaces and quotes).

    [[nodiscard]] bool inputsBlank() const;
    // The inputs the rows belong to (nullopt before the first search).
    [[nodiscard]] const std::optional<SearchInputs>& searched() const { return m_searched; }
    [[nodiscard]] const std::vector<SearchRow>& rows() const { return m_rows; }
    // True while typed input waits for the debounce time.
    [[nodiscard]] bool pending() const { return !m_searched || !(*m_searched == m_inputs); }
    [[nodiscard]] bool limited() const { return static_cast<int>(m_rows.size()) >= kLimit; }
    [[nodiscard]] const std::optional<std::string>& error() const { return m_error; }
    // How many times the vault was searched (for tests and diagnostics).
    [[nodiscard]] int runs() const { return m_runs; }

    [[nodiscard]] const std::vector<storage::ClientSummary>& clients() const { return m_clients; }
    [[nodiscard]] const std::vector<core::Theme>& themes() const { return m_themes; }

    // "section:risk_and_safety" -> the section's label ("Risk and safety"), "quote:fear" ->
    // "Quote · Fear (...)", "addendum" -> "Addendum". Unknown keys are prettified.
    [[nodiscard]] std::string describeField(const std::string& field) const;
    [[nodiscard]] static std::string prettifyKey(const std::string& key);

private:
    void refreshLists(const storage::Vault& vault);
    void runSearch(const storage::Vault& vault);

    SearchInputs m_inputs;
    double m_changedAt = 0.0;
    bool m_immediate = false;
    std::optional<SearchInputs> m_searched;
    std::optional<std::uint64_t> m_revision;
    std::vector<SearchRow> m_rows;
    std::optional<std::string> m_error;
    int m_runs = 0;

    std::vector<storage::ClientSummary> m_clients;
    std::vector<core::Theme> m_themes;
    std::map<std::string, std::string> m_sectionLabels; // section key -> label (newest template wins)
    std::map<std::string, std::string> m_themeLabels;   // theme key -> label
};

} // namespace tessera::app
