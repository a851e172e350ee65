#pragma once

// The results of a full-text search for the Search view, and the lists its filters offer. The
// search runs on a worker (BackgroundBuild) when the inputs (query, client, theme) have rested for
// a short debounce time after the last keystroke, or at once on request (Enter, a filter picked),
// and again when the vault's revision changes. The UI thread never queries the vault: the view
// keeps drawing, and says "Searching…" while a search runs.

#include "tessera/core/codebook.hpp"
#include "tessera/core/model.hpp"
#include "tessera/storage/vault.hpp"
#include "viewmodels/background_build.hpp"
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

// One search as the worker runs it: the debounced inputs and the vault's revision.
struct SearchRequest {
    SearchInputs inputs;
    std::uint64_t revision = 0;

    friend bool operator==(const SearchRequest&, const SearchRequest&) = default;
};

// What one build reads: the filter lists, the labels results are described with, and the rows.
struct SearchData {
    std::vector<storage::ClientSummary> clients;
    std::vector<core::Theme> themes;
    std::map<std::string, std::string> sectionLabels; // section key -> label (newest template wins)
    std::map<std::string, std::string> themeLabels;   // theme key -> label
    std::vector<SearchRow> rows;
    bool searched = false; // false when the inputs held nothing to search for

    // "section:risk_and_safety" -> the section's label ("Risk and safety"), "quote:fear" ->
    // "Quote · Fear (...)", "addendum" -> "Addendum". Unknown keys are prettified.
    [[nodiscard]] std::string describeField(const std::string& field) const;
};

// True when `text` holds nothing to search for (only spaces and quotes).
[[nodiscard]] bool searchTextBlank(const std::string& text);
// Reads the lists and runs the search of `request` (none when its text is blank). On a worker.
[[nodiscard]] SearchData searchVault(const storage::Vault& vault, const SearchRequest& request, int limit);

class SearchModel {
public:
    static constexpr double kDebounceSeconds = 0.25;
    static constexpr int kLimit = 200;

    // The clinician changed the inputs at time `now` (seconds). The search runs once they have
    // rested for kDebounceSeconds, or in the next update when `immediate`.
    void setInputs(SearchInputs inputs, double now, bool immediate = false);
    // Takes a finished search and starts the one that is due (inputs rested, or the revision
    // changed). `vault` must outlive the model. Returns true when a search's results arrived.
    bool update(const storage::Vault& vault, std::uint64_t revision, double now);
    // Blocks until a running search has finished (the next update takes it). For tests.
    void waitForSearch() { m_build.wait(); }

    [[nodiscard]] const SearchInputs& inputs() const { return m_inputs; }

    // True when the typed text holds nothing to search for (only spaces and quotes).
    [[nodiscard]] bool inputsBlank() const { return searchTextBlank(m_inputs.text); }
    // The inputs the rows belong to (nullopt before the first results).
    [[nodiscard]] const std::optional<SearchInputs>& searched() const { return m_searched; }
    [[nodiscard]] const std::vector<SearchRow>& rows() const { return data().rows; }
    // True while typed input waits for the debounce time or its search runs.
    [[nodiscard]] bool pending() const { return !m_searched || !(*m_searched == m_inputs) || m_build.building(); }
    // True while a search (or the first reading of the lists) runs on the worker.
    [[nodiscard]] bool building() const { return m_build.building(); }
    [[nodiscard]] bool limited() const { return static_cast<int>(rows().size()) >= kLimit; }
    [[nodiscard]] const std::optional<std::string>& error() const { return m_build.error(); }
    // How many times the vault was searched (for tests and diagnostics).
    [[nodiscard]] int runs() const { return m_runs; }

    [[nodiscard]] const std::vector<storage::ClientSummary>& clients() const { return data().clients; }
    [[nodiscard]] const std::vector<core::Theme>& themes() const { return data().themes; }

    [[nodiscard]] std::string describeField(const std::string& field) const { return data().describeField(field); }
    [[nodiscard]] static std::string prettifyKey(const std::string& key);

private:
    [[nodiscard]] const SearchData& data() const;

    SearchInputs m_inputs;
    double m_changedAt = 0.0;
    bool m_immediate = false;
    std::optional<SearchRequest> m_request; // the search due (debounced inputs, revision)
    std::optional<SearchInputs> m_searched;
    int m_runs = 0;
    BackgroundBuild<SearchRequest, SearchData> m_build;
};

} // namespace tessera::app
