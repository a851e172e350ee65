#include "views/templates_view.hpp"

#include "ui/probe.hpp"
#include "ui/text_area.hpp"
#include "ui/shortcuts.hpp"
#include "ui/style.hpp"
#include "ui/workspace.hpp"
#include "viewmodels/display_text.hpp"
#include "views/codebook_view.hpp"
#include "ui/forms.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
#include <utility>

namespace tessera::app {
namespace {

void mutedWrapped(const std::string& text, float width) {
    const ui::ScopedColour textColour{ImGuiCol_Text, ui::palette().mutedText};
    const ui::ScopedTextWrap wrap{ImGui::GetCursorPosX() + width};
    ImGui::TextUnformatted(text.c_str());
}

void heading(const char* text) {
    const ui::ScopedFont headingFont{ui::font(&ui::Fonts::heading)};
    ImGui::TextUnformatted(text);
}

void subheading(const char* text) {
    ImGui::Spacing();
    const ui::ScopedFont boldFont{ui::font(&ui::Fonts::bold)};
    ImGui::TextUnformatted(text);
}

} // namespace

TemplatesView::TemplatesView(Workspace& workspace) : m_workspace(workspace) {}

void TemplatesView::update() {
    // (What arrives may also be taken inside waitForRead, so this looks at the model each frame.)
    (void)m_model.update(m_workspace.vault());
    if (auto error = m_model.takeReadError()) {
        m_workspace.reportError(*error); // once: not retried until the revision changes
    }
    if (!m_model.reading() && m_model.family(m_selectedName) == nullptr) {
        const auto& families = m_model.families();
        m_selectedName = families.empty() ? std::string{} : families.front().name;
        m_viewVersion = 0;
    }
}

const core::NoteTemplate* TemplatesView::viewed() const {
    const auto* selected = m_model.family(m_selectedName);
    return selected == nullptr ? nullptr : &selected->version(m_viewVersion);
}

int TemplatesView::viewedVersion() const {
    const auto* tmpl = viewed();
    return tmpl == nullptr ? 0 : tmpl->version;
}

void TemplatesView::beginEdit(const core::NoteTemplate& base) {
    m_mode = Mode::NewVersion;
    m_name = base.name;
    m_label = base.label;
    m_description.setText(base.description);
    m_baseVersion = base.version;
    m_sections.clear();
    for (const auto& section : base.sections) {
        m_sections.push_back({section.key, section.label, section.prompt, true});
    }
    m_nameEdited = true;
    m_problems.clear();
    m_focusLabel = true;
}

void TemplatesView::beginNew() {
    m_mode = Mode::NewTemplate;
    m_name.clear();
    m_label.clear();
    m_description.setText({});
    m_baseVersion = 0;
    m_sections = {SectionDraft{}};
    m_nameEdited = false;
    m_problems.clear();
    m_focusLabel = true;
}

void TemplatesView::cancelEdit() {
    m_mode = Mode::Viewing;
    m_problems.clear();
    m_sections.clear();
}

void TemplatesView::save() {
    m_problems.clear();
    if (m_mode == Mode::NewTemplate) {
        if (const auto* existing = m_model.family(m_name)) {
            m_problems.push_back("A template named \"" + m_name + "\" already exists (\"" + existing->newest().label +
                                 "\"). Choose it on the left and edit it to make a new version, or pick another name.");
            return;
        }
    }
    core::NoteTemplate tmpl;
    tmpl.name = m_name;
    tmpl.label = trimmed(m_label);
    tmpl.description = trimmed(m_description.text());
    for (const auto& draft : m_sections) {
        tmpl.sections.push_back({trimmed(draft.key), trimmed(draft.label), trimmed(draft.prompt)});
    }
    (void)m_model.save(m_workspace.vault(), std::move(tmpl));
}

void TemplatesView::takeWritten() {
    auto written = m_model.takeSaved([this](const std::string& error) { m_workspace.reportError(error); });
    if (!written) {
        return;
    }
    if (!written->stored) {
        m_problems = std::move(written->problems);
        return;
    }
    const auto& saved = *written->stored;
    m_workspace.inform(saved.version == 1
                           ? "Created the template \"" + saved.label + "\"."
                           : "Saved \"" + saved.label + "\" as version " + std::to_string(saved.version) +
                                 ". Notes written with earlier versions keep theirs.");
    m_mode = Mode::Viewing;
    m_sections.clear();
    m_selectedName = saved.name;
    m_viewVersion = 0;
}

void TemplatesView::waitForModel() {
    m_model.waitForSave();
    takeWritten();
    m_model.waitForRead(m_workspace.vault());
}

void TemplatesView::draw() {
    takeWritten();
    update();
    const bool editing = m_mode != Mode::Viewing;
    if (editing && ui::pressedCtrl('S') && !m_model.saving()) {
        save();
    }
    const float scale = ui::unit();
    drawList(std::min(300.0f * scale, ImGui::GetContentRegionAvail().x * 0.3f));
    ImGui::SameLine();
    ImGui::BeginChild("template-pane", {0, 0}, false);
    if (m_mode == Mode::Viewing) {
        drawViewer();
    } else {
        drawEditor();
    }
    ImGui::EndChild();
}

void TemplatesView::drawList(float width) {
    const auto colours = ui::palette();
    ImGui::BeginChild("templates-list", {width, 0}, true);
    // While an edit is open the list stays put, so that a click elsewhere cannot discard it.
    ImGui::BeginDisabled(m_mode != Mode::Viewing);
    if (ImGui::Button("New template", {-FLT_MIN, 0})) {
        beginNew();
    }
    ui::markItem("templates-new");
    ImGui::Spacing();
    const float line = ImGui::GetTextLineHeight();
    const float rowHeight = line * 2.0f + ImGui::GetStyle().ItemSpacing.y;
    ImFont* small = ui::font(&ui::Fonts::small);
    for (const auto& entry : m_model.families()) {
        const ui::ScopedId nameScope{entry.name.c_str()};
        const auto& newest = entry.newest();
        if (ImGui::Selectable("##template", entry.name == m_selectedName, 0, {0, rowHeight})) {
            m_selectedName = entry.name;
            m_viewVersion = 0;
        }
        ui::markItem("template-" + entry.name);
        const ImVec2 min = ImGui::GetItemRectMin();
        const ImVec2 max = ImGui::GetItemRectMax();
        auto* list = ImGui::GetWindowDrawList();
        const float textWidth = max.x - min.x - 12.0f;
        ui::drawFitted(list, {min.x + 6.0f, min.y + 2.0f}, textWidth, ImGui::ColorConvertFloat4ToU32(colours.text),
                       newest.label);
        const std::string detail = entry.name + "  \xC2\xB7  version " + std::to_string(newest.version);
        ui::drawFitted(list, {min.x + 6.0f, min.y + line + 4.0f}, textWidth,
                       ImGui::ColorConvertFloat4ToU32(colours.mutedText), detail, small);
    }
    ImGui::EndDisabled();
    if (m_model.families().empty()) {
        mutedWrapped("No templates yet.", width);
    }
    ImGui::EndChild();
}

void TemplatesView::drawViewer() {
    const auto* tmpl = viewed();
    const auto* selected = m_model.family(m_selectedName);
    if (tmpl == nullptr || selected == nullptr) {
        mutedWrapped("Choose a template on the left, or make a new one.", ImGui::GetContentRegionAvail().x);
        return;
    }
    const auto colours = ui::palette();
    const float scale = ui::unit();
    const float width = std::min(ImGui::GetContentRegionAvail().x - 8.0f, 900.0f * scale);
    const int newest = selected->newest().version;
    heading(tmpl->label.c_str());
    const std::string where = tmpl->name + "  \xC2\xB7  version " + std::to_string(tmpl->version);
    {
        const ui::ScopedTextWrap wrap{ImGui::GetCursorPosX() + width};
        if (tmpl->version == newest) {
            ImGui::TextColored(colours.mutedText, "%s, used for new notes", where.c_str());
        } else {
            ImGui::TextColored(colours.warning, "%s of %d: an older version, kept for the notes written with it",
                               where.c_str(), newest);
        }
    }
    if (!tmpl->description.empty()) {
        const ui::ScopedTextWrap wrap{ImGui::GetCursorPosX() + width};
        ImGui::TextUnformatted(tmpl->description.c_str());
    }
    ImGui::Spacing();

    if (selected->versions.size() > 1) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted("Version");
        ImGui::SameLine();
        ImGui::SetNextItemWidth(220.0f * scale);
        const auto title = [newest](int version) {
            return "Version " + std::to_string(version) + (version == newest ? " (newest)" : "");
        };
        if (ImGui::BeginCombo("##version", title(tmpl->version).c_str())) {
            for (auto it = selected->versions.rbegin(); it != selected->versions.rend(); ++it) {
                const ui::ScopedId versionScope{it->version};
                if (ImGui::Selectable(title(it->version).c_str(), it->version == tmpl->version)) {
                    m_viewVersion = it->version == newest ? 0 : it->version;
                }
                ui::markItem("template-version-" + std::to_string(it->version));
            }
            ImGui::EndCombo();
        }
        ui::markItem("template-version");
        ImGui::SameLine();
    }
    const char* action = tmpl->version == newest ? "Edit as a new version" : "Start a new version from this one";
    if (ImGui::Button(action)) {
        beginEdit(*tmpl);
    }
    ui::markItem("template-edit");
    mutedWrapped("Editing never changes a note already written: saving makes the next version, which new notes "
                 "use, and every note keeps the version it was written with.",
                 width);

    subheading("Sections");
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("sections", 3, flags, {width, 0})) {
        ImGui::TableSetupColumn("Section", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("Key", ImGuiTableColumnFlags_WidthStretch, 0.8f);
        ImGui::TableSetupColumn("Prompt", ImGuiTableColumnFlags_WidthStretch, 2.4f);
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < tmpl->sections.size(); ++i) {
            const auto& section = tmpl->sections[i];
            const ui::ScopedId iScope{static_cast<int>(i)};
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            {
                const ui::ScopedFont boldFont{ui::font(&ui::Fonts::bold)};
                ImGui::TextWrapped("%s", section.label.c_str());
            }
            ImGui::TableNextColumn();
            {
                const ui::ScopedColour textColour{ImGuiCol_Text, colours.mutedText};
                ImGui::TextWrapped("%s", section.key.c_str());
            }
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", section.prompt.c_str());
        }
        ImGui::EndTable();
    }
}

void TemplatesView::drawEditor() {
    const auto colours = ui::palette();
    const float scale = ui::unit();
    const float width = std::min(ImGui::GetContentRegionAvail().x - 8.0f, 980.0f * scale);
    const bool isNew = m_mode == Mode::NewTemplate;
    const auto* base = m_model.family(m_name);
    const int nextVersion = isNew || base == nullptr ? 1 : base->newest().version + 1;
    heading(isNew || base == nullptr ? "New template" : ("New version of " + base->newest().label).c_str());
    if (isNew) {
        mutedWrapped("Sections become the fields of a note, in this order, each with its prompt.", width);
    } else {
        mutedWrapped("Saving creates version " + std::to_string(nextVersion) +
                         " for new notes, starting from version " + std::to_string(m_baseVersion) +
                         ". Notes already written keep the version they were written with: their sections and "
                         "text do not change.",
                     width);
    }
    ImGui::Spacing();

    ImGui::TextUnformatted("Label");
    ImGui::SetNextItemWidth(width);
    if (m_focusLabel) {
        ImGui::SetKeyboardFocusHere();
        m_focusLabel = false;
    }
    if (ImGui::InputTextWithHint("##label", "e.g. Couples intake", &m_label) && isNew && !m_nameEdited) {
        m_name = CodebookView::slugFromLabel(m_label, '-');
    }
    ui::markItem("template-label");
    ImGui::TextUnformatted("Name");
    ImGui::SetNextItemWidth(width);
    if (isNew) {
        if (ImGui::InputTextWithHint("##name", "e.g. couples-intake", &m_name)) {
            m_nameEdited = true;
        }
        ui::markItem("template-name");
        mutedWrapped("The permanent name notes refer to. Lower-case letters, digits and hyphens.", width);
    } else {
        ImGui::BeginDisabled();
        ImGui::InputText("##name", &m_name, ImGuiInputTextFlags_ReadOnly);
        ImGui::EndDisabled();
        ui::markItem("template-name");
    }
    ImGui::TextUnformatted("Description");
    // Soft-wrapped as the note's fields are: what is typed is stored exactly, at any width.
    (void)ui::textArea("##description", m_description, {.minLines = 3, .width = width});
    ui::markItem("template-description");

    drawSectionsEditor(width);

    ImGui::Spacing();
    ImGui::Spacing();
    const std::string saveLabel = isNew ? "Create template" : "Save as version " + std::to_string(nextVersion);
    const bool saving = m_model.saving();
    ImGui::BeginDisabled(saving);
    if (ImGui::Button(saveLabel.c_str())) {
        save();
    }
    ui::markItem("template-save");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
        cancelEdit();
    }
    ui::markItem("template-cancel");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    {
        const ui::ScopedFont smallFont{ui::font(&ui::Fonts::small)};
        ImGui::TextColored(colours.mutedText, "%s", saving ? "Saving\xE2\x80\xA6" : "Ctrl+S saves");
    }
    if (!m_problems.empty()) {
        ImGui::Spacing();
        const ui::ScopedColour textColour{ImGuiCol_Text, colours.danger};
        const ui::ScopedTextWrap wrap{ImGui::GetCursorPosX() + width};
        for (std::size_t i = 0; i < m_problems.size(); ++i) {
            ImGui::TextUnformatted(m_problems[i].c_str());
            if (i == 0) {
                ui::markItem("template-error");
            }
        }
    }
}

void TemplatesView::drawSectionsEditor(float width) {
    subheading("Sections");
    std::optional<std::pair<std::size_t, std::size_t>> move; // applied after the loop
    std::optional<std::size_t> remove;
    const ImGuiTableFlags flags =
        ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
    const float arrows = ImGui::GetFrameHeight() * 2.0f + ImGui::GetStyle().ItemInnerSpacing.x;
    if (ImGui::BeginTable("section-editor", 5, flags, {width, 0})) {
        ImGui::TableSetupColumn("Order", ImGuiTableColumnFlags_WidthFixed, arrows);
        ImGui::TableSetupColumn("Label", ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn("Key", ImGuiTableColumnFlags_WidthStretch, 0.8f);
        ImGui::TableSetupColumn("Prompt", ImGuiTableColumnFlags_WidthStretch, 2.2f);
        ImGui::TableSetupColumn("##remove", ImGuiTableColumnFlags_WidthFixed,
                                ImGui::CalcTextSize("Remove").x + ImGui::GetStyle().FramePadding.x * 2.0f);
        ImGui::TableHeadersRow();
        const std::size_t count = m_sections.size();
        for (std::size_t i = 0; i < count; ++i) {
            auto& section = m_sections[i];
            const std::string probe = "section-" + std::to_string(i);
            const ui::ScopedId iScope{static_cast<int>(i)};
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::BeginDisabled(i == 0);
            if (ImGui::ArrowButton("up", ImGuiDir_Up)) {
                move = std::pair{i, i - 1};
            }
            ImGui::EndDisabled();
            ui::markItem(probe + "-up");
            ImGui::SameLine(0.0f, ImGui::GetStyle().ItemInnerSpacing.x);
            ImGui::BeginDisabled(i + 1 == count);
            if (ImGui::ArrowButton("down", ImGuiDir_Down)) {
                move = std::pair{i, i + 1};
            }
            ImGui::EndDisabled();
            ui::markItem(probe + "-down");

            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-FLT_MIN);
            if (m_focusSection == i) {
                ImGui::SetKeyboardFocusHere();
                m_focusSection.reset();
            }
            if (ImGui::InputTextWithHint("##label", "Label", &section.label) && !section.keyEdited) {
                section.key = CodebookView::slugFromLabel(section.label, '_');
            }
            ui::markItem(probe + "-label");
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-FLT_MIN);
            if (ImGui::InputTextWithHint("##key", "key", &section.key)) {
                section.keyEdited = true;
            }
            ui::markItem(probe + "-key");
            ImGui::TableNextColumn();
            ImGui::SetNextItemWidth(-FLT_MIN);
            ImGui::InputTextWithHint("##prompt", "A question that helps you write this section", &section.prompt);
            ui::markItem(probe + "-prompt");
            ImGui::TableNextColumn();
            ImGui::BeginDisabled(count == 1);
            if (ImGui::Button("Remove")) {
                remove = i;
            }
            ImGui::EndDisabled();
            ui::markItem(probe + "-remove");
        }
        ImGui::EndTable();
    }
    if (move) {
        std::swap(m_sections[move->first], m_sections[move->second]);
    } else if (remove) {
        m_sections.erase(m_sections.begin() + static_cast<std::ptrdiff_t>(*remove));
    }
    if (ImGui::Button("Add section")) {
        m_sections.push_back(SectionDraft{});
        m_focusSection = m_sections.size() - 1;
    }
    ui::markItem("section-add");
}

} // namespace tessera::app
