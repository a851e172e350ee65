#pragma once

#include "tessera/core/codebook.hpp"
#include "tessera/core/model.hpp"

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace tessera::core {

// One thing wrong with some data, located well enough for a person to find and fix it:
// `where` reads like "client C-014, session 2026-01-07, observations[2].intensity".
struct Problem {
    std::string where;
    std::string what;

    friend bool operator==(const Problem&, const Problem&) = default;
};

// Data that breaks a rule of the domain. Carries every problem found, not just the first.
class ValidationError : public std::runtime_error {
public:
    explicit ValidationError(std::vector<Problem> problems);
    [[nodiscard]] const std::vector<Problem>& problems() const { return m_problems; }

private:
    std::vector<Problem> m_problems;
};

// "where: what" for the first `limit` problems, and how many more there are.
[[nodiscard]] std::string describeProblems(const std::vector<Problem>& problems, std::size_t limit = 5);

// Each function appends what is wrong to `out`, prefixing locations with `where`.
void checkTheme(const Theme& theme, const std::string& where, std::vector<Problem>& out);
void checkTemplate(const NoteTemplate& tmpl, const std::string& where, std::vector<Problem>& out);
void checkClient(const Client& client, const std::string& where, std::vector<Problem>& out);
// `tmpl` is the session's template, or nullptr when it is unknown (itself a problem).
void checkSession(const Session& session, const Codebook& codebook, const NoteTemplate* tmpl, const std::string& where,
                  std::vector<Problem>& out);

// Throwing forms for single commands (the app and CLI editing one thing at a time).
void validateTheme(const Theme& theme);
void validateTemplate(const NoteTemplate& tmpl);
void validateClient(const Client& client);
void validateSession(const Session& session, const Codebook& codebook, const NoteTemplate* tmpl);

// What is wrong with the first character of `text` that no text of a record may hold, or nullopt:
// NUL and the other control characters (U+0000-U+001F, U+007F-U+009F), except tab and line feed.
// A NUL hides the rest of a text in the editor while search and export still carry it.
// Example: "NUL (U+0000) at character 12".
[[nodiscard]] std::optional<std::string> forbiddenCharacter(std::string_view text);

[[nodiscard]] bool isThemeKey(std::string_view text);   // lower-case slug: "self-blame"
[[nodiscard]] bool isSectionKey(std::string_view text); // lower-case with underscores: "risk_and_safety"
[[nodiscard]] bool isClientCode(std::string_view text); // "C-014": letters, digits, - _ . ; 1-32 chars
[[nodiscard]] bool isColour(std::string_view text);     // "#RRGGBB"

} // namespace tessera::core
