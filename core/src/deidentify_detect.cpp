// Pattern detectors for identifiers nobody listed: see deidentify_detect.hpp. They read the
// normalised text, so apostrophes, dashes and spaces are already plain ASCII.

#include "deidentify_detect.hpp"

#include "deidentify_scan.hpp"

#include <algorithm>
#include <array>

namespace tessera::core::detail {
namespace {

bool isHex(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

std::size_t letterRun(std::string_view s, std::size_t i) {
    std::size_t j = i;
    while (j < s.size() && isAlpha(s[j])) {
        ++j;
    }
    return j - i;
}

// The lower-case ASCII word at i (letters only).
std::string_view wordAtPos(std::string_view s, std::size_t i) {
    return s.substr(i, letterRun(s, i));
}

std::size_t spaces(std::string_view s, std::size_t i) {
    while (i < s.size() && s[i] == ' ') {
        ++i;
    }
    return i;
}

// True when the text before `i` ends with `phrase` (ASCII, case-insensitive) at a word start.
bool precededBy(std::string_view s, std::size_t i, std::string_view phrase) {
    if (i < phrase.size() || !equalsLower(s.substr(i - phrase.size(), phrase.size()), phrase)) {
        return false;
    }
    const std::size_t start = i - phrase.size();
    return start == 0 || !isAlnum(s[start - 1]);
}

// The word before position i (skipping spaces), lower-case comparison helper.
std::string_view previousWord(std::string_view s, std::size_t i) {
    std::size_t end = i;
    while (end > 0 && s[end - 1] == ' ') {
        --end;
    }
    std::size_t start = end;
    while (start > 0 && isAlpha(s[start - 1])) {
        --start;
    }
    return s.substr(start, end - start);
}

// ---- Network addresses ---------------------------------------------------------------------------

std::size_t scanIpv4(std::string_view s, std::size_t i) {
    std::size_t j = i;
    for (int part = 0; part < 4; ++part) {
        const std::size_t n = digitsFrom(s, j);
        if (n == 0 || n > 3 || numberAt(s, j, n) > 255) {
            return 0;
        }
        j += n;
        if (part < 3) {
            if (j >= s.size() || s[j] != '.') {
                return 0;
            }
            ++j;
        }
    }
    if (j + 1 < s.size() && s[j] == '.' && isDigit(s[j + 1])) {
        return 0;
    }
    return boundaryAt(s, j) ? j : 0;
}

// "00:1A:2B:3C:4D:5E", "00-1a-2b-3c-4d-5e".
std::size_t scanMac(std::string_view s, std::size_t i) {
    if (i + 17 > s.size()) {
        return 0;
    }
    const char sep = s[i + 2];
    if (sep != ':' && sep != '-') {
        return 0;
    }
    for (std::size_t g = 0; g < 6; ++g) {
        const std::size_t at = i + g * 3;
        if (!isHex(s[at]) || !isHex(s[at + 1]) || (g < 5 && s[at + 2] != sep)) {
            return 0;
        }
    }
    return boundaryAt(s, i + 17) ? i + 17 : 0;
}

// "2001:db8::8a2e:370:7334", "fe80::1". Times ("10:30:15") have fewer colons and no letters.
std::size_t scanIpv6(std::string_view s, std::size_t i) {
    std::size_t j = i;
    int colons = 0;
    int groups = 0;
    bool doubleColon = false;
    bool letter = false;
    while (j < s.size()) {
        std::size_t n = 0;
        while (j + n < s.size() && isHex(s[j + n]) && n < 5) {
            letter = letter || isAlpha(s[j + n]);
            ++n;
        }
        if (n > 4) {
            return 0;
        }
        if (n > 0) {
            ++groups;
            j += n;
        }
        if (j < s.size() && s[j] == ':') {
            if (j + 1 < s.size() && s[j + 1] == ':') {
                if (doubleColon) {
                    return 0;
                }
                doubleColon = true;
                colons += 2;
                j += 2;
                continue;
            }
            if (n == 0 || j + 1 >= s.size() || !isHex(s[j + 1])) {
                break;
            }
            ++colons;
            ++j;
            continue;
        }
        break;
    }
    const bool shaped = (colons >= 3 && (letter || doubleColon)) || (doubleColon && groups >= 2 && letter) ||
                        (colons == 7 && groups == 8);
    return (shaped && boundaryAt(s, j)) ? j : 0;
}

// ---- Dates without a year, ordinals, years of birth, ages ----------------------------------------

constexpr std::array<std::string_view, 12> kMonthAbbreviations{"jan", "feb", "mar", "apr", "may", "jun",
                                                               "jul", "aug", "sep", "oct", "nov", "dec"};

// "4-Mar-2025", "4-Mar", "04-mar-25".
std::size_t scanDayMonthAbbreviated(std::string_view s, std::size_t i) {
    const std::size_t n = digitsFrom(s, i);
    if (n == 0 || n > 2 || i + n + 4 > s.size() || s[i + n] != '-') {
        return 0;
    }
    const std::size_t m = i + n + 1;
    const std::size_t letters = letterRun(s, m);
    if (letters < 3 || !inList(s.substr(m, 3), kMonthAbbreviations) ||
        (letters > 3 && !(letters == 4 && equalsLower(s.substr(m, 4), "sept")))) {
        return 0;
    }
    std::size_t end = m + letters;
    if (end + 1 < s.size() && s[end] == '-' && isDigit(s[end + 1])) {
        const std::size_t y = digitsFrom(s, end + 1);
        if (y == 2 || y == 4) {
            end += 1 + y;
        }
    }
    return boundaryAt(s, end) ? end : 0;
}

// "3/4", "7/22": day and month without a year. Scores out of ten ("7/10") and fractions of a
// larger whole are left alone.
std::size_t scanDayMonthNumeric(std::string_view s, std::size_t i) {
    const std::size_t n1 = digitsFrom(s, i);
    if (n1 == 0 || n1 > 2 || i + n1 + 1 >= s.size() || s[i + n1] != '/') {
        return 0;
    }
    const std::size_t n2 = digitsFrom(s, i + n1 + 1);
    if (n2 == 0 || n2 > 2) {
        return 0;
    }
    const std::size_t end = i + n1 + 1 + n2;
    if (end < s.size() && (s[end] == '/' || s[end] == '.' || s[end] == ',') && end + 1 < s.size() &&
        isDigit(s[end + 1])) {
        return 0;
    }
    if (i > 0 && (s[i - 1] == '/' || s[i - 1] == '.')) {
        return 0;
    }
    const int a = numberAt(s, i, n1);
    const int b = numberAt(s, i + n1 + 1, n2);
    if (a < 1 || b < 1 || a > 31 || b > 31 || (a > 12 && b > 12) || b == 10 || b == 5 || (a == 24 && b == 7)) {
        return 0;
    }
    return boundaryAt(s, end) ? end : 0;
}

constexpr std::array<std::string_view, 28> kNotAfterOrdinal{
    "session", "sessions",    "time",    "times",    "visit",       "week",    "weeks",
    "month",   "months",      "year",    "years",    "day",         "grade",   "floor",
    "attempt", "appointment", "meeting", "birthday", "anniversary", "century", "place",
    "hour",    "percentile",  "child",   "round",    "step",        "chapter", "time"};

// "the 14th", "on the 21st" (the day of a month).
std::size_t scanOrdinalDay(std::string_view s, std::size_t i) {
    const std::size_t n = digitsFrom(s, i);
    if (n == 0 || n > 2) {
        return 0;
    }
    const int day = numberAt(s, i, n);
    const auto suffix = s.substr(i + n, 2);
    if (day < 1 || day > 31 ||
        !(equalsLower(suffix, "st") || equalsLower(suffix, "nd") || equalsLower(suffix, "rd") ||
          equalsLower(suffix, "th")) ||
        !boundaryAt(s, i + n + 2)) {
        return 0;
    }
    if (!equalsLower(previousWord(s, i), "the")) {
        return 0;
    }
    const std::size_t next = spaces(s, i + n + 2);
    if (next > i + n + 2 && inList(wordAtPos(s, next), kNotAfterOrdinal)) {
        return 0;
    }
    return i + n + 2;
}

// "born in 1931", "b. 1931", "year of birth 1931", "DOB: 1931".
std::size_t scanBirthYear(std::string_view s, std::size_t i) {
    if (digitsFrom(s, i) != 4 || !boundaryAt(s, i + 4)) {
        return 0;
    }
    const int year = numberAt(s, i, 4);
    if (year < 1880 || year > 2030) {
        return 0;
    }
    for (const std::string_view phrase : {"born in ", "born ", "b. ", "year of birth ", "year of birth: ", "dob ",
                                          "dob: ", "born in the year ", "birth year ", "birth year: "}) {
        if (precededBy(s, i, phrase)) {
            return i + 4;
        }
    }
    return 0;
}

// Ages of 90 and over: "93 years old", "93-year-old", "91 yo", "aged 91", "age: 93".
std::size_t scanOldAge(std::string_view s, std::size_t i) {
    const std::size_t n = digitsFrom(s, i);
    if (n < 2 || n > 3 || !boundaryAt(s, i + n)) {
        return 0;
    }
    const int age = numberAt(s, i, n);
    if (age < 90 || age > 125) {
        return 0;
    }
    for (const std::string_view phrase : {"aged ", "age ", "age: ", "aged: ", "age of "}) {
        if (precededBy(s, i, phrase)) {
            return i + n;
        }
    }
    const auto rest = s.substr(i + n);
    for (const std::string_view after :
         {" years old", "-year-old", " year old", " years of age", " yo", "yo", " y/o", " yrs old", "-years-old"}) {
        if (rest.size() >= after.size() && equalsLower(rest.substr(0, after.size()), after) &&
            boundaryAt(s, i + n + after.size())) {
            return i + n;
        }
    }
    return 0;
}

// ---- Postcodes and codes --------------------------------------------------------------------------

// ZIP "62704" and ZIP+4 "62704-1234". A bare five-digit number counts unless a lower-case word
// follows it ("12000 steps").
std::size_t scanZip(std::string_view s, std::size_t i) {
    if (digitsFrom(s, i) != 5 || (i > 0 && (s[i - 1] == '$' || s[i - 1] == '.' || s[i - 1] == ','))) {
        return 0;
    }
    if (i > 1 && static_cast<unsigned char>(s[i - 1]) >= 0x80) {
        return 0; // "£12345", "€12345"
    }
    std::size_t end = i + 5;
    if (end + 5 <= s.size() && s[end] == '-' && digitsFrom(s, end + 1) == 4) {
        return boundaryAt(s, end + 5) ? end + 5 : 0;
    }
    if (!boundaryAt(s, end) ||
        (end < s.size() && (s[end] == '.' || s[end] == ',') && end + 1 < s.size() && isDigit(s[end + 1]))) {
        return 0;
    }
    // Part of a longer number ("07700 900123") or followed by a unit ("12000 steps"): not a ZIP.
    if (end + 1 < s.size() && (s[end] == ' ' || s[end] == '-' || s[end] == '.' || s[end] == '/') &&
        isDigit(s[end + 1])) {
        return 0;
    }
    const std::size_t next = spaces(s, end);
    if (next > end && next < s.size() && isLower(s[next])) {
        return 0;
    }
    return end;
}

// Letter-and-digit groups joined by '-', '/' or '.': "2025-OP-000417", "D123-4567-8901",
// "35-209900-176148-1". Needs enough digits not to be a score or a dose.
std::size_t scanSeparatedCode(std::string_view s, std::size_t i) {
    std::size_t j = i;
    int groups = 0;
    int digits = 0;
    bool letterGroup = false;
    std::size_t end = 0;
    while (j < s.size() && isAlnum(s[j])) {
        bool letters = false;
        while (j < s.size() && isAlnum(s[j])) {
            if (isDigit(s[j])) {
                ++digits;
            } else {
                letters = true;
            }
            ++j;
        }
        letterGroup = letterGroup || letters;
        ++groups;
        end = j;
        if (j + 1 < s.size() && (s[j] == '-' || s[j] == '/') && isAlnum(s[j + 1])) {
            ++j;
        } else {
            break;
        }
    }
    if (groups < 2 || !boundaryAt(s, end)) {
        return 0;
    }
    const bool codeLike = (letterGroup && digits >= 5) || (groups >= 3 && digits >= 8);
    return codeLike ? end : 0;
}

// Capitals and digits mixed in one token: number plates and serials ("7ABC123", "SN4G7X2Q").
std::size_t scanMixedCode(std::string_view s, std::size_t i) {
    std::size_t j = i;
    int letters = 0;
    int digits = 0;
    while (j < s.size() && (isUpper(s[j]) || isDigit(s[j]))) {
        (isDigit(s[j]) ? digits : letters) += 1;
        ++j;
    }
    const std::size_t length = j - i;
    if (!boundaryAt(s, j) || length < 6 || length > 17 || letters < 2 || digits < 3) {
        return 0;
    }
    return j;
}

// "SMH 482914", "SMH-482914": a short code in capitals, then a long number.
std::size_t scanPrefixedNumber(std::string_view s, std::size_t i) {
    std::size_t j = i;
    while (j < s.size() && isUpper(s[j])) {
        ++j;
    }
    if (j - i < 2 || j - i > 5 || j + 1 >= s.size() || (s[j] != ' ' && s[j] != '-')) {
        return 0;
    }
    const std::size_t n = digitsFrom(s, j + 1);
    if (n < 5) {
        return 0;
    }
    const std::size_t end = j + 1 + n;
    return boundaryAt(s, end) ? end : 0;
}

// Prefixes that say what a number is without identifying anyone ("NHS 9434765919"): kept.
bool genericPrefix(std::string_view prefix) {
    constexpr std::array<std::string_view, 9> kGeneric{"nhs", "mrn", "ssn", "id", "ni", "no", "dob", "tel", "ref"};
    return inList(prefix, kGeneric);
}

// Canadian postcode "K1A 0B1" / "K1A0B1".
std::size_t scanCanadianPostcode(std::string_view s, std::size_t i) {
    if (i + 6 > s.size() || !isUpper(s[i]) || !isDigit(s[i + 1]) || !isUpper(s[i + 2])) {
        return 0;
    }
    std::size_t j = i + 3;
    if (s[j] == ' ') {
        ++j;
    }
    if (j + 3 > s.size() || !isDigit(s[j]) || !isUpper(s[j + 1]) || !isDigit(s[j + 2])) {
        return 0;
    }
    return boundaryAt(s, j + 3) ? j + 3 : 0;
}

// ---- Labelled identifiers ---------------------------------------------------------------------------

// Labels after which the next code is an identifier, longest first where one begins another.
constexpr std::array<std::string_view, 43> kIdLabels{"badge",
                                                     "medical record number",
                                                     "medical record no",
                                                     "medical record",
                                                     "driver's license",
                                                     "drivers license",
                                                     "licence plate",
                                                     "license plate",
                                                     "licence number",
                                                     "license number",
                                                     "licence no",
                                                     "license no",
                                                     "licence",
                                                     "license",
                                                     "account number",
                                                     "account no",
                                                     "account",
                                                     "acct",
                                                     "policy number",
                                                     "policy no",
                                                     "policy",
                                                     "member id",
                                                     "card number",
                                                     "card no",
                                                     "card",
                                                     "serial number",
                                                     "serial no",
                                                     "serial",
                                                     "s/n",
                                                     "imei",
                                                     "passport no",
                                                     "passport",
                                                     "case number",
                                                     "case no",
                                                     "case",
                                                     "claim number",
                                                     "claim no",
                                                     "nhs number",
                                                     "nhs no",
                                                     "mrn",
                                                     "plate",
                                                     "registration",
                                                     "id"};

constexpr std::array<std::string_view, 22> kIdLabelFirstWords{
    "badge",  "medical", "driver",       "drivers", "licence", "license",  "account", "acct",  "policy",
    "member", "card",    "serial",       "s",       "imei",    "passport", "case",    "claim", "nhs",
    "mrn",    "plate",   "registration", "id"};

std::size_t scanLabel(std::string_view s, std::size_t i) {
    static const WordSet firstWords(kIdLabelFirstWords);
    if (!firstWords.contains(wordAtPos(s, i))) {
        return 0;
    }
    for (const auto label : kIdLabels) {
        if (s.size() - i >= label.size() && equalsLower(s.substr(i, label.size()), label) &&
            boundaryAt(s, i + label.size())) {
            return i + label.size();
        }
    }
    return 0;
}

// After a label: "MRN: SMH-482914", "case no. 2025-OP-000417", "plate 7ABC123", "card 4111 1111 ...".
Hit scanLabelledId(std::string_view s, std::size_t i) {
    const std::size_t labelEnd = scanLabel(s, i);
    if (labelEnd == 0) {
        return {};
    }
    std::size_t j = labelEnd;
    // Connectors: ":", "#", "no.", "number", "is", "was", "ending in".
    for (int step = 0; step < 4; ++step) {
        j = spaces(s, j);
        if (j < s.size() && (s[j] == ':' || s[j] == '#' || s[j] == '=')) {
            ++j;
            continue;
        }
        const auto word = wordAtPos(s, j);
        if (equalsLower(word, "no") || equalsLower(word, "number") || equalsLower(word, "is") ||
            equalsLower(word, "was") || equalsLower(word, "nr") || equalsLower(word, "ending") ||
            equalsLower(word, "ends") || equalsLower(word, "in") || equalsLower(word, "with")) {
            j += word.size();
            if (j < s.size() && s[j] == '.') {
                ++j;
            }
            continue;
        }
        break;
    }
    const std::size_t start = spaces(s, j);
    // The code: groups of letters and digits joined by '-', '/', '.' or single spaces between
    // groups that hold digits.
    std::size_t k = start;
    std::size_t end = 0;
    int digits = 0;
    while (k < s.size() && isAlnum(s[k])) {
        int groupDigits = 0;
        const std::size_t groupStart = k;
        while (k < s.size() && isAlnum(s[k])) {
            groupDigits += isDigit(s[k]) ? 1 : 0;
            ++k;
        }
        if (groupDigits == 0 && groupStart > start && s[groupStart - 1] == ' ') {
            k = groupStart;
            break; // a following word, not part of the code
        }
        if (groupDigits == 0 && !std::all_of(s.begin() + static_cast<std::ptrdiff_t>(groupStart),
                                             s.begin() + static_cast<std::ptrdiff_t>(k), isUpper)) {
            break;
        }
        digits += groupDigits;
        end = k;
        if (k + 1 < s.size() && (s[k] == '-' || s[k] == '/' || s[k] == '.' || s[k] == ' ') && isAlnum(s[k + 1]) &&
            (s[k] != ' ' || isDigit(s[k + 1]))) {
            ++k;
        } else {
            break;
        }
    }
    if (end == 0 || digits < 3) {
        return {};
    }
    return makeHit(start, end, ReplacementKind::IdNumber, "labelled-id");
}

// ---- Words ---------------------------------------------------------------------------------------

constexpr std::array<std::string_view, 7> kWeekdays{"monday", "tuesday",  "wednesday", "thursday",
                                                    "friday", "saturday", "sunday"};

// "last Tuesday", "next Friday night", "this past Sunday".
std::size_t scanRelativeWeekday(std::string_view s, std::size_t i) {
    const auto first = wordAtPos(s, i);
    if (!(equalsLower(first, "last") || equalsLower(first, "next") || equalsLower(first, "this") ||
          equalsLower(first, "past") || equalsLower(first, "coming") || equalsLower(first, "previous"))) {
        return 0;
    }
    std::size_t j = spaces(s, i + first.size());
    if (equalsLower(wordAtPos(s, j), "past") || equalsLower(wordAtPos(s, j), "coming")) {
        j = spaces(s, j + wordAtPos(s, j).size());
    }
    auto day = wordAtPos(s, j);
    if (day.size() > 1 && (day.back() == 's' || day.back() == 'S') && !inList(day, kWeekdays)) {
        day.remove_suffix(1);
    }
    if (!inList(day, kWeekdays) || j == i + first.size()) {
        return 0;
    }
    return j + wordAtPos(s, j).size();
}

constexpr std::array<std::string_view, 22> kHolidays{
    "christmas eve",    "christmas day", "christmas",    "new year's eve", "new year's day", "new year's",
    "new years eve",    "new years",     "thanksgiving", "easter sunday",  "easter",         "halloween",
    "independence day", "memorial day",  "labor day",    "labour day",     "boxing day",     "valentine's day",
    "mother's day",     "father's day",  "hanukkah",     "diwali"};

// "Christmas Eve 2019", "Thanksgiving 2021", "Easter of 2020".
std::size_t scanHolidayWithYear(std::string_view s, std::size_t i) {
    if (!isUpper(s[i])) {
        return 0;
    }
    for (const auto holiday : kHolidays) {
        if (s.size() - i < holiday.size() || !equalsLower(s.substr(i, holiday.size()), holiday) || !isUpper(s[i])) {
            continue;
        }
        std::size_t j = spaces(s, i + holiday.size());
        if (equalsLower(wordAtPos(s, j), "of")) {
            j = spaces(s, j + 2);
        }
        if (j > i + holiday.size() && digitsFrom(s, j) == 4 && boundaryAt(s, j + 4)) {
            const int year = numberAt(s, j, 4);
            if (year >= 1900 && year <= 2099) {
                return j + 4;
            }
        }
        return 0;
    }
    return 0;
}

// "PO Box 4471", "P.O. Box 12", "Post Office Box 9"; "RR 2 Box 15", "Rural Route 2", "HC 1 Box 5".
std::size_t scanPostBox(std::string_view s, std::size_t i) {
    const char first = lower(s[i]);
    if (first != 'p' && first != 'r' && first != 'h' && first != 's') {
        return 0;
    }
    std::size_t j = 0;
    for (const std::string_view prefix : {"po box ", "p.o. box ", "p. o. box ", "p o box ", "post office box "}) {
        if (s.size() - i > prefix.size() && equalsLower(s.substr(i, prefix.size()), prefix)) {
            j = i + prefix.size();
            break;
        }
    }
    bool route = false;
    if (j == 0) {
        for (const std::string_view prefix : {"rr ", "r.r. ", "rural route ", "hc ", "star route "}) {
            if (s.size() - i > prefix.size() && equalsLower(s.substr(i, prefix.size()), prefix)) {
                j = i + prefix.size();
                route = true;
                break;
            }
        }
    }
    if (j == 0 || digitsFrom(s, j) == 0) {
        return 0;
    }
    std::size_t end = j + digitsFrom(s, j);
    if (route) {
        const std::size_t k = spaces(s, end);
        if (s.size() - k > 4 && equalsLower(s.substr(k, 4), "box ") && digitsFrom(s, k + 4) > 0) {
            end = k + 4 + digitsFrom(s, k + 4);
        } else if (!equalsLower(s.substr(i, 5), "rural")) {
            return 0; // "RR 2" alone is too short to trust
        }
    }
    return boundaryAt(s, end) ? end : 0;
}

constexpr std::array<std::string_view, 11> kDigitWords{"zero", "oh",  "one",   "two",   "three", "four",
                                                       "five", "six", "seven", "eight", "nine"};

// "five five five, one two three, four five six seven": seven digits or more, in words.
std::size_t scanPhoneInWords(std::string_view s, std::size_t i) {
    static const WordSet digitWords(kDigitWords);
    if (!digitWords.contains(wordAtPos(s, i))) {
        return 0;
    }
    std::size_t j = i;
    int digits = 0;
    std::size_t end = 0;
    while (j < s.size()) {
        const auto word = wordAtPos(s, j);
        if (word.empty()) {
            break;
        }
        if (inList(word, kDigitWords)) {
            ++digits;
        } else if (equalsLower(word, "double") || equalsLower(word, "triple")) {
            // "double five": counted with the digit that follows
        } else {
            break;
        }
        j += word.size();
        end = j;
        while (j < s.size() && (s[j] == ' ' || s[j] == ',' || s[j] == '-')) {
            ++j;
        }
    }
    return digits >= 7 ? end : 0;
}

bool emailWordChar(char c) {
    return isAlnum(c) || c == '.' || c == '_' || c == '-' || c == '+';
}

// "grace [at] proton [dot] me", "grace (at) proton (dot) me", "grace at proton dot me".
std::size_t scanSpelledEmail(std::string_view s, std::size_t i) {
    std::size_t j = i;
    while (j < s.size() && emailWordChar(s[j])) {
        ++j;
    }
    if (j == i) {
        return 0;
    }
    const auto token = [&](std::size_t k, std::string_view word, bool& bracketed) -> std::size_t {
        k = spaces(s, k);
        for (const char open : {'[', '(', '{', '<'}) {
            if (k < s.size() && s[k] == open) {
                const std::size_t w = spaces(s, k + 1);
                if (s.size() - w > word.size() && equalsLower(s.substr(w, word.size()), word)) {
                    const std::size_t close = spaces(s, w + word.size());
                    if (close < s.size() &&
                        (s[close] == ']' || s[close] == ')' || s[close] == '}' || s[close] == '>')) {
                        bracketed = true;
                        return close + 1;
                    }
                }
                return 0;
            }
        }
        if (s.size() - k > word.size() && equalsLower(s.substr(k, word.size()), word) && s[k + word.size()] == ' ' &&
            k > 0 && s[k - 1] == ' ') {
            return k + word.size();
        }
        return 0;
    };
    bool bracketed = false;
    bool spelledDot = false;
    std::size_t k = token(j, "at", bracketed);
    if (k == 0) {
        return 0;
    }
    k = spaces(s, k);
    std::size_t label = k;
    while (label < s.size() && (isAlnum(s[label]) || s[label] == '-')) {
        ++label;
    }
    if (label == k) {
        return 0;
    }
    std::size_t end = label;
    int dots = 0;
    while (true) {
        std::size_t next = 0;
        if (end + 1 < s.size() && s[end] == '.' && isAlpha(s[end + 1])) {
            next = end + 1;
        } else if (const std::size_t t = token(end, "dot", bracketed)) {
            next = spaces(s, t);
            spelledDot = true;
        }
        if (next == 0) {
            break;
        }
        std::size_t e = next;
        while (e < s.size() && (isAlnum(s[e]) || s[e] == '-')) {
            ++e;
        }
        if (e == next) {
            break;
        }
        end = e;
        ++dots;
    }
    // "at home.Then" is not an address: a plain "at" needs a spelled "dot" or a known ending.
    std::size_t tld = end;
    while (tld > 0 && isAlnum(s[tld - 1])) {
        --tld;
    }
    constexpr std::array<std::string_view, 9> kEndings{"com", "org", "net", "edu", "me", "io", "uk", "de", "gov"};
    return dots >= 1 && (bracketed || spelledDot ||
                         (inList(s.substr(tld, end - tld), kEndings) && boundaryAt(s, end) &&
                          (end >= s.size() || s[end] != '/')))
               ? end
               : 0;
}

} // namespace

Hit detectNumber(std::string_view s, std::size_t i) {
    if (std::size_t end = scanIpv4(s, i)) {
        return makeHit(i, end, ReplacementKind::Network, "ipv4");
    }
    if (std::size_t end = scanMac(s, i)) {
        return makeHit(i, end, ReplacementKind::Network, "mac-address");
    }
    if (std::size_t end = scanIpv6(s, i)) {
        return makeHit(i, end, ReplacementKind::Network, "ipv6");
    }
    if (std::size_t end = scanDayMonthAbbreviated(s, i)) {
        return makeHit(i, end, ReplacementKind::Date, "day-month");
    }
    if (std::size_t end = scanDayMonthNumeric(s, i)) {
        return makeHit(i, end, ReplacementKind::Date, "day-month-numeric", 0.8f);
    }
    if (std::size_t end = scanOrdinalDay(s, i)) {
        return makeHit(i, end, ReplacementKind::Date, "ordinal-day", 0.8f);
    }
    if (std::size_t end = scanBirthYear(s, i)) {
        return makeHit(i, end, ReplacementKind::Date, "year-of-birth");
    }
    if (std::size_t end = scanOldAge(s, i)) {
        return makeHit(i, end, ReplacementKind::Age, "age-over-89");
    }
    if (std::size_t end = scanZip(s, i)) {
        return makeHit(i, end, ReplacementKind::Postcode, "zip", 0.8f);
    }
    return {};
}

Hit detectCode(std::string_view s, std::size_t i) {
    if (std::size_t end = scanSeparatedCode(s, i)) {
        return makeHit(i, end, ReplacementKind::IdNumber, "separated-code");
    }
    if (std::size_t end = scanMixedCode(s, i)) {
        return makeHit(i, end, ReplacementKind::IdNumber, "mixed-code", 0.8f);
    }
    return {};
}

Hit detectWordPattern(std::string_view s, std::size_t i) {
    if (isHex(s[i])) {
        if (std::size_t end = scanMac(s, i)) {
            return makeHit(i, end, ReplacementKind::Network, "mac-address");
        }
        if (std::size_t end = scanIpv6(s, i)) {
            return makeHit(i, end, ReplacementKind::Network, "ipv6");
        }
    }
    if (std::size_t end = scanRelativeWeekday(s, i)) {
        return makeHit(i, end, ReplacementKind::Date, "relative-weekday");
    }
    if (std::size_t end = scanHolidayWithYear(s, i)) {
        return makeHit(i, end, ReplacementKind::Date, "holiday-with-year");
    }
    if (std::size_t end = scanPostBox(s, i)) {
        return makeHit(i, end, ReplacementKind::StreetAddress, "po-box-or-route");
    }
    if (Hit labelled = scanLabelledId(s, i)) {
        return labelled;
    }
    if (std::size_t end = scanSpelledEmail(s, i)) {
        return makeHit(i, end, ReplacementKind::Email, "spelled-out-e-mail");
    }
    if (std::size_t end = scanPhoneInWords(s, i)) {
        return makeHit(i, end, ReplacementKind::Phone, "phone-in-words");
    }
    if (std::size_t end = scanCanadianPostcode(s, i)) {
        return makeHit(i, end, ReplacementKind::Postcode, "canadian-postcode");
    }
    if (std::size_t end = scanPrefixedNumber(s, i)) {
        const std::size_t prefixEnd = i + letterRun(s, i);
        if (equalsLower(s.substr(i, prefixEnd - i), "zip")) {
            return makeHit(prefixEnd + 1, end, ReplacementKind::Postcode, "zip");
        }
        return genericPrefix(s.substr(i, prefixEnd - i))
                   ? makeHit(prefixEnd + 1, end, ReplacementKind::IdNumber, "prefixed-number")
                   : makeHit(i, end, ReplacementKind::IdNumber, "prefixed-number");
    }
    return detectCode(s, i);
}

} // namespace tessera::core::detail
