#pragma once

// The Export dialog: a de-identified supervision summary of the selected client, as Markdown,
// HTML or PDF. The clinician chooses the period, the format and the options, reads a preview of
// exactly what will be written beside the de-identification report, and is told plainly that the
// file leaves the encrypted vault. The review beside the preview lists every suspected identifier
// the detector left in place and every kind of replacement, both highlighted in the preview; one
// click adds a suspect to the client's redaction list (with its label) or marks it not
// identifying for this client, in the vault. The summary is built on a worker while the previous
// preview stays on screen; the file is written on another, and the export is then recorded in the
// vault's audit log. The dialog shows the client's code, never the display name.

#include "viewmodels/export_model.hpp"

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>
#include <utility>

namespace tessera::app {

class Workspace;

class ExportView {
public:
    explicit ExportView(Workspace& workspace);
    // Waits for a write in progress and records it, so that closing (locking) loses no export.
    ~ExportView();
    ExportView(const ExportView&) = delete;
    ExportView& operator=(const ExportView&) = delete;

    // Opens the dialog for the selected client (nothing happens without one). Reopening it for
    // the same client keeps what was chosen and typed; another client starts afresh.
    void open();
    // Every frame, open or not: takes the result of a finished write, and draws the dialog.
    void draw();
    // Blocks until the write in progress has finished and handles its result as draw() would
    // (for tests and automation).
    void waitForWrite();
    // Blocks until the summary of what is chosen now is built, then takes it (tests, automation).
    void waitForSummary();

    // ---- View state, read by tests
    [[nodiscard]] bool isOpen() const { return m_open; }
    [[nodiscard]] const ExportModel& model() const { return m_model; }
    [[nodiscard]] const ExportOptions& options() const { return m_options; }
    [[nodiscard]] const std::string& outputPath() const { return m_path; }
    [[nodiscard]] bool replaceExisting() const { return m_replace; }
    // The last review command's failure ("" when none).
    [[nodiscard]] const std::string& reviewError() const { return m_reviewError; }

    // One visual row of the preview: a byte range of the preview text within one of its lines.
    struct PreviewRow {
        std::size_t begin = 0;
        std::size_t end = 0;
    };
    // The preview as drawn: its lines wrapped at the pane's width (for tests).
    [[nodiscard]] const std::vector<PreviewRow>& previewRows() const { return m_rows; }
    [[nodiscard]] float previewWrapWidth() const { return m_wrappedWidth; }

private:
    void handleFinishedWrite();
    void drawDialog();
    void drawOptions();
    void drawPeriod();
    void drawFormat();
    void drawContentOptions();
    void drawOptionalSections();
    void drawQuestions();
    void drawPreview(float height);
    void wrapPreview(float width);
    void drawPreviewRow(const PreviewRow& row, bool& suspectMarked, bool& replacementMarked);
    void drawReviewAndReport();
    void drawReview();
    void drawSuspect(std::size_t index, const ReviewEntry& entry);
    void drawReport();
    void drawFooter();
    void drawStatus();
    void startWrite();
    void refreshPathExists();

    Workspace& m_workspace;
    ExportModel m_model;

    // What the clinician chose (UI state; the model rebuilds when it changes)
    std::optional<core::ClientId> m_client;
    ExportOptions m_options;
    std::string m_path;
    bool m_pathEdited = false;
    bool m_replace = false;

    // Dialog and frame state
    bool m_open = false;
    bool m_requestOpen = false;
    bool m_closeRequested = false;
    std::string m_checkedPath; // the path m_pathExists belongs to
    bool m_pathExists = false;
    std::map<std::string, std::string> m_labels; // suspect -> the label typed for its redaction
    std::string m_reviewError;
    // Where the review asked the preview to scroll: a line and a byte offset of the preview.
    std::optional<std::pair<std::size_t, std::size_t>> m_scrollTo;
    // The preview wrapped at the pane's width for display (the text written is never changed):
    // rebuilt when the build, the width or the font size changes, not per frame.
    std::vector<PreviewRow> m_rows;
    int m_wrappedBuild = -1;
    float m_wrappedWidth = 0.0f;
    float m_wrappedFontSize = 0.0f;
    float m_footerHeight = 0.0f; // measured in the previous frame
};

} // namespace tessera::app
