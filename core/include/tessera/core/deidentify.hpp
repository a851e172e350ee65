#pragma once

// De-identification of free text that leaves the vault (supervision summaries). Pure and
// deterministic: the same client, options and text always give the same result. The rules and
// their limits are documented for clinicians in docs/summaries.md.
//
// What is replaced, in one left-to-right pass over the text (earlier rules win):
// - web addresses ("https://...", "www...", "example.com/path") and online handles ("@name"),
// - e-mail addresses, also spelled out ("grace [at] proton [dot] me"),
// - dates written in the text, unless the caller keeps exact dates: "2026-01-07", "07/01/2026",
//   "7 January 2026", "January 7, 2026", "January 2026", "4-Mar-2025", "3/4", "the 14th",
//   "last Tuesday", "Christmas Eve 2019", and years of birth ("born in 1931"),
// - ages over 89 ("93 years old", "aged 91"),
// - ID numbers: US SSN, UK NI, IBANs, runs of seven or more digits, labelled numbers ("MRN:
//   SMH-482914", "case no. 2025-OP-000417", "plate 7ABC123"), codes with separators, serials,
// - IPv4, IPv6 and MAC addresses,
// - street addresses ("12 Baker Street", "Elm Street", "PO Box 4471", "RR 2 Box 15"), ZIP and
//   ZIP+4, UK and Canadian postcodes,
// - phone numbers in common national and international forms, and in words,
// - every term of the client's redaction list and the words of the client's display name, as
//   whole words, case-insensitively, possessives and plurals included ("Marcus's" ->
//   "[partner]'s"), their nicknames ("Gracie" for "Grace") and, for a listed term of several
//   words, each unusual word of it ("Brightwater" for "Brightwater HR"),
// - people, organisations and places nobody listed: a capitalised name after a title ("Dr.",
//   "Detective") or a relationship ("her son", "partner"); a capitalised run before "School",
//   "Hospital", "Inc"...; "X County"; towns, cities and states of the built-in gazetteer; given
//   names of the built-in lists; capitalised words the English dictionary does not know.
//
// Matching reads a normalised copy of the text (see core/src/text_normalize.hpp): composed and
// decomposed accents, diacritics ("Zoe" = "Zoë"), typographic apostrophes, invisible format
// characters, hyphen or space ("Mary Jane" = "Mary-Jane") and line breaks do not hide a match.
// Replacements are made in the original text.
//
// Name-like ordinary words: a given name that is also a common English word ("Hope", "Will",
// "Grace", "Mark"...) is replaced only where it is written with a capital first letter, so
// "Will's temper" loses the name while "I will leave" and "hope of change" are kept. Such a word
// that is not on the list is not replaced but reported as a *suspect* (see findings()).

#include "tessera/core/model.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tessera::core {

// What a replacement stands for. The first eight are the original kinds (their order and names
// are kept); the rest are found by the detector for identifiers nobody listed.
enum class ReplacementKind {
    RedactionTerm,
    ClientName,
    Email,
    Phone,
    WebAddress,
    StreetAddress,
    IdNumber,
    Date,
    Person,
    Organisation,
    Place,
    Postcode,
    Age,
    Network
};
inline constexpr std::array kReplacementKinds{
    ReplacementKind::RedactionTerm, ReplacementKind::ClientName, ReplacementKind::Email,
    ReplacementKind::Phone,         ReplacementKind::WebAddress, ReplacementKind::StreetAddress,
    ReplacementKind::IdNumber,      ReplacementKind::Date,       ReplacementKind::Person,
    ReplacementKind::Organisation,  ReplacementKind::Place,      ReplacementKind::Postcode,
    ReplacementKind::Age,           ReplacementKind::Network};

[[nodiscard]] std::string_view toString(ReplacementKind kind);    // "redaction-term", "e-mail", ...
[[nodiscard]] std::string_view displayName(ReplacementKind kind); // "Names from the redaction list", ...
// The text put in place of a match of this kind ("[e-mail]", "[phone]"...). Redaction terms use
// their own label instead; the client's name becomes "[client]".
[[nodiscard]] std::string_view placeholder(ReplacementKind kind);

// How many replacements of each kind were made. Never holds the replaced words.
struct DeidentificationReport {
    std::array<int, kReplacementKinds.size()> counts{};
    // Redaction-list replacements by label ("[partner]" -> 12), in the order of the client's list.
    std::vector<std::pair<std::string, int>> byLabel;

    [[nodiscard]] int count(ReplacementKind kind) const { return counts[static_cast<std::size_t>(kind)]; }
    [[nodiscard]] int total() const;
    void add(ReplacementKind kind, int n = 1) { counts[static_cast<std::size_t>(kind)] += n; }
    void addLabel(std::string_view label, int n = 1);

    friend bool operator==(const DeidentificationReport&, const DeidentificationReport&) = default;
};

struct DeidentifyOptions {
    // Keep calendar dates written in the text (the clinician asked for exact dates). Other
    // identifiers are replaced regardless.
    bool keepDates = false;
};

// One identifier found in a text: what the review shows. Offsets are bytes of the text given.
struct Finding {
    std::size_t begin = 0;
    std::size_t end = 0;
    ReplacementKind kind = ReplacementKind::Person;
    std::string_view rule;   // why: "redaction-list", "title", "relationship", "zip"... (static)
    std::string replacement; // what is written in its place ("[person]", "[partner]")
    float confidence = 1.0f; // 1 for patterns and listed terms; lower for guesses from capitals
    bool suspect = false;    // not replaced: the clinician should decide
};

// True for given names that are also ordinary English words ("hope", "will", "grace"...);
// case-insensitive. Such redaction terms are matched only when capitalised (see above).
[[nodiscard]] bool isCommonWordName(std::string_view word);

// Compiled once per client: the redaction list (longest terms first) plus the display name.
// Applying it is a single pass over the text with hand-written scanners (no std::regex), linear
// in the length of the text for a given list.
class Deidentifier {
public:
    explicit Deidentifier(const Client& client, DeidentifyOptions options = {});
    // `notIdentifying`: words the clinician marked "not identifying" for this client (any case),
    // and words of the codebook and templates: never taken as a name or a suspect by the
    // detector. Listed terms are still replaced.
    Deidentifier(const Client& client, DeidentifyOptions options, const std::vector<std::string>& notIdentifying);

    // Returns `text` with every identifier replaced and adds what was replaced to `report`.
    [[nodiscard]] std::string apply(std::string_view text, DeidentificationReport& report) const;
    // Every replacement and every suspect in `text`, in order, without overlaps. apply() makes
    // exactly the non-suspect ones.
    [[nodiscard]] std::vector<Finding> findings(std::string_view text) const;
    // Appends the de-identified `text` to `out` (no intermediate string).
    void appendTo(std::string& out, std::string_view text, DeidentificationReport& report) const;

    [[nodiscard]] const DeidentifyOptions& options() const { return m_options; }
    // A report with every redaction label of the list at 0, in list order, ready to be added to.
    [[nodiscard]] DeidentificationReport emptyReport() const;

    // A compiled term (an implementation detail, public only so the scanners can use it).
    struct Term {
        std::u32string folded; // case-folded code points; any whitespace run is one U' '
        std::string replacement;
        ReplacementKind kind = ReplacementKind::RedactionTerm;
        bool capitalisedOnly = false; // a common word: only "Will", never "will"
        std::string_view rule = "redaction-list";
    };

private:
    DeidentifyOptions m_options;
    std::vector<Term> m_terms; // longest first
    std::vector<std::string> m_labels;
    std::vector<std::string> m_keep; // lower case, sorted: never a name (see notIdentifying)
};

// Convenience: one text, a fresh report.
[[nodiscard]] std::string deidentify(const Client& client, std::string_view text, DeidentifyOptions options = {},
                                     DeidentificationReport* report = nullptr);

} // namespace tessera::core
