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

void findStandouts(const storage::Vault& vault, core::ClientRecord& record, ThemesData& data) {
    // The record was read without texts; the risk words are looked for in the newest risk and
    // safety entries only, so only the newest sessions are read whole (until enough entries).
    const core::StandoutOptions options;
    std::size_t entries = 0;
    for (std::size_t i = data.analysis.sessions.size(); i > 0 && entries < options.latestRiskEntries; --i) {
        const auto& ref = data.analysis.sessions[i - 1];
        if (ref.recordIndex >= record.sessions.size()) {
            continue;
        }
        record.sessions[ref.recordIndex] = vault.session(ref.id);
        const std::string* risk = record.sessions[ref.recordIndex].sectionText(options.riskSection);
        entries += risk != nullptr && risk->find_first_not_of(" \t\r\n") != std::string::npos ? 1U : 0U;
    }
    const auto wording = [&data](std::span<const std::size_t> sessions) {
        std::string text;
        for (std::size_t k = 0; k < sessions.size(); ++k) {
            text += k == 0 ? "" : k + 1 == sessions.size() ? " and " : ", ";
            text += data.analysis.sessions.at(sessions[k]).date.toIso();
            text += data.isSigned[sessions[k]] ? "" : " (draft)";
        }
        return text;
    };
    for (const auto& standout : core::findStandouts(data.analysis, record, options)) {
        const std::string label =
            standout.themeIndex < data.analysis.themes.size() ? data.analysis.themes[standout.themeIndex].label : "";
        data.standouts.push_back(core::describeStandout(standout, label, wording));
    }
}

} // namespace

ThemesData buildThemes(const storage::Vault& vault, const ThemesInputs& inputs) {
    ThemesData data;
    auto record = vault.clientRecord(inputs.client, storage::RecordContent::WithoutTexts);
    const auto codebook = vault.codebook();
    core::AnalysisOptions options;
    options.from = inputs.from;
    options.to = inputs.to;
    options.window = inputs.window;
    data.analysis = core::analyseClient(record, codebook, options);
    data.recordSessions = record.sessions.size();
    data.clientName = record.client.displayName;

    const auto& analysis = data.analysis;
    data.isSigned.reserve(analysis.sessions.size());
    for (const auto& ref : analysis.sessions) {
        data.isSigned.push_back(ref.recordIndex < record.sessions.size() &&
                                record.sessions[ref.recordIndex].isSigned());
    }
    const auto& themes = codebook.themes();
    data.colours.reserve(analysis.themes.size());
    for (const auto& theme : analysis.themes) {
        data.colours.push_back(theme.themeIndex < themes.size() ? themes[theme.themeIndex].colour : kNoColour);
    }

    data.byCategory.resize(analysis.themes.size());
    for (std::size_t i = 0; i < data.byCategory.size(); ++i) {
        data.byCategory[i] = i;
    }
    std::stable_sort(data.byCategory.begin(), data.byCategory.end(), [&analysis](std::size_t a, std::size_t b) {
        return categoryRank(analysis.themes[a].category) < categoryRank(analysis.themes[b].category);
    });
    data.ranked = core::rankThemes(analysis);
    findStandouts(vault, record, data);

    const std::size_t sessions = analysis.sessions.size();
    data.quoteIndex.assign(analysis.themes.size() * sessions, -1);
    for (std::size_t t = 0; t < analysis.themes.size(); ++t) {
        const auto& quotes = analysis.themes[t].quotes;
        for (std::size_t q = 0; q < quotes.size(); ++q) {
            if (quotes[q].sessionIndex < sessions) {
                data.quoteIndex[t * sessions + quotes[q].sessionIndex] = static_cast<std::int32_t>(q);
            }
        }
    }
    return data;
}

bool ThemesModel::update(const storage::Vault& vault, const ThemesInputs& inputs) {
    return m_build.update(inputs,
                          [&vault](const ThemesInputs& wanted, TaskControl&) { return buildThemes(vault, wanted); });
}

const ThemesData& ThemesModel::data() const {
    static const ThemesData kEmpty;
    const auto* snapshot = m_build.snapshot();
    return snapshot != nullptr ? *snapshot : kEmpty;
}

bool ThemesModel::isSigned(std::size_t sessionIndex) const {
    return sessionIndex < data().isSigned.size() && data().isSigned[sessionIndex];
}

const std::string& ThemesModel::colour(std::size_t theme) const {
    return theme < data().colours.size() ? data().colours[theme] : kNoColour;
}

bool ThemesModel::seen(std::size_t theme) const {
    return theme < data().analysis.themes.size() && data().analysis.themes[theme].stats.sessionsPresent > 0;
}

std::vector<std::size_t> ThemesModel::rows(ThemeRowOrder order, bool includeUnseen) const {
    const auto& all = order == ThemeRowOrder::Ranked ? data().ranked : data().byCategory;
    std::vector<std::size_t> rows;
    rows.reserve(all.size());
    for (const auto theme : all) {
        if (seen(theme) || (includeUnseen && !data().analysis.themes[theme].retired)) {
            rows.push_back(theme);
        }
    }
    return rows;
}

const core::Quote* ThemesModel::quoteAt(std::size_t theme, std::size_t sessionIndex) const {
    const std::size_t sessions = data().analysis.sessions.size();
    if (theme >= data().analysis.themes.size() || sessionIndex >= sessions) {
        return nullptr;
    }
    const auto index = data().quoteIndex[theme * sessions + sessionIndex];
    return index < 0 ? nullptr : &data().analysis.themes[theme].quotes[static_cast<std::size_t>(index)];
}

std::optional<std::size_t> ThemesModel::themePosition(const std::string& key) const {
    for (std::size_t i = 0; i < data().analysis.themes.size(); ++i) {
        if (data().analysis.themes[i].key == key) {
            return i;
        }
    }
    return std::nullopt;
}

std::optional<std::size_t> ThemesModel::defaultLedgerTheme() const {
    for (const auto theme : data().ranked) {
        if (!data().analysis.themes[theme].quotes.empty()) {
            return theme;
        }
    }
    return data().ranked.empty() || !seen(data().ranked.front()) ? std::nullopt : std::optional{data().ranked.front()};
}

} // namespace tessera::app
