#include "views/export_view.hpp"

#include "ui/probe.hpp"
#include "ui/style.hpp"
#include "ui/widgets.hpp"
#include "ui/workspace.hpp"
#include "viewmodels/display_text.hpp"
#include "ui/forms.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <array>
#include <cfloat>
#include <cmath>
#include <string>

namespace tessera::app {
namespace {

// The popup's id without its title, so that the title can name the client.
constexpr const char* kPopupId = "###export-summary";

constexpr const char* kWarningLead = "This file is NOT encrypted.";
constexpr const char* kWarningText =
    "It leaves the encrypted vault. It is de-identified, but review it before you share it, keep it as safe as "
    "the notes themselves and delete it when supervision is done.";

struct FormatChoice {
    ExportFormat format;
    const char* label;
    const char* probe;
    const char* description;
};

constexpr std::array kFormats{
    FormatChoice{ExportFormat::Markdown, "Markdown", "export-format-markdown",
                 "Plain text with light markup: opens in any text editor."},
    FormatChoice{ExportFormat::Html, "HTML", "export-format-html",
                 "One self-contained page, no external resources; prints on A4 and Letter."},
    FormatChoice{ExportFormat::Pdf, "PDF", "export-format-pdf",
                 "Laid out for reading and printing, with charts and page numbers."},
};

// Small text in a colour, wrapped at the right edge, recorded under `probe`.
void noteText(const std::string& text, ImVec4 colour, const char* probe) {
    {
        const ui::ScopedFont smallFont{ui::font(&ui::Fonts::small)};
        const ui::ScopedColour textColour{ImGuiCol_Text, colour};
        const ui::ScopedTextWrap wrap;
        ImGui::TextUnformatted(text.c_str());
    }
    if (probe != nullptr) {
        ui::markItem(probe);
    }
}

void smallMuted(const std::string& text) {
    noteText(text, ui::palette().mutedText, nullptr);
}

// A turning arc: something is happening (the app redraws while it waits).
void spinner(float radius, ImU32 colour) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    ImGui::Dummy({radius * 2.0f, radius * 2.0f});
    const ImVec2 centre{pos.x + radius, pos.y + radius};
    const float start = static_cast<float>(ImGui::GetTime()) * 6.0f;
    auto* list = ImGui::GetWindowDrawList();
    list->PathArcTo(centre, radius * 0.8f, start, start + 4.4f, 24);
    list->PathStroke(colour, 0, std::max(2.0f, radius * 0.28f));
}

} // namespace

ExportView::ExportView(Workspace& workspace) : m_workspace(workspace) {}

ExportView::~ExportView() {
    try {
        waitForWrite();
    } catch (...) {
        // Closing must not throw; the file is complete or absent either way.
    }
}

void ExportView::open() {
    if (!m_workspace.selectedClient) {
        return;
    }
    const auto client = *m_workspace.selectedClient;
    if (m_client != client) {
        // Another client: nothing typed for the previous one carries over (their questions, their
        // period), and the safe defaults apply again. Only the format and paper are kept.
        m_client = client;
        ExportOptions fresh;
        fresh.format = m_options.format;
        fresh.paper = m_options.paper;
        m_options = fresh;
        m_path.clear();
        m_pathEdited = false;
        m_replace = false;
        m_model.clearWriteStatus();
        m_labels.clear();
        m_reviewError.clear();
    }
    m_requestOpen = true;
}

void ExportView::waitForWrite() {
    m_model.waitForWrite();
    handleFinishedWrite();
}

void ExportView::handleFinishedWrite() {
    if (!m_model.writing()) {
        return;
    }
    const auto result = m_model.finishWrite();
    if (!result) {
        return;
    }
    m_checkedPath.clear(); // the file is there now (or still not)
    if (result->ok()) {
        m_replace = false; // the next write must be asked for again before it replaces this file
        m_workspace.inform("Wrote the supervision summary of " + m_model.clientCode() + " to " + result->path.string() +
                           ". It is not encrypted: review it before you share it.");
    } else if (!m_open) {
        m_workspace.reportError(result->error);
    }
}

void ExportView::waitForSummary() {
    m_model.waitForReview();
    if (auto reviewed = m_model.finishReview()) {
        m_reviewError = *reviewed;
    }
    m_model.waitForSummary(m_workspace.vault());
}

void ExportView::draw() {
    handleFinishedWrite();
    if (auto reviewed = m_model.finishReview()) {
        m_reviewError = *reviewed; // "" once the change is in the vault (the summary then reloads)
    }
    if (m_requestOpen) {
        ImGui::OpenPopup(kPopupId);
        m_requestOpen = false;
        m_open = true;
        m_closeRequested = false;
    }
    if (m_open) {
        drawDialog();
    }
}

void ExportView::refreshPathExists() {
    if (m_path == m_checkedPath) {
        return;
    }
    m_checkedPath = m_path;
    const auto path = ExportModel::resolvePath(m_path);
    std::error_code error;
    m_pathExists = !path.empty() && std::filesystem::exists(std::filesystem::symlink_status(path, error));
}

void ExportView::drawDialog() {
    if (!m_client) {
        m_open = false;
        return;
    }
    // The clinician changed something since the last write: its message no longer applies.
    if ((m_model.lastWritten() || !m_model.writeError().empty()) && !(m_options == m_model.options())) {
        m_model.clearWriteStatus();
    }
    if (m_model.update(m_workspace.vault(), *m_client, m_workspace.revision(), m_options)) {
        m_reviewError.clear(); // a new summary: the last command's failure is history
    }
    if (m_path.empty() && !m_pathEdited && !m_model.clientCode().empty()) {
        m_path = ExportModel::defaultOutputPath(m_model.clientCode(), m_options.format, localToday()).string();
    }
    refreshPathExists();

    const float u = ui::unit();
    const auto* viewport = ImGui::GetMainViewport();
    const ImVec2 size{std::min(viewport->Size.x - 32.0f * u, 1280.0f * u),
                      std::min(viewport->Size.y - 32.0f * u, 860.0f * u)};
    ImGui::SetNextWindowSize(size, ImGuiCond_Always);
    ImGui::SetNextWindowPos({viewport->Pos.x + viewport->Size.x * 0.5f, viewport->Pos.y + viewport->Size.y * 0.5f},
                            ImGuiCond_Always, {0.5f, 0.5f});
    const bool busy = m_model.writing();
    // The code only: the display name never appears where an export is prepared.
    const std::string title = "Export supervision summary" +
                              (m_model.clientCode().empty() ? std::string{} : " \xc2\xb7 " + m_model.clientCode()) +
                              kPopupId;
    bool keepOpen = true;
    if (!ImGui::BeginPopupModal(title.c_str(), busy ? nullptr : &keepOpen,
                                ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse)) {
        m_open = false;
        return;
    }
    // Escape leaves a text field first; a second Escape closes the dialog.
    const bool fieldWasActive = ImGui::IsAnyItemActive();

    const ImGuiStyle& style = ImGui::GetStyle();
    const float footer = m_footerHeight > 0.0f ? m_footerHeight : 150.0f * u;
    const float bodyHeight = std::max(ImGui::GetContentRegionAvail().y - footer - style.ItemSpacing.y, 200.0f * u);
    const float optionsWidth = std::clamp(ImGui::GetContentRegionAvail().x * 0.32f, 320.0f * u, 400.0f * u);
    ImGui::BeginChild("export-options", {optionsWidth, bodyHeight}, false);
    drawOptions();
    ImGui::EndChild();
    ImGui::SameLine(0.0f, 18.0f * u);
    ImGui::BeginChild("export-right", {0.0f, bodyHeight}, false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    // The review and the report below the preview keep one height whatever they hold, so the
    // preview never jumps.
    const float lower = std::clamp(ImGui::GetContentRegionAvail().y * 0.42f, 220.0f * u, 380.0f * u);
    drawPreview(std::max(ImGui::GetContentRegionAvail().y - lower - style.ItemSpacing.y, 120.0f * u));
    ImGui::BeginChild("export-lower-pane", {0.0f, lower}, false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    drawReviewAndReport();
    ImGui::EndChild();
    ImGui::EndChild();

    const float footerTop = ImGui::GetCursorPosY();
    drawFooter();
    m_footerHeight = ImGui::GetCursorPosY() - footerTop;

    const bool escape = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) && !fieldWasActive;
    if (!m_model.writing() && (m_closeRequested || !keepOpen || escape)) {
        m_open = false;
        m_closeRequested = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

void ExportView::drawOptions() {
    drawPeriod();
    ImGui::Spacing();
    ImGui::Spacing();
    drawFormat();
    ImGui::Spacing();
    ImGui::Spacing();
    drawContentOptions();
    ImGui::Spacing();
    ImGui::Spacing();
    drawQuestions();
    drawOptionalSections();
}

void ExportView::drawPeriod() {
    const float u = ui::unit();
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    ui::sectionHeading("Period", "both days included");
    ImGui::AlignTextToFramePadding();
    ui::mutedText("From");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(118.0f * u);
    ImGui::InputTextWithHint("##from", "first session", &m_options.fromText, ImGuiInputTextFlags_CharsNoBlank);
    ui::markItem("export-from");
    ImGui::SameLine(0.0f, spacing * 0.6f);
    ui::mutedText("to");
    ImGui::SameLine(0.0f, spacing * 0.6f);
    ImGui::SetNextItemWidth(118.0f * u);
    ImGui::InputTextWithHint("##to", "last session", &m_options.toText, ImGuiInputTextFlags_CharsNoBlank);
    ui::markItem("export-to");

    const auto colours = ui::palette();
    if (!m_model.fromError().empty()) {
        noteText(m_model.fromError(), colours.danger, "export-from-error");
    }
    if (!m_model.toError().empty()) {
        noteText(m_model.toError(), colours.danger, "export-to-error");
    }
    if (!m_model.periodError().empty()) {
        noteText(m_model.periodError(), colours.danger, "export-period-error");
    }
    if (const auto& loadError = m_model.loadError()) {
        noteText("The client's notes could not be read: " + *loadError, colours.danger, "export-load-error");
        return;
    }
    const auto& document = m_model.document();
    if (!document) {
        return;
    }
    if (document->header.sessions == 0) {
        noteText(m_model.recordSessions() == 0 ? "This client has no sessions yet."
                                               : "No sessions in this period. Clear the dates for all sessions.",
                 colours.warning, "export-no-sessions");
        return;
    }
    std::string included = "In the summary: " + document->header.period;
    if (document->header.drafts > 0) {
        included +=
            " (" +
            ui::countLabel(static_cast<std::size_t>(document->header.drafts), "unsigned draft", "unsigned drafts") +
            ")";
    }
    noteText(included + ".", colours.mutedText, "export-included");
}

void ExportView::drawFormat() {
    ui::sectionHeading("Format");
    for (std::size_t i = 0; i < kFormats.size(); ++i) {
        const auto& choice = kFormats[i];
        const ui::ScopedId iScope{static_cast<int>(i)};
        if (i > 0) {
            ImGui::SameLine(0.0f, ImGui::GetStyle().ItemSpacing.x * 2.0f);
        }
        if (ImGui::RadioButton(choice.label, m_options.format == choice.format) && m_options.format != choice.format) {
            m_options.format = choice.format;
            m_path = ExportModel::withFormatExtension(m_path, choice.format);
        }
        ui::markItem(choice.probe);
    }
    for (const auto& choice : kFormats) {
        if (choice.format == m_options.format) {
            smallMuted(choice.description);
        }
    }
    if (m_options.format == ExportFormat::Pdf) {
        ImGui::AlignTextToFramePadding();
        ui::mutedText("Paper");
        ImGui::SameLine();
        if (ImGui::RadioButton("A4", m_options.paper == report::PaperSize::A4)) {
            m_options.paper = report::PaperSize::A4;
        }
        ui::markItem("export-paper-a4");
        ImGui::SameLine(0.0f, ImGui::GetStyle().ItemSpacing.x * 2.0f);
        if (ImGui::RadioButton("Letter", m_options.paper == report::PaperSize::Letter)) {
            m_options.paper = report::PaperSize::Letter;
        }
        ui::markItem("export-paper-letter");
    }
}

void ExportView::drawContentOptions() {
    const auto colours = ui::palette();
    const float indent = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x;
    ui::sectionHeading("Content");
    ImGui::Checkbox("Exact dates", &m_options.exactDates);
    ui::markItem("export-exact-dates");
    ImGui::Indent(indent);
    smallMuted(m_options.exactDates
                   ? "Sessions show their calendar dates, and dates written in the notes are kept."
                   : "Sessions appear as \xe2\x80\x9cSession 5 (week 9)\xe2\x80\x9d and dates written in the notes "
                     "are replaced.");
    ImGui::Unindent(indent);
    ImGui::Spacing();
    ImGui::Checkbox("Include psychotherapy notes", &m_options.includePsychotherapyNotes);
    ui::markItem("export-psychotherapy");
    ImGui::Indent(indent);
    if (m_options.includePsychotherapyNotes) {
        noteText("Psychotherapy notes are kept apart from the record for a reason. They will be in the file, "
                 "de-identified, under their own heading: include them only if this supervision needs them.",
                 colours.warning, "export-psychotherapy-warning");
    } else {
        smallMuted("Kept out of the summary.");
    }
    ImGui::Unindent(indent);
}

void ExportView::drawOptionalSections() {
    const auto& sections = m_model.optionalSections();
    if (sections.empty()) {
        return;
    }
    ImGui::Spacing();
    ui::sectionHeading("Other sections");
    smallMuted("Sections of the note templates to add, each under its own heading; de-identified like the rest.");
    auto& chosen = m_options.extraSections;
    for (const auto& section : sections) {
        const ui::ScopedId keyScope{section.key.c_str()};
        const auto at = std::find(chosen.begin(), chosen.end(), section.key);
        bool on = at != chosen.end();
        if (ImGui::Checkbox(section.label.c_str(), &on)) {
            if (on) {
                chosen.push_back(section.key);
            } else {
                chosen.erase(at);
            }
        }
        ui::markItem("export-section-" + section.key);
    }
}

void ExportView::drawQuestions() {
    ui::sectionHeading("Questions for supervision");
    smallMuted("One question per line. They are de-identified like the rest.");
    {
        const ui::EscapeKeepsText keep;
        ImGui::InputTextMultiline(
            "##questions", &m_options.questions,
            {-FLT_MIN, ImGui::GetTextLineHeight() * 6.0f + ImGui::GetStyle().FramePadding.y * 2.0f});
    }
    ui::markItem("export-questions");
    if (const auto& document = m_model.document(); document && !document->questions.empty()) {
        smallMuted(ui::countLabel(document->questions.size(), "question", "questions") + " in the summary.");
    }
}

void ExportView::drawFooter() {
    const float u = ui::unit();
    const auto colours = ui::palette();
    const ImGuiStyle& style = ImGui::GetStyle();
    ImGui::Separator();
    ImGui::Spacing();

    // The warning: a tinted band with an accent bar, impossible to overlook next to the button.
    {
        const float width = ImGui::GetContentRegionAvail().x;
        const float pad = 10.0f * u;
        const float bar = 4.0f * u;
        const float textWidth = width - 2.0f * pad - bar;
        const float gap = 3.0f * u;
        const float leadHeight = ui::font(&ui::Fonts::bold)->FontSize;
        const float textHeight = ImGui::CalcTextSize(kWarningText, nullptr, false, textWidth).y;
        const float height = pad * 2.0f + leadHeight + gap + textHeight;
        const ImVec2 pos = ImGui::GetCursorScreenPos();
        auto* list = ImGui::GetWindowDrawList();
        list->AddRectFilled(pos, {pos.x + width, pos.y + height}, ui::withAlpha(colours.warning, 0.14f), 4.0f * u);
        list->AddRectFilled(pos, {pos.x + bar, pos.y + height}, ui::withAlpha(colours.warning), 4.0f * u,
                            ImDrawFlags_RoundCornersLeft);
        const float left = ImGui::GetCursorPosX() + bar + pad;
        const float top = ImGui::GetCursorPosY();
        ImGui::SetCursorPos({left, top + pad});
        {
            const ui::ScopedFont boldFont{ui::font(&ui::Fonts::bold)};
            ImGui::TextUnformatted(kWarningLead);
        }
        ImGui::SetCursorPos({left, top + pad + leadHeight + gap});
        {
            const ui::ScopedTextWrap wrap{left + textWidth};
            ImGui::TextUnformatted(kWarningText);
        }
        ImGui::SetCursorPos({left - bar - pad, top});
        ImGui::Dummy({width, height});
        ui::markItem("export-warning");
    }
    ImGui::Spacing();

    const bool busy = m_model.writing();
    const std::string action = "Export " + std::string{formatLabel(m_options.format)};
    constexpr const char* kReplace = "Replace existing file";
    const float buttons = ImGui::CalcTextSize(action.c_str()).x + ImGui::CalcTextSize("Close").x +
                          style.FramePadding.x * 4.0f + style.ItemSpacing.x + 24.0f * u;
    const float replace = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(kReplace).x;
    const float label = ImGui::CalcTextSize("Save as").x + style.ItemSpacing.x;
    const float pathWidth =
        std::max(ImGui::GetContentRegionAvail().x - label - replace - buttons - style.ItemSpacing.x * 3.0f, 160.0f * u);

    ImGui::BeginDisabled(busy);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Save as");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(pathWidth);
    if (ImGui::InputText("##path", &m_path)) {
        m_pathEdited = true;
        m_replace = false; // ticked for another file: ask again
        m_model.clearWriteStatus();
    }
    ui::markItem("export-path");
    ImGui::SameLine(0.0f, style.ItemSpacing.x * 2.0f);
    ImGui::Checkbox(kReplace, &m_replace);
    ui::markItem("export-replace");
    ImGui::EndDisabled();

    const auto blocker = m_model.writeBlocker();
    const bool canWrite = !busy && !blocker && !m_path.empty() && (!m_pathExists || m_replace);
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - buttons + 24.0f * u);
    ImGui::BeginDisabled(!canWrite);
    bool write = false;
    {
        const ui::ScopedColour buttonColour{ImGuiCol_Button, colours.accent};
        const ui::ScopedColour hoveredColour{
            ImGuiCol_ButtonHovered,
            ImVec4{colours.accent.x * 1.1f, colours.accent.y * 1.1f, colours.accent.z * 1.1f, 1.0f}};
        const ui::ScopedColour activeColour{
            ImGuiCol_ButtonActive,
            ImVec4{colours.accent.x * 0.9f, colours.accent.y * 0.9f, colours.accent.z * 0.9f, 1.0f}};
        const ui::ScopedColour textColour{ImGuiCol_Text, ui::contrastingText(ui::withAlpha(colours.accent))};
        write = ImGui::Button(action.c_str());
    }
    ui::markItem("export-write");
    ImGui::EndDisabled();
    if (!canWrite && !busy && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        ImGui::SetTooltip("%s", blocker          ? blocker->c_str()
                                : m_path.empty() ? "Choose where to save the summary."
                                                 : "A file with this name exists: tick \xe2\x80\x9cReplace "
                                                   "existing file\xe2\x80\x9d or choose another name.");
    }
    ImGui::SameLine();
    ImGui::BeginDisabled(busy);
    if (ImGui::Button("Close")) {
        m_closeRequested = true;
    }
    ui::markItem("export-close");
    ImGui::EndDisabled();
    if (write && canWrite) {
        startWrite();
    }
    drawStatus();
}

void ExportView::startWrite() {
    // Options changed earlier in this frame are in the document before it is written.
    (void)m_model.update(m_workspace.vault(), *m_client, m_workspace.revision(), m_options);
    if (m_model.beginWrite(m_workspace.vault(), ExportModel::resolvePath(m_path), m_replace)) {
        m_checkedPath.clear();
    }
}

void ExportView::drawStatus() {
    const auto colours = ui::palette();
    if (m_model.writing()) {
        const float u = ui::unit();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + 2.0f * u);
        spinner(ImGui::GetFontSize() * 0.5f, ui::withAlpha(colours.accent));
        ImGui::SameLine();
        const std::string text = "Writing " + std::string{formatLabel(m_options.format)} + "\xe2\x80\xa6";
        ImGui::TextUnformatted(text.c_str());
        ui::markItem("export-progress");
        return;
    }
    if (!m_model.writeError().empty()) {
        noteText(m_model.writeError(), colours.danger, "export-write-error");
        return;
    }
    if (const auto& written = m_model.lastWritten()) {
        noteText("Written to " + written->string() +
                     " (readable only by you). The export is recorded in the "
                     "vault's audit log.",
                 colours.success, "export-written");
        return;
    }
    if (const auto blocker = m_model.writeBlocker()) {
        noteText(*blocker, colours.mutedText, "export-blocked");
        return;
    }
    const auto path = ExportModel::resolvePath(m_path);
    if (path.empty()) {
        noteText("Choose where to save the summary.", colours.mutedText, "export-blocked");
    } else if (m_pathExists && !m_replace) {
        noteText(path.filename().string() +
                     " already exists. Tick \xe2\x80\x9cReplace existing file\xe2\x80\x9d to replace it, or choose "
                     "another name.",
                 colours.warning, "export-path-exists");
    } else if (m_pathExists) {
        noteText(path.string() + " will be replaced.", colours.warning, "export-path-exists");
    } else {
        noteText("Will be written to " + path.string() + ", readable only by you.", colours.mutedText,
                 "export-destination");
    }
}

} // namespace tessera::app
