// Spell checking in the note editor's text fields: underlines from the spell check's newest result
// and the menu of a misspelled word (suggestions, Add to dictionary, Ignore). Part of
// NoteEditorView (see note_editor_view.hpp); the checking itself runs on SpellCheckModel's workers.

#include "views/note_editor_view.hpp"

#include "ui/probe.hpp"
#include "ui/settings.hpp"
#include "ui/text_area.hpp"
#include "ui/workspace.hpp"
#include "ui/forms.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

namespace tessera::app {

void NoteEditorView::updateSpellCheck() {
    // Nothing to check without a note: the dictionaries are loaded (and the accepted words read)
    // when the first note opens, not at unlocking; work already running is taken then.
    if (!m_draft.isOpen()) {
        return;
    }
    m_spell.update(m_settings.spellCheck, m_settings.spellLanguage, m_draft.client(), m_workspace.revision());
}

void NoteEditorView::closeSpellFields() {
    m_spell.clearFields();
    m_spellMenu.reset();
}

std::optional<std::string> NoteEditorView::spellMenuWord() const {
    return m_spellMenu ? std::optional{m_spellMenu->word} : std::nullopt;
}

bool NoteEditorView::spellCheckedArea(const std::string& key, const char* id, text::TextEditor& editor, int minLines,
                                      bool revealCaret) {
    ui::TextAreaOptions options{minLines, false};
    options.revealCaret = revealCaret;
    std::optional<text::ByteRange> request;
    if (m_spell.enabled()) {
        options.misspelled = [this, &key](const text::TextEditor& field) -> const std::vector<text::ByteRange>& {
            return m_spell.misspelled(key, field.text(), field.revision());
        };
        options.spellMenu = &request;
    }
    if (m_spellRefocus == key) {
        ImGui::SetKeyboardFocusHere(); // the menu closed: typing goes on in its field
        m_spellRefocus.reset();
    }
    bool changed = ui::textArea(id, editor, options);
    if (request && request->end <= editor.text().size()) {
        m_spellMenu = SpellMenu{key, *request, editor.text().substr(request->begin, request->end - request->begin),
                                editor.revision()};
        m_spell.requestSuggestions(m_spellMenu->word);
        ImGui::OpenPopup("spell-menu");
    }
    if (m_spellMenu && m_spellMenu->field == key) {
        changed = drawSpellMenu(editor) || changed;
    }
    return changed;
}

bool NoteEditorView::drawSpellMenu(text::TextEditor& editor) {
    if (!ImGui::BeginPopup("spell-menu")) {
        // Closed with Escape: the keyboard goes back to the field. A click elsewhere went where
        // it was meant to.
        const auto& io = ImGui::GetIO();
        if (!io.MouseClicked[0] && !io.MouseClicked[1]) {
            m_spellRefocus = m_spellMenu->field;
        }
        m_spellMenu.reset();
        return false;
    }
    bool changed = false;
    const SpellMenu menu = *m_spellMenu;
    const auto close = [&] {
        ImGui::CloseCurrentPopup();
        m_spellRefocus = menu.field; // typing goes on in the field
        m_spellMenu.reset();
    };
    if (editor.revision() != menu.revision) {
        close(); // the text changed under the menu: its word may be elsewhere now
    } else {
        const auto* suggestions = m_spell.suggestions(menu.word);
        if ((suggestions != nullptr) != m_spellMenu->hasSuggestions) {
            m_spellMenu->hasSuggestions = suggestions != nullptr;
            m_spellMenu->framesSinceChange = 0;
        } else {
            ++m_spellMenu->framesSinceChange;
        }
        if (suggestions == nullptr) {
            ui::mutedText("Finding suggestions\xE2\x80\xA6");
        } else if (suggestions->empty()) {
            ui::mutedText("No suggestions");
        }
        for (std::size_t i = 0; suggestions != nullptr && i < suggestions->size(); ++i) {
            const ui::ScopedId iScope{static_cast<int>(i)};
            if (ImGui::Selectable((*suggestions)[i].c_str())) {
                // One undo step: the word is selected and replaced as a paste is.
                editor.setCaret(menu.range.begin, false);
                editor.setCaret(menu.range.end, true);
                changed = editor.paste((*suggestions)[i]);
                close();
            }
            ui::markItem("spell-suggestion-" + std::to_string(i));
        }
        ImGui::Separator();
        if (ImGui::Selectable("Add to dictionary")) {
            m_spell.addToDictionary(menu.word);
            close();
        }
        ui::markItem("spell-add");
        if (ImGui::Selectable("Ignore")) {
            m_spell.ignore(menu.word);
            close();
        }
        ui::markItem("spell-ignore");
    }
    ImGui::EndPopup();
    return changed;
}

} // namespace tessera::app
