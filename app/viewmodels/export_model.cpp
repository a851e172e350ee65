#include "viewmodels/export_model.hpp"

#include "viewmodels/display_text.hpp"

#include "tessera/storage/vault.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fcntl.h>
#include <random>
#include <stdexcept>
#include <unistd.h>

namespace tessera::app {
namespace {

namespace fs = std::filesystem;

// What the worker needs, copied: it never sees the model or the vault.
struct WriteJob {
    fs::path path;
    bool replace = false;
    ExportFormat format = ExportFormat::Markdown;
    report::PdfOptions pdf;
    std::string text;                              // Markdown or HTML, exactly as previewed
    std::optional<core::SummaryDocument> document; // PDF only
    // Recorded in the vault's audit log once the file is written.
    storage::Vault* vault = nullptr;
    std::string client;
    std::string period;
    std::string what;
};

std::string errnoText(int error) {
    return std::strerror(error);
}

// Writes `content` through a temporary file in the same folder, synced, then moved into place:
// the target is complete or untouched. Mode 0600 (owner only). Without `replace`, an existing
// file is never touched, even one that appears while the summary is rendered (link() refuses).
void writeFileAtomically(const fs::path& path, std::string_view content, bool replace) {
    const auto directory = path.parent_path();
    std::random_device random;
    const auto temporary = directory / ("." + path.filename().string() + ".partial-" + std::to_string(random()));
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        throw std::runtime_error("Cannot write to " + directory.string() + ": " + errnoText(errno) +
                                 ". Nothing was written.");
    }
    std::size_t written = 0;
    int error = 0;
    while (written < content.size()) {
        const auto n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            error = errno;
            break;
        }
        written += static_cast<std::size_t>(n);
    }
    if (error == 0 && ::fsync(fd) != 0) {
        error = errno;
    }
    if (::close(fd) != 0 && error == 0) {
        error = errno;
    }
    bool exists = false;
    if (error == 0 && replace) {
        if (::rename(temporary.c_str(), path.c_str()) != 0) {
            error = errno;
        }
    } else if (error == 0) {
        if (::link(temporary.c_str(), path.c_str()) != 0) {
            error = errno;
            // Some file systems (FAT on a USB stick, some network shares) have no hard links:
            // fall back to a check and a rename there.
            if (error == EPERM || error == EOPNOTSUPP || error == ENOSYS) {
                std::error_code ignored;
                if (fs::exists(fs::symlink_status(path, ignored))) {
                    error = EEXIST;
                } else {
                    error = ::rename(temporary.c_str(), path.c_str()) == 0 ? 0 : errno;
                }
            }
        }
        exists = error == EEXIST;
    }
    std::error_code ignored;
    fs::remove(temporary, ignored); // after link() the file lives on under its real name
    if (exists) {
        throw std::runtime_error(path.string() + " appeared while the summary was being written; it was left as it "
                                                 "was. Nothing was written.");
    }
    if (error != 0) {
        throw std::runtime_error("Could not write " + path.string() + ": " + errnoText(error) +
                                 ". Nothing was written.");
    }
    // The new name is durable once the folder itself is synced.
    const int dir = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        (void)::fsync(dir);
        ::close(dir);
    }
}

ExportWriteResult runJob(const WriteJob& job) {
    ExportWriteResult result;
    result.path = job.path;
    try {
        const std::string content =
            job.format == ExportFormat::Pdf ? report::renderPdf(*job.document, job.pdf) : job.text;
        writeFileAtomically(job.path, content, job.replace);
        result.bytes = content.size();
    } catch (const std::exception& error) {
        result.error = error.what();
        if (result.error.empty()) {
            result.error = "The summary could not be written.";
        }
        return result;
    }
    try {
        result.revisionBefore = job.vault->revision();
        job.vault->recordExport(job.client, job.period, job.what);
        result.revisionAfter = job.vault->revision();
    } catch (const std::exception& error) {
        // Every export is in the audit log: one that cannot be recorded is not kept.
        std::error_code ignored;
        fs::remove(result.path, ignored);
        result.error = "The summary was not kept: the export could not be recorded in the vault (" +
                       std::string{error.what()} + "). Try again.";
    }
    return result;
}

std::string home() {
    const char* value = std::getenv("HOME");
    return value != nullptr ? std::string{value} : std::string{};
}

std::string lowerAscii(std::string_view text) {
    std::string out{text};
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

} // namespace

std::string_view formatLabel(ExportFormat format) {
    switch (format) {
    case ExportFormat::Markdown: return "Markdown";
    case ExportFormat::Html: return "HTML";
    case ExportFormat::Pdf: return "PDF";
    }
    return "Markdown";
}

std::string_view formatExtension(ExportFormat format) {
    switch (format) {
    case ExportFormat::Markdown: return "md";
    case ExportFormat::Html: return "html";
    case ExportFormat::Pdf: return "pdf";
    }
    return "md";
}

void ExportModel::resetBuilt() {
    m_summary = BuiltSummary{};
}

void ExportModel::clear() {
    m_client.reset();
    m_wanted.reset();
    m_wantedBuild.reset();
    m_ownAudit.reset();
    m_inputs.reset();
    m_optionalSections.clear();
    m_loadError.reset();
    m_clientCode.clear();
    m_recordSessions = 0;
    m_load.clear(); // a load or build still running belongs to what was cleared
    m_build.clear();
    resetBuilt();
}

namespace {

std::shared_ptr<const ExportModel::Inputs> loadInputs(const storage::Vault& vault, core::ClientId client) {
    auto inputs = std::make_shared<ExportModel::Inputs>();
    inputs->record = vault.clientRecord(client);
    inputs->codebook = vault.codebook();
    inputs->templates = vault.templates();
    inputs->notIdentifying = vault.notIdentifying(client);
    return inputs;
}

} // namespace

bool ExportModel::update(const storage::Vault& vault, core::ClientId client, std::uint64_t revision,
                         const ExportOptions& options) {
    if (!m_client || *m_client != client) {
        clear(); // never show one client's summary under another's code
        m_client = client;
    }
    // The audit entry of our own export changes nothing the summary shows: no reload for it.
    if (m_ownAudit && m_ownAudit->second == revision) {
        revision = m_ownAudit->first;
    }
    m_wanted = LoadKey{client, revision};
    if (m_load.update(*m_wanted,
                      [&vault](const LoadKey& key, TaskControl&) { return loadInputs(vault, key.client); })) {
        takeLoad();
    }
    m_options = options;
    parsePeriod();
    const bool loaded = m_load.shownInputs() == m_wanted && m_inputs;
    if (!loaded || !periodValid()) {
        m_wantedBuild.reset();
        if (loaded) {
            resetBuilt(); // nothing to show: no stale preview under a period that is wrong
        }
        return false;
    }
    auto buildOptions = options;
    buildOptions.paper = report::PaperSize::A4;
    m_wantedBuild = BuildKey{*m_wanted, std::move(buildOptions)};
    core::SummaryOptions summaryOptions;
    summaryOptions.from = m_from;
    summaryOptions.to = m_to;
    summaryOptions.exactDates = options.exactDates;
    summaryOptions.includePsychotherapyNotes = options.includePsychotherapyNotes;
    summaryOptions.questions = core::parseQuestions(options.questions);
    summaryOptions.extraSections = options.extraSections;
    summaryOptions.notIdentifying = m_inputs->notIdentifying;
    // The worker gets the immutable inputs and copies of the rest: never the model or the vault.
    const auto build = [inputs = m_inputs, summaryOptions = std::move(summaryOptions)](const BuildKey& key,
                                                                                       TaskControl&) {
        return buildExportSummary(*inputs, summaryOptions, key.options.format);
    };
    if (!m_build.update(*m_wantedBuild, build)) {
        return false;
    }
    ++m_builds;
    if (const auto* built = m_build.snapshot()) {
        m_summary = *built;
        if (!m_summary.error.empty()) {
            m_loadError = "The summary could not be built: " + m_summary.error;
        }
    } else {
        resetBuilt();
        m_loadError = "The summary could not be built: " + m_build.error().value_or(std::string{});
    }
    return true;
}

void ExportModel::takeLoad() {
    ++m_loads;
    m_loadError.reset();
    if (const auto* inputs = m_load.snapshot()) {
        m_inputs = *inputs;
        m_optionalSections = core::optionalSummarySections(m_inputs->templates);
        m_clientCode = m_inputs->record.client.code;
        m_recordSessions = m_inputs->record.sessions.size();
    } else {
        m_inputs.reset();
        resetBuilt();
        m_loadError = m_load.error().value_or(std::string{});
    }
}

bool ExportModel::building() const {
    if (m_wanted && m_load.shownInputs() != m_wanted) {
        return true;
    }
    return m_wantedBuild && m_build.shownInputs() != m_wantedBuild;
}

bool ExportModel::periodValid() const {
    return m_fromError.empty() && m_toError.empty() && m_periodError.empty();
}

void ExportModel::parsePeriod() {
    const auto parse = [](const std::string& typed, const char* which, std::optional<core::Date>& date,
                          std::string& error) {
        const auto text = trimmed(typed);
        date = text.empty() ? std::nullopt : core::Date::parse(text);
        error = !text.empty() && !date ? "The " + std::string{which} +
                                             " date is not a date: write it as YYYY-MM-DD, for example 2026-03-17."
                                       : std::string{};
    };
    parse(m_options.fromText, "start", m_from, m_fromError);
    parse(m_options.toText, "end", m_to, m_toError);
    m_periodError = m_from && m_to && *m_from > *m_to
                        ? "The period starts (" + m_from->toIso() + ") after it ends (" + m_to->toIso() + ")."
                        : std::string{};
}

void ExportModel::waitForSummary(const storage::Vault& vault) {
    while (m_client && m_wanted && building()) {
        m_load.wait();
        m_build.wait();
        (void)update(vault, *m_client, m_wanted->revision, m_options);
    }
}

std::size_t ExportModel::suspectCount() const {
    return static_cast<std::size_t>(std::count_if(m_summary.review.begin(), m_summary.review.end(),
                                                  [](const ReviewEntry& entry) { return entry.suspect; }));
}

std::string_view ExportModel::previewLine(std::size_t index) const {
    const auto& starts = m_summary.lineStarts;
    if (index >= starts.size()) {
        return {};
    }
    const auto start = starts[index];
    const auto end = index + 1 < starts.size() ? starts[index + 1] - 1 : m_summary.preview.size();
    std::string_view line{m_summary.preview.data() + start, end - start};
    if (!line.empty() && line.back() == '\r') {
        line.remove_suffix(1);
    }
    return line;
}

std::optional<std::string> ExportModel::writeBlocker() const {
    if (writing()) {
        return "The summary is being written.";
    }
    if (m_loadError) {
        return "The client's notes could not be read: " + *m_loadError;
    }
    if (!periodValid()) {
        return "Correct the period first.";
    }
    if (building()) {
        return "The summary is being updated.";
    }
    if (!m_summary.document) {
        return "Nothing to export yet.";
    }
    if (m_summary.document->header.sessions == 0) {
        return std::string{m_recordSessions == 0 ? "This client has no sessions yet"
                                                 : "There are no sessions in this period"} +
               ", so there is nothing to export.";
    }
    return std::nullopt;
}

std::string ExportModel::periodForAudit() const {
    if (m_from && m_to) {
        return m_from->toIso() + " to " + m_to->toIso();
    }
    if (m_from) {
        return "from " + m_from->toIso();
    }
    if (m_to) {
        return "until " + m_to->toIso();
    }
    return {};
}

std::string ExportModel::formatForAudit() const {
    // Whether process notes left the vault is part of the record of the disclosure (not content).
    return "summary " + std::string{formatLabel(m_options.format)} +
           (m_options.includePsychotherapyNotes ? " (with psychotherapy notes)" : "");
}

double ExportModel::writingSeconds() const {
    if (!writing()) {
        return 0.0;
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_writeStarted).count();
}

void ExportModel::clearWriteStatus() {
    m_writeError.clear();
    m_lastWritten.reset();
}

bool ExportModel::beginWrite(storage::Vault& vault, const std::filesystem::path& path, bool replace) {
    m_writeError.clear();
    m_lastWritten.reset();
    if (const auto blocker = writeBlocker()) {
        m_writeError = *blocker;
        return false;
    }
    if (path.empty()) {
        m_writeError = "Choose where to save the summary.";
        return false;
    }
    if (!path.has_filename()) {
        m_writeError = "Add a file name to " + path.string() + ".";
        return false;
    }
    std::error_code error;
    const auto folder = path.parent_path();
    if (folder.empty() || !fs::is_directory(folder, error)) {
        m_writeError = "The folder " + folder.string() + " does not exist.";
        return false;
    }
    const auto status = fs::symlink_status(path, error);
    if (fs::exists(status)) {
        if (fs::is_directory(status)) {
            m_writeError = path.string() + " is a folder; add a file name.";
            return false;
        }
        if (!replace) {
            m_writeError = path.filename().string() +
                           " already exists. Tick \xe2\x80\x9cReplace existing file\xe2\x80\x9d to replace it, or "
                           "choose another name.";
            return false;
        }
    }
    WriteJob job;
    job.path = path;
    job.replace = replace;
    job.format = m_options.format;
    job.pdf.paper = m_options.paper;
    if (m_options.format == ExportFormat::Pdf) {
        job.document = *m_summary.document;
    } else {
        job.text = m_summary.preview; // exactly what the preview shows
    }
    job.vault = &vault;
    job.client = m_clientCode;
    job.period = periodForAudit();
    job.what = formatForAudit();
    m_writeStarted = std::chrono::steady_clock::now();
    try {
        (void)m_writeTask.start([job = std::move(job)](TaskControl&) { return runJob(job); });
    } catch (const std::exception& failure) {
        m_writeError = std::string{"The summary could not be written: "} + failure.what();
        return false;
    }
    return true;
}

std::optional<ExportWriteResult> ExportModel::finishWrite() {
    auto outcome = m_writeTask.poll();
    if (!outcome) {
        return std::nullopt;
    }
    ExportWriteResult result;
    if (outcome->value) {
        result = std::move(*outcome->value);
    } else {
        result.error = "The summary could not be written: " + outcome->error;
    }
    if (result.ok()) {
        // The audit entry is this dialog's own change: the summary it shows is still current.
        if (m_wanted && m_wanted->revision == result.revisionBefore) {
            m_ownAudit = std::pair{result.revisionBefore, result.revisionAfter};
        }
        m_lastWritten = result.path;
    } else {
        m_writeError = result.error;
    }
    return result;
}

fs::path ExportModel::defaultFolder() {
    const auto homeFolder = home();
    std::error_code error;
    if (!homeFolder.empty()) {
        fs::path documents = fs::path{homeFolder} / "Documents";
        if (fs::is_directory(documents, error)) {
            return documents;
        }
        return homeFolder;
    }
    auto current = fs::current_path(error);
    return error ? fs::path{"."} : current;
}

fs::path ExportModel::defaultOutputPath(std::string_view clientCode, ExportFormat format, const core::Date& today) {
    std::string name;
    for (const char c : clientCode) {
        const auto u = static_cast<unsigned char>(c);
        name += (std::isalnum(u) != 0 || c == '-' || c == '_') ? c : '-';
    }
    if (name.empty()) {
        name = "client";
    }
    name += "-supervision-" + today.toIso() + "." + std::string{formatExtension(format)};
    return defaultFolder() / name;
}

fs::path ExportModel::resolvePath(std::string_view typed) {
    const auto text = trimmed(typed);
    if (text.empty()) {
        return {};
    }
    fs::path path;
    if (text == "~" || text.starts_with("~/")) {
        const auto homeFolder = home();
        path = fs::path{homeFolder.empty() ? std::string{"."} : homeFolder} /
               text.substr(std::min<std::size_t>(2, text.size()));
    } else {
        path = text;
    }
    if (path.is_relative()) {
        path = defaultFolder() / path;
    }
    return path;
}

std::string ExportModel::withFormatExtension(std::string_view path, ExportFormat format) {
    const auto slash = path.find_last_of('/');
    const auto dot = path.find_last_of('.');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
        return std::string{path};
    }
    const auto extension = lowerAscii(path.substr(dot + 1));
    if (extension != "md" && extension != "markdown" && extension != "html" && extension != "htm" &&
        extension != "pdf") {
        return std::string{path};
    }
    return std::string{path.substr(0, dot + 1)} + std::string{formatExtension(format)};
}

} // namespace tessera::app
