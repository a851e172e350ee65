#include "tessera/core/deidentify.hpp"

#include "deidentify_scan.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

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

// ---- Terms ------------------------------------------------------------------------------------

std::u32string foldTerm(std::string_view term) {
    std::u32string out;
    bool pendingSpace = false;
    for (std::size_t i = 0; i < term.size();) {
        const auto d = decode(term, i);
        i += d.length;
        if (isSpaceCp(d.cp)) {
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
            while (j < s.size() && isSpaceCp(decode(s, j).cp)) {
                j += decode(s, j).length;
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

Deidentifier::Deidentifier(const Client& client, DeidentifyOptions options) : m_options(options) {
    const auto addTerm = [&](std::string_view text, std::string replacement, ReplacementKind kind) {
        Term term;
        term.folded = foldTerm(text);
        if (term.folded.empty()) {
            return;
        }
        term.replacement = std::move(replacement);
        term.kind = kind;
        term.capitalisedOnly = isCommonWordName(text);
        if (kind == ReplacementKind::RedactionTerm &&
            std::find(m_labels.begin(), m_labels.end(), term.replacement) == m_labels.end()) {
            m_labels.push_back(term.replacement);
        }
        m_terms.push_back(std::move(term));
    };
    for (const auto& redaction : client.redactions) {
        addTerm(redaction.term, redaction.replacement.empty() ? std::string{"[name]"} : redaction.replacement,
                ReplacementKind::RedactionTerm);
    }
    // The display name as a whole, then each of its words that could name the client alone
    // (not initials, titles or particles: "Anna K." gives "Anna K." and "Anna").
    const std::string_view name = client.displayName;
    if (name.find_first_not_of(" \t") != std::string_view::npos) {
        addTerm(name, "[client]", ReplacementKind::ClientName);
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
                addTerm(word, "[client]", ReplacementKind::ClientName);
            }
            i = end;
        }
    }
    std::stable_sort(m_terms.begin(), m_terms.end(),
                     [](const Term& a, const Term& b) { return a.folded.size() > b.folded.size(); });
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

void Deidentifier::appendTo(std::string& out, std::string_view s, DeidentificationReport& report) const {
    std::size_t copied = 0;
    const auto replace = [&](std::size_t start, std::size_t end, std::string_view with, ReplacementKind kind) {
        out.append(s.substr(copied, start - copied));
        out.append(with);
        copied = end;
        report.add(kind);
    };
    std::size_t i = 0;
    bool previousIsWord = false;
    while (i < s.size()) {
        const auto d = decode(s, i);
        if (previousIsWord) {
            previousIsWord = isWordCp(d.cp);
            i += d.length;
            continue;
        }
        const char c = s[i];
        std::size_t end = 0;
        ReplacementKind kind = ReplacementKind::Date;
        std::string_view with;
        bool keep = false;
        if (isDigit(c)) {
            if ((end = scanNumericDate(s, i)) || (end = scanDayMonthDate(s, i))) {
                kind = ReplacementKind::Date;
                keep = m_options.keepDates;
            } else if ((end = scanSsn(s, i))) {
                kind = ReplacementKind::IdNumber;
            } else if ((end = scanNumberFirstAddress(s, i))) {
                kind = ReplacementKind::StreetAddress;
            } else if ((end = scanPhone(s, i))) {
                kind = ReplacementKind::Phone;
            } else if ((end = scanEmail(s, i))) {
                kind = ReplacementKind::Email;
            } else if ((end = scanIdToken(s, i))) {
                kind = ReplacementKind::IdNumber;
            }
        } else if (c == '+' || c == '(') {
            if ((end = scanPhone(s, i))) {
                kind = ReplacementKind::Phone;
            }
        } else if (c == '@') {
            if ((end = scanHandle(s, i))) {
                kind = ReplacementKind::WebAddress;
                with = "[handle]";
            }
        } else if (isWordCp(d.cp)) {
            if ((end = scanUrl(s, i))) {
                kind = ReplacementKind::WebAddress;
            } else if ((end = scanEmail(s, i))) {
                kind = ReplacementKind::Email;
            } else if ((end = scanMonthFirstDate(s, i))) {
                kind = ReplacementKind::Date;
                keep = m_options.keepDates;
            } else if ((end = scanNiNumber(s, i)) || (end = scanIban(s, i)) || (end = scanIdToken(s, i))) {
                kind = ReplacementKind::IdNumber;
            } else if ((end = scanUkPostcode(s, i)) || (end = scanNameFirstAddress(s, i))) {
                kind = ReplacementKind::StreetAddress;
            }
        }
        if (end == 0) {
            const char32_t first = fold(d.cp);
            for (const auto& term : m_terms) {
                if (term.folded.front() == first && (end = matchTerm(s, i, term)) != 0) {
                    kind = term.kind;
                    with = term.replacement;
                    if (kind == ReplacementKind::RedactionTerm) {
                        report.addLabel(term.replacement);
                    }
                    break;
                }
            }
        }
        if (end != 0 && !keep) {
            replace(i, end, with.empty() ? placeholder(kind) : with, kind);
            previousIsWord = isWordCp(previousCp(s, end));
            i = end;
            continue;
        }
        if (end != 0) { // a date kept as written
            previousIsWord = isWordCp(previousCp(s, end));
            i = end;
            continue;
        }
        previousIsWord = isWordCp(d.cp);
        i += d.length;
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
