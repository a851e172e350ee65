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
    const bool rested = m_immediate || now - m_changedAt >= kDebounceSeconds;
    if (!m_request || rested) {
        m_request = SearchRequest{m_inputs, revision};
        m_immediate = false;
    } else {
        m_request->revision = revision; // a change in the vault searches the shown inputs again
    }
    const bool arrived = m_build.update(*m_request, [&vault](const SearchRequest& request, TaskControl&) {
        return searchVault(vault, request, kLimit);
    });
    if (!arrived) {
        return false;
    }
    m_searched = m_build.shownInputs()->inputs;
    const bool ran = m_build.snapshot() != nullptr ? m_build.snapshot()->searched : !searchTextBlank(m_searched->text);
    m_runs += ran ? 1 : 0;
    return ran;
}

const SearchData& SearchModel::data() const {
    static const SearchData kEmpty;
    const auto* snapshot = m_build.snapshot();
    return snapshot != nullptr ? *snapshot : kEmpty;
}

bool searchTextBlank(const std::string& text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0 || c == '"'; });
}

SearchData searchVault(const storage::Vault& vault, const SearchRequest& request, int limit) {
    SearchData data;
    data.clients = vault.clients();
    const auto codebook = vault.codebook();
    data.themes = codebook.themes();
    for (const auto& theme : data.themes) {
        data.themeLabels[theme.key] = theme.label;
    }
    auto templates = vault.templates();
    std::stable_sort(templates.begin(), templates.end(),
                     [](const core::NoteTemplate& a, const core::NoteTemplate& b) { return a.version < b.version; });
    for (const auto& tmpl : templates) {
        for (const auto& section : tmpl.sections) {
            data.sectionLabels[section.key] = section.label;
        }
    }
    if (searchTextBlank(request.inputs.text)) {
        return data;
    }
    data.searched = true;
    storage::SearchQuery query;
    query.text = request.inputs.text;
    query.clientCode = request.inputs.clientCode;
    query.themeKey = request.inputs.themeKey;
    query.limit = limit;
    auto hits = vault.search(query);
    data.rows.reserve(hits.size());
    for (auto& hit : hits) {
        SearchRow row;
        const auto client = std::find_if(data.clients.begin(), data.clients.end(),
                                         [&hit](const storage::ClientSummary& c) { return c.code == hit.clientCode; });
        if (client != data.clients.end()) {
            row.client = client->id;
        }
        row.where = data.describeField(hit.field);
        row.snippet = parseMarkedSnippet(hit.snippet);
        row.hit = std::move(hit);
        data.rows.push_back(std::move(row));
    }
    return data;
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

std::string SearchData::describeField(const std::string& field) const {
    constexpr std::string_view kSection = "section:";
    constexpr std::string_view kQuote = "quote:";
    if (field.starts_with(kSection)) {
        const auto key = field.substr(kSection.size());
        const auto it = sectionLabels.find(key);
        return it != sectionLabels.end() && !it->second.empty() ? it->second : SearchModel::prettifyKey(key);
    }
    if (field.starts_with(kQuote)) {
        const auto key = field.substr(kQuote.size());
        const auto it = themeLabels.find(key);
        return "Quote · " + (it != themeLabels.end() ? it->second : SearchModel::prettifyKey(key));
    }
    if (field == "addendum") {
        return "Addendum";
    }
    return SearchModel::prettifyKey(field);
}

} // namespace tessera::app
