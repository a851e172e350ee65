// Spell checking with the real Debian dictionaries (hunspell-en-us, hunspell-en-gb,
// hunspell-en-med, installed by scripts/install-deps.sh): no mock dictionary.

#include "tessera/spell/spell_checker.hpp"

#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

using namespace tessera::spell;
using Ranges = std::vector<ByteRange>;

namespace {

// The dictionaries as Debian installs them, found on nuspell's search path.
SpellChecker loadAmerican() {
    return SpellChecker::load(Language::EnglishUS);
}

SpellChecker loadBritish() {
    return SpellChecker::load(Language::EnglishUK);
}

// A search path that holds only the en_US dictionary (no medical list).
SpellChecker loadAmericanWithoutMedical(const tessera::test::TempDir& dir) {
    for (const char* file : {"en_US.aff", "en_US.dic"}) {
        std::filesystem::copy_file(std::filesystem::path{"/usr/share/hunspell"} / file, dir.path() / file);
    }
    return SpellChecker::load(Language::EnglishUS, {dir.path()});
}

bool flagged(const SpellChecker& checker, const std::string& word, const AcceptedWords& accepted = {}) {
    return !checker.misspellings(word, accepted).empty();
}

} // namespace

TEST_CASE("spell: a misspelling is flagged at its bytes and its correction is suggested", "[spell]") {
    const auto american = loadAmerican();
    CHECK(american.misspellings("I will recieve it today.", {}) == Ranges{{7, 14}});
    const auto suggestions = american.suggest("recieve", 6);
    CHECK(std::find(suggestions.begin(), suggestions.end(), "receive") != suggestions.end());
    CHECK(suggestions.size() <= 6);
    // Capitals as nuspell handles them: a capitalised or all-capitals correct word is correct.
    CHECK(american.misspellings("Receive RECEIVE receive", {}).empty());
    CHECK(flagged(american, "RECIEVE"));
}

TEST_CASE("spell: a clinical term of hunspell-en-med is not flagged, en_US alone flags it", "[spell]") {
    const auto american = loadAmerican();
    const auto british = loadBritish();
    // en_US without the medical list: a search path that holds only the en_US dictionary.
    tessera::test::TempDir dir;
    const auto englishOnly = loadAmericanWithoutMedical(dir);
    CHECK_FALSE(englishOnly.hasMedicalWords());
    CHECK(flagged(englishOnly, "anhedonia"));
    CHECK(flagged(englishOnly, "sertraline"));

    REQUIRE(american.hasMedicalWords());
    CHECK_FALSE(flagged(american, "anhedonia"));
    CHECK_FALSE(flagged(american, "sertraline"));
    CHECK(american.misspellings("Reports anhedonia; started sertraline.", {}).empty());
    REQUIRE(british.hasMedicalWords());
    CHECK_FALSE(flagged(british, "anhedonia"));
}

TEST_CASE("spell: the client's name and redaction terms are accepted words", "[spell]") {
    const auto american = loadAmerican();
    const std::string text = "Adaeze Okafor's sister met Okafor at Wexcombe Lane.";
    // A_0..A_5 _6 Okafor's 7-14 _15 sister 16-21 _22 met 23-25 _26 Okafor 27-32 _33 at 34-35 _36
    // Wexcombe 37-44 _45 Lane 46-49 .50
    CHECK(american.misspellings(text, {}) == Ranges{{0, 6}, {7, 15}, {27, 33}, {37, 45}});
    AcceptedWords accepted;
    accepted.add("Adaeze Okafor"); // the display name
    accepted.add("wexcombe lane"); // a redaction term, written in lower case
    CHECK(american.misspellings(text, accepted).empty());
    CHECK(flagged(american, "Okafro", accepted));
}

TEST_CASE("spell: the language changes what is flagged", "[spell]") {
    const auto american = loadAmerican();
    const auto british = loadBritish();
    CHECK(american.language() == Language::EnglishUS);
    CHECK(british.language() == Language::EnglishUK);
    for (const char* word : {"organise", "favour", "honour", "neighbour"}) {
        INFO(word);
        CHECK(flagged(american, word));
        CHECK_FALSE(flagged(british, word));
    }
    CHECK(flagged(british, "organize") == false); // en_GB accepts -ize (Oxford spelling)
    CHECK_FALSE(flagged(american, "color"));
    // "colour" is in en_US's eyes a misspelling, but hunspell-en-med lists it (and "behaviour"),
    // so with the clinical words it is accepted in both: the medical list holds British spellings.
    tessera::test::TempDir dir;
    CHECK(flagged(loadAmericanWithoutMedical(dir), "colour"));
    CHECK_FALSE(flagged(american, "colour"));
    CHECK_FALSE(flagged(british, "colour"));
}

TEST_CASE("spell: a missing dictionary is a clear error naming the package", "[spell]") {
    tessera::test::TempDir dir;
    try {
        (void)SpellChecker::load(Language::EnglishUK, {dir.path()});
        FAIL("loaded a dictionary from an empty folder");
    } catch (const SpellError& error) {
        const std::string message = error.what();
        CHECK(message.find("en_GB") != std::string::npos);
        CHECK(message.find("hunspell-en-gb") != std::string::npos);
        CHECK(message.find("Settings") != std::string::npos);
    }
}
