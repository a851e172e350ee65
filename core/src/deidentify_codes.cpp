// Pattern detectors for network addresses, postcodes and ID codes: see deidentify_detect.hpp.

#include "deidentify_detect.hpp"

#include "deidentify_scan.hpp"

#include <algorithm>
#include <array>

namespace tessera::core::detail {
namespace {

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
constexpr std::array<std::string_view, 44> kIdLabels{"badge",
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
                                                     "nhs",
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

} // namespace

Hit detectNetwork(std::string_view s, std::size_t i) {
    if (isDigit(s[i])) {
        if (std::size_t end = scanIpv4(s, i)) {
            return makeHit(i, end, ReplacementKind::Network, "ipv4");
        }
    }
    if (!isHex(s[i])) {
        return {};
    }
    if (std::size_t end = scanMac(s, i)) {
        return makeHit(i, end, ReplacementKind::Network, "mac-address");
    }
    if (std::size_t end = scanIpv6(s, i)) {
        return makeHit(i, end, ReplacementKind::Network, "ipv6");
    }
    return {};
}

Hit detectZip(std::string_view s, std::size_t i) {
    if (std::size_t end = scanZip(s, i)) {
        return makeHit(i, end, ReplacementKind::Postcode, "zip", 0.8f);
    }
    return {};
}

Hit detectLabelledId(std::string_view s, std::size_t i) {
    return scanLabelledId(s, i);
}

Hit detectPostcodeOrPrefixed(std::string_view s, std::size_t i) {
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

} // namespace tessera::core::detail
