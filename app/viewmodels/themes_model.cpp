#include "viewmodels/themes_model.hpp"

#include "tessera/storage/vault.hpp"

#include <algorithm>
#include <exception>

namespace tessera::app {
namespace {

const std::string kNoColour = "#888888";

std::size_t categoryRank(core::ThemeCategory category) {
    const auto it = std::find(core::kThemeCategories.begin(), core::kThemeCategories.end(), category);
    return static_cast<std::size_t>(it - core::kThemeCategories.begin());
}

} // namespace

void ThemesModel::clear() {
    m_inputs.reset();
    m_error.reset();
    m_analysis = {};
    m_clientName.clear();
    m_recordSessions = 0;
    m_signed.clear();
    m_colours.clear();
    m_byCategory.clear();
    m_ranked.clear();
    m_quoteIndex.clear();
    m_standouts.clear();
}

void ThemesModel::findStandouts(const storage::Vault& vault, core::ClientRecord& record) {
    // The record was read without texts; the risk words are looked for in the newest risk and
    // safety entries only, so only the newest sessions are read whole (until enough entries).
    const core::StandoutOptions options;
    std::size_t entries = 0;
    for (std::size_t i = m_analysis.sessions.size(); i > 0 && entries < options.latestRiskEntries; --i) {
        const auto& ref = m_analysis.sessions[i - 1];
        if (ref.recordIndex >= record.sessions.size()) {
            continue;
        }
        record.sessions[ref.recordIndex] = vault.session(ref.id);
        const std::string* risk = record.sessions[ref.recordIndex].sectionText(options.riskSection);
        entries += risk != nullptr && risk->find_first_not_of(" \t\r\n") != std::string::npos ? 1U : 0U;
    }
    const auto wording = [this](std::span<const std::size_t> sessions) {
        std::string text;
        for (std::size_t k = 0; k < sessions.size(); ++k) {
            text += k == 0 ? "" : k + 1 == sessions.size() ? " and " : ", ";
            text += m_analysis.sessions.at(sessions[k]).date.toIso();
            text += isSigned(sessions[k]) ? "" : " (draft)";
        }
        return text;
    };
    for (const auto& standout : core::findStandouts(m_analysis, record, options)) {
        const std::string label =
            standout.themeIndex < m_analysis.themes.size() ? m_analysis.themes[standout.themeIndex].label : "";
        m_standouts.push_back(core::describeStandout(standout, label, wording));
    }
}

bool ThemesModel::update(const storage::Vault& vault, const ThemesInputs& inputs) {
    if (m_inputs && *m_inputs == inputs) {
        return false;
    }
    clear();
    m_inputs = inputs;
    ++m_builds;
    try {
        auto record = vault.clientRecord(inputs.client, storage::RecordContent::WithoutTexts);
        const auto codebook = vault.codebook();
        core::AnalysisOptions options;
        options.from = inputs.from;
        options.to = inputs.to;
        options.window = inputs.window;
        m_analysis = core::analyseClient(record, codebook, options);
        m_recordSessions = record.sessions.size();
        m_clientName = record.client.displayName;

        m_signed.reserve(m_analysis.sessions.size());
        for (const auto& ref : m_analysis.sessions) {
            m_signed.push_back(ref.recordIndex < record.sessions.size() && record.sessions[ref.recordIndex].isSigned());
        }
        const auto& themes = codebook.themes();
        m_colours.reserve(m_analysis.themes.size());
        for (const auto& theme : m_analysis.themes) {
            m_colours.push_back(theme.themeIndex < themes.size() ? themes[theme.themeIndex].colour : kNoColour);
        }

        m_byCategory.resize(m_analysis.themes.size());
        for (std::size_t i = 0; i < m_byCategory.size(); ++i) {
            m_byCategory[i] = i;
        }
        std::stable_sort(m_byCategory.begin(), m_byCategory.end(), [this](std::size_t a, std::size_t b) {
            return categoryRank(m_analysis.themes[a].category) < categoryRank(m_analysis.themes[b].category);
        });
        m_ranked = core::rankThemes(m_analysis);
        findStandouts(vault, record);

        const std::size_t sessions = m_analysis.sessions.size();
        m_quoteIndex.assign(m_analysis.themes.size() * sessions, -1);
        for (std::size_t t = 0; t < m_analysis.themes.size(); ++t) {
            const auto& quotes = m_analysis.themes[t].quotes;
            for (std::size_t q = 0; q < quotes.size(); ++q) {
                if (quotes[q].sessionIndex < sessions) {
                    m_quoteIndex[t * sessions + quotes[q].sessionIndex] = static_cast<std::int32_t>(q);
                }
            }
        }
    } catch (const std::exception& error) {
        m_analysis = {};
        m_signed.clear();
        m_colours.clear();
        m_byCategory.clear();
        m_ranked.clear();
        m_quoteIndex.clear();
        m_error = error.what();
    }
    return true;
}

bool ThemesModel::isSigned(std::size_t sessionIndex) const {
    return sessionIndex < m_signed.size() && m_signed[sessionIndex];
}

const std::string& ThemesModel::colour(std::size_t theme) const {
    return theme < m_colours.size() ? m_colours[theme] : kNoColour;
}

bool ThemesModel::seen(std::size_t theme) const {
    return theme < m_analysis.themes.size() && m_analysis.themes[theme].stats.sessionsPresent > 0;
}

std::vector<std::size_t> ThemesModel::rows(ThemeRowOrder order, bool includeUnseen) const {
    const auto& all = order == ThemeRowOrder::Ranked ? m_ranked : m_byCategory;
    std::vector<std::size_t> rows;
    rows.reserve(all.size());
    for (const auto theme : all) {
        if (seen(theme) || (includeUnseen && !m_analysis.themes[theme].retired)) {
            rows.push_back(theme);
        }
    }
    return rows;
}

const core::Quote* ThemesModel::quoteAt(std::size_t theme, std::size_t sessionIndex) const {
    const std::size_t sessions = m_analysis.sessions.size();
    if (theme >= m_analysis.themes.size() || sessionIndex >= sessions) {
        return nullptr;
    }
    const auto index = m_quoteIndex[theme * sessions + sessionIndex];
    return index < 0 ? nullptr : &m_analysis.themes[theme].quotes[static_cast<std::size_t>(index)];
}

std::optional<std::size_t> ThemesModel::themePosition(const std::string& key) const {
    for (std::size_t i = 0; i < m_analysis.themes.size(); ++i) {
        if (m_analysis.themes[i].key == key) {
            return i;
        }
    }
    return std::nullopt;
}

std::optional<std::size_t> ThemesModel::defaultLedgerTheme() const {
    for (const auto theme : m_ranked) {
        if (!m_analysis.themes[theme].quotes.empty()) {
            return theme;
        }
    }
    return m_ranked.empty() || !seen(m_ranked.front()) ? std::nullopt : std::optional{m_ranked.front()};
}

} // namespace tessera::app
