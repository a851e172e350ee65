// The text column of the note editor: the template's sections, the addenda of a signed note and
// the separate psychotherapy note. Part of NoteEditorView (see note_editor_view.hpp).

#include "views/note_editor_view.hpp"

#include "ui/probe.hpp"
#include "ui/style.hpp"
#include "ui/text_area.hpp"
#include "ui/widgets.hpp"
#include "viewmodels/display_text.hpp"
#include "ui/forms.hpp"

#include <imgui.h>

#include <utility>

namespace tessera::app {

text::TextEditor& NoteEditorView::fieldEditor(const std::string& key, const std::string& text) {
    // Created from the draft's text the first time the field is drawn for this note; from then
    // on the editor holds the text and the draft receives a copy after every change.
    return m_fields.try_emplace(key, text).first->second;
}

void NoteEditorView::drawText() {
    if (!m_spell.error().empty() && !isReadOnly()) {
        // A missing dictionary or a word that could not be stored: said once, above the text.
        ui::dangerWrapped(m_spell.error());
        ui::markItem("spell-error");
    }
    if (m_template) {
        for (std::size_t i = 0; i < m_template->sections.size(); ++i) {
            drawSection(m_template->sections[i], i);
        }
    } else {
        // The template is missing (it should not be): show the note's own sections by key.
        const auto sections = m_draft.session().sections;
        for (std::size_t i = 0; i < sections.size(); ++i) {
            drawSection({sections[i].key, sections[i].key, {}}, i);
        }
    }
    if (isReadOnly()) {
        drawAddenda();
    }
    drawPsychotherapyNote();
}

void NoteEditorView::drawSection(const core::TemplateSection& section, std::size_t position) {
    const ui::ScopedId id{section.key};
    ui::boldText(section.label);
    std::string& text = m_draft.sectionText(section.key, position);
    const std::string probe = "section-" + section.key;
    const bool reveal = revealIn("section:" + section.key, fieldEditor(probe, text));
    if (isReadOnly()) {
        // A signed note: selectable and copyable, shown wrapped from its stored text.
        if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
            ui::readOnlyText("copy", text);
        } else {
            ui::TextAreaOptions options{1, true};
            options.revealCaret = reveal;
            (void)ui::textArea("##text", fieldEditor(probe, text), options);
        }
        ui::markItem(probe);
        ImGui::Spacing();
        return;
    }
    if (!section.prompt.empty()) {
        const ui::ScopedFont small{ui::font(&ui::Fonts::small)};
        ui::mutedWrapped(section.prompt);
    }
    if (std::exchange(m_focusFirstSection, false)) {
        ImGui::SetKeyboardFocusHere();
    }
    auto& editor = fieldEditor(probe, text);
    if (spellCheckedArea(probe, "##text", editor, 3, reveal)) {
        text = editor.text(); // exactly what was typed: wrapping is only drawn
        edited();
    }
    ui::markItem(probe);
    if (ImGui::IsItemDeactivatedAfterEdit()) {
        m_saveRequested = true;
    }
    ImGui::Spacing();
}

void NoteEditorView::drawAddenda() {
    const auto& addenda = m_draft.session().addenda;
    ImGui::Spacing();
    ui::groupLabel("Addenda");
    if (addenda.empty() && !m_addingAddendum) {
        ui::mutedText("None. A signed note is amended with a dated addendum.");
    }
    for (std::size_t i = 0; i < addenda.size(); ++i) {
        const ui::ScopedId iScope{static_cast<int>(i)};
        {
            const ui::ScopedFont smallFont{ui::font(&ui::Fonts::small)};
            ui::mutedText(localDateTime(addenda[i].at));
        }
        ui::readOnlyText("copy", addenda[i].text);
        ui::markItem("addendum-" + std::to_string(i));
        ImGui::Spacing();
    }
    if (!m_addingAddendum) {
        if (ImGui::Button("Add addendum")) {
            (void)beginAddendum();
        }
        ui::markItem("addendum-add-below");
        ImGui::Spacing();
        return;
    }
    if (m_focusAddendum) {
        ImGui::SetScrollHereY(0.3f);
        ImGui::SetKeyboardFocusHere();
        m_focusAddendum = false;
    }
    (void)spellCheckedArea("addendum", "##addendum", m_addendum, 4);
    ui::markItem("addendum-text");
    if (!m_addendumError.empty()) {
        ui::dangerWrapped(m_addendumError);
        ui::markItem("addendum-error");
    }
    ImGui::BeginDisabled(committing());
    if (ImGui::Button(committing() ? "Saving\xE2\x80\xA6###save-addendum" : "Save addendum###save-addendum")) {
        saveAddendum();
    }
    ImGui::EndDisabled();
    ui::markItem("addendum-save");
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) {
        m_addingAddendum = false;
        m_addendumError.clear();
    }
    ui::markItem("addendum-cancel");
    ImGui::SameLine();
    ui::mutedText("Added with today's date and time; it cannot be changed afterwards.");
    ImGui::Spacing();
}

void NoteEditorView::drawPsychotherapyNote() {
    auto colours = ui::palette();
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    ui::boldText("Psychotherapy note");
    ImGui::SameLine();
    ui::mutedText("\xE2\x80\x94 kept separate, never in summaries or search");
    {
        const ui::ScopedFont smallFont{ui::font(&ui::Fonts::small)};
        ui::mutedWrapped("Your own process notes: hypotheses, countertransference, what to take to supervision.");
    }
    auto& note = m_draft.session().psychotherapyNote;
    // A tinted field, so it never reads as part of the progress note above.
    const ui::ScopedColour tint{ImGuiCol_FrameBg, colours.panel};
    if (isReadOnly()) {
        ui::readOnlyText("copy-psychotherapy", note);
    } else {
        auto& editor = fieldEditor("psychotherapy", note);
        if (spellCheckedArea("psychotherapy", "##psychotherapy", editor, 3)) {
            note = editor.text();
            edited();
        }
        if (ImGui::IsItemDeactivatedAfterEdit()) {
            m_saveRequested = true;
        }
    }
    ui::markItem("psychotherapy-note");
    ImGui::Spacing();
}

} // namespace tessera::app
