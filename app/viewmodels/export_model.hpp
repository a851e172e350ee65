#pragma once

// What the Export dialog shows and writes: a de-identified supervision summary of one client
// (core::buildSummary), its rendered text for the preview, and the writing of the file on a
// worker thread.
//
// Threads: the vault is read on the UI thread only (the record is loaded when the client or the
// vault's revision changes; the document is rebuilt from it when an option changes, never per
// frame). A write hands the worker a copy of what it needs (the rendered text, or the document
// for a PDF) and nothing else; the result comes back to the UI thread, which records the export
// in the vault. The file is written through a temporary file and renamed into place, readable by
// the owner only: it is complete or not there at all.

#include "report/pdf_renderer.hpp"
#include "tessera/core/codebook.hpp"
#include "tessera/core/model.hpp"
#include "tessera/core/summary.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <future>
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
    [[nodiscard]] bool ok() const { return error.empty(); }
};

class ExportModel {
public:
    ExportModel() = default;
    // Waits for a write in progress (the worker holds no reference to the model, but its result
    // would be lost); the caller should have called finishWrite when it can.
    ~ExportModel();
    ExportModel(const ExportModel&) = delete;
    ExportModel& operator=(const ExportModel&) = delete;

    // ---- Building (UI thread)
    // Reloads the client's record when `client` or `revision` changed and rebuilds the document
    // and its preview when that or `options` changed. Returns true when the document was rebuilt.
    // Storage failures end up in loadError(); they are not retried until an input changes.
    bool update(const storage::Vault& vault, core::ClientId client, std::uint64_t revision,
                const ExportOptions& options);
    // Forgets the loaded record and document (the next update reloads).
    void clear();

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
    [[nodiscard]] const std::optional<core::SummaryDocument>& document() const { return m_document; }
    // For Markdown and HTML exactly the bytes that a write produces; for PDF the Markdown text of
    // the same document (the PDF is laid out from it). Empty without a document.
    [[nodiscard]] const std::string& previewText() const { return m_preview; }
    [[nodiscard]] bool previewIsExact() const { return m_options.format != ExportFormat::Pdf; }
    // Byte offset where each line of the preview starts (for a line clipper), and its length
    // without the line break.
    [[nodiscard]] std::size_t previewLineCount() const { return m_lineStarts.size(); }
    [[nodiscard]] std::string_view previewLine(std::size_t index) const;
    // The de-identification report of the document, as lines (counts per kind; never the words).
    [[nodiscard]] const std::vector<core::ReportLine>& replacementLines() const { return m_replacementLines; }
    [[nodiscard]] const std::vector<core::ReportLine>& handlingLines() const { return m_handlingLines; }
    // The line with the most bytes (to size the preview's horizontal scroll).
    [[nodiscard]] std::size_t longestPreviewLine() const { return m_longestLine; }
    // How many times the document was built / the record loaded (for tests and diagnostics).
    [[nodiscard]] int builds() const { return m_builds; }
    [[nodiscard]] int loads() const { return m_loads; }

    // Why the current state cannot be written (invalid period, no sessions, a write running...),
    // or nullopt when it can.
    [[nodiscard]] std::optional<std::string> writeBlocker() const;

    // What the vault's audit log records: "2026-01-01 to 2026-03-31", "from 2026-01-01",
    // "until 2026-03-31", or empty for all dates.
    [[nodiscard]] std::string periodForAudit() const;
    // "summary PDF", "summary Markdown (with psychotherapy notes)".
    [[nodiscard]] std::string formatForAudit() const;

    // ---- Writing
    // Starts writing the current document to `path` on a worker thread. Refuses (false, with the
    // reason in writeError()) when writeBlocker() says so, when the path is empty or its folder
    // does not exist, or when a file is there and `replace` is false. Nothing is written then.
    bool beginWrite(const std::filesystem::path& path, bool replace);
    [[nodiscard]] bool writing() const { return m_pending.valid(); }
    // Seconds since the write in progress started.
    [[nodiscard]] double writingSeconds() const;
    // Blocks until the write in progress has finished (finishWrite still has to take its result).
    void waitForWrite() const;
    // When the worker has finished: takes its result, and on success records the export in the
    // vault's audit log (UI thread: the vault is never used from the worker). Returns the result
    // once, nullopt while writing or when nothing was written.
    std::optional<ExportWriteResult> finishWrite(storage::Vault& vault);

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

private:
    void rebuild();
    void indexPreview();

    // Loaded from the vault (per client and revision)
    std::optional<core::ClientId> m_client;
    std::optional<std::uint64_t> m_revision;
    std::optional<core::ClientRecord> m_record;
    core::Codebook m_codebook;
    std::vector<core::NoteTemplate> m_templates;
    std::vector<core::TemplateSection> m_optionalSections;
    std::optional<std::string> m_loadError;
    std::string m_clientCode;
    std::size_t m_recordSessions = 0;
    int m_loads = 0;

    // Built from the record and the options
    bool m_built = false;
    ExportOptions m_options;
    std::optional<core::Date> m_from;
    std::optional<core::Date> m_to;
    std::string m_fromError;
    std::string m_toError;
    std::string m_periodError;
    std::optional<core::SummaryDocument> m_document;
    std::string m_preview;
    std::vector<std::size_t> m_lineStarts;
    std::vector<core::ReportLine> m_replacementLines;
    std::vector<core::ReportLine> m_handlingLines;
    std::size_t m_longestLine = 0;
    int m_builds = 0;

    // Writing
    std::future<ExportWriteResult> m_pending;
    std::chrono::steady_clock::time_point m_writeStarted;
    std::string m_pendingPeriod;
    std::string m_pendingFormat;
    std::string m_pendingClient;
    std::string m_writeError;
    std::optional<std::filesystem::path> m_lastWritten;
};

} // namespace tessera::app
