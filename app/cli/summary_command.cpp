// tessera-cli summary: a de-identified supervision summary of one client, as Markdown, HTML or
// PDF. See docs/summaries.md.

#include "cli_errors.hpp"
#include "commands.hpp"
#include "file_output.hpp"

#include "report/pdf_renderer.hpp"
#include "tessera/core/summary.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <iostream>

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

} // namespace

int runSummary(const GlobalOptions& global, const SummaryOptions& options) {
    // Everything that can be checked without the vault is checked before asking for the passphrase.
    const Format format = parseFormat(options.format);
    core::SummaryOptions summary;
    const auto dates = parsePeriod(options.from, options.to);
    summary.from = dates.from;
    summary.to = dates.to;
    summary.exactDates = options.exactDates;
    summary.includePsychotherapyNotes = options.includePsychotherapyNotes;
    std::error_code error;
    if (!options.force && std::filesystem::exists(std::filesystem::symlink_status(options.out, error))) {
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
    const auto document = core::buildSummary(record, vault.codebook(), templates, summary);
    if (document.header.sessions == 0) {
        throw UsageError("Client " + options.client + " has no sessions in this period; nothing was written.");
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
