#include "tessera/core/deidentify.hpp"

#include "deidentify_detect.hpp"
#include "deidentify_scan.hpp"
#include "text_normalize.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

// One left-to-right pass. At every position that starts a word (the previous character is not a
// letter or digit) the scanners below are tried in a fixed order; the first that matches wins and
// the pass continues after the match, so a replacement is never scanned again. Each scanner is a
// small hand-written state machine over bytes: std::regex would be 10-100 times slower, and a
// 160-session summary de-identifies several hundred kilobytes.

namespace tessera::core {
namespace {

using namespace detail;

// ---- Common words that are also given names -------------------------------------------------

// Sorted, lower case. Kept short on purpose: these are the names clinicians meet that would
// otherwise blank out ordinary sentences ("I will", "hope of change", "by the grace of").
constexpr std::array<std::string_view, 86> kCommonWordNames{
    "ace",     "amber",  "angel", "april",   "art",    "august",  "autumn", "basil",   "bill",  "bliss",    "bob",
    "brook",   "buck",   "bud",   "carol",   "chance", "charity", "chase",  "chuck",   "clay",  "cliff",    "constance",
    "crystal", "dale",   "dawn",  "destiny", "don",    "drew",    "earl",   "eve",     "faith", "felicity", "frank",
    "gene",    "ginger", "glen",  "grace",   "guy",    "harmony", "hazel",  "heather", "holly", "honey",    "hope",
    "hunter",  "iris",   "ivy",   "jack",    "jade",   "jay",     "jewel",  "joy",     "june",  "lily",     "mark",
    "may",     "melody", "mercy", "miles",   "misty",  "neil",    "olive",  "page",    "pat",   "patience", "pearl",
    "penny",   "pepper", "rich",  "river",   "rob",    "robin",   "rose",   "ruby",    "rusty", "sage",     "sandy",
    "sky",     "star",   "sue",   "summer",  "sunny",  "victor",  "violet", "will",    "willow"};

// Words of the domain that the English dictionary lacks: never taken for a name when capitalised.
constexpr std::array<std::string_view, 73> kClinicalWords{
    "psychoeducation", "precontemplation", "intersectional", "gaslighting", "minimizing", "phq", "gad", "ptsd", "cptsd",
    "adhd", "ocd", "cbt", "dbt", "emdr", "act", "ifs", "sertraline", "fluoxetine", "zoloft", "prozac", "lexapro",
    "escitalopram", "citalopram", "bupropion", "wellbutrin", "venlafaxine", "effexor", "quetiapine", "seroquel",
    "lamotrigine", "lamictal", "clonazepam", "klonopin", "lorazepam", "ativan", "trazodone", "mirtazapine",
    "aripiprazole", "abilify", "propranolol", "hydroxyzine", "naltrexone", "suboxone", "narcan", "whatsapp",
    "instagram", "facebook", "tiktok", "snapchat", "facetime", "youtube",
    // Devices and services of technology-facilitated abuse.
    "wi-fi", "wifi", "bluetooth", "iphone", "ipad", "airtag", "airtags", "life360", "gmail", "icloud", "venmo",
    "paypal", "zelle", "dsm", "icd", "bp", "hr", "gaf", "audit", "pcl", "sud", "mdd"};

// ---- Terms ------------------------------------------------------------------------------------

// A term as the matcher compares it: normalised like the text (text_normalize.hpp), case-folded,
// a hyphen or any run of spaces as one U' ' ("Mary-Jane" = "Mary Jane").
std::u32string foldTerm(std::string_view original) {
    const std::string term = normalizedCopy(original);
    std::u32string out;
    bool pendingSpace = false;
    for (std::size_t i = 0; i < term.size();) {
        const auto d = decode(term, i);
        i += d.length;
        if (isSpaceCp(d.cp) || d.cp == '-') {
            pendingSpace = !out.empty();
            continue;
        }
        if (pendingSpace) {
            out.push_back(U' ');
            pendingSpace = false;
        }
        out.push_back(fold(d.cp));
    }
    return out;
}

// Matches `term` at `i`; returns its end or 0.
std::size_t matchTerm(std::string_view s, std::size_t i, const Deidentifier::Term& term) {
    std::size_t j = i;
    for (std::size_t t = 0; t < term.folded.size(); ++t) {
        if (j >= s.size()) {
            return 0;
        }
        if (term.folded[t] == U' ') {
            const std::size_t start = j;
            while (j < s.size() && (s[j] == ' ' || s[j] == '-')) {
                ++j;
            }
            if (j == start) {
                return 0;
            }
            continue;
        }
        const auto d = decode(s, j);
        if (fold(d.cp) != term.folded[t]) {
            return 0;
        }
        if (t == 0 && term.capitalisedOnly && fold(d.cp) == d.cp) {
            return 0; // "will", not "Will"
        }
        j += d.length;
    }
    if (isWordCp(term.folded.back()) && !boundaryAt(s, j)) {
        // Plurals of a name: "the Kowalskis'", "the Joneses".
        for (const std::string_view plural : {"s", "es"}) {
            if (equalsLower(s.substr(j, plural.size()), plural) && boundaryAt(s, j + plural.size())) {
                return j + plural.size();
            }
        }
        return 0;
    }
    return j;
}

bool isTitleOrParticle(std::string_view word) {
    constexpr std::array<std::string_view, 22> kSkip{"mr",  "mrs", "ms",  "miss", "mx",  "dr", "prof", "sir",
                                                     "von", "van", "de",  "der",  "den", "da", "di",   "la",
                                                     "le",  "du",  "del", "al",   "el",  "bin"};
    return inList(word, kSkip);
}

// A name the text itself confirms: once a word is replaced as a person's name for a reason
// ("her husband Oscar Lindgren", "Dr. Farouk"), the same word elsewhere in the text is that
// person too, where alone it was only a suspect ("Oscar sent flowers").
void confirmSameNames(std::string_view text, std::vector<Finding>& found) {
    std::vector<std::string_view> names;
    for (const auto& finding : found) {
        if (finding.suspect || finding.kind != ReplacementKind::Person || finding.confidence < 0.7f) {
            continue;
        }
        const auto span = text.substr(finding.begin, finding.end - finding.begin);
        std::size_t k = 0;
        while (k < span.size()) {
            std::size_t end = k;
            while (end < span.size() && span[end] != ' ' && span[end] != '\n') {
                ++end;
            }
            if (end - k >= 2 && isUpper(span[k])) {
                names.push_back(span.substr(k, end - k));
            }
            k = end + 1;
        }
    }
    if (names.empty()) {
        return;
    }
    for (auto& finding : found) {
        if (!finding.suspect || finding.kind != ReplacementKind::Person) {
            continue;
        }
        auto word = text.substr(finding.begin, finding.end - finding.begin);
        if (word.size() > 2 && (word.ends_with("'s") || word.ends_with("\u2019s"))) {
            word.remove_suffix(word.ends_with("'s") ? 2 : 4);
        }
        if (std::find(names.begin(), names.end(), word) != names.end()) {
            finding.suspect = false;
            finding.rule = "same-name";
            finding.confidence = 0.7f;
        }
    }
}

} // namespace

// ---- Public -----------------------------------------------------------------------------------

std::string_view toString(ReplacementKind kind) {
    switch (kind) {
    case ReplacementKind::RedactionTerm: return "redaction-term";
    case ReplacementKind::ClientName: return "client-name";
    case ReplacementKind::Email: return "e-mail";
    case ReplacementKind::Phone: return "phone";
    case ReplacementKind::WebAddress: return "web-address";
    case ReplacementKind::StreetAddress: return "street-address";
    case ReplacementKind::IdNumber: return "id-number";
    case ReplacementKind::Date: return "date";
    case ReplacementKind::Person: return "person";
    case ReplacementKind::Organisation: return "organisation";
    case ReplacementKind::Place: return "place";
    case ReplacementKind::Postcode: return "postcode";
    case ReplacementKind::Age: return "age";
    case ReplacementKind::Network: return "network";
    }
    return "redaction-term";
}

std::string_view displayName(ReplacementKind kind) {
    switch (kind) {
    case ReplacementKind::RedactionTerm: return "Names from the redaction list";
    case ReplacementKind::ClientName: return "The client's name";
    case ReplacementKind::Email: return "E-mail addresses";
    case ReplacementKind::Phone: return "Phone numbers";
    case ReplacementKind::WebAddress: return "Web addresses and online handles";
    case ReplacementKind::StreetAddress: return "Street addresses and postcodes";
    case ReplacementKind::IdNumber: return "ID-like numbers";
    case ReplacementKind::Date: return "Dates written in the notes";
    case ReplacementKind::Person: return "Other people's names (not on the list)";
    case ReplacementKind::Organisation: return "Schools, employers and other organisations";
    case ReplacementKind::Place: return "Towns, counties and states";
    case ReplacementKind::Postcode: return "ZIP codes and postcodes";
    case ReplacementKind::Age: return "Ages over 89";
    case ReplacementKind::Network: return "IP and MAC addresses";
    }
    return "Names from the redaction list";
}

std::string_view placeholder(ReplacementKind kind) {
    switch (kind) {
    case ReplacementKind::RedactionTerm: return "[name]";
    case ReplacementKind::ClientName: return "[client]";
    case ReplacementKind::Email: return "[e-mail]";
    case ReplacementKind::Phone: return "[phone]";
    case ReplacementKind::WebAddress: return "[web address]";
    case ReplacementKind::StreetAddress: return "[address]";
    case ReplacementKind::IdNumber: return "[ID number]";
    case ReplacementKind::Date: return "[date]";
    case ReplacementKind::Person: return "[person]";
    case ReplacementKind::Organisation: return "[organisation]";
    case ReplacementKind::Place: return "[place]";
    case ReplacementKind::Postcode: return "[postcode]";
    case ReplacementKind::Age: return "[age over 89]";
    case ReplacementKind::Network: return "[network address]";
    }
    return "[name]";
}

int DeidentificationReport::total() const {
    int sum = 0;
    for (const int n : counts) {
        sum += n;
    }
    return sum;
}

void DeidentificationReport::addLabel(std::string_view label, int n) {
    for (auto& [name, count] : byLabel) {
        if (name == label) {
            count += n;
            return;
        }
    }
    byLabel.emplace_back(std::string{label}, n);
}

bool isCommonWordName(std::string_view word) {
    std::string folded;
    folded.reserve(word.size());
    for (const char c : word) {
        folded.push_back(lower(c));
    }
    return std::binary_search(kCommonWordNames.begin(), kCommonWordNames.end(), std::string_view{folded});
}

Deidentifier::Deidentifier(const Client& client, DeidentifyOptions options) : Deidentifier(client, options, {}) {}

Deidentifier::Deidentifier(const Client& client, DeidentifyOptions options,
                           const std::vector<std::string>& notIdentifying)
    : m_options(options) {
    const auto addTerm = [&](std::string_view text, std::string replacement, ReplacementKind kind,
                             std::string_view rule = "redaction-list", bool capitalisedOnly = false) {
        Term term;
        term.folded = foldTerm(text);
        if (term.folded.empty()) {
            return;
        }
        term.replacement = std::move(replacement);
        term.kind = kind;
        term.rule = rule;
        term.capitalisedOnly = capitalisedOnly || isCommonWordName(text);
        if (kind == ReplacementKind::RedactionTerm &&
            std::find(m_labels.begin(), m_labels.end(), term.replacement) == m_labels.end()) {
            m_labels.push_back(term.replacement);
        }
        m_terms.push_back(std::move(term));
    };
    // Each word of a listed term that could name the person or place alone, and the nicknames of
    // each such word ("Grace" -> "Gracie"): matched only when capitalised, never ordinary words.
    const auto addVariants = [&](std::string_view text, const std::string& replacement, ReplacementKind kind) {
        const std::string normal = normalizedCopy(text);
        std::vector<std::string> words;
        for (std::size_t i = 0; i < normal.size();) {
            const std::size_t end = wordEnd(normal, i);
            if (end == i) {
                ++i;
                continue;
            }
            words.emplace_back(normal.substr(i, end - i));
            i = end;
        }
        for (const auto& word : words) {
            if (word.size() < 3 || isTitleOrParticle(word)) {
                continue;
            }
            if (words.size() > 1 && isUpper(word[0]) && !isEnglishWord(word)) {
                addTerm(word, replacement, kind, "part-of-listed-term", true);
            }
            std::string lowerWord = word;
            for (char& c : lowerWord) {
                c = lower(c);
            }
            for (const auto& nickname : nicknamesOf(lowerWord)) {
                if (!isEnglishWord(nickname)) {
                    addTerm(nickname, replacement, kind, "nickname", true);
                }
            }
        }
    };
    for (const auto& redaction : client.redactions) {
        const std::string replacement = redaction.replacement.empty() ? std::string{"[name]"} : redaction.replacement;
        addTerm(redaction.term, replacement, ReplacementKind::RedactionTerm);
    }
    // The display name as a whole, then each of its words that could name the client alone
    // (not initials, titles or particles: "Anna K." gives "Anna K." and "Anna").
    const std::string_view name = client.displayName;
    if (name.find_first_not_of(" \t") != std::string_view::npos) {
        addTerm(name, "[client]", ReplacementKind::ClientName, "client-name");
        for (std::size_t i = 0; i < name.size();) {
            const std::size_t end = wordEnd(name, i);
            if (end == i) {
                i += decode(name, i).length;
                continue;
            }
            const auto word = name.substr(i, end - i);
            std::size_t letters = 0;
            for (std::size_t k = 0; k < word.size(); k += decode(word, k).length) {
                ++letters;
            }
            if (letters >= 2 && !isTitleOrParticle(word)) {
                addTerm(word, "[client]", ReplacementKind::ClientName, "client-name");
            }
            i = end;
        }
    }
    // Variants come after every listed term, so that a term listed as such keeps its own label.
    for (const auto& redaction : client.redactions) {
        addVariants(redaction.term, redaction.replacement.empty() ? std::string{"[name]"} : redaction.replacement,
                    ReplacementKind::RedactionTerm);
    }
    if (!name.empty()) {
        addVariants(name, "[client]", ReplacementKind::ClientName);
    }
    std::stable_sort(m_terms.begin(), m_terms.end(),
                     [](const Term& a, const Term& b) { return a.folded.size() > b.folded.size(); });
    for (const auto& word : notIdentifying) {
        std::string folded = normalizedCopy(word);
        for (char& c : folded) {
            c = lower(c);
        }
        m_keep.push_back(std::move(folded));
    }
    for (const auto word : kClinicalWords) {
        m_keep.emplace_back(word);
    }
    std::sort(m_keep.begin(), m_keep.end());
}

DeidentificationReport Deidentifier::emptyReport() const {
    DeidentificationReport report;
    for (const auto& label : m_labels) {
        report.byLabel.emplace_back(label, 0);
    }
    return report;
}

std::string Deidentifier::apply(std::string_view text, DeidentificationReport& report) const {
    std::string out;
    out.reserve(text.size() + 16);
    appendTo(out, text, report);
    return out;
}

std::vector<Finding> Deidentifier::findings(std::string_view original) const {
    const DetectionText detection = normalizeForDetection(original);
    const std::string_view s = detection.text;
    const NameScan names{s, &detection.lineStart, &m_keep};
    std::vector<Finding> found;
    const auto add = [&](std::size_t begin, std::size_t end, ReplacementKind kind, std::string_view rule,
                         std::string_view with, float confidence, bool suspect) {
        Finding finding;
        finding.begin = detection.origin[begin];
        finding.end = detection.origin[end];
        finding.kind = kind;
        finding.rule = rule;
        finding.replacement = with.empty() ? std::string{placeholder(kind)} : std::string{with};
        finding.confidence = confidence;
        finding.suspect = suspect;
        if (finding.end > finding.begin) {
            found.push_back(std::move(finding));
        }
    };
    std::size_t i = 0;
    std::size_t lastEnd = 0; // of the last finding, in the normalised text
    bool previousIsWord = false;
    bool inCapitalisedWord = false; // the word being skipped began with a capital
    while (i < s.size()) {
        const auto d = decode(s, i);
        if (previousIsWord) {
            // A hyphen inside a capitalised compound ("Wi-Fi", "Anglo-Saxon") does not start a new
            // word: its second part is not a name of its own. ("mid-June" still is: a date.)
            const bool compound = inCapitalisedWord && d.cp == '-' && i + 1 < s.size() && isUpper(s[i + 1]);
            previousIsWord = isWordCp(d.cp) || compound;
            i += d.length;
            continue;
        }
        inCapitalisedWord = isUpper(s[i]);
        const char c = s[i];
        Hit hit;
        std::string_view with;
        const auto pattern = [&](std::size_t end, ReplacementKind kind, std::string_view rule) {
            if (end != 0) {
                hit.begin = i;
                hit.end = end;
                hit.kind = kind;
                hit.rule = rule;
            }
            return end != 0;
        };
        if (isDigit(c)) {
            (pattern(scanNumericDate(s, i), ReplacementKind::Date, "date") ||
             pattern(scanDayMonthDate(s, i), ReplacementKind::Date, "date") ||
             pattern(scanSsn(s, i), ReplacementKind::IdNumber, "ssn") ||
             pattern(scanNumberFirstAddress(s, i), ReplacementKind::StreetAddress, "street-address") ||
             (hit = detectNumber(s, i)) || pattern(scanPhone(s, i), ReplacementKind::Phone, "phone") ||
             pattern(scanEmail(s, i), ReplacementKind::Email, "e-mail") || (hit = detectCode(s, i)) ||
             pattern(scanIdToken(s, i), ReplacementKind::IdNumber, "long-number"));
        } else if (c == '+' || c == '(') {
            pattern(scanPhone(s, i), ReplacementKind::Phone, "phone");
        } else if (c == '@') {
            if (pattern(scanHandle(s, i), ReplacementKind::WebAddress, "handle")) {
                with = "[handle]";
            }
        } else if (isWordCp(d.cp)) {
            (pattern(scanUrl(s, i), ReplacementKind::WebAddress, "web-address") ||
             pattern(scanEmail(s, i), ReplacementKind::Email, "e-mail") ||
             pattern(scanMonthFirstDate(s, i), ReplacementKind::Date, "date") || (hit = detectWordPattern(s, i)) ||
             pattern(scanNiNumber(s, i), ReplacementKind::IdNumber, "uk-ni-number") ||
             pattern(scanIban(s, i), ReplacementKind::IdNumber, "iban") ||
             pattern(scanIdToken(s, i), ReplacementKind::IdNumber, "long-number") ||
             pattern(scanUkPostcode(s, i), ReplacementKind::Postcode, "uk-postcode") ||
             pattern(scanNameFirstAddress(s, i), ReplacementKind::StreetAddress, "street-address"));
        }
        if (!hit && isWordCp(d.cp)) {
            const char32_t first = fold(d.cp);
            for (const auto& term : m_terms) {
                std::size_t end = 0;
                if (term.folded.front() == first && (end = matchTerm(s, i, term)) != 0) {
                    pattern(end, term.kind, term.rule);
                    with = term.replacement;
                    break;
                }
            }
            if (!hit) {
                hit = detectName(names, i);
            }
        }
        if (hit) {
            if (hit.kind == ReplacementKind::Date) {
                hit.begin = dateExtentStart(s, hit.begin, lastEnd);
            }
            lastEnd = hit.end;
            const bool keep = hit.kind == ReplacementKind::Date && m_options.keepDates;
            if (!keep) {
                add(hit.begin, hit.end, hit.kind, hit.rule, with, hit.confidence, hit.suspect);
            }
            previousIsWord = isWordCp(previousCp(s, hit.end));
            i = hit.end;
            continue;
        }
        previousIsWord = isWordCp(d.cp);
        i += d.length;
    }
    confirmSameNames(original, found);
    return found;
}

void Deidentifier::appendTo(std::string& out, std::string_view s, DeidentificationReport& report) const {
    std::size_t copied = 0;
    for (const auto& finding : findings(s)) {
        if (finding.suspect) {
            continue;
        }
        out.append(s.substr(copied, finding.begin - copied));
        out.append(finding.replacement);
        copied = finding.end;
        report.add(finding.kind);
        if (finding.kind == ReplacementKind::RedactionTerm) {
            report.addLabel(finding.replacement);
        }
    }
    out.append(s.substr(copied));
}

std::string deidentify(const Client& client, std::string_view text, DeidentifyOptions options,
                       DeidentificationReport* report) {
    const Deidentifier deidentifier(client, options);
    DeidentificationReport local = deidentifier.emptyReport();
    auto result = deidentifier.apply(text, report != nullptr ? *report : local);
    return result;
}

} // namespace tessera::core
