// The right-hand side of the Export dialog: the preview of what will be written and the
// de-identification report beside it (see export_view.hpp).

#include "views/export_view.hpp"

#include "ui/probe.hpp"
#include "ui/style.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <string>

namespace tessera::app {
namespace {

constexpr const char* kPdfPreviewLabel = "Content preview (the PDF is laid out from the same document)";

void smallMuted(const std::string& text) {
    ImGui::PushFont(ui::font(&ui::Fonts::small));
    ui::mutedWrapped(text);
    ImGui::PopFont();
}

} // namespace

void ExportView::drawPreview(float height) {
    const auto colours = ui::palette();
    const float top = ImGui::GetCursorPosY();
    if (m_model.previewIsExact()) {
        const std::string note =
            "exactly the text that will be written" +
            (m_model.previewLineCount() > 0 ? ", " + ui::countLabel(m_model.previewLineCount(), "line", "lines")
                                            : std::string{});
        ui::sectionHeading("Preview", note);
    } else {
        ui::sectionHeading(kPdfPreviewLabel);
    }
    ui::markItem("export-preview-label");
    const float childHeight = std::max(height - (ImGui::GetCursorPosY() - top), 60.0f);

    if (m_measuredBuild != m_model.builds()) {
        // The widest line sets the horizontal scroll range; measured once per build, not per frame.
        m_measuredBuild = m_model.builds();
        const auto longest = m_model.previewLine(m_model.longestPreviewLine());
        m_previewWidth = ImGui::CalcTextSize(longest.data(), longest.data() + longest.size()).x;
    }
    ImGui::PushStyleColor(ImGuiCol_ChildBg, colours.panel);
    if (m_model.document()) {
        ImGui::SetNextWindowContentSize({m_previewWidth + ImGui::GetStyle().WindowPadding.x, 0.0f});
    }
    ImGui::BeginChild("export-preview", {0.0f, childHeight}, true, ImGuiWindowFlags_HorizontalScrollbar);
    // Lines of a document read best close together.
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, {ImGui::GetStyle().ItemSpacing.x, 3.0f * ui::unit()});
    if (m_model.document()) {
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(m_model.previewLineCount()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const auto line = m_model.previewLine(static_cast<std::size_t>(i));
                ImGui::TextUnformatted(line.data(), line.data() + line.size());
            }
        }
        clipper.End();
    } else {
        const auto blocker = m_model.writeBlocker();
        ui::mutedWrapped(blocker ? *blocker : std::string{"Nothing to preview yet."});
    }
    ImGui::PopStyleVar();
    ImGui::EndChild();
    ImGui::PopStyleColor();
    ui::markItem("export-preview");
}

void ExportView::drawReport() {
    const auto colours = ui::palette();
    ImGui::Spacing();
    ui::sectionHeading("De-identification report", "what was replaced, never the words themselves");
    ui::markItem("export-report");
    if (!m_model.document()) {
        smallMuted("Shown once the summary can be built.");
        return;
    }
    if (!ImGui::BeginTable("export-report", 2, ImGuiTableFlags_SizingStretchSame)) {
        return;
    }
    ImGui::TableNextColumn();
    if (ImGui::BeginTable("export-report-counts", 3, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("What", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn("Count", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn("Detail", ImGuiTableColumnFlags_WidthStretch);
        const auto& lines = m_model.replacementLines();
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const auto& line = lines[i];
            ImGui::PushID(static_cast<int>(i));
            const bool total = i + 1 == lines.size();
            const bool zero = line.value == "0";
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushFont(ui::font(total ? &ui::Fonts::bold : &ui::Fonts::regular));
            ImGui::PushStyleColor(ImGuiCol_Text, zero && !total ? colours.mutedText : colours.text);
            ImGui::TextUnformatted(line.label.c_str());
            ImGui::TableNextColumn();
            // Right-aligned counts read as a column.
            const float width = ImGui::CalcTextSize(line.value.c_str()).x;
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::CalcTextSize("0000").x - width));
            ImGui::TextUnformatted(line.value.c_str());
            ImGui::PopStyleColor();
            ImGui::PopFont();
            ImGui::TableNextColumn();
            if (!line.detail.empty()) {
                ImGui::PushFont(ui::font(&ui::Fonts::small));
                ImGui::PushStyleColor(ImGuiCol_Text, colours.mutedText);
                ImGui::PushTextWrapPos(0.0f);
                ImGui::TextUnformatted(line.detail.c_str());
                ImGui::PopTextWrapPos();
                ImGui::PopStyleColor();
                ImGui::PopFont();
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::TableNextColumn();
    if (ImGui::BeginTable("export-report-handling", 2, ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn("What", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn("How", ImGuiTableColumnFlags_WidthStretch);
        const auto& lines = m_model.handlingLines();
        for (std::size_t i = 0; i < lines.size(); ++i) {
            ImGui::PushID(static_cast<int>(i));
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(lines[i].label.c_str());
            ImGui::TableNextColumn();
            ImGui::PushStyleColor(ImGuiCol_Text, colours.mutedText);
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(lines[i].value.c_str());
            ImGui::PopTextWrapPos();
            ImGui::PopStyleColor();
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    smallMuted(core::reportCaveat());
    ImGui::EndTable();
}

} // namespace tessera::app
