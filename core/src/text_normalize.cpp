// Normalisation for de-identification: see text_normalize.hpp.

#include "text_normalize.hpp"

#include "deidentify_scan.hpp"

#include <array>

namespace tessera::core::detail {
namespace {

// Base letters of U+00C0..U+00FF; '*' marks code points spelt out or kept (see latinBase).
constexpr std::string_view kLatin1Base = "AAAAAA*CEEEEIIIIDNOOOOO*OUUUUY**aaaaaa*ceeeeiiiidnooooo*ouuuuy*y";
// Base letters of U+0100..U+017F; '*' marks the ligatures IJ and OE.
constexpr std::string_view kLatinExtendedABase =
    "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi**JjKkkLlLlLlLlLlNnNnNnnNnOoOoOo**RrRrRrSsSsSsSsTtTtTtUuUuUuUuU"
    "uUuWwYyYZzZzZzs";
static_assert(kLatin1Base.size() == 0x40);
static_assert(kLatinExtendedABase.size() == 0x80);

// The ASCII spelling of a Latin letter with a diacritic, or empty when `cp` is not one.
std::string_view latinBase(char32_t cp) {
    switch (cp) {
    case 0xC6: return "AE";
    case 0xE6: return "ae";
    case 0xDE: return "TH";
    case 0xFE: return "th";
    case 0xDF: return "ss";
    case 0x132: return "IJ";
    case 0x133: return "ij";
    case 0x152: return "OE";
    case 0x153: return "oe";
    default: break;
    }
    if (cp >= 0xC0 && cp <= 0xFF && kLatin1Base[cp - 0xC0] != '*') {
        return kLatin1Base.substr(cp - 0xC0, 1);
    }
    if (cp >= 0x100 && cp <= 0x17F && kLatinExtendedABase[cp - 0x100] != '*') {
        return kLatinExtendedABase.substr(cp - 0x100, 1);
    }
    return {};
}

bool isFormatCharacter(char32_t cp) {
    return cp == 0xAD || cp == 0x61C || cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x206F) ||
           cp == 0xFEFF;
}

bool isCombiningMark(char32_t cp) {
    return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
           (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F);
}

bool isApostrophe(char32_t cp) {
    return cp == 0x2018 || cp == 0x2019 || cp == 0x201B || cp == 0x2BC || cp == 0x2032 || cp == 0xB4 || cp == 0xFF07;
}

bool isQuote(char32_t cp) {
    return cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0x201F || cp == 0xAB || cp == 0xBB || cp == 0x2033 ||
           cp == 0xFF02;
}

bool isDash(char32_t cp) {
    return (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE63 || cp == 0xFF0D;
}

bool isAnySpace(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f' || cp == 0xA0 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
           cp == 0x3000;
}

bool isLineBreak(char32_t cp) {
    return cp == '\n' || cp == '\r' || cp == 0x2028 || cp == 0x2029;
}

} // namespace

DetectionText normalizeForDetection(std::string_view original) {
    DetectionText result;
    result.text.reserve(original.size());
    result.origin.reserve(original.size() + 1);
    result.lineStart.reserve(original.size());
    bool sawLineBreak = true; // the start of the text counts as the start of a line
    bool joining = false;     // after a hyphen that ended a line: spaces are dropped too
    const auto emit = [&](std::string_view bytes, std::size_t from) {
        for (const char c : bytes) {
            result.text.push_back(c);
            result.origin.push_back(static_cast<std::uint32_t>(from));
            result.lineStart.push_back(sawLineBreak && c != ' ');
        }
        if (!bytes.empty() && bytes.back() != ' ') {
            sawLineBreak = false;
        }
    };
    for (std::size_t i = 0; i < original.size();) {
        // Fast path: printable ASCII other than a space is copied as it is.
        const char byte = original[i];
        if (byte > ' ' && byte < 0x7F) {
            result.text.push_back(byte);
            result.origin.push_back(static_cast<std::uint32_t>(i));
            result.lineStart.push_back(sawLineBreak);
            sawLineBreak = false;
            joining = false;
            ++i;
            continue;
        }
        const auto d = decode(original, i);
        const std::size_t at = i;
        i += d.length;
        if (!isAnySpace(d.cp) && !isFormatCharacter(d.cp)) {
            joining = false;
        }
        if (d.cp < 0x80 && !isAnySpace(d.cp)) {
            emit(original.substr(at, 1), at);
            continue;
        }
        if (isFormatCharacter(d.cp) || isCombiningMark(d.cp)) {
            continue;
        }
        if (isAnySpace(d.cp)) {
            if (isLineBreak(d.cp)) {
                sawLineBreak = true;
                // A hyphen that ends a line joins what follows: drop the break and the indent.
                joining = joining || (!result.text.empty() && result.text.back() == '-');
            }
            if (joining) {
                continue;
            }
            emit(" ", at);
            continue;
        }
        if (isApostrophe(d.cp)) {
            emit("'", at);
        } else if (isQuote(d.cp)) {
            emit("\"", at);
        } else if (isDash(d.cp)) {
            emit("-", at);
        } else if (const auto base = latinBase(d.cp); !base.empty()) {
            emit(base, at);
        } else {
            // Copied as it is; every byte maps to the start of its character.
            emit(original.substr(at, d.length), at);
        }
    }
    result.origin.push_back(static_cast<std::uint32_t>(original.size()));
    return result;
}

std::string normalizedCopy(std::string_view text) {
    return normalizeForDetection(text).text;
}

} // namespace tessera::core::detail
