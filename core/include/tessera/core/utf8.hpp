#pragma once

// UTF-8, once for the whole program: decoding and encoding code points, and the byte boundaries
// of code points, so that no text is ever cut inside a character. The editor's notion of a
// character (a code point with what attaches to it) is built on this in tessera_text.

#include <cstddef>
#include <string>
#include <string_view>

namespace tessera::core::utf8 {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

struct CodePoint {
    char32_t value = kReplacementCharacter;
    std::size_t length = 1; // bytes; a malformed sequence decodes as U+FFFD of length 1
    bool valid = false;
};

// True for the bytes that continue a sequence (10xxxxxx).
[[nodiscard]] constexpr bool isContinuation(char byte) {
    return (static_cast<unsigned char>(byte) & 0xC0U) == 0x80U;
}

// Decodes the code point that starts at byte `at` (< text.size()). Overlong forms, surrogates,
// values past U+10FFFF and truncated sequences are malformed.
[[nodiscard]] CodePoint decode(std::string_view text, std::size_t at);
// Appends the UTF-8 encoding of `value` (surrogates and values past U+10FFFF become U+FFFD).
void encode(char32_t value, std::string& out);

// The start of the code point before `at` (0 < at <= text.size()); a continuation byte without
// its lead byte counts as one code point of its own.
[[nodiscard]] std::size_t previousCodePoint(std::string_view text, std::size_t at);
// `at` moved back, or forward, to the nearest code point boundary (for cutting an excerpt).
[[nodiscard]] std::size_t floorBoundary(std::string_view text, std::size_t at);
[[nodiscard]] std::size_t ceilBoundary(std::string_view text, std::size_t at);
// Code points in `text`, as a person counts characters (a malformed byte counts as one).
[[nodiscard]] std::size_t countCodePoints(std::string_view text);

} // namespace tessera::core::utf8
