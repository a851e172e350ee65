#pragma once

// Spell checking with nuspell and Debian's Hunspell dictionaries: the chosen English (hunspell-en-us
// or hunspell-en-gb) together with the clinical word list of hunspell-en-med. Plain C++: no ImGui,
// no vault. The app loads a SpellChecker on a worker (loading takes tens of milliseconds) and
// checks each field's text there too; see docs/app.md, "Spell checking".
//
// hunspell-en-med ships only a word list (/usr/share/hunspell/en_med_glut.dic, no .aff of its
// own) whose affix flags are those of en_US.aff; nuspell cannot add a second .dic to a loaded
// dictionary (Hunspell's add_dic), so the list is loaded as a dictionary of its own with en_US.aff
// (whatever the chosen English, since its flags mean en_US's affixes), and a word either
// dictionary accepts is correct.

#include "tessera/spell/words.hpp"

#include <cstddef>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace tessera::spell {

enum class Language { EnglishUS, EnglishUK };

// "en_US", "en_GB": the dictionary's file name stem.
[[nodiscard]] std::string_view dictionaryName(Language language);

// A dictionary that is not installed or cannot be read. The message names the Debian package.
class SpellError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Words a check accepts besides the dictionaries: the personal dictionary, the client's display
// name and redaction terms, words ignored for this session. Compared without ASCII case, and a
// possessive "'s" is accepted after any of them ("Okafor's").
class AcceptedWords {
public:
    // Adds each word of `phrase` (a redaction term may be "Maple Street").
    void add(std::string_view phrase);
    [[nodiscard]] bool contains(std::string_view word) const;
    [[nodiscard]] std::size_t size() const { return m_words.size(); }

private:
    std::unordered_set<std::string> m_words; // folded
};

class SpellChecker {
public:
    // Where nuspell looks for dictionaries (its default search path: $DICPATH, ~/.local/share/hunspell,
    // /usr/local/share/hunspell, /usr/share/hunspell, ...).
    [[nodiscard]] static std::vector<std::filesystem::path> searchPath();
    // Loads `language` and, when installed, the medical word list. Throws SpellError when the
    // language's dictionary is missing or unreadable.
    [[nodiscard]] static SpellChecker load(Language language,
                                           const std::vector<std::filesystem::path>& directories = searchPath());

    [[nodiscard]] Language language() const;
    // False when hunspell-en-med is not installed (clinical terms are then flagged).
    [[nodiscard]] bool hasMedicalWords() const;

    // Whether the dictionaries accept `word` (no accepted words involved).
    [[nodiscard]] bool accepts(std::string_view word) const;
    // The misspelled words of `text`: those findWords finds that neither the dictionaries nor
    // `accepted` accept.
    [[nodiscard]] std::vector<ByteRange> misspellings(std::string_view text, const AcceptedWords& accepted) const;
    // Up to `most` corrections, the language's first, then the medical list's.
    [[nodiscard]] std::vector<std::string> suggest(std::string_view word, std::size_t most) const;

private:
    struct Loaded;
    explicit SpellChecker(std::shared_ptr<Loaded> loaded);
    // Shared and immutable once loaded; its dictionaries are used under its own mutex, so that a
    // check and a search for suggestions may run on different workers.
    std::shared_ptr<Loaded> m_loaded;
};

} // namespace tessera::spell
