#include "views/note_editor_view.hpp"

#include "tessera/core/interchange.hpp"
#include "ui/probe.hpp"
#include "ui/settings.hpp"
#include "ui/shortcuts.hpp"
#include "ui/style.hpp"
#include "ui/workspace.hpp"
#include "viewmodels/display_text.hpp"
#include "ui/forms.hpp"
#include "ui/widgets.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace tessera::app {
namespace {

// "###" keeps the popup's ID the same whatever its title says.
constexpr const char* kSignPopup = "###sign-note";

bool blank(const std::string& text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
}

} // namespace

NoteEditorView::NoteEditorView(Workspace& workspace, const Settings& settings)
    : m_workspace(workspace), m_settings(settings), m_spell(workspace.vault()) {}

double NoteEditorView::now() const {
    return ImGui::GetCurrentContext() != nullptr ? ImGui::GetTime() : 0.0;
}

void NoteEditorView::edited() {
    m_draft.edited(now());
}

// ---- Following the workspace ------------------------------------------------------------------

void NoteEditorView::follow() {
    // Picking another client lets go of this client's note (after saving it).
    if (m_draft.isOpen() && m_workspace.openSession == m_draft.id() && m_workspace.selectedClient &&
        *m_workspace.selectedClient != m_draft.client()) {
        m_workspace.openSession.reset();
    }
    if (m_workspace.openSession != m_current) {
        // Another note was opened (here, from a heatmap cell, from a search hit): the one being
        // edited is saved first, then the new one is read.
        flushPendingEdits();
        open(m_workspace.openSession);
    }
    takeOpenedNote();
    if (referenceStale()) {
        // Something else changed the vault (a theme renamed or retired, a template added): the
        // labels and colours are read again on a worker, the draft itself is left alone.
        auto& vault = m_workspace.vault();
        const auto read = [&vault, session = m_draft.session(), client = m_draft.client()](
                              const ReferenceKey&, TaskControl&) { return readNoteReference(vault, session, client); };
        if (m_referenceRead.update(ReferenceKey{m_workspace.revision(), m_openSerial}, read)) {
            if (const auto* reference = m_referenceRead.snapshot()) {
                applyReference(*reference);
            } else {
                m_workspace.reportError(m_referenceRead.error().value_or(std::string{}));
            }
            m_referenceRevision = m_referenceRead.shownInputs()->revision; // a failure is reported once
        }
    }
}

void NoteEditorView::takeOpenedNote() {
    if (!m_opening) {
        return;
    }
    auto& vault = m_workspace.vault();
    const auto read = [&vault](const OpenKey& key, TaskControl&) { return readNote(vault, key.session, key.client); };
    if (!m_openRead.update(*m_opening, read)) {
        return;
    }
    m_opening.reset();
    const auto* opened = m_openRead.snapshot();
    if (opened == nullptr) {
        m_loadError = m_openRead.error().value_or(std::string{});
        return;
    }
    const auto& session = opened->session;
    const bool fresh = !session.isSigned() && session.observations.empty() && session.psychotherapyNote.empty() &&
                       std::all_of(session.sections.begin(), session.sections.end(),
                                   [](const core::SectionText& section) { return section.text.empty(); });
    m_draft.load(session, m_openRead.shownInputs()->client);
    m_focusFirstSection = fresh;
    m_holdFrames = 2; // this frame focuses the first field; it is active in the next
    m_referenceRevision = m_workspace.revision();
    applyReference(opened->reference);
    m_draft.offerStages(opened->previousLeaving, opened->previousSafety);
    m_hasWrappedLines = !isReadOnly() && !wrappedFields().empty();
}

void NoteEditorView::waitForNote() {
    while (m_opening && m_openRead.building()) {
        m_openRead.wait();
        takeOpenedNote();
    }
    // A read for a note since closed is never taken (the next one for this note replaces it).
    while (referenceStale() && m_referenceRead.building()) {
        m_referenceRead.wait();
        follow();
    }
}

bool NoteEditorView::referenceStale() const {
    return m_draft.isOpen() && m_workspace.revision() != m_referenceRevision && m_workspace.revision() != m_ownRevision;
}

void NoteEditorView::open(std::optional<core::SessionId> id) {
    m_current = id;
    m_draft.close();
    m_loadError.clear();
    m_selectedTheme.clear();
    m_notesShown.clear();
    m_focusNote.clear();
    m_addingAddendum = false;
    m_addendum.setText({});
    m_addendumError.clear();
    m_fields.clear();
    closeSpellFields();
    m_signError.clear();
    m_focusBalance.reset();
    m_focusFirstSection = false;
    m_panelToTop = true;
    if (!id) {
        return;
    }
    // Read on a worker (takeOpenedNote); until it arrives the editor says "Opening…".
    m_opening = OpenKey{*id, m_workspace.selectedClient.value_or(core::ClientId{}), ++m_openSerial};
    takeOpenedNote();
}

namespace {

// The matched words of a search hit in a field's text: as they stand, else without case.
std::optional<text::ByteRange> findMatch(std::string_view text, std::string_view words) {
    if (words.empty()) {
        return std::nullopt;
    }
    auto at = text.find(words);
    if (at == std::string_view::npos) {
        const auto folded = findFolded(text, words);
        if (!folded) {
            return std::nullopt;
        }
        at = *folded;
    }
    return text::ByteRange{at, at + words.size()};
}

} // namespace

void NoteEditorView::takeMatchToReveal() {
    auto& match = m_workspace.revealMatch;
    if (!match || match->session != m_draft.id()) {
        return;
    }
    constexpr std::string_view kQuote = "quote:";
    if (match->field.starts_with(kQuote)) {
        m_selectedTheme = match->field.substr(kQuote.size());
        m_scrollToTheme = true;
    } else {
        m_reveal = std::move(*match);
        // Twice: the first frame lays the note out, the second scrolls within its final height.
        m_revealFrames = 2;
    }
    match.reset();
}

bool NoteEditorView::revealIn(const std::string& field, text::TextEditor& editor) {
    if (!m_reveal || m_revealFrames <= 0 || m_reveal->field != field) {
        return false;
    }
    if (m_revealFrames-- == 2) {
        if (const auto found = findMatch(editor.text(), m_reveal->words)) {
            editor.setCaret(found->begin, false);
            editor.setCaret(found->end, true);
        }
    }
    if (m_revealFrames == 0) {
        m_reveal.reset();
    }
    return true;
}

void NoteEditorView::applyReference(const NoteReference& reference) {
    m_codebook = reference.codebook;
    m_template = reference.noteTemplate;
    m_templateLabel = reference.templateLabel;
    m_clientCode = reference.clientCode;
    rebuildThemeRows();
}

void NoteEditorView::rebuildThemeRows() {
    m_themeRows.clear();
    for (const auto category : core::kThemeCategories) {
        for (const auto& theme : m_codebook.themes()) {
            if (theme.category != category) {
                continue;
            }
            // Retired themes are not offered for new notes, but a note that already holds one
            // keeps showing it: its history must stay visible and editable.
            if (theme.retired && (!m_draft.isOpen() || m_draft.observation(theme.key) == nullptr)) {
                continue;
            }
            m_themeRows.push_back(
                {theme.key, theme.label, theme.description, theme.colour, theme.category, theme.retired});
        }
    }
}

std::vector<const NoteEditorView::ThemeRow*> NoteEditorView::visibleThemes() const {
    std::vector<const ThemeRow*> rows;
    for (const auto& row : m_themeRows) {
        // A signed note lists what was observed; a draft offers every theme.
        if (!isReadOnly() || m_draft.intensity(row.key) > 0 ||
            (m_draft.observation(row.key) != nullptr && !m_draft.observation(row.key)->quote.empty())) {
            rows.push_back(&row);
        }
    }
    return rows;
}

// ---- Saving and signing -----------------------------------------------------------------------

void NoteEditorView::flushPendingEdits() {
    waitForSave();
    if (m_draft.isOpen() && m_draft.hasUnsavedEdits()) {
        (void)save(false);
        waitForSave();
    }
}

void NoteEditorView::waitForSave() {
    // A finished save may start the next one (edits made while it ran), and a pending sign or
    // delete starts once the save has ended: wait for all of them.
    while (m_saveTask.isRunning() || committing()) {
        m_saveTask.wait();
        takeSaveOutcome();
        advanceCommit();
        m_commitTask.wait();
        takeCommitOutcome();
    }
}

bool NoteEditorView::saveNow() {
    if (!m_draft.isOpen()) {
        return false;
    }
    return save(true);
}

bool NoteEditorView::save(bool explicitRequest) {
    if (!m_draft.isOpen() || m_draft.isSigned()) {
        return true;
    }
    const bool retry = explicitRequest && m_draft.state() == NoteDraft::SaveState::Failed;
    if (!m_draft.hasUnsavedEdits() && !retry) {
        return true;
    }
    if (m_saveTask.isRunning()) {
        m_saveAgain = true; // saved again once the running save is done
        return true;
    }
    startSave();
    return true;
}

void NoteEditorView::startSave() {
    auto snapshot = m_draft.forSaving();
    m_savingSession = m_draft.id();
    m_savingGeneration = m_draft.generation();
    m_draft.markSaving();
    auto& vault = m_workspace.vault();
    // Right after unlocking, saveDraft waits for the vault's page check: on the worker.
    (void)m_saveTask.start([&vault, snapshot = std::move(snapshot)](TaskControl&) {
        vault.saveDraft(snapshot);
        return vault.revision();
    });
}

void NoteEditorView::takeSaveOutcome() {
    auto outcome = m_saveTask.poll();
    if (!outcome) {
        return;
    }
    const bool same = m_draft.isOpen() && m_draft.id() == m_savingSession;
    if (outcome->succeeded()) {
        // Our own change: other views rebuild, this editor keeps its draft as it is.
        m_ownRevision = *outcome->value;
        if (same) {
            m_draft.markSaved(localClockNow(), m_savingGeneration);
        }
    } else if (same) {
        // The text stays in the editor; the next edit (or Ctrl+S) tries again.
        m_draft.markFailed(outcome->error, m_savingGeneration);
    } else {
        m_workspace.reportError("A note could not be saved: " + outcome->error);
    }
    if (std::exchange(m_saveAgain, false) && same && m_draft.hasUnsavedEdits()) {
        startSave();
    }
}

std::string NoteEditorView::statusText() const {
    if (!m_draft.isOpen()) {
        return {};
    }
    if (m_draft.isSigned()) {
        return "Signed " + localDateTime(*m_draft.session().signedAt);
    }
    switch (m_draft.state()) {
    case NoteDraft::SaveState::Saving: return "Saving\xE2\x80\xA6";
    case NoteDraft::SaveState::Failed: return "Not saved";
    case NoteDraft::SaveState::Unsaved: return "Unsaved changes";
    case NoteDraft::SaveState::Saved: return "Saved " + m_draft.savedClock();
    case NoteDraft::SaveState::Clean: break;
    }
    return "Up to date";
}

bool NoteEditorView::requestSign() {
    if (!m_draft.isOpen() || m_draft.isSigned()) {
        return false;
    }
    m_signRequested = true;
    m_signError.clear();
    return true;
}

bool NoteEditorView::beginAddendum() {
    if (!isReadOnly()) {
        return false;
    }
    m_addingAddendum = true;
    m_focusAddendum = true;
    m_addendumError.clear();
    return true;
}

void NoteEditorView::sign() {
    if (committing()) {
        return;
    }
    // Signing waits for the save it depends on (started now if edits are unsaved), on the worker.
    m_signError.clear();
    (void)save(true);
    m_pendingCommit = Commit::Sign;
    advanceCommit();
}

void NoteEditorView::saveAddendum() {
    m_addendumError.clear();
    if (blank(m_addendum.text())) {
        m_addendumError = "Write the addendum first.";
        return;
    }
    if (committing()) {
        return;
    }
    auto& vault = m_workspace.vault();
    m_committing = Commit::Addendum;
    m_commitSession = m_draft.id();
    (void)m_commitTask.start([&vault, id = m_draft.id(),
                              addendum = core::Addendum{core::Timestamp::now(), m_addendum.text()}](TaskControl&) {
        vault.addAddendum(id, addendum);
        return std::optional{vault.session(id)};
    });
}

void NoteEditorView::advanceCommit() {
    if (m_pendingCommit == Commit::None || m_saveTask.isRunning() || m_commitTask.isRunning()) {
        return;
    }
    const auto kind = std::exchange(m_pendingCommit, Commit::None);
    if (!m_draft.isOpen()) {
        return;
    }
    if (kind == Commit::Sign && m_draft.state() == NoteDraft::SaveState::Failed) {
        m_signError = "The note could not be saved, so it was not signed: " + m_draft.error();
        return;
    }
    auto& vault = m_workspace.vault();
    m_committing = kind;
    m_commitSession = m_draft.id();
    if (kind == Commit::Sign) {
        (void)m_commitTask.start([&vault, id = m_draft.id()](TaskControl&) {
            vault.signSession(id, core::Timestamp::now());
            return std::optional{vault.session(id)};
        });
    } else {
        (void)m_commitTask.start([&vault, id = m_draft.id()](TaskControl&) {
            vault.deleteDraft(id);
            return std::optional<core::Session>{};
        });
    }
}

void NoteEditorView::takeCommitOutcome() {
    auto outcome = m_commitTask.poll();
    if (!outcome) {
        return;
    }
    const auto kind = std::exchange(m_committing, Commit::None);
    const bool same = m_draft.isOpen() && m_draft.id() == m_commitSession;
    if (!outcome->succeeded()) {
        (kind == Commit::Sign       ? m_signError
         : kind == Commit::Addendum ? m_addendumError
                                    : m_deleteError) = outcome->error;
        return;
    }
    if (kind == Commit::Delete) {
        if (same) {
            m_draft.close(); // nothing left to save
            m_current.reset();
            m_workspace.openSession.reset();
        }
        m_workspace.inform("Draft deleted.");
        return;
    }
    if (same && outcome->value && *outcome->value) {
        m_draft.load(std::move(**outcome->value), m_draft.client());
    }
    if (kind == Commit::Sign) {
        rebuildThemeRows();
        m_signOpen = false;
        m_workspace.inform("Note signed. It can no longer be edited; add an addendum to amend it.");
    } else {
        m_addendum.setText({});
        m_addingAddendum = false;
        m_workspace.inform("Addendum added.");
    }
}

// ---- Drawing ------------------------------------------------------------------------------

void NoteEditorView::draw() {
    if (m_holdFrames > 0 && !opening()) {
        --m_holdFrames;
    }
    // Leaving the Notes tab (a menu, Ctrl+T, Ctrl+F) is a focus change: save before going.
    if (m_workspace.tab != MainTab::Notes) {
        flushPendingEdits();
    }
    takeCommitOutcome(); // before drawing: a finished delete closes the note
    follow();
    updateSpellCheck();
    if (!m_draft.isOpen()) {
        drawEmpty();
        return;
    }
    takeMatchToReveal();
    // Widget IDs include the session, so a field being typed in never carries its text over
    // into the next note.
    {
        const ui::ScopedId valueScope{static_cast<int>(m_draft.id().value)};
        handleShortcuts();
        drawHeader();

        const float spacing = ImGui::GetStyle().ItemSpacing.x;
        const float available = ImGui::GetContentRegionAvail().x;
        const float em = ImGui::GetFontSize();
        // The panel never pushes the text column below 12 em, nor itself past the window's edge (at
        // 1024 px, every intensity button stays in view).
        const float minText = em * 12.0f;
        const float panel = std::min(std::clamp(available * 0.44f, em * 19.0f, em * 26.0f),
                                     std::max(em * 12.0f, available - minText - spacing));
        // Always a scrollbar: the width, and so where long lines wrap, stays the same frame to frame.
        ImGui::BeginChild("note-text", {std::max(minText, available - panel - spacing), 0}, false,
                          ImGuiWindowFlags_AlwaysVerticalScrollbar);
        drawText();
        ImGui::EndChild();
        ImGui::SameLine();
        drawPanel();
        drawSignModal();
        drawDateDialog();
        drawDeleteDialog();
        drawJoinDialog();
    }

    // Autosave: a few seconds after the last edit, or now when focus moved on (a field was left,
    // an intensity clicked, a row added).
    const double delay = std::max(1, m_settings.autosaveSeconds);
    takeSaveOutcome();
    advanceCommit();
    if (std::exchange(m_saveRequested, false) || m_draft.autosaveDue(now(), delay)) {
        (void)save(false);
    }
}

void NoteEditorView::drawEmpty() {
    ImGui::Dummy({0, ImGui::GetFontSize() * 2.0f});
    if (!m_loadError.empty()) {
        ui::dangerWrapped("This note could not be opened: " + m_loadError);
        ui::markItem("editor-load-error");
        return;
    }
    if (m_opening) {
        ui::mutedText("Opening\xE2\x80\xA6");
        ui::markItem("editor-opening");
        return;
    }
    if (!m_workspace.selectedClient) {
        ui::mutedWrapped("Choose a client on the left, then a session, to write or read a note.");
    } else {
        ui::mutedWrapped("Open a session from the list, or start a new one with New session (Ctrl+N).");
    }
}

void NoteEditorView::handleShortcuts() {
    if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) {
        return; // a dialog (or an open combo) has the keyboard
    }
    const auto& io = ImGui::GetIO();
    const bool signKey = io.KeyCtrl && !io.KeyAlt &&
                         (ui::pressedKey(ImGuiKey_Enter, false) || ui::pressedKey(ImGuiKey_KeyPadEnter, false) ||
                          (io.KeyShift && ImGui::IsKeyPressed('S', false)));
    if (signKey) {
        (void)requestSign();
    } else if (ui::pressedCtrl('S') && !io.KeyShift) {
        (void)saveNow(); // the status line says "Saved 14:05"; a notice would only add noise
    } else if (ui::pressedCtrlShift('G')) {
        bool accepted = false;
        for (const auto target : core::kStageTargets) {
            accepted = m_draft.acceptSuggestedStage(target, now()) || accepted;
        }
        m_saveRequested = m_saveRequested || accepted;
    }
}

void NoteEditorView::drawHeader() {
    const auto colours = ui::palette();
    const auto& session = m_draft.session();
    const auto& style = ImGui::GetStyle();

    // Right-hand actions first measured, so the title can be cut to the room left.
    const char* action = isReadOnly() ? "Add addendum" : "Sign note\xE2\x80\xA6";
    const float actionWidth = ImGui::CalcTextSize(action).x + style.FramePadding.x * 2.0f;
    const float helpWidth = ImGui::GetFrameHeight();
    const float right = ImGui::GetContentRegionMax().x;

    const float top = ImGui::GetCursorPosY();
    {
        const ui::ScopedFont headingFont{ui::font(&ui::Fonts::heading)};
        const std::string title = (m_clientCode.empty() ? std::string{} : m_clientCode + "  \xC2\xB7  ") +
                                  longDate(session.date) +
                                  (session.time ? ", " + session.time->toString() : std::string{});
        ImGui::TextUnformatted(ui::fitText(title, right - actionWidth - helpWidth - style.ItemSpacing.x * 3.0f,
                                           ImGui::GetFont(), ImGui::GetFontSize())
                                   .c_str());
    }
    ui::markItem("editor-title");

    ImGui::SameLine(right - actionWidth - helpWidth - style.ItemSpacing.x);
    ImGui::SetCursorPosY(top);
    if (ImGui::Button(action)) {
        if (isReadOnly()) {
            (void)beginAddendum();
        } else {
            (void)requestSign();
        }
    }
    ui::markItem(isReadOnly() ? "addendum-add" : "sign");
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("%s", isReadOnly() ? "Amend this signed note with a dated addendum"
                                             : "Sign and lock this note (Ctrl+Enter)");
    }
    ImGui::SameLine();
    ImGui::SetCursorPosY(top);
    drawHelp();

    // Second line: template, status, and how saving is going. Quiet unless something is wrong.
    {
        const ui::ScopedFont smallFont{ui::font(&ui::Fonts::small)};
        ui::mutedText(m_templateLabel);
        ImGui::SameLine();
        ui::mutedText("\xC2\xB7");
        ImGui::SameLine();
        if (isReadOnly()) {
            ImGui::TextColored(colours.success, "\xE2\x9C\x93 %s", statusText().c_str());
        } else {
            ImGui::TextColored(colours.warning, "Draft");
            ImGui::SameLine();
            ui::mutedText("\xC2\xB7");
            ImGui::SameLine();
            const auto state = m_draft.state();
            const std::string status = statusText();
            if (state == NoteDraft::SaveState::Failed) {
                ImGui::TextColored(colours.danger, "%s", status.c_str());
            } else {
                ui::mutedText(status);
            }
        }
        ui::markItem("save-status");
    }
    if (!isReadOnly()) {
        drawDraftActions();
        drawJoinOffer();
    }
    if (m_draft.state() == NoteDraft::SaveState::Failed && !isReadOnly()) {
        ui::dangerWrapped("Not saved: " + m_draft.error() +
                          " Your text is still here; it is saved with your next change, or press Ctrl+S.");
        ui::markItem("save-error");
    }
    ImGui::Separator();
    ImGui::Spacing();
}

void NoteEditorView::drawHelp() {
    ImGui::Button("?", {ImGui::GetFrameHeight(), 0});
    ui::markItem("editor-help");
    if (!ImGui::IsItemHovered()) {
        return;
    }
    ImGui::BeginTooltip();
    ui::boldText("Keyboard");
    constexpr std::array<std::array<const char*, 2>, 9> kKeys{{
        {"Ctrl+S", "Save now (drafts also save by themselves)"},
        {"Ctrl+Enter", "Sign the note (asks first)"},
        {"Ctrl+N", "New session for this client"},
        {"\xE2\x86\x91 / \xE2\x86\x93", "Previous / next theme (click a theme first)"},
        {"0 \xE2\x80\x93 3", "Intensity of the selected theme"},
        {"Ctrl+E", "Notes"},
        {"Ctrl+T", "Themes over time"},
        {"Ctrl+F", "Search"},
        {"Ctrl+L", "Lock"},
    }};
    if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_SizingFixedFit)) {
        for (const auto& [key, what] : kKeys) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(key);
            ImGui::TableNextColumn();
            ui::mutedText(what);
        }
        ImGui::EndTable();
    }
    ui::mutedText("Intensity: 0 absent, 1 mentioned, 2 clearly present, 3 central.");
    ImGui::EndTooltip();
}

void NoteEditorView::drawSignModal() {
    if (m_signRequested) {
        ImGui::OpenPopup(kSignPopup);
        m_signRequested = false;
        m_signOpen = true;
    }
    if (!ui::beginDialog((std::string{"Sign this note?"} + kSignPopup).c_str(), 26.0f)) {
        m_signOpen = false;
        return;
    }
    const std::string what = "The note of " + longDate(m_draft.session().date) +
                             (m_clientCode.empty() ? std::string{} : " for " + m_clientCode) + ".";
    ImGui::TextUnformatted(what.c_str());
    ImGui::Spacing();
    {
        const ui::ScopedTextWrap wrap;
        ImGui::TextUnformatted("A signed note can never be edited; you can add addenda.");
    }
    if (!m_signError.empty()) {
        ImGui::Spacing();
        ui::dangerWrapped(m_signError);
        ui::markItem("sign-error");
    }
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    const bool appearing = ImGui::IsWindowAppearing();
    const auto& io = ImGui::GetIO();
    // Enter confirms, but not the Enter of the Ctrl+Enter that opened this dialog.
    const bool enter = !appearing && !io.KeyCtrl &&
                       (ui::pressedKey(ImGuiKey_Enter, false) || ui::pressedKey(ImGuiKey_KeyPadEnter, false));
    ImGui::BeginDisabled(committing());
    const bool confirm =
        (ImGui::Button(committing() ? "Signing\xE2\x80\xA6###sign-button" : "Sign note###sign-button") || enter) &&
        !committing();
    ImGui::EndDisabled();
    ui::markItem("sign-confirm");
    ImGui::SameLine();
    const bool cancel = ImGui::Button("Cancel") || ui::pressedKey(ImGuiKey_Escape, false);
    ui::markItem("sign-cancel");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ui::mutedText("Enter signs, Esc cancels");
    if (confirm) {
        sign();
    } else if (cancel) {
        m_signOpen = false;
    }
    if (!m_signOpen) {
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

} // namespace tessera::app
