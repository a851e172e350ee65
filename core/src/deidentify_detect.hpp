#pragma once

// Internal to tessera_core: the detectors for identifiers nobody listed (issue 11). Each works on
// the normalised text (text_normalize.hpp) at a word start `i` and returns a Hit whose span may
// start after `i` ("Dr. Alvarez": the title stays, the name goes). Every hit names its rule, so
// the review can say why a word was taken.

#include "tessera/core/deidentify.hpp"

#include "deidentify_scan.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::core::detail {

struct Hit {
    std::size_t begin = 0;
    std::size_t end = 0; // 0: no hit
    ReplacementKind kind = ReplacementKind::Person;
    std::string_view rule;
    bool suspect = false; // shown for review, not replaced
    float confidence = 1.0f;

    explicit operator bool() const { return end != 0; }
};

[[nodiscard]] inline Hit makeHit(std::size_t begin, std::size_t end, ReplacementKind kind, std::string_view rule,
                                 float confidence = 1.0f, bool suspect = false) {
    Hit h;
    h.begin = begin;
    h.end = end;
    h.kind = kind;
    h.rule = rule;
    h.confidence = confidence;
    h.suspect = suspect;
    return h;
}

// ---- Small readers shared by the detectors --------------------------------------------------

inline bool isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

inline std::size_t letterRun(std::string_view s, std::size_t i) {
    std::size_t j = i;
    while (j < s.size() && isAlpha(s[j])) {
        ++j;
    }
    return j - i;
}

// The ASCII word at i (letters only).
inline std::string_view wordAtPos(std::string_view s, std::size_t i) {
    return s.substr(i, letterRun(s, i));
}

// The first position at or after i that is not a space.
inline std::size_t spaces(std::string_view s, std::size_t i) {
    while (i < s.size() && s[i] == ' ') {
        ++i;
    }
    return i;
}

// ---- Detectors ------------------------------------------------------------------------------

// IPv4 (from a digit), MAC and IPv6 addresses (deidentify_codes.cpp).
[[nodiscard]] Hit detectNetwork(std::string_view s, std::size_t i);
// ZIP and ZIP+4 codes.
[[nodiscard]] Hit detectZip(std::string_view s, std::size_t i);
// A code after a label ("MRN: SMH-482914", "case no. 2025-OP-000417"): the code alone.
[[nodiscard]] Hit detectLabelledId(std::string_view s, std::size_t i);
// Canadian postcodes; capitals then a long number ("SMH 482914", "ZIP 62704").
[[nodiscard]] Hit detectPostcodeOrPrefixed(std::string_view s, std::size_t i);

// Numbers and codes that begin with a digit: IP and MAC addresses, dates without a year
// ("3/4", "4-Mar-2025", "the 14th"), years of birth, ages over 89, ZIP codes, separated codes.
[[nodiscard]] Hit detectNumber(std::string_view s, std::size_t i);
// Codes of letters and digits, with or without separators ("2025-OP-000417", "7ABC123"); tried
// after phone numbers, which have the same shape.
[[nodiscard]] Hit detectCode(std::string_view s, std::size_t i);
// Patterns that begin with a letter: weekday-relative dates, holidays with a year, labelled ID
// numbers, PO boxes and rural routes, spelled-out e-mail addresses and phone numbers, IPv6 and
// MAC addresses, Canadian postcodes, letter-and-digit codes.
[[nodiscard]] Hit detectWordPattern(std::string_view s, std::size_t i);

// Where a date found at `begin` really starts: with a weekday before it (and the "the" between,
// "Monday the 3rd") and an "early", "mid" or "late" before that ("late January 2025", "Monday the 3rd"), as a
// temporal expression is annotated (TimeML). Never before `floor` (the end of the last finding).
[[nodiscard]] std::size_t dateExtentStart(std::string_view s, std::size_t begin, std::size_t floor);

struct NameScan {
    std::string_view s;
    const std::vector<bool>* lineStart = nullptr;
    const std::vector<std::string>* keep = nullptr; // lower case, sorted: never identifying
};
// People, organisations, places and street names, from context and the lexicons.
[[nodiscard]] Hit detectName(const NameScan& scan, std::size_t i);

// True for ordinary English words (dictionary, inflections, hyphenated compounds of words).
[[nodiscard]] bool isEnglishWord(std::string_view word);
// The nickname variants of a given name ("grace" -> "gracie"; "richard" -> "rich", "richie"...),
// lower case; empty when none is known.
[[nodiscard]] std::vector<std::string> nicknamesOf(std::string_view lowerName);

} // namespace tessera::core::detail
