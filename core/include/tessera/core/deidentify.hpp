#pragma once

// De-identification of free text that leaves the vault (supervision summaries). Pure and
// deterministic: the same client, options and text always give the same result. The rules and
// their limits are documented for clinicians in docs/summaries.md.
//
// What is replaced, in one left-to-right pass over the text (earlier matches win):
// - web addresses ("https://...", "www...", "example.com/path") and online handles ("@name"),
// - e-mail addresses,
// - dates written in the text ("2026-01-07", "07/01/2026", "7 January 2026", "January 7, 2026",
//   "January 2026"), unless the caller keeps exact dates,
// - national ID-like numbers (US SSN "123-45-6789", UK NI "AB123456C", IBANs, runs of seven or
//   more digits, letter-and-digit codes with six or more digits),
// - street addresses with a house number ("12 Baker Street", "221B Baker St.", "Hauptstraße 5")
//   and UK postcodes ("NW1 6XE"),
// - phone numbers in common national and international forms ("+44 20 7946 0958",
//   "(555) 123-4567", "555-123-4567", "0171 123 4567", "+49 30 1234567"),
// - every term of the client's redaction list and the words of the client's display name, as
//   whole words, case-insensitively, possessives included ("Marcus's" -> "[partner]'s").
//
// Name-like ordinary words: a redaction term that is also a common English word ("Hope", "Will",
// "Grace", "Mark"...; see isCommonWordName) is replaced only where it is written with a capital
// first letter, so "Will's temper" loses the name while "I will leave" and "hope of change" are
// kept. Nothing that is not on the list is treated as a name: there is no guessing from capitals.

#include "tessera/core/model.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tessera::core {

enum class ReplacementKind { RedactionTerm, ClientName, Email, Phone, WebAddress, StreetAddress, IdNumber, Date };
inline constexpr std::array kReplacementKinds{
    ReplacementKind::RedactionTerm, ReplacementKind::ClientName,    ReplacementKind::Email,    ReplacementKind::Phone,
    ReplacementKind::WebAddress,    ReplacementKind::StreetAddress, ReplacementKind::IdNumber, ReplacementKind::Date};

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

// True for given names that are also ordinary English words ("hope", "will", "grace"...);
// case-insensitive. Such redaction terms are matched only when capitalised (see above).
[[nodiscard]] bool isCommonWordName(std::string_view word);

// Compiled once per client: the redaction list (longest terms first) plus the display name.
// Applying it is a single pass over the text with hand-written scanners (no std::regex), linear
// in the length of the text for a given list.
class Deidentifier {
public:
    explicit Deidentifier(const Client& client, DeidentifyOptions options = {});

    // Returns `text` with every identifier replaced and adds what was replaced to `report`.
    [[nodiscard]] std::string apply(std::string_view text, DeidentificationReport& report) const;
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
    };

private:
    DeidentifyOptions m_options;
    std::vector<Term> m_terms; // longest first
    std::vector<std::string> m_labels;
};

// Convenience: one text, a fresh report.
[[nodiscard]] std::string deidentify(const Client& client, std::string_view text, DeidentifyOptions options = {},
                                     DeidentificationReport* report = nullptr);

} // namespace tessera::core
