#pragma once

#include "tessera/core/model.hpp"

#include <cstddef>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tessera::core {

// The themes a clinician can tag, in display order, with lookup by stable key.
class Codebook {
public:
    Codebook() = default;
    explicit Codebook(std::vector<Theme> themes);

    [[nodiscard]] const std::vector<Theme>& themes() const { return m_themes; }
    [[nodiscard]] std::size_t size() const { return m_themes.size(); }
    [[nodiscard]] const Theme* find(std::string_view key) const;
    [[nodiscard]] std::optional<std::size_t> indexOf(std::string_view key) const;

    // Adds a theme, or replaces the definition of an existing key in place.
    void upsert(Theme theme);

private:
    std::vector<Theme> m_themes;
    std::unordered_map<std::string, std::size_t> m_index;
};

// The default codebook of domain.md: 20 themes in five categories.
[[nodiscard]] Codebook defaultCodebook();

// The four built-in templates (version 1 each): ambivalence-progress, dap, soap, birp.
[[nodiscard]] std::vector<NoteTemplate> defaultTemplates();

// The colour given to a new theme of `category` when none is chosen.
[[nodiscard]] std::string_view defaultColour(ThemeCategory category);

} // namespace tessera::core
