#pragma once

// The note being edited: an in-memory copy of one core::Session and what is known about saving
// it. The editor types straight into this copy; the vault only sees it when it is saved. While
// it has unsaved edits it is never replaced by what the vault holds, so a rebuild of other
// view-models after an autosave cannot touch the text the clinician is typing. No ImGui here.

#include "tessera/core/codebook.hpp"
#include "tessera/core/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::storage {
class Vault;
}

namespace tessera::app {

// The stage of change an earlier session recorded, offered to a new draft as a suggestion.
struct StageSuggestion {
    core::Stage stage = core::Stage::Precontemplation;
    core::Date from; // the date of the session that recorded it
    friend bool operator==(const StageSuggestion&, const StageSuggestion&) = default;
};

// For each target, the stage the latest session before `current` recorded (sessions in the
// record's date order; sessions without a stage for that target are passed over). Nothing for a
// session not in the record.
[[nodiscard]] std::optional<StageSuggestion> previousStage(const core::ClientRecord& record, core::SessionId current,
                                                           core::StageTarget target);

// What the editor shows around a note besides its text: the codebook, the template of the note's
// version (labelled with its version when a newer one exists) and the client's code. Read on a
// worker when a note opens and when the vault changes under it.
struct NoteReference {
    core::Codebook codebook;
    std::optional<core::NoteTemplate> noteTemplate;
    std::string templateLabel;
    std::string clientCode;
};

// A note as the editor opens it, read on a worker.
struct OpenedNote {
    core::Session session;
    NoteReference reference;
    // The stages of change of the latest earlier sessions, offered to a draft without its own
    // (previousStage); none for a signed note or a stage already recorded.
    std::optional<StageSuggestion> previousLeaving;
    std::optional<StageSuggestion> previousSafety;
};

[[nodiscard]] NoteReference readNoteReference(const storage::Vault& vault, const core::Session& session,
                                              core::ClientId client);
[[nodiscard]] OpenedNote readNote(const storage::Vault& vault, core::SessionId id, core::ClientId client);

class NoteDraft {
public:
    enum class SaveState {
        Clean,   // as loaded from the vault
        Unsaved, // edited since the last save
        Saved,   // saved, no edits since
        Failed,  // the last save failed; the edits are still here
        Saving,  // a save is running on a worker
    };

    void load(core::Session session, core::ClientId client);
    void close();

    [[nodiscard]] bool isOpen() const { return m_session.has_value(); }
    [[nodiscard]] core::SessionId id() const { return m_session ? m_session->id : core::SessionId{}; }
    [[nodiscard]] core::ClientId client() const { return m_client; }
    [[nodiscard]] const core::Session& session() const { return *m_session; }
    // For editing in place (text fields write straight into it); call edited() after a change.
    [[nodiscard]] core::Session& session() { return *m_session; }
    [[nodiscard]] bool isSigned() const { return m_session && m_session->isSigned(); }

    // ---- Edits (each marks the draft edited at `now`, seconds on any monotonic clock)
    void edited(double now);
    // The text of a section, created (in template order `position`) when the session lacks it.
    [[nodiscard]] std::string& sectionText(std::string_view key, std::size_t position);
    [[nodiscard]] int intensity(std::string_view themeKey) const;
    [[nodiscard]] const core::Observation* observation(std::string_view themeKey) const;
    // The observation of a theme, created with intensity 0 when there is none.
    [[nodiscard]] core::Observation& observationFor(std::string_view themeKey);
    void setIntensity(std::string_view themeKey, int intensity, double now);
    void setStage(core::StageTarget target, std::optional<core::Stage> stage, double now);
    // The previous session's stages, offered while this draft records none for a target. A
    // suggestion is only shown, never part of the session (nor saved, nor counted by analytics)
    // until accepted or a stage is picked; load() forgets them.
    void offerStages(std::optional<StageSuggestion> leaving, std::optional<StageSuggestion> safety);
    // What to show as a suggestion for `target`: nothing on a signed note or once a stage is set.
    [[nodiscard]] std::optional<StageSuggestion> suggestedStage(core::StageTarget target) const;
    // Records the suggestion as the stage (an edit, saved like any other). False when none.
    bool acceptSuggestedStage(core::StageTarget target, double now);
    void addBalanceItem(core::BalanceSide side, double now);
    void removeBalanceItem(std::size_t index, double now);

    // ---- Saving
    [[nodiscard]] bool hasUnsavedEdits() const { return m_editGeneration != m_savedGeneration; }
    // True when edits are waiting and the last one is at least `delay` seconds old. After a failed
    // save, only a new edit makes it due again (no retry loop on every frame).
    [[nodiscard]] bool autosaveDue(double now, double delay) const;
    // What is written to the vault: the draft without its half-finished parts (a balance row
    // without a reason yet, an observation set back to 0 with nothing written), which would
    // otherwise make the whole save fail validation. The editor keeps showing them.
    [[nodiscard]] core::Session forSaving() const;
    // Counts edits; a save records the generation it wrote, so edits made while it ran on a
    // worker stay unsaved.
    [[nodiscard]] std::uint64_t generation() const { return m_editGeneration; }
    void markSaving() { m_saving = true; }
    [[nodiscard]] bool isSaving() const { return m_saving; }
    void markSaved(std::string clock);
    void markSaved(std::string clock, std::uint64_t generation);
    void markFailed(std::string error);
    void markFailed(std::string error, std::uint64_t generation);
    [[nodiscard]] SaveState state() const;
    [[nodiscard]] const std::string& savedClock() const { return m_savedClock; }
    [[nodiscard]] const std::string& error() const { return m_error; }
    [[nodiscard]] int saves() const { return m_saves; }       // successful saves since load
    [[nodiscard]] int failures() const { return m_failures; } // failed saves since load

private:
    std::optional<core::Session> m_session;
    core::ClientId m_client;
    std::optional<StageSuggestion> m_suggestedLeaving;
    std::optional<StageSuggestion> m_suggestedSafety;
    std::uint64_t m_editGeneration = 0;
    std::uint64_t m_savedGeneration = 0;
    std::uint64_t m_failedGeneration = 0;
    double m_lastEdit = 0.0;
    bool m_everSaved = false;
    bool m_saving = false;
    std::string m_savedClock;
    std::string m_error;
    int m_saves = 0;
    int m_failures = 0;
};

} // namespace tessera::app
