#pragma once

// Internal to tessera_core: the character classes and scanners behind Deidentifier. Every
// scanner looks at position `i` of `s` (a word start) and returns the end of its match, or 0 when
// there is none; none reads outside `s`, whatever the bytes.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace tessera::core::detail {

// ---- Characters ---------------------------------------------------------------------------

struct Decoded {
    char32_t cp = 0;
    std::size_t length = 1;
};

// Decodes one UTF-8 sequence; malformed bytes decode as U+FFFD of length 1.
[[nodiscard]] Decoded decode(std::string_view s, std::size_t i);

inline bool isDigit(char c) {
    return c >= '0' && c <= '9';
}
inline bool isUpper(char c) {
    return c >= 'A' && c <= 'Z';
}
inline bool isLower(char c) {
    return c >= 'a' && c <= 'z';
}
inline bool isAlpha(char c) {
    return isUpper(c) || isLower(c);
}
inline bool isAlnum(char c) {
    return isAlpha(c) || isDigit(c);
}
inline char lower(char c) {
    return isUpper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

// Letters and digits of any script. Punctuation, symbols, spaces and emoji are not.
[[nodiscard]] bool isWordCp(char32_t cp);
[[nodiscard]] bool isSpaceCp(char32_t cp);
// Simple case folding for Latin, Greek and Cyrillic: enough for names written in those scripts.
[[nodiscard]] char32_t fold(char32_t cp);
[[nodiscard]] bool wordAt(std::string_view s, std::size_t i);
// True when position `i` (a match's end) is not followed by a letter or digit.
[[nodiscard]] bool boundaryAt(std::string_view s, std::size_t i);
// The code point before position i (i > 0).
[[nodiscard]] char32_t previousCp(std::string_view s, std::size_t i);
// The end of the word at `i`: letters of any script, inner apostrophes and hyphens.
[[nodiscard]] std::size_t wordEnd(std::string_view s, std::size_t i);
// How many ASCII digits start at i.
[[nodiscard]] std::size_t digitsFrom(std::string_view s, std::size_t i);
// The value of the n digits at i (at most nine are read).
[[nodiscard]] int numberAt(std::string_view s, std::size_t i, std::size_t n);
// ASCII case-insensitive comparison with an all-lower-case `lowerText`.
[[nodiscard]] bool equalsLower(std::string_view word, std::string_view lowerText);

template <std::size_t N> bool inList(std::string_view word, const std::array<std::string_view, N>& list) {
    return std::any_of(list.begin(), list.end(), [&](std::string_view entry) { return equalsLower(word, entry); });
}

// A set of lower-case ASCII words for lists looked up at every word of a text: sorted once,
// looked up by binary search on the lower-cased word (inList is a linear scan).
class WordSet {
public:
    template <std::size_t N> explicit WordSet(const std::array<std::string_view, N>& words) {
        for (const auto word : words) {
            m_words.push_back(word);
            m_longest = std::max(m_longest, word.size());
            m_lengths |= std::uint64_t{1} << std::min<std::size_t>(word.size(), 63);
            m_firstLetters |= std::uint32_t{1} << letterIndex(word.front());
        }
        std::sort(m_words.begin(), m_words.end());
    }
    [[nodiscard]] bool contains(std::string_view word) const {
        // Most words of a text are rejected by their length or first letter, without a search.
        if (word.empty() || word.size() > m_longest || word.size() > 32 ||
            (m_lengths & (std::uint64_t{1} << word.size())) == 0 ||
            (m_firstLetters & (std::uint32_t{1} << letterIndex(lower(word.front())))) == 0) {
            return false;
        }
        std::array<char, 32> buffer{};
        for (std::size_t k = 0; k < word.size(); ++k) {
            buffer[k] = lower(word[k]);
        }
        return std::binary_search(m_words.begin(), m_words.end(), std::string_view(buffer.data(), word.size()));
    }

private:
    // 0-25 for a-z, 26 for anything else.
    static unsigned letterIndex(char c) { return (c >= 'a' && c <= 'z') ? static_cast<unsigned>(c - 'a') : 26U; }

    std::vector<std::string_view> m_words;
    std::size_t m_longest = 0;
    std::uint64_t m_lengths = 0;
    std::uint32_t m_firstLetters = 0;
};

// ---- Scanners -----------------------------------------------------------------------------

[[nodiscard]] std::size_t scanUrl(std::string_view s, std::size_t i);                // https://..., www..., x.com/...
[[nodiscard]] std::size_t scanEmail(std::string_view s, std::size_t i);              // local@domain.tld
[[nodiscard]] std::size_t scanHandle(std::string_view s, std::size_t i);             // @name
[[nodiscard]] std::size_t scanNumericDate(std::string_view s, std::size_t i);        // 2026-01-07, 07/01/2026
[[nodiscard]] std::size_t scanDayMonthDate(std::string_view s, std::size_t i);       // 7 January 2026
[[nodiscard]] std::size_t scanMonthFirstDate(std::string_view s, std::size_t i);     // January 7, 2026
[[nodiscard]] std::size_t scanSsn(std::string_view s, std::size_t i);                // 123-45-6789
[[nodiscard]] std::size_t scanNiNumber(std::string_view s, std::size_t i);           // AB123456C
[[nodiscard]] std::size_t scanIban(std::string_view s, std::size_t i);               // DE89 3704 ...
[[nodiscard]] std::size_t scanIdToken(std::string_view s, std::size_t i);            // long digit runs, C01X00T47
[[nodiscard]] std::size_t scanNumberFirstAddress(std::string_view s, std::size_t i); // 12 Baker Street
[[nodiscard]] std::size_t scanNameFirstAddress(std::string_view s, std::size_t i);   // Hauptstraße 5
[[nodiscard]] std::size_t scanUkPostcode(std::string_view s, std::size_t i);         // NW1 6XE
[[nodiscard]] std::size_t scanPhone(std::string_view s, std::size_t i);              // +44 20 7946 0958

} // namespace tessera::core::detail
