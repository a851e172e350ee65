#pragma once

// Full-text search across the vault (section texts, quotes, addenda; never psychotherapy notes),
// with client and theme filters. A result opens its note in the Notes tab.

#include "viewmodels/search_model.hpp"

#include <string>
#include <string_view>

namespace tessera::app {

class Workspace;

class SearchView {
public:
    explicit SearchView(Workspace& workspace);
    void draw();
    // Puts the keyboard focus in the query field on the next frame (Ctrl+F).
    void focusQuery();
    // Replaces the query and searches at once (for example to look up a quote's words).
    void setQuery(std::string_view text);

    // View state, read by tests.
    [[nodiscard]] const char* query() const { return m_query.data(); }
    [[nodiscard]] const SearchModel& model() const { return m_model; }
    // Blocks until the search running on the model's worker has finished; the next draw shows it.
    // For tests and the screenshot tool.
    void waitForModel() { m_model.waitForSearch(); }

private:
    void drawControls();
    void drawClientFilter(float width);
    void drawThemeFilter(float width);
    void drawResults();
    void drawEmptyState();
    void open(const SearchRow& row);
    // Hands the current query and filters to the model; `immediate` skips the debounce.
    void inputsChanged(bool immediate);

    Workspace& m_workspace;
    SearchModel m_model;
    std::string m_query;
    std::optional<std::string> m_clientCode;
    std::optional<std::string> m_themeKey;
    bool m_focusQuery = false;
    bool m_selectQueryOnFocus = false;
    // Result rows are one line tall unless a passage needs two; measured once per search and width.
    int m_passageLines = 2;
    int m_linesForRuns = -1;
    float m_linesForWidth = 0.0f;
};

} // namespace tessera::app
