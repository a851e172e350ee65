#pragma once

// UTF-8 as the editor sees it: code points, "characters" (a code point with everything that
// attaches to it), words, and the cleaning of text that arrives from outside. Pure functions
// over byte offsets; no allocation except where a new string is returned.

#include "tessera/core/utf8.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace tessera::text {

// Code points: tessera_core's UTF-8 (one decoder for the whole program).
using core::utf8::CodePoint;
using core::utf8::decode;
using core::utf8::encode;
using core::utf8::kReplacementCharacter;

// ---- Characters (grapheme-like clusters)
// A character is a code point plus what attaches to it: combining marks, variation selectors,
// emoji skin-tone modifiers and tags, a zero-width joiner and the code point it joins, and the
// second of a pair of regional indicators (a flag). The caret moves over, and Backspace and Delete
// remove, a whole character. Offsets always land on a character boundary.
[[nodiscard]] std::size_t nextCharacter(std::string_view text, std::size_t at);
[[nodiscard]] std::size_t previousCharacter(std::string_view text, std::size_t at);

// ---- Words
enum class CharacterClass { Space, LineBreak, Punctuation, Word };
[[nodiscard]] CharacterClass classify(char32_t value);
// Ctrl+Right: past any spaces and punctuation, then to the end of the word.
[[nodiscard]] std::size_t nextWordEnd(std::string_view text, std::size_t at);
// Ctrl+Left: back over spaces and punctuation, then to the start of the word.
[[nodiscard]] std::size_t previousWordStart(std::string_view text, std::size_t at);
// The run of characters of one class around `at` (a double-click): a word, a stretch of spaces or
// of punctuation. Empty at a line break or at the end of the text.
struct ByteRange {
    std::size_t begin = 0;
    std::size_t end = 0;
    friend bool operator==(const ByteRange&, const ByteRange&) = default;
};
[[nodiscard]] ByteRange wordAt(std::string_view text, std::size_t at);
// The paragraph (the text between line breaks) holding `at`, without its line break.
[[nodiscard]] ByteRange paragraphAt(std::string_view text, std::size_t at);
// Whether a line may be broken before code point `value` even without a space before it:
// ideographic scripts (CJK, kana, Hangul) write words without spaces.
[[nodiscard]] bool breaksAnywhere(char32_t value);

// Text from outside (a paste, the input queue) as the editor stores it: CRLF and a lone CR become
// LF, NUL and every other control character except tab and line feed are dropped, and malformed
// UTF-8 becomes U+FFFD.
[[nodiscard]] std::string cleanInput(std::string_view text);

} // namespace tessera::text
