#pragma once

// Internal to tessera_core: the word lists de-identification looks words up in, compiled in from
// the pinned lists of third_party/lexicons (152,684 entries; a hash table of about 6 MB once
// built, on first use).

#include <cstdint>
#include <string_view>

namespace tessera::core::detail {

enum LexiconFlag : std::uint8_t {
    kEnglishWord = 1U, // an ordinary English word, written in lower case in the dictionary
    kProperNoun = 2U,  // a capitalised dictionary entry: a name, place, brand...
    kFirstName = 4U,   // a given name
    kPlaceName = 8U,   // a town, city or state
    kStateName = 16U,  // a US state
};

// The flags of `word` (any case, ASCII after normalisation; spaces for multi-word places), 0
// when it is in none of the lists.
[[nodiscard]] std::uint8_t lexiconFlags(std::string_view word);

} // namespace tessera::core::detail
