// The right-hand side of the Export dialog: the preview of what will be written with its
// highlights, the review beside it, and the de-identification report below (see export_view.hpp).

#include "views/export_view.hpp"

#include "ui/probe.hpp"
#include "ui/style.hpp"
#include "ui/widgets.hpp"
#include "ui/workspace.hpp"

#include "tessera/text/utf8.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>

namespace tessera::app {
namespace {

constexpr const char* kPdfPreviewLabel = "Content preview (the PDF is laid out from the same document)";

void smallMuted(const std::string& text) {
    const ui::ScopedFont smallFont{ui::font(&ui::Fonts::small)};
    ui::mutedWrapped(text);
}

// The colours of the two kinds of highlight: a suspect wants a decision, a replacement is done.
ImU32 highlightColour(bool suspect) {
    const auto colours = ui::palette();
    return suspect ? ui::withAlpha(colours.warning, 0.38f) : ui::withAlpha(colours.accent, 0.20f);
}

// Records `rect` under `name` for the tests' probe (markItem records the last item; a highlight
// is not an item).
void markRect(const std::string& name, ImVec2 min, ImVec2 max) {
    if (auto* context = ui::uiContext(); context != nullptr && context->probe != nullptr) {
        context->probe->record(name, {min, max});
    }
}

// `text` on the colour of its highlight, as a selectable the size of the text.
bool highlightedSelectable(const std::string& text, bool suspect) {
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    ImGui::GetWindowDrawList()->AddRectFilled({pos.x - 2.0f, pos.y - 1.0f},
                                              {pos.x + size.x + 2.0f, pos.y + size.y + 1.0f}, highlightColour(suspect),
                                              3.0f * ui::unit());
    return ImGui::Selectable(text.c_str(), false, ImGuiSelectableFlags_None, size);
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

    {
        const ui::ScopedColour childBgColour{ImGuiCol_ChildBg, colours.panel};
        ImGui::BeginChild("export-preview", {0.0f, childHeight}, true, ImGuiWindowFlags_AlwaysVerticalScrollbar);
        // Lines of a document read best close together.
        {
            const ui::ScopedStyleVar itemSpacing{ImGuiStyleVar_ItemSpacing,
                                                 {ImGui::GetStyle().ItemSpacing.x, 3.0f * ui::unit()}};
            if (m_model.document()) {
                wrapPreview(ImGui::GetContentRegionAvail().x);
                if (m_scrollTo) {
                    // What the review asked for, a third of the way down: the row holding its offset.
                    const std::size_t offset = m_scrollTo->second;
                    const auto row = std::upper_bound(m_rows.begin(), m_rows.end(), offset,
                                                      [](std::size_t at, const PreviewRow& r) { return at < r.begin; });
                    const auto index = row == m_rows.begin() ? 0 : static_cast<std::size_t>(row - m_rows.begin()) - 1;
                    const float pitch = ImGui::GetTextLineHeightWithSpacing();
                    ImGui::SetScrollY(std::max(0.0f, static_cast<float>(index) * pitch - childHeight / 3.0f));
                    m_scrollTo.reset();
                }
                bool suspectMarked = false;
                bool replacementMarked = false;
                ImGuiListClipper clipper;
                clipper.Begin(static_cast<int>(m_rows.size()));
                while (clipper.Step()) {
                    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                        drawPreviewRow(m_rows[static_cast<std::size_t>(i)], suspectMarked, replacementMarked);
                    }
                }
                clipper.End();
            } else {
                const auto blocker = m_model.writeBlocker();
                ui::mutedWrapped(blocker ? *blocker : std::string{"Nothing to preview yet."});
            }
        }
        ImGui::EndChild();
    }
    ui::markItem("export-preview");
}

void ExportView::wrapPreview(float width) {
    const float fontSize = ImGui::GetFontSize();
    if (m_wrappedBuild == m_model.builds() && m_wrappedWidth == width && m_wrappedFontSize == fontSize) {
        return;
    }
    m_wrappedBuild = m_model.builds();
    m_wrappedWidth = width;
    m_wrappedFontSize = fontSize;
    m_rows.clear();
    ImFont* font = ImGui::GetFont();
    const float scale = fontSize / font->FontSize;
    const char* base = m_model.previewText().data();
    for (std::size_t i = 0; i < m_model.previewLineCount(); ++i) {
        const auto line = m_model.previewLine(i);
        const char* at = line.data();
        const char* end = line.data() + line.size();
        do {
            // ImGui's word wrap, as TextWrapped draws it; at least one whole character per row.
            const char* cut = at == end ? end : font->CalcWordWrapPositionA(scale, at, end, width);
            if (cut == at && at != end) {
                cut = line.data() + text::nextCharacter(line, static_cast<std::size_t>(at - line.data()));
            }
            m_rows.push_back({static_cast<std::size_t>(at - base), static_cast<std::size_t>(cut - base)});
            at = cut;
            while (at != end && *at == ' ') {
                ++at; // the spaces where a row was wrapped are not drawn at the start of the next
            }
        } while (at != end);
    }
}

void ExportView::drawPreviewRow(const PreviewRow& row, bool& suspectMarked, bool& replacementMarked) {
    const char* base = m_model.previewText().data();
    const auto& highlights = m_model.highlights();
    // Sorted and without overlaps, so their ends are in order too.
    auto it = std::lower_bound(highlights.begin(), highlights.end(), row.begin,
                               [](const PreviewHighlight& h, std::size_t at) { return h.end <= at; });
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    const float height = ImGui::GetTextLineHeight();
    auto* list = ImGui::GetWindowDrawList();
    for (; it != highlights.end() && it->begin < row.end; ++it) {
        // Drawn before the text, so the text stays on top; a highlight wrapped over two rows is
        // drawn on each.
        const auto from = std::max(it->begin, row.begin);
        const auto to = std::min(it->end, row.end);
        const float x0 = pos.x + ImGui::CalcTextSize(base + row.begin, base + from).x;
        const float x1 = pos.x + ImGui::CalcTextSize(base + row.begin, base + to).x;
        const ImVec2 min{x0 - 2.0f, pos.y - 1.0f};
        const ImVec2 max{x1 + 2.0f, pos.y + height + 1.0f};
        list->AddRectFilled(min, max, highlightColour(it->suspect), 3.0f * ui::unit());
        bool& marked = it->suspect ? suspectMarked : replacementMarked;
        if (!marked) {
            markRect(it->suspect ? "export-highlight-suspect" : "export-highlight-replacement", min, max);
            marked = true;
        }
    }
    ImGui::TextUnformatted(base + row.begin, base + row.end);
}

void ExportView::drawReviewAndReport() {
    const std::size_t suspects = m_model.suspectCount();
    if (!ImGui::BeginTabBar("export-lower-tabs")) {
        return;
    }
    const std::string reviewTab =
        (m_model.document() ? "Review: " + ui::countLabel(suspects, "suspect", "suspects") : std::string{"Review"}) +
        "###export-review-tab";
    const bool reviewOpen = ImGui::BeginTabItem(reviewTab.c_str());
    ui::markItem("export-review-tab");
    if (reviewOpen) {
        drawReview();
        ImGui::EndTabItem();
    }
    const bool reportOpen = ImGui::BeginTabItem("De-identification report###export-report-tab");
    ui::markItem("export-report-tab");
    if (reportOpen) {
        ImGui::BeginChild("export-report-pane", {0.0f, 0.0f}, false);
        drawReport();
        ImGui::EndChild();
        ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
}

void ExportView::drawReview() {
    const auto colours = ui::palette();
    const auto& entries = m_model.review();
    std::size_t replaced = 0;
    for (const auto& entry : entries) {
        replaced += entry.suspect ? 0 : static_cast<std::size_t>(entry.count);
    }
    if (m_model.reviewing()) {
        smallMuted("Saving\xe2\x80\xa6");
        ui::markItem("export-updating");
    } else if (m_model.building()) {
        smallMuted("Updating the summary\xe2\x80\xa6");
        ui::markItem("export-updating");
    } else if (m_model.document()) {
        smallMuted(ui::countLabel(m_model.suspectCount(), "suspected identifier", "suspected identifiers") +
                   " left in place for you to decide (amber), " + std::to_string(replaced) +
                   " replacements (blue). Click one to find it in the preview.");
    }
    ui::markItem("export-review");
    if (!m_reviewError.empty()) {
        {
            const ui::ScopedColour textColour{ImGuiCol_Text, colours.danger};
            const ui::ScopedTextWrap wrap;
            ImGui::TextUnformatted(m_reviewError.c_str());
        }
        ui::markItem("export-review-error");
    }
    const ui::ScopedColour childBgColour{ImGuiCol_ChildBg, colours.panel};
    ImGui::BeginChild("export-review-list", {0.0f, 0.0f}, true);
    if (!m_model.document()) {
        smallMuted("Shown once the summary can be built.");
    } else {
        ImGui::BeginDisabled(m_model.writing() || m_model.building());
        if (m_model.suspectCount() > 0 &&
            ImGui::BeginTable("export-suspects", 3, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
            ImGui::TableSetupColumn("Suspected, left in place", ImGuiTableColumnFlags_WidthStretch);
            ImGui::TableSetupColumn("Found as", ImGuiTableColumnFlags_WidthFixed);
            ImGui::TableSetupColumn("Decide", ImGuiTableColumnFlags_WidthFixed);
            ImGui::TableHeadersRow();
            for (std::size_t i = 0; i < entries.size(); ++i) {
                if (entries[i].suspect) {
                    drawSuspect(i, entries[i]);
                }
            }
            ImGui::EndTable();
        }
        ImGui::EndDisabled();
        if (m_model.suspectCount() == 0) {
            smallMuted("No suspected identifiers: no word the detector was unsure of.");
        }
        ImGui::Spacing();
        if (ImGui::BeginTable("export-replacements", 3, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
            ImGui::TableSetupColumn("Replaced by", ImGuiTableColumnFlags_WidthStretch);
            ImGui::TableSetupColumn("Count", ImGuiTableColumnFlags_WidthFixed);
            ImGui::TableSetupColumn("Kind and rule", ImGuiTableColumnFlags_WidthFixed);
            ImGui::TableHeadersRow();
            for (std::size_t i = 0; i < entries.size(); ++i) {
                const auto& entry = entries[i];
                if (entry.suspect) {
                    continue;
                }
                const ui::ScopedId iScope{static_cast<int>(i)};
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                if (highlightedSelectable(entry.text, false) && entry.firstLine) {
                    m_scrollTo = {{*entry.firstLine, entry.firstOffset}};
                }
                ui::markItem("export-replacement-" + std::to_string(i));
                ImGui::TableNextColumn();
                ImGui::Text("%d", entry.count);
                ImGui::TableNextColumn();
                ui::mutedText(std::string{core::displayName(entry.kind)} + " \xc2\xb7 " + entry.rule);
            }
            ImGui::EndTable();
        }
        if (replaced == 0) {
            smallMuted("Nothing was replaced.");
        }
    }
    ImGui::EndChild();
}

void ExportView::drawSuspect(std::size_t index, const ReviewEntry& entry) {
    const float u = ui::unit();
    const ui::ScopedId indexScope{static_cast<int>(index)};
    const std::string id = std::to_string(index);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    // Level with the text of the label field beside it (moved, not offset, so the highlight follows).
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + ImGui::GetStyle().FramePadding.y);
    if (highlightedSelectable(entry.text, true) && entry.firstLine) {
        m_scrollTo = {{*entry.firstLine, entry.firstOffset}}; // show it in the preview
    }
    ui::markItem("export-suspect-" + id);
    ImGui::TableNextColumn();
    ImGui::AlignTextToFramePadding();
    ui::mutedText(std::string{core::toString(entry.kind)} + "? \xc2\xb7 " + entry.rule + " \xc2\xb7 \xc3\x97" +
                  std::to_string(entry.count));
    ImGui::TableNextColumn();
    auto label = m_labels.try_emplace(entry.text, entry.suggestedLabel).first;
    ImGui::SetNextItemWidth(120.0f * u);
    ImGui::InputTextWithHint("##label", "label", &label->second);
    ui::markItem("export-suspect-label-" + id);
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("What the summary shows in its place once it is on the redaction list.");
    }
    ImGui::SameLine();
    // One review change at a time; the buttons come back once it is saved.
    ImGui::BeginDisabled(m_model.reviewing());
    if (ImGui::Button("Redact")) {
        m_reviewError = m_model.addToRedactionList(m_workspace.vault(), entry.text, label->second);
    }
    ui::markItem("export-suspect-redact-" + id);
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        ImGui::SetTooltip("Add it to this client's redaction list: replaced in every summary from now on.");
    }
    ImGui::SameLine();
    if (ImGui::Button("Not identifying")) {
        m_reviewError = m_model.markNotIdentifying(m_workspace.vault(), entry.text);
    }
    ui::markItem("export-suspect-keep-" + id);
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
        ImGui::SetTooltip("Keep it: for this client it identifies nobody. Remembered in the vault.");
    }
    ImGui::EndDisabled();
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
            const ui::ScopedId iScope{static_cast<int>(i)};
            const bool total = i + 1 == lines.size();
            const bool zero = line.value == "0";
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            {
                const ui::ScopedFont boldFont{ui::font(total ? &ui::Fonts::bold : &ui::Fonts::regular)};
                const ui::ScopedColour textColour{ImGuiCol_Text, zero && !total ? colours.mutedText : colours.text};
                ImGui::TextUnformatted(line.label.c_str());
                ImGui::TableNextColumn();
                // Right-aligned counts read as a column.
                const float width = ImGui::CalcTextSize(line.value.c_str()).x;
                ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::CalcTextSize("0000").x - width));
                ImGui::TextUnformatted(line.value.c_str());
            }
            ImGui::TableNextColumn();
            if (!line.detail.empty()) {
                const ui::ScopedFont smallFont{ui::font(&ui::Fonts::small)};
                const ui::ScopedColour textColour{ImGuiCol_Text, colours.mutedText};
                const ui::ScopedTextWrap wrap;
                ImGui::TextUnformatted(line.detail.c_str());
            }
        }
        ImGui::EndTable();
    }
    ImGui::TableNextColumn();
    if (ImGui::BeginTable("export-report-handling", 2, ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn("What", ImGuiTableColumnFlags_WidthFixed);
        ImGui::TableSetupColumn("How", ImGuiTableColumnFlags_WidthStretch);
        const auto& lines = m_model.handlingLines();
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const ui::ScopedId iScope{static_cast<int>(i)};
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(lines[i].label.c_str());
            ImGui::TableNextColumn();
            const ui::ScopedColour textColour{ImGuiCol_Text, colours.mutedText};
            const ui::ScopedTextWrap wrap;
            ImGui::TextUnformatted(lines[i].value.c_str());
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    smallMuted(core::reportCaveat());
    ImGui::EndTable();
}

} // namespace tessera::app
