#pragma once

#include "tessera/core/codebook.hpp"
#include "tessera/core/model.hpp"
#include "tessera/text/text_editor.hpp"
#include "ui/workspace.hpp"
#include "viewmodels/background_build.hpp"
#include "viewmodels/task.hpp"
#include "viewmodels/note_draft.hpp"
#include "viewmodels/spell_model.hpp"
#include "viewmodels/task.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace tessera::app {

struct Settings;

// The editor pane of the Notes tab: the open note's template sections, the observation panel
// (every theme of the codebook by category, intensity 0-3, quote and note), stage of change,
// decisional balance and the separate psychotherapy note. Drafts save themselves a few seconds
// after the last keystroke and whenever focus moves on; a signed note is read-only and takes
// addenda. The draft is the view's own copy of the session (NoteDraft): it is never reloaded
// from the vault while it has edits, so autosaves and rebuilds elsewhere cannot touch the text.
// Each text field has its own text::TextEditor (caret, selection, undo) for as long as the note
// is open; wrapping is display only. Saves run on a worker (Task): the frame never waits for SQL
// or for the vault's page check after unlocking.
class NoteEditorView {
public:
    NoteEditorView(Workspace& workspace, const Settings& settings);
    void draw();
    // Saves the draft now if it has unsaved changes, and waits for it (lock, quit, switching notes).
    void flushPendingEdits();
    // Waits for a save running on the worker and takes its outcome (tests, benchmarks).
    void waitForSave();
    // Blocks until a note being opened (or its reference data being read again) has arrived,
    // and takes it (tests, automation).
    void waitForNote();
    // True while a note being opened is read on a worker.
    [[nodiscard]] bool opening() const { return m_opening.has_value(); }
    // opening(), and the frames right after a note arrived, while its first field takes focus.
    [[nodiscard]] bool holdsInput() const { return opening() || m_holdFrames > 0; }

    // Saves now (Ctrl+S), on the worker: the status line says "Saving…", then "Saved 14:05" or
    // the error. False when there was nothing to save it to (no draft open).
    bool saveNow();
    // Opens the sign confirmation (Ctrl+Enter). False when no draft is open.
    bool requestSign();
    // Opens the addendum composer of a signed note. False when no signed note is open.
    bool beginAddendum();

    [[nodiscard]] const NoteDraft& draft() const { return m_draft; }
    // The editing model of a field of the open note ("section-<key>", "psychotherapy"), once drawn.
    [[nodiscard]] const text::TextEditor* field(const std::string& key) const {
        const auto it = m_fields.find(key);
        return it == m_fields.end() ? nullptr : &it->second;
    }
    [[nodiscard]] bool isReadOnly() const { return m_draft.isOpen() && m_draft.isSigned(); }
    // "Saved 14:05", "Unsaved changes", "Not saved", "Signed 3 Mar 2026, 14:05"...
    [[nodiscard]] std::string statusText() const;
    [[nodiscard]] const std::string& selectedTheme() const { return m_selectedTheme; }
    [[nodiscard]] bool signConfirmationOpen() const { return m_signOpen; }
    // The spell check of the note's fields (tests wait for its workers through it).
    [[nodiscard]] SpellCheckModel& spellCheck() { return m_spell; }
    // The word whose spelling menu is open, if any.
    [[nodiscard]] std::optional<std::string> spellMenuWord() const;
    // True while the spell check works for an open note, or its menu has just opened or just
    // received its suggestions (an auto-sized popup takes a few frames to reach its size): the
    // platform keeps drawing meanwhile, then waits for events again.
    [[nodiscard]] bool spellActive() const {
        return (m_spellMenu && m_spellMenu->framesSinceChange < kSpellMenuSettleFrames) ||
               (m_draft.isOpen() && m_spell.busy());
    }

private:
    struct ThemeRow {
        std::string key;
        std::string label;
        std::string description;
        std::string colour;
        core::ThemeCategory category = core::ThemeCategory::SelfPerception;
        bool retired = false;
    };

    // ---- State (note_editor_view.cpp)
    void follow();
    void open(std::optional<core::SessionId> id);
    // A search hit opened here (Workspace::revealMatch): its field is scrolled into view with
    // the matched words selected; a quote's theme is chosen in the panel.
    void takeMatchToReveal();
    // Selects the match in `editor` when it is the field of the hit; true while it is to be
    // scrolled into view (ui::TextAreaOptions::revealCaret).
    bool revealIn(const std::string& field, text::TextEditor& editor);
    void takeOpenedNote();
    // True while the note's labels and colours are older than the vault (not by its own save).
    [[nodiscard]] bool referenceStale() const;
    void applyReference(const NoteReference& reference);
    void rebuildThemeRows();
    bool save(bool explicitRequest);
    void startSave();
    void takeSaveOutcome();
    [[nodiscard]] text::TextEditor& fieldEditor(const std::string& key, const std::string& text);
    void sign();
    void saveAddendum();
    // Starts a pending sign or delete once the draft's save has ended; takes a finished commit.
    void advanceCommit();
    void takeCommitOutcome();
    [[nodiscard]] bool committing() const { return m_pendingCommit != Commit::None || m_commitTask.isRunning(); }
    void edited();
    [[nodiscard]] double now() const;
    [[nodiscard]] std::vector<const ThemeRow*> visibleThemes() const;

    // ---- Drawing the note (note_editor_view.cpp)
    void handleShortcuts();
    void drawEmpty();
    void drawHeader();
    void drawHelp();
    void drawText();
    void drawSection(const core::TemplateSection& section, std::size_t position);
    void drawAddenda();
    void drawPsychotherapyNote();
    void drawSignModal();

    // ---- Dialogs of a draft (note_editor_dialogs.cpp)
    void drawDraftActions();
    void drawDateDialog();
    void drawCalendar();
    void applyDate();
    void drawDeleteDialog();
    void deleteDraft();
    // "Join wrapped lines" for drafts of earlier versions (note_editor_dialogs.cpp).
    struct WrappedField {
        std::string key; // as in m_fields
        std::string label;
        std::string before;
        std::string after;
    };
    [[nodiscard]] std::vector<WrappedField> wrappedFields() const;
    void drawJoinOffer();
    void drawJoinDialog();
    void joinWrappedLines();

    // ---- Spell checking of the text fields (note_editor_spell.cpp)
    void updateSpellCheck();
    void closeSpellFields();
    // ui::textArea with the field's misspellings underlined and its spelling menu. `key` names
    // the field in the spell check's cache. True when the text changed (typing or a correction).
    // `revealCaret`: scroll the caret into view (a search result opened at its match).
    bool spellCheckedArea(const std::string& key, const char* id, text::TextEditor& editor, int minLines,
                          bool revealCaret = false);
    bool drawSpellMenu(text::TextEditor& editor);

    // ---- Drawing the observation panel (note_editor_panel.cpp)
    void drawPanel();
    void handlePanelKeys();
    void drawThemeRow(const ThemeRow& row);
    void drawStages();
    void drawBalance();
    void drawBalanceSide(core::BalanceSide side);

    Workspace& m_workspace;
    const Settings& m_settings;
    NoteDraft m_draft;
    std::optional<core::SessionId> m_current; // what openSession was when last followed

    // Reference data of the open note, read when a note opens or the vault changes (not when the
    // change was this editor's own save).
    core::Codebook m_codebook;
    std::optional<core::NoteTemplate> m_template;
    std::string m_templateLabel;
    std::string m_clientCode;
    std::vector<ThemeRow> m_themeRows; // category order, then codebook order
    std::uint64_t m_referenceRevision = 0;
    std::uint64_t m_ownRevision = 0;
    std::string m_loadError;

    // UI-only state.
    std::optional<Workspace::NoteMatch> m_reveal;
    int m_revealFrames = 0;
    std::string m_selectedTheme;
    bool m_scrollToTheme = false;
    bool m_panelToTop = false;          // each note's panel starts at the top
    std::set<std::string> m_notesShown; // themes whose note field was opened with "+ note"
    std::string m_focusNote;
    bool m_focusFirstSection = false; // a fresh, empty draft: the caret waits in its first section
    bool m_saveRequested = false;
    std::optional<std::size_t> m_focusBalance;
    bool m_signRequested = false;
    bool m_signOpen = false;
    std::string m_signError;
    // Change the date of a draft: the typed text, the month the calendar shows, an inline error.
    bool m_dateRequested = false;
    std::string m_dateText;
    std::string m_timeText; // "" when the session has no time of day
    int m_calendarYear = 2026;
    unsigned m_calendarMonth = 1;
    std::string m_dateError;
    bool m_deleteRequested = false;
    bool m_hasWrappedLines = false; // read when the note opens
    bool m_joinRequested = false;
    std::vector<WrappedField> m_joinPreview;
    std::string m_deleteError;
    bool m_addingAddendum = false;
    bool m_focusAddendum = false;
    text::TextEditor m_addendum;
    std::string m_addendumError;

    // One editing model per text field of the open note, by field key ("section-<key>",
    // "psychotherapy"): caret, selection and undo survive autosaves and last until another note
    // opens.
    std::map<std::string, text::TextEditor> m_fields;

    // Spell checking: its work runs on the model's workers. The menu of a misspelled word belongs
    // to one field and one revision of its text (an edit since closes it).
    SpellCheckModel m_spell;
    struct SpellMenu {
        std::string field;
        text::ByteRange range;
        std::string word;
        std::uint64_t revision = 0;
        bool hasSuggestions = false; // what the last frame drew
        int framesSinceChange = 0;   // frames drawn since the menu's contents last changed
    };
    static constexpr int kSpellMenuSettleFrames = 3;
    std::optional<SpellMenu> m_spellMenu;
    std::optional<std::string> m_spellRefocus; // the field that takes the keyboard back

    // The save running on the worker: which note and which edit generation it writes. Declared
    // last, so that it is destroyed first: its destructor waits for the worker.
    core::SessionId m_savingSession;
    std::uint64_t m_savingGeneration = 0;
    bool m_saveAgain = false; // edits or Ctrl+S came while it ran
    Task<std::uint64_t> m_saveTask;

    // Signing, an addendum and deleting a draft also write on a worker (each waits for the
    // vault's page check right after unlocking). Signing and deleting wait for the draft's save
    // first: they are "pending" until it has ended. The task returns the note as stored after
    // the change (nullopt after a delete).
    enum class Commit { None, Sign, Addendum, Delete };
    Commit m_pendingCommit = Commit::None; // waits for the save
    Commit m_committing = Commit::None;    // running on m_commitTask
    core::SessionId m_commitSession;
    Task<std::optional<core::Session>> m_commitTask;

    // Opening a note and reading its reference data again run on workers; the editor shows
    // "Opening…" (never another note) until the note arrives. Each open() counts, so a note
    // opened again is read again.
    struct OpenKey {
        core::SessionId session;
        core::ClientId client;
        unsigned serial = 0;
        friend bool operator==(const OpenKey&, const OpenKey&) = default;
    };
    struct ReferenceKey {
        std::uint64_t revision = 0;
        unsigned serial = 0;
        friend bool operator==(const ReferenceKey&, const ReferenceKey&) = default;
    };
    std::optional<OpenKey> m_opening;
    int m_holdFrames = 0; // frames to keep input queued after a note arrived (holdsInput)
    unsigned m_openSerial = 0;
    BackgroundBuild<OpenKey, OpenedNote> m_openRead;
    BackgroundBuild<ReferenceKey, NoteReference> m_referenceRead;
};

} // namespace tessera::app
