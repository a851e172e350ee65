#include "viewmodels/search_model.hpp"

#include <algorithm>
#include <cctype>
#include <exception>

namespace tessera::app {

void SearchModel::setInputs(SearchInputs inputs, double now, bool immediate) {
    if (inputs == m_inputs && !immediate) {
        return;
    }
    m_inputs = std::move(inputs);
    m_changedAt = now;
    m_immediate = m_immediate || immediate;
}

bool SearchModel::update(const storage::Vault& vault, std::uint64_t revision, double now) {
    const bool revisionChanged = !m_revision || *m_revision != revision;
    if (revisionChanged) {
        m_revision = revision;
        refreshLists(vault);
    }
    const bool inputsChanged = pending();
    const bool rested = m_immediate || now - m_changedAt >= kDebounceSeconds;
    if (!(inputsChanged && rested) && !(revisionChanged && m_searched)) {
        return false;
    }
    m_immediate = false;
    runSearch(vault);
    return true;
}

void SearchModel::refreshLists(const storage::Vault& vault) {
    try {
        m_clients = vault.clients();
        const auto codebook = vault.codebook();
        m_themes = codebook.themes();
        m_themeLabels.clear();
        for (const auto& theme : m_themes) {
            m_themeLabels[theme.key] = theme.label;
        }
        auto templates = vault.templates();
        std::stable_sort(
            templates.begin(), templates.end(),
            [](const core::NoteTemplate& a, const core::NoteTemplate& b) { return a.version < b.version; });
        m_sectionLabels.clear();
        for (const auto& tmpl : templates) {
            for (const auto& section : tmpl.sections) {
                m_sectionLabels[section.key] = section.label;
            }
        }
    } catch (const std::exception& error) {
        m_error = error.what();
    }
}

bool SearchModel::inputsBlank() const {
    return std::all_of(m_inputs.text.begin(), m_inputs.text.end(),
                       [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0 || c == '"'; });
}

void SearchModel::runSearch(const storage::Vault& vault) {
    m_searched = m_inputs;
    m_rows.clear();
    m_error.reset();
    if (inputsBlank()) {
        return;
    }
    ++m_runs;
    try {
        storage::SearchQuery query;
        query.text = m_inputs.text;
        query.clientCode = m_inputs.clientCode;
        query.themeKey = m_inputs.themeKey;
        query.limit = kLimit;
        auto hits = vault.search(query);
        m_rows.reserve(hits.size());
        for (auto& hit : hits) {
            SearchRow row;
            const auto client =
                std::find_if(m_clients.begin(), m_clients.end(),
                             [&hit](const storage::ClientSummary& c) { return c.code == hit.clientCode; });
            if (client != m_clients.end()) {
                row.client = client->id;
            }
            row.where = describeField(hit.field);
            row.snippet = parseMarkedSnippet(hit.snippet);
            row.hit = std::move(hit);
            m_rows.push_back(std::move(row));
        }
    } catch (const std::exception& error) {
        m_rows.clear();
        m_error = error.what();
    }
}

std::string SearchModel::prettifyKey(const std::string& key) {
    std::string text = key;
    std::replace_if(
        text.begin(), text.end(), [](char c) { return c == '_' || c == '-'; }, ' ');
    if (!text.empty()) {
        text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    }
    return text;
}

std::string SearchModel::describeField(const std::string& field) const {
    constexpr std::string_view kSection = "section:";
    constexpr std::string_view kQuote = "quote:";
    if (field.starts_with(kSection)) {
        const auto key = field.substr(kSection.size());
        const auto it = m_sectionLabels.find(key);
        return it != m_sectionLabels.end() && !it->second.empty() ? it->second : prettifyKey(key);
    }
    if (field.starts_with(kQuote)) {
        const auto key = field.substr(kQuote.size());
        const auto it = m_themeLabels.find(key);
        return "Quote · " + (it != m_themeLabels.end() ? it->second : prettifyKey(key));
    }
    if (field == "addendum") {
        return "Addendum";
    }
    return prettifyKey(field);
}

} // namespace tessera::app
