#pragma once

// The Export dialog: a de-identified supervision summary of the selected client, as Markdown,
// HTML or PDF. The clinician chooses the period, the format and the options, reads a preview of
// exactly what will be written beside the de-identification report, and is told plainly that the
// file leaves the encrypted vault. The file is written on a worker thread; the export is then
// recorded in the vault's audit log. The dialog shows the client's code, never the display name.

#include "viewmodels/export_model.hpp"

#include <cstddef>
#include <optional>
#include <string>

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

    // ---- View state, read by tests
    [[nodiscard]] bool isOpen() const { return m_open; }
    [[nodiscard]] const ExportModel& model() const { return m_model; }
    [[nodiscard]] const ExportOptions& options() const { return m_options; }
    [[nodiscard]] const std::string& outputPath() const { return m_path; }
    [[nodiscard]] bool replaceExisting() const { return m_replace; }

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
    int m_measuredBuild = -1; // the model build the preview width was measured for
    float m_previewWidth = 0.0f;
    float m_footerHeight = 0.0f; // measured in the previous frame
};

} // namespace tessera::app
