#include "tessera/storage/passphrase_strength.hpp"

#include "tessera/storage/secret.hpp"

#include "tessera/core/utf8.hpp"

#include <zxcvbn.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace tessera::storage {
namespace {

constexpr std::array<const char*, 5> kLabels{"very weak", "weak", "fair", "strong", "very strong"};

// zxcvbn's score from the guesses it estimates (log10), as its reference implementation scores.
int scoreOf(double guessesLog10) {
    if (guessesLog10 < 3.0) {
        return 0;
    }
    if (guessesLog10 < 6.0) {
        return 1;
    }
    if (guessesLog10 < 8.0) {
        return 2;
    }
    return guessesLog10 < 10.0 ? 3 : 4;
}

bool allDigits(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// What made it guessable, from the parts zxcvbn found, in the order they appear:
// "a common word with digits".
std::string patternsOf(const ZxcMatch_t* matches, std::string_view passphrase) {
    std::vector<std::string> parts;
    const auto add = [&](std::string part) {
        if (std::find(parts.begin(), parts.end(), part) == parts.end()) {
            parts.push_back(std::move(part));
        }
    };
    for (const auto* match = matches; match != nullptr; match = match->Next) {
        if ((static_cast<int>(match->Type) & MULTIPLE_MATCH) != 0) {
            add("repeated characters"); // "aaaaaaaa" is "a" eight times, not a word
            continue;
        }
        const auto begin = static_cast<std::size_t>(std::max(0, match->Begin));
        const auto length = static_cast<std::size_t>(std::max(0, match->Length));
        const auto text = begin < passphrase.size() ? passphrase.substr(begin, length) : std::string_view{};
        switch (match->Type) {
        case DICTIONARY_MATCH: add("a common word"); break;
        case DICT_LEET_MATCH:
            // zxcvbn reads a trailing "1" as a look-alike of "l": to a person it is a digit.
            add(allDigits(text) ? "digits" : "a common word with letters swapped for look-alikes");
            break;
        case USER_MATCH:
        case USER_LEET_MATCH: add("the vault's name or the word \"tessera\" or \"vault\""); break;
        case REPEATS_MATCH: add("repeated characters"); break;
        case SEQUENCE_MATCH: add("a sequence such as abc or 123"); break;
        case SPATIAL_MATCH: add("a keyboard pattern such as qwerty"); break;
        case DATE_MATCH:
        case YEAR_MATCH: add("a date or year"); break;
        case BRUTE_MATCH:
            if (allDigits(text)) {
                add("digits");
            }
            break;
        default: break;
        }
    }
    std::string joined;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        joined += (i == 0 ? "" : " with ") + parts[i];
    }
    return joined;
}

} // namespace

std::size_t countCharacters(std::string_view text) {
    return core::utf8::countCodePoints(text);
}

PassphraseStrength estimatePassphraseStrength(std::string_view passphrase, const std::filesystem::path& vault) {
    PassphraseStrength strength;
    strength.characters = countCharacters(passphrase);
    // zxcvbn wants a NUL-terminated string: a copy in locked memory that is wiped afterwards.
    Secret terminated{passphrase};
    terminated.append('\0');
    const auto fileName = vault.filename().string();
    const auto stem = vault.stem().string();
    std::vector<const char*> words{"tessera", "vault"};
    for (const auto* word : {&fileName, &stem}) {
        if (!word->empty()) {
            words.push_back(word->c_str());
        }
    }
    words.push_back(nullptr);
    ZxcMatch_t* matches = nullptr;
    const double bits = ZxcvbnMatch(terminated.data(), words.data(), &matches);
    strength.guessesLog10 = std::max(0.0, bits * std::log10(2.0));
    strength.score = scoreOf(strength.guessesLog10);
    const auto patterns = patternsOf(matches, passphrase);
    ZxcvbnFreeInfo(matches);
    strength.label = kLabels[static_cast<std::size_t>(strength.score)];
    if (strength.characters < kMinimumPassphraseCharacters) {
        strength.reason = "too short: " + std::to_string(strength.characters) + " characters, at least " +
                          std::to_string(kMinimumPassphraseCharacters) +
                          " characters are needed; a few unrelated words are best";
    } else if (strength.score < kMinimumPassphraseScore) {
        strength.reason = "too guessable: " + (patterns.empty() ? std::string{"too few possibilities"} : patterns) +
                          "; add another word or two";
    }
    strength.acceptable = strength.reason.empty();
    return strength;
}

} // namespace tessera::storage
