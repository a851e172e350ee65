#pragma once

// The spell check of the open note's fields, with every piece of work on a worker (Task), so
// that checking never costs a frame: loading the dictionaries (tens of milliseconds), reading the
// personal dictionary and the client's name and redaction terms from the vault, checking a
// field's text, finding suggestions and adding a word to the personal dictionary. The UI thread
// only asks, each frame, for the ranges to underline in a field's current text: the newest
// check's result, carried over the edits made since (spell::carryOver), cached per text revision.
// Plain C++ over storage and tessera_spell: no ImGui.

#include "viewmodels/task.hpp"

#include "tessera/core/model.hpp"
#include "tessera/spell/spell_checker.hpp"
#include "tessera/storage/vault.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace tessera::app {

class SpellCheckModel {
public:
    // How many suggestions the popup offers.
    static constexpr std::size_t kSuggestions = 6;

    explicit SpellCheckModel(storage::Vault& vault);

    // Each frame, on the UI thread: takes finished work and starts what the inputs need (the
    // dictionaries of `language`, the accepted words of `client` when it or the vault changed,
    // the checks of fields whose text changed). Off: nothing is loaded or checked, nothing shown.
    void update(bool enabled, spell::Language language, std::optional<core::ClientId> client,
                std::uint64_t vaultRevision);

    // The misspelled byte ranges of `text` (the field `field` at editor revision `revision`) to
    // underline now; asks for a check when the newest result is not for this text. Cheap to call
    // every frame: recomputed only when the revision changes.
    [[nodiscard]] const std::vector<text::ByteRange>& misspelled(const std::string& field, const std::string& text,
                                                                 std::uint64_t revision);
    // Forgets every field (another note opened: its editors start again).
    void clearFields();

    // ---- The popup of a misspelled word
    // Starts finding suggestions for `word` on a worker (after a search still running for another
    // word, which is never waited for).
    void requestSuggestions(const std::string& word);
    // The suggestions for `word` once found (nullopt while searching, or for another word).
    [[nodiscard]] const std::vector<std::string>* suggestions(const std::string& word) const;
    // Accepted at once in every field, and written to the vault's personal dictionary on a worker.
    void addToDictionary(const std::string& word);
    // Accepted at once in every field until the app quits (not stored).
    void ignore(const std::string& word);

    // ---- State
    [[nodiscard]] bool enabled() const { return m_enabled; }
    // True once the dictionaries of the chosen language are loaded.
    [[nodiscard]] bool ready() const { return m_checker.has_value(); }
    [[nodiscard]] bool hasMedicalWords() const { return m_checker && m_checker->hasMedicalWords(); }
    // A dictionary that could not be loaded, or a word that could not be stored; empty when none.
    [[nodiscard]] const std::string& error() const;
    // True while any work runs or waits to start.
    [[nodiscard]] bool busy() const;
    // How many field checks have arrived (tests, diagnostics).
    [[nodiscard]] int checksDone() const { return m_checksDone; }
    // Blocks until the running work has finished; the next update() takes it (tests, shutdown).
    void waitForWork();

private:
    struct Field {
        // The newest check's text and result, and what the accepted words were then.
        std::string checkedText;
        std::vector<text::ByteRange> checkedRanges;
        std::uint64_t checkedRevision = 0;
        std::uint64_t checkedGeneration = 0;
        bool checked = false;
        // The ranges for the text at `shownRevision` (carried over edits since the check).
        std::vector<text::ByteRange> shown;
        std::optional<std::uint64_t> shownRevision;
        // The text waiting for a check (copied when its revision was first seen).
        std::optional<std::string> wanted;
        std::uint64_t wantedRevision = 0;
    };
    struct FieldCheck {
        std::string field;
        std::string text;
        std::uint64_t revision = 0;
        std::vector<text::ByteRange> ranges;
    };
    struct CheckBatch {
        std::uint64_t generation = 0;
        std::vector<FieldCheck> fields;
    };
    struct AcceptedSources {
        std::vector<std::string> personal;
        std::vector<std::string> client; // display name and redaction terms
        friend bool operator==(const AcceptedSources&, const AcceptedSources&) = default;
    };

    void takeResults();
    void startWork();
    void startSuggestions();
    void rebuildAccepted();
    void reset();

    storage::Vault& m_vault;
    bool m_enabled = false;
    spell::Language m_language = spell::Language::EnglishUS;
    std::optional<spell::Language> m_loading; // the language m_load is loading
    std::optional<spell::SpellChecker> m_checker;
    std::string m_loadError;  // the dictionaries could not be loaded: not retried for this language
    std::string m_writeError; // a word could not be stored

    // What the check accepts besides the dictionaries; a new generation re-checks every field.
    std::optional<core::ClientId> m_client;
    std::optional<std::uint64_t> m_sourcesRevision; // the vault revision m_sources were read at
    std::optional<core::ClientId> m_readingClient;  // whose sources m_read reads
    std::optional<AcceptedSources> m_sources;
    std::set<std::string> m_sessionWords; // ignored, or added while the write runs
    std::shared_ptr<const spell::AcceptedWords> m_accepted;
    std::uint64_t m_generation = 1;

    std::map<std::string, Field> m_fields;
    int m_checksDone = 0;

    std::string m_suggestionsWord; // asked for, or found
    std::optional<std::vector<std::string>> m_suggestions;
    bool m_suggestPending = false;        // m_suggestionsWord waits for m_suggest to be free
    std::string m_suggesting;             // the word m_suggest searches for
    std::vector<std::string> m_unwritten; // added, waiting for the write task

    // Last: destroyed (cancelled and joined) first, before what their work reads.
    Task<spell::SpellChecker> m_load;
    Task<AcceptedSources> m_read;
    Task<CheckBatch> m_check;
    Task<std::vector<std::string>> m_suggest;
    Task<bool> m_write;
    std::string m_writing;
};

} // namespace tessera::app
