#pragma once

// What the Export dialog shows and writes: a de-identified supervision summary of one client
// (core::buildSummary), its rendered text for the preview, the review of what the
// de-identification replaced and what it suspects (with the highlights of both in the preview),
// and the writing of the file.
//
// Threads: the UI thread never touches the vault. When the client or the vault's revision
// changes, the client's record, codebook, templates and not-identifying words are loaded on a
// worker (a BackgroundBuild); when that or an option changes, the summary is built, rendered and
// reviewed on another (a second BackgroundBuild) from an immutable copy of what was loaded. The
// previous preview stays on screen until the new one is swapped in. A review command (redact,
// not identifying) changes the vault on a worker (VaultTask), and its revision bump reloads.
// A write hands a worker a copy of what it needs (the rendered text, or the document for a PDF);
// that worker writes the file and records the export in the vault's audit log. The file is
// written through a temporary file and renamed into place, readable by the
// owner only: it is complete or not there at all.

#include "report/pdf_renderer.hpp"
#include "viewmodels/background_build.hpp"
#include "viewmodels/task.hpp"
#include "viewmodels/vault_task.hpp"

#include "tessera/core/codebook.hpp"
#include "tessera/core/model.hpp"
#include "tessera/core/summary.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::storage {
class Vault;
}

namespace tessera::app {

enum class ExportFormat { Markdown, Html, Pdf };

[[nodiscard]] std::string_view formatLabel(ExportFormat format);     // "Markdown", "HTML", "PDF"
[[nodiscard]] std::string_view formatExtension(ExportFormat format); // "md", "html", "pdf"

// Everything the clinician chooses in the dialog, as typed.
struct ExportOptions {
    std::string fromText; // YYYY-MM-DD; empty: from the first session
    std::string toText;   // YYYY-MM-DD; empty: to the last session
    ExportFormat format = ExportFormat::Markdown;
    report::PaperSize paper = report::PaperSize::A4;
    bool exactDates = false;
    bool includePsychotherapyNotes = false;
    std::string questions;                  // one question per line
    std::vector<std::string> extraSections; // keys of optional template sections, in the order chosen

    friend bool operator==(const ExportOptions&, const ExportOptions&) = default;
};

// The result of a finished write, as the UI thread receives it.
struct ExportWriteResult {
    std::filesystem::path path;
    std::string error; // empty: written
    std::size_t bytes = 0;
    std::uint64_t revisionBefore = 0; // of the vault around the export's audit entry
    std::uint64_t revisionAfter = 0;
    [[nodiscard]] bool ok() const { return error.empty(); }
};

// One line of the review: a suspected identifier left in the summary (its words, as the preview
// shows them), or a kind of replacement (its placeholder, never the replaced words).
struct ReviewEntry {
    std::string text; // suspect: the words; replacement: what the summary shows ("[partner]")
    core::ReplacementKind kind = core::ReplacementKind::Person;
    std::string rule;
    int count = 0;
    bool suspect = false;
    std::optional<std::size_t> firstLine; // the preview line first highlighted for it
    std::size_t firstOffset = 0;          // and where in the preview that highlight starts
    std::string suggestedLabel;           // suspects: the label a redaction would get ("[person]")
};

// A span of the preview to highlight: a suspect, or a replacement's placeholder.
struct PreviewHighlight {
    std::size_t begin = 0; // byte offsets in previewText()
    std::size_t end = 0;
    bool suspect = false;
};

// Everything a build produces (on the worker), swapped in whole on the UI thread.
struct BuiltSummary {
    std::optional<core::SummaryDocument> document;
    std::string preview;
    std::vector<std::size_t> lineStarts;
    std::vector<core::ReportLine> replacementLines;
    std::vector<core::ReportLine> handlingLines;
    std::vector<ReviewEntry> review; // suspects first, then replacements
    std::vector<PreviewHighlight> highlights;
    std::string error;
};

class ExportModel {
public:
    ExportModel() = default;
    // The tasks wait for their workers (which hold no reference to the model); a write's result
    // is lost then: the caller should have called finishWrite when it can.
    ~ExportModel() = default;
    ExportModel(const ExportModel&) = delete;
    ExportModel& operator=(const ExportModel&) = delete;

    // ---- Building (UI thread)
    // Each frame: starts loading the client's record on a worker when `client` or `revision`
    // changed, a build when that or `options` changed, and swaps in what finished. Returns true
    // when a new document was swapped in. Period errors are set at once; storage failures end up
    // in loadError() and are not retried until an input changes. `vault` must outlive the model.
    bool update(const storage::Vault& vault, core::ClientId client, std::uint64_t revision,
                const ExportOptions& options);
    // Forgets the loaded record and document (the next update reloads).
    void clear();
    // True while the summary of the current inputs is being loaded or built (the preview shown is
    // the previous one, or none).
    [[nodiscard]] bool building() const;
    // Blocks until the summary of the current inputs is loaded, built and swapped in (tests,
    // automation).
    void waitForSummary(const storage::Vault& vault);

    [[nodiscard]] const ExportOptions& options() const { return m_options; }
    [[nodiscard]] const std::optional<std::string>& loadError() const { return m_loadError; }
    // Inline errors of the period fields ("" when fine).
    [[nodiscard]] const std::string& fromError() const { return m_fromError; }
    [[nodiscard]] const std::string& toError() const { return m_toError; }
    [[nodiscard]] const std::string& periodError() const { return m_periodError; }
    [[nodiscard]] bool periodValid() const;
    // The client's code (never the display name).
    [[nodiscard]] const std::string& clientCode() const { return m_clientCode; }
    // The template sections the clinician may add (presenting, interventions...).
    [[nodiscard]] const std::vector<core::TemplateSection>& optionalSections() const { return m_optionalSections; }
    // Sessions of the client's whole record (the period may hold fewer).
    [[nodiscard]] std::size_t recordSessions() const { return m_recordSessions; }

    // The document of the current options; nullopt while the period is invalid or nothing loaded.
    [[nodiscard]] const std::optional<core::SummaryDocument>& document() const { return m_summary.document; }
    // For Markdown and HTML exactly the bytes that a write produces; for PDF the Markdown text of
    // the same document (the PDF is laid out from it). Empty without a document.
    [[nodiscard]] const std::string& previewText() const { return m_summary.preview; }
    [[nodiscard]] bool previewIsExact() const { return m_options.format != ExportFormat::Pdf; }
    // Byte offset where each line of the preview starts (for a line clipper), and its length
    // without the line break.
    [[nodiscard]] std::size_t previewLineCount() const { return m_summary.lineStarts.size(); }
    [[nodiscard]] std::string_view previewLine(std::size_t index) const;
    // The de-identification report of the document, as lines (counts per kind; never the words).
    [[nodiscard]] const std::vector<core::ReportLine>& replacementLines() const { return m_summary.replacementLines; }
    [[nodiscard]] const std::vector<core::ReportLine>& handlingLines() const { return m_summary.handlingLines; }
    // The review: suspected identifiers (each distinct word once) and then the kinds of
    // replacement, with counts; and the spans of the preview to highlight, in order.
    [[nodiscard]] const std::vector<ReviewEntry>& review() const { return m_summary.review; }
    [[nodiscard]] const std::vector<PreviewHighlight>& highlights() const { return m_summary.highlights; }
    [[nodiscard]] std::size_t suspectCount() const;

    // ---- Review commands (each changes the vault on a worker, so a later update reloads)
    // Adds `term` to the client's redaction list, replaced by `label` ("[person]"; brackets are
    // added when missing; empty: the default). A term already on the list is left as it is.
    // Returns "" when started, or why not (nothing changed then).
    std::string addToRedactionList(storage::Vault& vault, std::string_view term, std::string_view label);
    // Marks `word` not identifying for this client. Returns "" when started, or why not.
    std::string markNotIdentifying(storage::Vault& vault, std::string_view word);
    // True while a review command runs (the view shows "Saving…" and disables the buttons).
    [[nodiscard]] bool reviewing() const { return m_review.running(); }
    // Each frame: once a review command has finished, "" or what went wrong.
    [[nodiscard]] std::optional<std::string> finishReview();
    // Blocks until a review command has finished (finishReview still takes its outcome).
    void waitForReview() { m_review.wait(); }

    // How many times the document was built / the record loaded (for tests and diagnostics).
    [[nodiscard]] int builds() const { return m_builds; }
    [[nodiscard]] int loads() const { return m_loads; }

    // Why the current state cannot be written (invalid period, no sessions, a build or a write running...),
    // or nullopt when it can.
    [[nodiscard]] std::optional<std::string> writeBlocker() const;

    // What the vault's audit log records: "2026-01-01 to 2026-03-31", "from 2026-01-01",
    // "until 2026-03-31", or empty for all dates.
    [[nodiscard]] std::string periodForAudit() const;
    // "summary PDF", "summary Markdown (with psychotherapy notes)".
    [[nodiscard]] std::string formatForAudit() const;

    // ---- Writing
    // Starts writing the current document to `path` on a worker thread, which then records the
    // export in `vault`'s audit log (a file whose export cannot be recorded is removed). Refuses
    // (false, with the reason in writeError()) when writeBlocker() says so, when the path is empty
    // or its folder does not exist, or when a file is there and `replace` is false. Nothing is
    // written then. `vault` must outlive the model.
    bool beginWrite(storage::Vault& vault, const std::filesystem::path& path, bool replace);
    [[nodiscard]] bool writing() const { return m_writeTask.isRunning(); }
    // Seconds since the write in progress started.
    [[nodiscard]] double writingSeconds() const;
    // Blocks until the write in progress has finished (finishWrite still has to take its result).
    void waitForWrite() { m_writeTask.wait(); }
    // When the worker has finished: takes its result. Returns it once, nullopt while writing or
    // when nothing was written.
    std::optional<ExportWriteResult> finishWrite();

    // The last refusal or failure of a write ("" when none), and the file written last.
    [[nodiscard]] const std::string& writeError() const { return m_writeError; }
    [[nodiscard]] const std::optional<std::filesystem::path>& lastWritten() const { return m_lastWritten; }
    void clearWriteStatus();

    // ---- Paths
    // "<folder>/<code>-supervision-<date>.<ext>" where folder is ~/Documents when it exists, else
    // the home folder. Characters of the code that do not belong in a file name become '-'.
    [[nodiscard]] static std::filesystem::path defaultOutputPath(std::string_view clientCode, ExportFormat format,
                                                                 const core::Date& today);
    // The folder relative paths are taken from: ~/Documents, else ~, else the current folder.
    [[nodiscard]] static std::filesystem::path defaultFolder();
    // A typed path made absolute: "~/x" is the home folder's x; a relative path is in defaultFolder().
    [[nodiscard]] static std::filesystem::path resolvePath(std::string_view typed);
    // `path` with the extension of `format` when it ends in another format's extension (so that
    // switching format keeps a typed name); otherwise unchanged.
    [[nodiscard]] static std::string withFormatExtension(std::string_view path, ExportFormat format);

    // What a build reads: loaded from the vault on a worker, then never changed (shared with the
    // build's worker).
    struct Inputs {
        core::ClientRecord record;
        core::Codebook codebook;
        std::vector<core::NoteTemplate> templates;
        std::vector<std::string> notIdentifying;
    };

private:
    struct LoadKey {
        core::ClientId client;
        std::uint64_t revision = 0;
        friend bool operator==(const LoadKey&, const LoadKey&) = default;
    };
    struct BuildKey {
        LoadKey load;
        ExportOptions options; // the paper size left out: it only changes how a PDF is laid out
        friend bool operator==(const BuildKey&, const BuildKey&) = default;
    };

    void parsePeriod();
    void takeLoad();
    void resetBuilt();

    // What the client's record was loaded for
    std::optional<core::ClientId> m_client;
    std::optional<LoadKey> m_wanted;                                   // the current client and revision
    std::optional<std::pair<std::uint64_t, std::uint64_t>> m_ownAudit; // revision before/after our own export entry
    std::shared_ptr<const Inputs> m_inputs;
    std::vector<core::TemplateSection> m_optionalSections;
    std::optional<std::string> m_loadError;
    std::string m_clientCode;
    std::size_t m_recordSessions = 0;
    int m_loads = 0;

    // Built from the record and the options
    ExportOptions m_options;
    std::optional<core::Date> m_from;
    std::optional<core::Date> m_to;
    std::string m_fromError;
    std::string m_toError;
    std::string m_periodError;
    std::optional<BuildKey> m_wantedBuild; // the build the current inputs ask for (none: period invalid)
    BuiltSummary m_summary;
    int m_builds = 0;

    // Review commands
    VaultTask<std::string> m_review;

    // Writing
    Task<ExportWriteResult> m_writeTask;
    std::chrono::steady_clock::time_point m_writeStarted;
    std::string m_writeError;
    std::optional<std::filesystem::path> m_lastWritten;

    // Workers last: destroyed (cancelled and joined) before what they read
    BackgroundBuild<LoadKey, std::shared_ptr<const Inputs>> m_load;
    BackgroundBuild<BuildKey, BuiltSummary> m_build;
};

// The work of a build, on the worker: the summary of `inputs` with `options`, rendered in
// `format` (PDF previews as Markdown), its report, review and highlights (export_model_review.cpp).
[[nodiscard]] BuiltSummary buildExportSummary(const ExportModel::Inputs& inputs, const core::SummaryOptions& options,
                                              ExportFormat format);

} // namespace tessera::app
