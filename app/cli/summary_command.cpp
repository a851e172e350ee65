// tessera-cli summary: a de-identified supervision summary of one client, as Markdown, HTML or
// PDF. See docs/summaries.md.

#include "cli_errors.hpp"
#include "commands.hpp"
#include "file_output.hpp"

#include "report/pdf_renderer.hpp"
#include "tessera/core/deidentify.hpp"
#include "tessera/core/summary.hpp"
#include "tessera/core/utf8.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <iostream>
#include <string_view>
#include <vector>

namespace tessera::cli {
namespace {

enum class Format { Markdown, Html, Pdf };

Format parseFormat(const std::string& text) {
    if (text == "md" || text == "markdown") {
        return Format::Markdown;
    }
    if (text == "html") {
        return Format::Html;
    }
    if (text == "pdf") {
        return Format::Pdf;
    }
    throw UsageError("Unknown format '" + text + "': use --format md, html or pdf.");
}

std::string render(const core::SummaryDocument& document, Format format) {
    switch (format) {
    case Format::Markdown: return core::renderMarkdown(document);
    case Format::Html: return core::renderHtml(document);
    case Format::Pdf: return report::renderPdf(document);
    }
    return {};
}

// The keys of --sections, each a section of some template that the summary does not always show.
std::vector<std::string> checkedSections(const std::vector<std::string>& keys,
                                         const std::vector<core::NoteTemplate>& templates) {
    const auto known = core::optionalSummarySections(templates);
    for (const auto& key : keys) {
        if (std::none_of(known.begin(), known.end(), [&](const auto& section) { return section.key == key; })) {
            std::string list;
            for (const auto& section : known) {
                list += (list.empty() ? "" : ", ") + section.key;
            }
            throw UsageError("Unknown section '" + key + "' for --sections: the templates' other sections are " +
                             (list.empty() ? "none" : list) + ".");
        }
    }
    return keys;
}

// One text a summary shows, and where it comes from (for the review).
struct SourceText {
    std::string where;
    std::string_view text;
};

// Every free text of the client's record that the summary can show for this period.
std::vector<SourceText> summaryTexts(const core::ClientRecord& record, const core::SummaryOptions& summary) {
    std::vector<SourceText> texts;
    for (const auto& session : record.sessions) {
        if ((summary.from && session.date < *summary.from) || (summary.to && *summary.to < session.date)) {
            continue;
        }
        const std::string day = "session " + session.date.toIso();
        for (const auto& section : session.sections) {
            texts.push_back({day + ", " + section.key, section.text});
        }
        for (const auto& observation : session.observations) {
            texts.push_back({day + ", " + observation.themeKey + " quote", observation.quote});
            texts.push_back({day + ", " + observation.themeKey + " note", observation.note});
        }
        for (const auto& item : session.decisionalBalance) {
            texts.push_back({day + ", decisional balance", item.reason});
        }
        for (const auto& addendum : session.addenda) {
            texts.push_back({day + ", addendum", addendum.text});
        }
        if (summary.includePsychotherapyNotes) {
            texts.push_back({day + ", psychotherapy note", session.psychotherapyNote});
        }
    }
    for (const auto& question : summary.questions) {
        texts.push_back({"question for supervision", question});
    }
    return texts;
}

// The finding in its line of text: "...she met [Hope] at the park...".
std::string inContext(std::string_view text, const core::Finding& finding) {
    constexpr std::size_t kAround = 40;
    // Never cutting a UTF-8 character in two.
    const std::size_t start = core::utf8::floorBoundary(text, finding.begin > kAround ? finding.begin - kAround : 0);
    const std::size_t end = core::utf8::ceilBoundary(text, std::min(text.size(), finding.end + kAround));
    std::string line = (start > 0 ? "..." : "") + std::string{text.substr(start, finding.begin - start)} + "[" +
                       std::string{text.substr(finding.begin, finding.end - finding.begin)} + "]" +
                       std::string{text.substr(finding.end, end - finding.end)} + (end < text.size() ? "..." : "");
    std::replace(line.begin(), line.end(), '\n', ' ');
    return line;
}

struct ReviewCounts {
    int replacements = 0;
    int suspects = 0;
};

// Finds every replacement and suspect of the texts; prints them when `print` is set.
ReviewCounts review(const core::ClientRecord& record, const core::SummaryOptions& summary, bool print) {
    core::DeidentifyOptions options;
    options.keepDates = summary.exactDates;
    const core::Deidentifier deidentifier(record.client, options, summary.notIdentifying);
    ReviewCounts counts;
    for (const auto& source : summaryTexts(record, summary)) {
        for (const auto& finding : deidentifier.findings(source.text)) {
            (finding.suspect ? counts.suspects : counts.replacements) += 1;
            if (print) {
                fmt::print("{}  {} ({}, rule {}){}: {}\n", finding.suspect ? "SUSPECT" : "replaced",
                           core::toString(finding.kind), source.where, finding.rule,
                           finding.suspect ? "" : " -> " + finding.replacement, inContext(source.text, finding));
            }
        }
    }
    return counts;
}

} // namespace

int runSummary(const GlobalOptions& global, const SummaryOptions& options) {
    // Everything that can be checked without the vault is checked before asking for the passphrase.
    if (!options.review && (options.format.empty() || options.out.empty())) {
        throw UsageError("summary needs --format and --out (or --review, which writes nothing).");
    }
    const Format format = options.review ? Format::Markdown : parseFormat(options.format);
    core::SummaryOptions summary;
    const auto dates = parsePeriod(options.from, options.to);
    summary.from = dates.from;
    summary.to = dates.to;
    summary.exactDates = options.exactDates;
    summary.includePsychotherapyNotes = options.includePsychotherapyNotes;
    std::error_code error;
    if (!options.review && !options.force &&
        std::filesystem::exists(std::filesystem::symlink_status(options.out, error))) {
        throw UsageError(options.out.string() + " already exists; use --force to replace it.");
    }
    if (options.questions) {
        summary.questions = core::parseQuestions(readWholeFile(*options.questions));
    }

    auto vault = openVault(global);
    const auto client = requireClient(vault, options.client);
    const auto record = vault.clientRecord(client.id);
    const auto templates = vault.templates();
    summary.extraSections = checkedSections(options.sections, templates);
    // Words reviewed in the app and marked not identifying for this client, plus those given here.
    summary.notIdentifying = vault.notIdentifying(client.id);
    summary.notIdentifying.insert(summary.notIdentifying.end(), options.notIdentifying.begin(),
                                  options.notIdentifying.end());
    const auto document = core::buildSummary(record, vault.codebook(), templates, summary);
    if (document.header.sessions == 0) {
        throw UsageError("Client " + options.client + " has no sessions in this period; nothing was written.");
    }
    if (options.review) {
        const auto counts = review(record, summary, true);
        fmt::print("Review of {}: {} {}, {} suspected {}. Nothing was written.\n", document.header.clientCode,
                   counts.replacements, counts.replacements == 1 ? "replacement" : "replacements", counts.suspects,
                   counts.suspects == 1 ? "identifier" : "identifiers");
        return kExitOk;
    }
    if (options.strict) {
        if (const auto counts = review(record, summary, false); counts.suspects > 0) {
            throw UsageError(fmt::format(
                "{} suspected {} not reviewed; nothing was written. See them with --review, then add each one to "
                "the client's redaction list or pass --not-identifying WORD for words that identify nobody.",
                counts.suspects, counts.suspects == 1 ? "identifier is" : "identifiers are"));
        }
    }
    writeFileAtomically(options.out, render(document, format), options.force);
    // The audit log records that plain text left the vault (when, which client, period, format).
    // Should recording fail, the file is removed: no export exists without its audit entry.
    try {
        std::string period;
        if (summary.from || summary.to) {
            period = (summary.from ? summary.from->toIso() : std::string{"first session"}) + " to " +
                     (summary.to ? summary.to->toIso() : std::string{"last session"});
        }
        // Whether process notes left the vault is part of the record of the disclosure, as the
        // app records it.
        vault.recordExport(options.client, period,
                           "summary " + options.format +
                               (options.includePsychotherapyNotes ? " (with psychotherapy notes)" : ""));
    } catch (...) {
        std::filesystem::remove(options.out, error);
        throw;
    }

    const auto& report = document.deidentification;
    fmt::print("Wrote a de-identified supervision summary of {} ({} {}) to {}\n", document.header.clientCode,
               document.header.sessions, document.header.sessions == 1 ? "session" : "sessions", options.out.string());
    std::string counts;
    for (const auto kind : core::kReplacementKinds) {
        if (report.count(kind) > 0) {
            counts += fmt::format("{}{}: {}", counts.empty() ? "" : "; ", core::displayName(kind), report.count(kind));
        }
    }
    fmt::print("De-identification: {} {}{}\n", report.total(), report.total() == 1 ? "replacement" : "replacements",
               counts.empty() ? "" : " (" + counts + ")");
    std::cerr << "Note: " << options.out.string()
              << " is NOT encrypted: it has left the vault. Read it through before sharing it, keep it as safe "
                 "as the notes themselves and delete it when supervision is done.\n";
    return kExitOk;
}

} // namespace tessera::cli
