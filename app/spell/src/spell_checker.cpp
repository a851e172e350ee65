#include "tessera/spell/spell_checker.hpp"

#include <nuspell/dictionary.hxx>
#include <nuspell/finder.hxx>

#include <algorithm>
#include <fstream>
#include <mutex>
#include <sstream>

namespace tessera::spell {
namespace {

constexpr std::string_view kMedicalList = "en_med_glut";

std::string fold(std::string_view word) {
    std::string folded{word};
    for (char& c : folded) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return folded;
}

// "Okafor's" and "Okafor’s" without their possessive ending; empty when there is none.
std::string_view withoutPossessive(std::string_view word) {
    for (const std::string_view ending : {std::string_view{"'s"}, std::string_view{"\xE2\x80\x99s"},
                                          std::string_view{"'S"}, std::string_view{"\xE2\x80\x99S"}}) {
        if (word.size() > ending.size() && word.substr(word.size() - ending.size()) == ending) {
            return word.substr(0, word.size() - ending.size());
        }
    }
    return {};
}

std::string packageOf(Language language) {
    return language == Language::EnglishUS ? "hunspell-en-us" : "hunspell-en-gb";
}

// The medical list as a .dic nuspell reads: its first line is the word count, then a block of
// indented lines (its licence and sources) that Hunspell skips and nuspell would take for words.
std::stringstream medicalDic(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::string line;
    std::getline(in, line); // the count, recomputed below without the header
    std::string words;
    std::size_t count = 0;
    while (std::getline(in, line)) {
        if (line.empty() || line.front() == ' ' || line.front() == '\t') {
            continue;
        }
        words += line;
        words += '\n';
        ++count;
    }
    std::stringstream dic;
    dic << count << '\n' << words;
    return dic;
}

} // namespace

std::string_view dictionaryName(Language language) {
    return language == Language::EnglishUS ? "en_US" : "en_GB";
}

void AcceptedWords::add(std::string_view phrase) {
    for (const auto& range : findWords(phrase)) {
        m_words.insert(fold(phrase.substr(range.begin, range.end - range.begin)));
    }
}

bool AcceptedWords::contains(std::string_view word) const {
    if (m_words.empty()) {
        return false;
    }
    if (m_words.count(fold(word)) != 0) {
        return true;
    }
    const auto stem = withoutPossessive(word);
    return !stem.empty() && m_words.count(fold(stem)) != 0;
}

struct SpellChecker::Loaded {
    Language language = Language::EnglishUS;
    nuspell::Dictionary english;
    nuspell::Dictionary medical;
    bool hasMedical = false;
    std::mutex mutex;
};

SpellChecker::SpellChecker(std::shared_ptr<Loaded> loaded) : m_loaded(std::move(loaded)) {}

std::vector<std::filesystem::path> SpellChecker::searchPath() {
    std::vector<std::filesystem::path> directories;
    nuspell::append_default_dir_paths(directories);
    return directories;
}

SpellChecker SpellChecker::load(Language language, const std::vector<std::filesystem::path>& directories) {
    auto loaded = std::make_shared<Loaded>();
    loaded->language = language;
    const std::string name{dictionaryName(language)};
    const auto aff = nuspell::search_dirs_for_one_dict(directories, name);
    if (aff.empty()) {
        throw SpellError("The " + name +
                         " dictionary for spell checking is not installed. Install the Debian package " +
                         packageOf(language) + " (apt install " + packageOf(language) +
                         "), or turn spell checking off in Settings.");
    }
    try {
        loaded->english.load_aff_dic(aff);
    } catch (const std::exception& error) {
        throw SpellError("The " + name + " dictionary at " + aff.string() + " could not be read (" + error.what() +
                         "). Reinstall " + packageOf(language) + ", or turn spell checking off in Settings.");
    }
    // The medical list is optional: without it clinical terms are flagged, nothing else changes.
    const auto usAff = language == Language::EnglishUS ? aff : nuspell::search_dirs_for_one_dict(directories, "en_US");
    std::filesystem::path medical;
    for (const auto& directory : directories) {
        std::error_code error;
        const auto candidate = directory / (std::string{kMedicalList} + ".dic");
        if (medical.empty() && std::filesystem::is_regular_file(candidate, error)) {
            medical = candidate;
        }
    }
    if (!usAff.empty() && !medical.empty()) {
        std::ifstream affStream(usAff);
        auto dic = medicalDic(medical);
        try {
            loaded->medical.load_aff_dic(affStream, dic);
            loaded->hasMedical = true;
        } catch (const std::exception&) {
            loaded->hasMedical = false; // a damaged list: check without it
        }
    }
    return SpellChecker{std::move(loaded)};
}

Language SpellChecker::language() const {
    return m_loaded->language;
}

bool SpellChecker::hasMedicalWords() const {
    return m_loaded->hasMedical;
}

bool SpellChecker::accepts(std::string_view word) const {
    const std::lock_guard<std::mutex> guard(m_loaded->mutex);
    return m_loaded->english.spell(word) || (m_loaded->hasMedical && m_loaded->medical.spell(word));
}

std::vector<ByteRange> SpellChecker::misspellings(std::string_view text, const AcceptedWords& accepted) const {
    std::vector<ByteRange> wrong;
    const std::lock_guard<std::mutex> guard(m_loaded->mutex);
    for (const auto& range : findWords(text)) {
        const auto word = text.substr(range.begin, range.end - range.begin);
        if (m_loaded->english.spell(word) || (m_loaded->hasMedical && m_loaded->medical.spell(word)) ||
            accepted.contains(word)) {
            continue;
        }
        wrong.push_back(range);
    }
    return wrong;
}

std::vector<std::string> SpellChecker::suggest(std::string_view word, std::size_t most) const {
    std::vector<std::string> found;
    std::vector<std::string> medical;
    {
        const std::lock_guard<std::mutex> guard(m_loaded->mutex);
        m_loaded->english.suggest(word, found);
        if (m_loaded->hasMedical) {
            m_loaded->medical.suggest(word, medical);
        }
    }
    for (auto& candidate : medical) {
        if (std::find(found.begin(), found.end(), candidate) == found.end()) {
            found.push_back(std::move(candidate));
        }
    }
    if (found.size() > most) {
        found.resize(most);
    }
    return found;
}

} // namespace tessera::spell
