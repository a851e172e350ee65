// Pattern detectors for dates, ages and words (see deidentify_detect.hpp); network addresses,
// postcodes and codes are in deidentify_codes.cpp. They read the
// normalised text, so apostrophes, dashes and spaces are already plain ASCII.

#include "deidentify_detect.hpp"

#include "deidentify_scan.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace tessera::core::detail {
namespace {

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

// Who an age can be said of: "her father is 96", "she turned 91".
constexpr std::array<std::string_view, 30> kAgeSubjects{"he",
                                                        "she",
                                                        "father",
                                                        "mother",
                                                        "dad",
                                                        "mum",
                                                        "mom",
                                                        "grandmother",
                                                        "grandma",
                                                        "granny",
                                                        "nan",
                                                        "nana",
                                                        "grandpa",
                                                        "grandfather",
                                                        "aunt",
                                                        "uncle",
                                                        "husband",
                                                        "wife",
                                                        "partner",
                                                        "client",
                                                        "patient",
                                                        "neighbour",
                                                        "neighbor",
                                                        "sister",
                                                        "brother",
                                                        "friend",
                                                        "son",
                                                        "daughter",
                                                        "great-grandmother",
                                                        "great-grandfather"};

// "her father is 96", "Mum was 93", "she turned 91": a person and a verb of age before the number,
// which nothing else follows that would make it a measure ("is 96%", "is 96 kg").
bool ageAfterSubject(std::string_view s, std::size_t i, std::size_t end) {
    const auto verb = previousWord(s, i);
    if (verb.empty()) {
        return false;
    }
    const bool turned = equalsLower(verb, "turned") || equalsLower(verb, "turns");
    if (!turned && !equalsLower(verb, "is") && !equalsLower(verb, "was") && !equalsLower(verb, "now")) {
        return false;
    }
    const std::size_t verbStart = static_cast<std::size_t>(verb.data() - s.data());
    if (!turned && !inList(previousWord(s, verbStart), kAgeSubjects)) {
        return false;
    }
    const std::size_t next = spaces(s, end);
    if (end < s.size() && (s[end] == '%' || s[end] == '/' || s[end] == ':' || s[end] == '-')) {
        return false; // "96%", "96/100", "96-98"
    }
    if (end < s.size() && s[end] == '.') {
        return end + 1 >= s.size() || !isDigit(s[end + 1]); // "96." ends a sentence; "96.5" is a measure
    }
    return next >= s.size() || next == end || !isAlpha(s[next]) || equalsLower(wordAtPos(s, next), "and") ||
           equalsLower(wordAtPos(s, next), "now") || equalsLower(wordAtPos(s, next), "this") ||
           equalsLower(wordAtPos(s, next), "last") || equalsLower(wordAtPos(s, next), "in") ||
           equalsLower(wordAtPos(s, next), "but");
}

// Ages of 90 and over: "93 years old", "93-year-old", "91 yo", "aged 91", "age: 93", "her
// father is 96".
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
    return ageAfterSubject(s, i, i + n) ? i + n : 0;
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

constexpr std::array<std::string_view, 3> kDateModifiers{"early", "mid", "late"};

} // namespace

std::size_t dateExtentStart(std::string_view s, std::size_t begin, std::size_t floor) {
    // The word before `at` (spaces and, when `comma`, one comma skipped), and where it starts.
    const auto wordBefore = [&](std::size_t at, bool comma) -> std::pair<std::size_t, std::string_view> {
        std::size_t end = at;
        while (end > floor && s[end - 1] == ' ') {
            --end;
        }
        if (comma && end > floor && s[end - 1] == ',') {
            --end;
            while (end > floor && s[end - 1] == ' ') {
                --end;
            }
        }
        std::size_t start = end;
        while (start > floor && isAlpha(s[start - 1])) {
            --start;
        }
        if (start == end || end == at || (start > 0 && isAlnum(s[start - 1]))) {
            return {begin, {}};
        }
        return {start, s.substr(start, end - start)};
    };
    std::size_t start = begin;
    std::size_t weekdayFrom = begin; // "the" of "the 3rd" joins only with a weekday before it
    if (isDigit(s[begin])) {
        if (const auto [at, word] = wordBefore(start, false); equalsLower(word, "the")) {
            weekdayFrom = at;
        }
    }
    if (const auto [at, word] = wordBefore(weekdayFrom, true); inList(word, kWeekdays)) {
        start = at; // "Monday the 3rd", "Friday, 7 March"
    }
    if (const auto [at, word] = wordBefore(start, false); inList(word, kDateModifiers)) {
        start = at; // "late January 2025"
    }
    return start;
}

Hit detectNumber(std::string_view s, std::size_t i) {
    if (Hit network = detectNetwork(s, i)) {
        return network;
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
    return detectZip(s, i);
}

Hit detectWordPattern(std::string_view s, std::size_t i) {
    if (Hit network = detectNetwork(s, i)) {
        return network;
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
    if (Hit labelled = detectLabelledId(s, i)) {
        return labelled;
    }
    if (std::size_t end = scanSpelledEmail(s, i)) {
        return makeHit(i, end, ReplacementKind::Email, "spelled-out-e-mail");
    }
    if (std::size_t end = scanPhoneInWords(s, i)) {
        return makeHit(i, end, ReplacementKind::Phone, "phone-in-words");
    }
    if (Hit code = detectPostcodeOrPrefixed(s, i)) {
        return code;
    }
    return detectCode(s, i);
}

} // namespace tessera::core::detail