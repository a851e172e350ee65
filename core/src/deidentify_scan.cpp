// The scanners of de-identification: one small hand-written state machine per kind of
// identifier, over UTF-8 bytes. See deidentify_scan.hpp and docs/summaries.md.

#include "deidentify_scan.hpp"

#include "tessera/core/utf8.hpp"

#include <algorithm>
#include <array>

namespace tessera::core::detail {

// ---- Characters -------------------------------------------------------------------------------

// Decodes one UTF-8 sequence; malformed bytes decode as U+FFFD of length 1.
Decoded decode(std::string_view s, std::size_t i) {
    const auto decoded = utf8::decode(s, i);
    return {decoded.value, decoded.length};
}

// Letters and digits of any script. Punctuation, symbols, spaces and emoji are not.
bool isWordCp(char32_t cp) {
    if (cp < 0x80) {
        return isAlnum(static_cast<char>(cp));
    }
    return (cp >= 0xC0 && cp < 0x2000 && cp != 0xD7 && cp != 0xF7) || (cp >= 0x3040 && cp < 0xD800) ||
           (cp >= 0xF900 && cp < 0xFE00) || (cp >= 0x20000 && cp < 0x30000);
}

bool isSpaceCp(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x202F || cp == 0x2009;
}

// Simple case folding for Latin, Greek and Cyrillic: enough for names written in those scripts.
char32_t fold(char32_t cp) {
    if (cp < 0x80) {
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    }
    if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) ||
        (cp >= 0x410 && cp <= 0x42F)) {
        return cp + 32;
    }
    if (cp >= 0x400 && cp <= 0x40F) {
        return cp + 80;
    }
    if (((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177)) && cp % 2 == 0) {
        return cp + 1;
    }
    if (((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) && cp % 2 == 1) {
        return cp + 1;
    }
    if (cp == 0x178) {
        return 0xFF;
    }
    if (cp == 0x130) {
        return 'i';
    }
    return cp;
}

bool wordAt(std::string_view s, std::size_t i) {
    return i < s.size() && isWordCp(decode(s, i).cp);
}

// True when position `i` (a match's end) is not followed by a letter or digit.
bool boundaryAt(std::string_view s, std::size_t i) {
    return !wordAt(s, i);
}

// The code point before position i (i > 0), stepping back over continuation bytes.
char32_t previousCp(std::string_view s, std::size_t i) {
    return decode(s, utf8::previousCodePoint(s, i)).cp;
}

std::size_t digitsFrom(std::string_view s, std::size_t i) {
    std::size_t j = i;
    while (j < s.size() && isDigit(s[j])) {
        ++j;
    }
    return j - i;
}

int numberAt(std::string_view s, std::size_t i, std::size_t n) {
    int value = 0;
    for (std::size_t k = 0; k < n && k < 9; ++k) {
        value = value * 10 + (s[i + k] - '0');
    }
    return value;
}

bool equalsLower(std::string_view word, std::string_view lowerText) {
    if (word.size() != lowerText.size()) {
        return false;
    }
    for (std::size_t k = 0; k < word.size(); ++k) {
        if (lower(word[k]) != lowerText[k]) {
            return false;
        }
    }
    return true;
}

namespace {

bool endsWithLower(std::string_view word, std::string_view suffix) {
    return word.size() >= suffix.size() && equalsLower(word.substr(word.size() - suffix.size()), suffix);
}

} // namespace

// Letters (any script), apostrophes and inner hyphens; returns the end of the word.
std::size_t wordEnd(std::string_view s, std::size_t i) {
    std::size_t j = i;
    while (j < s.size()) {
        const auto d = decode(s, j);
        if (isWordCp(d.cp) && !(d.cp < 0x80 && isDigit(static_cast<char>(d.cp)))) {
            j += d.length;
        } else if ((s[j] == '\'' || s[j] == '-') && j > i && wordAt(s, j + 1)) {
            ++j;
        } else {
            break;
        }
    }
    return j;
}

namespace {

std::size_t skipSpaces(std::string_view s, std::size_t i) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) {
        ++i;
    }
    return i;
}

} // namespace

// ---- Scanners: each returns the end of its match at `i`, or 0 for none -------------------------

namespace {

constexpr std::array<std::string_view, 9> kBareDomainTlds{"com", "org", "net", "edu", "gov", "info", "io", "uk", "de"};

std::size_t trimUrlEnd(std::string_view s, std::size_t start, std::size_t end) {
    while (end > start) {
        const char c = s[end - 1];
        const bool closing = c == ')' || c == ']' || c == '}';
        const bool unbalanced = closing && s.substr(start, end - start)
                                                   .find(c == ')'   ? '('
                                                         : c == ']' ? '['
                                                                    : '{') == std::string_view::npos;
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' || c == '"' ||
            unbalanced) {
            --end;
        } else {
            break;
        }
    }
    return end;
}

std::size_t urlEndFrom(std::string_view s, std::size_t start, std::size_t i) {
    while (i < s.size() && !isSpaceCp(decode(s, i).cp) && s[i] != '<' && s[i] != '>' && s[i] != '"' && s[i] != '`') {
        ++i;
    }
    return trimUrlEnd(s, start, i);
}

} // namespace

std::size_t scanUrl(std::string_view s, std::size_t i) {
    for (const std::string_view prefix : {"https://", "http://", "ftp://", "www."}) {
        if (equalsLower(s.substr(i, prefix.size()), prefix)) {
            const std::size_t end = urlEndFrom(s, i, i + prefix.size());
            return end > i + prefix.size() ? end : 0;
        }
    }
    // A bare domain: labels of letters, digits and hyphens separated by dots.
    std::size_t j = i;
    int labels = 0;
    std::size_t lastLabel = i;
    while (j < s.size() && isAlnum(s[j])) {
        lastLabel = j;
        while (j < s.size() && (isAlnum(s[j]) || s[j] == '-')) {
            ++j;
        }
        ++labels;
        if (j + 1 < s.size() && s[j] == '.' && isAlnum(s[j + 1])) {
            ++j;
        } else {
            break;
        }
    }
    if (labels < 2 || (j < s.size() && (s[j] == '@' || wordAt(s, j)))) {
        return 0;
    }
    const auto tld = s.substr(lastLabel, j - lastLabel);
    if (!std::all_of(tld.begin(), tld.end(), isAlpha) || tld.size() < 2) {
        return 0;
    }
    if (j < s.size() && s[j] == '/') {
        return urlEndFrom(s, i, j);
    }
    return inList(tld, kBareDomainTlds) ? j : 0;
}

namespace {

bool isEmailLocal(char c) {
    return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

} // namespace

std::size_t scanEmail(std::string_view s, std::size_t i) {
    std::size_t j = i;
    while (j < s.size() && isEmailLocal(s[j])) {
        ++j;
    }
    if (j == i || j >= s.size() || s[j] != '@') {
        return 0;
    }
    ++j;
    int labels = 0;
    std::size_t lastLabelStart = j;
    std::size_t end = 0;
    while (j < s.size() && isAlnum(s[j])) {
        lastLabelStart = j;
        while (j < s.size() && (isAlnum(s[j]) || s[j] == '-')) {
            ++j;
        }
        ++labels;
        end = j;
        if (j + 1 < s.size() && s[j] == '.' && isAlnum(s[j + 1])) {
            ++j;
        } else {
            break;
        }
    }
    if (labels < 2 || end - lastLabelStart < 2 || !isAlpha(s[lastLabelStart])) {
        return 0;
    }
    return end;
}

std::size_t scanHandle(std::string_view s, std::size_t i) {
    if (s[i] != '@') {
        return 0;
    }
    std::size_t j = i + 1;
    bool letter = false;
    while (j < s.size() && (isAlnum(s[j]) || s[j] == '_' || s[j] == '.')) {
        letter = letter || isAlpha(s[j]);
        ++j;
    }
    while (j > i + 1 && s[j - 1] == '.') {
        --j;
    }
    return (letter && j - i >= 3 && boundaryAt(s, j)) ? j : 0;
}

namespace {

struct MonthName {
    std::string_view name;
    bool abbreviation;
    bool needsCapital; // "May" and "March" are also ordinary words
};
constexpr std::array<MonthName, 24> kMonths{{
    {"january", false, false},   {"february", false, false}, {"march", false, true},     {"april", false, false},
    {"may", false, true},        {"june", false, false},     {"july", false, false},     {"august", false, false},
    {"september", false, false}, {"october", false, false},  {"november", false, false}, {"december", false, false},
    {"jan", true, true},         {"feb", true, true},        {"mar", true, true},        {"apr", true, true},
    {"jun", true, true},         {"jul", true, true},        {"aug", true, true},        {"sep", true, true},
    {"sept", true, true},        {"oct", true, true},        {"nov", true, true},        {"dec", true, true},
}};

// A month name at `i`; returns its end (after an abbreviation's optional dot) or 0.
std::size_t scanMonth(std::string_view s, std::size_t i) {
    std::size_t j = i;
    while (j < s.size() && isAlpha(s[j])) {
        ++j;
    }
    if (j - i < 3 || j - i > 9 || wordAt(s, j)) {
        return 0;
    }
    const auto word = s.substr(i, j - i);
    for (const auto& month : kMonths) {
        if (equalsLower(word, month.name)) {
            if (month.needsCapital && !isUpper(s[i])) {
                return 0;
            }
            return (month.abbreviation && j < s.size() && s[j] == '.') ? j + 1 : j;
        }
    }
    return 0;
}

// A day of the month, 1-31, with an optional ordinal suffix; returns its end or 0.
std::size_t scanDay(std::string_view s, std::size_t i) {
    const std::size_t n = digitsFrom(s, i);
    if (n < 1 || n > 2) {
        return 0;
    }
    const int day = numberAt(s, i, n);
    if (day < 1 || day > 31) {
        return 0;
    }
    std::size_t j = i + n;
    for (const std::string_view suffix : {"st", "nd", "rd", "th"}) {
        if (equalsLower(s.substr(j, 2), suffix)) {
            j += 2;
            break;
        }
    }
    return boundaryAt(s, j) ? j : 0;
}

std::size_t scanYear(std::string_view s, std::size_t i) {
    return (digitsFrom(s, i) == 4 && boundaryAt(s, i + 4)) ? i + 4 : 0;
}

} // namespace

// "7 January 2026", "7th of January", "7 Jan. 2026".
std::size_t scanDayMonthDate(std::string_view s, std::size_t i) {
    const std::size_t dayEnd = scanDay(s, i);
    if (dayEnd == 0) {
        return 0;
    }
    std::size_t j = skipSpaces(s, dayEnd);
    if (j == dayEnd) {
        return 0;
    }
    if (equalsLower(s.substr(j, 3), "of ")) {
        j = skipSpaces(s, j + 3);
    }
    const std::size_t monthEnd = scanMonth(s, j);
    if (monthEnd == 0) {
        return 0;
    }
    std::size_t k = monthEnd;
    if (k < s.size() && s[k] == ',') {
        ++k;
    }
    const std::size_t yearStart = skipSpaces(s, k);
    const std::size_t yearEnd = yearStart > k ? scanYear(s, yearStart) : 0;
    return yearEnd != 0 ? yearEnd : monthEnd;
}

// "January 7, 2026", "Jan 7th", "January 2026".
std::size_t scanMonthFirstDate(std::string_view s, std::size_t i) {
    const std::size_t monthEnd = scanMonth(s, i);
    if (monthEnd == 0) {
        return 0;
    }
    const std::size_t j = skipSpaces(s, monthEnd);
    if (j == monthEnd) {
        return 0;
    }
    if (const std::size_t yearEnd = scanYear(s, j)) {
        return yearEnd;
    }
    const std::size_t dayEnd = scanDay(s, j);
    if (dayEnd == 0) {
        return 0;
    }
    std::size_t k = dayEnd;
    if (k < s.size() && s[k] == ',') {
        ++k;
    }
    const std::size_t yearStart = skipSpaces(s, k);
    const std::size_t yearEnd = yearStart > k ? scanYear(s, yearStart) : 0;
    return yearEnd != 0 ? yearEnd : dayEnd;
}

// "2026-01-07" (optionally with a time), "2026/1/7", "07/01/2026", "7.1.26", "07-01-2026".
std::size_t scanNumericDate(std::string_view s, std::size_t i) {
    const std::size_t n1 = digitsFrom(s, i);
    if (n1 == 0 || n1 > 4 || i + n1 >= s.size()) {
        return 0;
    }
    const char sep = s[i + n1];
    if (sep != '-' && sep != '/' && sep != '.') {
        return 0;
    }
    const std::size_t p2 = i + n1 + 1;
    const std::size_t n2 = digitsFrom(s, p2);
    if (n2 < 1 || n2 > 2 || p2 + n2 >= s.size() || s[p2 + n2] != sep) {
        return 0;
    }
    const std::size_t p3 = p2 + n2 + 1;
    const std::size_t n3 = digitsFrom(s, p3);
    const int a = numberAt(s, i, n1);
    const int b = numberAt(s, p2, n2);
    std::size_t end = p3 + n3;
    if (n1 == 4) { // year first
        if (n3 < 1 || n3 > 2 || a < 1900 || a > 2099 || b < 1 || b > 12) {
            return 0;
        }
        const int c = numberAt(s, p3, n3);
        if (c < 1 || c > 31) {
            return 0;
        }
        // An ISO timestamp: swallow "T10:30", "T10:30:00Z".
        if (end + 3 < s.size() && (s[end] == 'T' || s[end] == 't') && digitsFrom(s, end + 1) == 2 &&
            s[end + 3] == ':') {
            end += 1;
            while (end < s.size() && (isDigit(s[end]) || s[end] == ':' || s[end] == '.')) {
                ++end;
            }
            if (end < s.size() && (s[end] == 'Z' || s[end] == 'z')) {
                ++end;
            }
        }
    } else {
        if (n1 > 2 || (n3 != 2 && n3 != 4)) {
            return 0;
        }
        if (a < 1 || a > 31 || b < 1 || b > 31 || (a > 12 && b > 12)) {
            return 0;
        }
    }
    return boundaryAt(s, end) ? end : 0;
}

// US social security number "123-45-6789" (or with spaces).
std::size_t scanSsn(std::string_view s, std::size_t i) {
    if (digitsFrom(s, i) != 3 || i + 11 > s.size()) {
        return 0;
    }
    const char sep = s[i + 3];
    if ((sep != '-' && sep != ' ') || digitsFrom(s, i + 4) != 2 || s[i + 6] != sep || digitsFrom(s, i + 7) != 4) {
        return 0;
    }
    return boundaryAt(s, i + 11) ? i + 11 : 0;
}

// UK National Insurance number "AB123456C" / "AB 12 34 56 C".
std::size_t scanNiNumber(std::string_view s, std::size_t i) {
    if (i + 9 > s.size() || !isUpper(s[i]) || !isUpper(s[i + 1])) {
        return 0;
    }
    std::size_t j = i + 2;
    int digits = 0;
    while (digits < 6) {
        if (j < s.size() && s[j] == ' ' && digits % 2 == 0) {
            ++j;
        }
        if (j >= s.size() || !isDigit(s[j])) {
            return 0;
        }
        ++j;
        ++digits;
    }
    if (j < s.size() && s[j] == ' ') {
        ++j;
    }
    if (j >= s.size() || s[j] < 'A' || s[j] > 'D') {
        return 0;
    }
    return boundaryAt(s, j + 1) ? j + 1 : 0;
}

// IBAN: two capitals, two check digits, then groups of capitals and digits (15-34 in all).
std::size_t scanIban(std::string_view s, std::size_t i) {
    if (i + 4 > s.size() || !isUpper(s[i]) || !isUpper(s[i + 1]) || !isDigit(s[i + 2]) || !isDigit(s[i + 3])) {
        return 0;
    }
    std::size_t j = i + 4;
    std::size_t count = 4;
    std::size_t end = j;
    while (j < s.size()) {
        if (s[j] == ' ' && j + 1 < s.size() && (isUpper(s[j + 1]) || isDigit(s[j + 1])) && (count % 4 == 0)) {
            ++j;
            continue;
        }
        if (!isUpper(s[j]) && !isDigit(s[j])) {
            break;
        }
        ++j;
        ++count;
        end = j;
    }
    return (count >= 15 && count <= 34 && boundaryAt(s, end)) ? end : 0;
}

// A token of letters and digits that holds many digits: account, passport and case numbers,
// or a plain run of seven or more digits.
std::size_t scanIdToken(std::string_view s, std::size_t i) {
    std::size_t j = i;
    int digits = 0;
    int letters = 0;
    while (j < s.size() && isAlnum(s[j])) {
        (isDigit(s[j]) ? digits : letters) += 1;
        ++j;
    }
    if (!boundaryAt(s, j) || j - i > 34) {
        return 0;
    }
    return (digits >= 7 || (digits >= 6 && letters >= 1)) ? j : 0;
}

// ---- Street addresses -------------------------------------------------------------------------

namespace {

// Street types that follow the name ("Baker Street").
constexpr std::array<std::string_view, 44> kStreetTypes{
    "street", "st",      "road",   "rd",      "avenue", "ave",  "av",       "lane",  "ln",      "drive",   "dr",
    "close",  "way",     "place",  "pl",      "court",  "ct",   "crescent", "cres",  "terrace", "tce",     "boulevard",
    "blvd",   "square",  "sq",     "gardens", "grove",  "hill", "row",      "mews",  "walk",    "parade",  "highway",
    "hwy",    "parkway", "circle", "trail",   "green",  "park", "rise",     "wharf", "straße",  "strasse", "weg"};
// Street types that come first ("rue de Rivoli", "Via Roma").
constexpr std::array<std::string_view, 17> kStreetPrefixes{"rue",    "avenue", "av",      "boulevard", "bd",  "chemin",
                                                           "place",  "allée",  "impasse", "quai",      "via", "viale",
                                                           "piazza", "calle",  "avenida", "plaza",     "rua"};
constexpr std::array<std::string_view, 20> kParticles{"de",  "du",  "des",   "la",  "le", "les", "l'",
                                                      "d'",  "del", "della", "dei", "di", "da",  "do",
                                                      "dos", "das", "von",   "van", "of", "the"};
// Endings of one-word street names ("Hauptstraße", "Goethestr.", "Birkenweg", "Keizersgracht").
constexpr std::array<std::string_view, 17> kStreetSuffixes{"straße", "strasse", "str",  "weg",      "gasse",  "platz",
                                                           "allee",  "damm",    "ufer", "chaussee", "straat", "laan",
                                                           "gracht", "plein",   "vej",  "gatan",    "vägen"};

// The house number at `i`: "12", "221B", "12a", "12-14". Returns its end or 0.
std::size_t scanHouseNumber(std::string_view s, std::size_t i, std::size_t maxDigits) {
    const std::size_t n = digitsFrom(s, i);
    if (n == 0 || n > maxDigits) {
        return 0;
    }
    std::size_t j = i + n;
    if (j + 1 < s.size() && s[j] == '-' && isDigit(s[j + 1])) {
        j = j + 1 + digitsFrom(s, j + 1);
    } else if (j < s.size() && isAlpha(s[j]) && !wordAt(s, j + 1)) {
        ++j;
    }
    return boundaryAt(s, j) ? j : 0;
}

} // namespace

// "12 Baker Street", "221B Baker St.", "5 rue de Rivoli", "12 St Mary's Road".
std::size_t scanNumberFirstAddress(std::string_view s, std::size_t i) {
    const std::size_t numberEnd = scanHouseNumber(s, i, 5);
    if (numberEnd == 0) {
        return 0;
    }
    std::size_t j = numberEnd;
    if (j < s.size() && s[j] == ',') {
        ++j;
    }
    j = skipSpaces(s, j);
    if (j == numberEnd || j >= s.size()) {
        return 0;
    }
    // French, Spanish, Italian: the type comes first, then particles and capitalised words.
    std::size_t firstEnd = wordEnd(s, j);
    if (firstEnd > j && inList(s.substr(j, firstEnd - j), kStreetPrefixes)) {
        if (firstEnd < s.size() && s[firstEnd] == '.') {
            ++firstEnd;
        }
        std::size_t end = 0;
        std::size_t k = firstEnd;
        for (int words = 0; words < 4; ++words) {
            const std::size_t start = skipSpaces(s, k);
            if (start == k || start >= s.size()) {
                break;
            }
            const std::size_t e = wordEnd(s, start);
            if (e == start) {
                break;
            }
            const auto word = s.substr(start, e - start);
            if (isUpper(s[start]) || static_cast<unsigned char>(s[start]) >= 0x80) {
                end = e;
            } else if (!inList(word, kParticles)) {
                break;
            }
            k = e;
        }
        return end;
    }
    // English: capitalised name words, then a street type.
    std::size_t k = j;
    for (int words = 0; words < 5; ++words) {
        const std::size_t e = wordEnd(s, k);
        if (e == k) {
            return 0;
        }
        const auto word = s.substr(k, e - k);
        if (words > 0 && inList(word, kStreetTypes)) {
            // "Elm Grove Road": a type word may itself be part of the name.
            const std::size_t nextStart = skipSpaces(s, e);
            const std::size_t nextEnd = nextStart > e ? wordEnd(s, nextStart) : nextStart;
            if (nextEnd > nextStart && inList(s.substr(nextStart, nextEnd - nextStart), kStreetTypes)) {
                return nextEnd;
            }
            return e;
        }
        if (!isUpper(s[k]) && !inList(word, kParticles)) {
            return 0;
        }
        std::size_t next = e;
        if (next < s.size() && s[next] == '.') {
            ++next; // "St. Mary's Road"
        }
        const std::size_t after = skipSpaces(s, next);
        if (after == next) {
            return 0;
        }
        k = after;
    }
    return 0;
}

// "Hauptstraße 5", "Goethestr. 12", "Berliner Straße 5", "Baker Street 12".
std::size_t scanNameFirstAddress(std::string_view s, std::size_t i) {
    if (!isUpper(s[i]) && static_cast<unsigned char>(s[i]) < 0x80) {
        return 0;
    }
    std::size_t k = i;
    for (int words = 1; words <= 3; ++words) {
        std::size_t e = wordEnd(s, k);
        if (e == k) {
            return 0;
        }
        const auto word = s.substr(k, e - k);
        bool streetLike = false;
        for (const auto suffix : kStreetSuffixes) {
            if (endsWithLower(word, suffix) && (word.size() > suffix.size() || words > 1)) {
                streetLike = true;
                break;
            }
        }
        streetLike = streetLike || (words > 1 && inList(word, kStreetTypes));
        if (e < s.size() && s[e] == '.') {
            ++e;
        }
        const std::size_t numberStart = skipSpaces(s, e);
        if (streetLike && numberStart > e) {
            if (const std::size_t end = scanHouseNumber(s, numberStart, 4)) {
                return end;
            }
        }
        if (numberStart == e || numberStart >= s.size() ||
            !(isUpper(s[numberStart]) || static_cast<unsigned char>(s[numberStart]) >= 0x80)) {
            return 0;
        }
        k = numberStart;
    }
    return 0;
}

// UK postcode "NW1 6XE", "SW1A 1AA", "M1 1AE".
std::size_t scanUkPostcode(std::string_view s, std::size_t i) {
    std::size_t j = i;
    while (j < s.size() && j - i < 2 && isUpper(s[j])) {
        ++j;
    }
    if (j == i || j >= s.size() || !isDigit(s[j])) {
        return 0;
    }
    ++j;
    if (j < s.size() && (isDigit(s[j]) || isUpper(s[j]))) {
        ++j;
    }
    if (j + 4 > s.size() || s[j] != ' ' || !isDigit(s[j + 1]) || !isUpper(s[j + 2]) || !isUpper(s[j + 3])) {
        return 0;
    }
    return boundaryAt(s, j + 4) ? j + 4 : 0;
}

// ---- Phone numbers ----------------------------------------------------------------------------

namespace {

bool isYear(std::string_view s, std::size_t i, std::size_t n) {
    if (n != 4) {
        return false;
    }
    const int value = numberAt(s, i, 4);
    return value >= 1900 && value <= 2099;
}

} // namespace

std::size_t scanPhone(std::string_view s, std::size_t i) {
    std::size_t j = i;
    const bool plus = s[j] == '+';
    if (plus) {
        ++j;
    }
    // "0049 30 ...", "0044 ...": 00 is the international prefix written out.
    const bool international = plus || (j + 1 < s.size() && s[j] == '0' && s[j + 1] == '0');
    struct Group {
        std::size_t start;
        std::size_t digits;
        bool parenthesised;
    };
    std::array<Group, 8> groups{};
    std::size_t count = 0;
    std::size_t total = 0;
    std::size_t end = 0;
    while (count < groups.size()) {
        const bool open = j < s.size() && s[j] == '(';
        const std::size_t start = open ? j + 1 : j;
        const std::size_t n = digitsFrom(s, start);
        if (n == 0 || (open && (start + n >= s.size() || s[start + n] != ')'))) {
            break;
        }
        groups[count++] = {start, n, open};
        total += n;
        j = start + n + (open ? 1 : 0);
        end = j;
        if (total > 17) {
            return 0;
        }
        // A separator, then another group: digits, or "(digits)".
        std::size_t next = j;
        if (next < s.size() && (s[next] == ' ' || s[next] == '-' || s[next] == '.' || s[next] == '/')) {
            ++next;
        } else if (!open) {
            break; // two groups need a separator unless the first was "(...)"
        }
        if (next < s.size() && (isDigit(s[next]) || (s[next] == '(' && next + 1 < s.size() && isDigit(s[next + 1])))) {
            j = next;
        } else {
            break;
        }
    }
    if (count == 0 || !boundaryAt(s, end)) {
        return 0;
    }
    if (international) {
        return (total >= 8 && total <= (plus ? 15U : 17U)) ? end : 0;
    }
    if (total < 7 || total > 12) {
        return 0;
    }
    if (count == 1) {
        return s[groups[0].start] == '0' ? end : 0; // other long runs are ID-like numbers
    }
    bool years = true;
    bool allLong = true;
    for (std::size_t g = 0; g < count; ++g) {
        years = years && isYear(s, groups[g].start, groups[g].digits);
        allLong = allLong && groups[g].digits >= 3;
    }
    if (years) {
        return 0; // "2019-2021", "2019 2020 2021"
    }
    return (groups[0].parenthesised || s[groups[0].start] == '0' || allLong) ? end : 0;
}

} // namespace tessera::core::detail
