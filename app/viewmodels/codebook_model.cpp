#include "viewmodels/codebook_model.hpp"

#include "tessera/core/validation.hpp"

#include <algorithm>
#include <cctype>

namespace tessera::app {
namespace {

std::string lowered(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    return out;
}

// Validation messages start in lower case ("theme key ... must be"); the form shows sentences.
std::string sentence(std::string text) {
    if (!text.empty()) {
        text.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(text.front())));
    }
    return text + ".";
}

} // namespace

bool CodebookModel::update(const storage::Vault& vault, const std::string& filter) {
    const auto read = [&vault](const std::uint64_t&, TaskControl&) { return vault.codebook().themes(); };
    const bool arrived = m_read.update(vault.revision(), read);
    if (arrived) {
        if (const auto* themes = m_read.snapshot()) {
            m_themes = *themes;
        } else {
            m_themes.clear();
            m_newError = m_read.error().value_or(std::string{});
        }
        m_retired = static_cast<std::size_t>(
            std::count_if(m_themes.begin(), m_themes.end(), [](const core::Theme& t) { return t.retired; }));
    }
    if (!arrived && m_filter == filter) {
        return false;
    }
    m_filter = filter;
    m_visible = filtered(m_themes, filter);
    return true;
}

void CodebookModel::waitForRead(const storage::Vault& vault, const std::string& filter) {
    (void)update(vault, filter); // starts the read, if the inputs call for one
    m_read.settle([&] { (void)update(vault, filter); });
}

CodebookModel::Visible CodebookModel::filtered(const std::vector<core::Theme>& themes, std::string_view filter) {
    Visible visible;
    const auto needle = lowered(filter);
    for (std::size_t i = 0; i < themes.size(); ++i) {
        const auto& theme = themes[i];
        if (!needle.empty() && lowered(theme.label).find(needle) == std::string::npos &&
            theme.key.find(needle) == std::string::npos) {
            continue;
        }
        const auto category = static_cast<std::size_t>(theme.category);
        if (category < visible.size()) {
            visible[category].push_back(i);
        }
    }
    return visible;
}

const std::vector<std::size_t>& CodebookModel::visible(core::ThemeCategory category) const {
    return m_visible.at(static_cast<std::size_t>(category));
}

const core::Theme* CodebookModel::find(const std::string& key) const {
    const auto it = std::find_if(m_themes.begin(), m_themes.end(), [&](const core::Theme& t) { return t.key == key; });
    return it == m_themes.end() ? nullptr : &*it;
}

bool CodebookModel::save(storage::Vault& vault, const core::Theme& theme) {
    return m_write.start([&vault, theme] {
        std::vector<std::string> problems;
        try {
            vault.saveTheme(theme);
        } catch (const core::ValidationError& error) {
            for (const auto& problem : error.problems()) {
                problems.push_back(sentence(problem.what));
            }
        }
        return problems;
    });
}

} // namespace tessera::app
