#pragma once

// Internal to tessera_core: the text de-identification looks at. Identifiers are searched in a
// normalised copy of the text and replaced in the original, through an offset map, so that
// nothing a clinician typed is changed except what is replaced.
//
// The copy keeps letter case and is, for Latin script, plain ASCII:
// - Latin letters with diacritics lose them, composed or decomposed alike ("Zoë", "Zoe" + U+0308
//   and "Zoe" read the same); ligatures and sharp s are spelt out ("Æ" -> "AE", "ß" -> "ss"),
// - format characters are dropped (soft hyphen, zero-width space/joiner/non-joiner, bidi marks,
//   word joiner, byte-order mark),
// - typographic apostrophes become ', typographic quotes become ", dashes and the minus sign
//   become -, every kind of space and line break becomes one ' ' each,
// - a hyphen at the end of a line joins the next line ("555-\n123-4567" reads "555-123-4567").
// Other scripts are copied as they are.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::core::detail {

struct DetectionText {
    std::string text;
    // origin[k]: the byte offset in the original of text[k]; origin[text.size()] is the
    // original's size, so a match [a, b) in `text` is [origin[a], origin[b]) in the original.
    std::vector<std::uint32_t> origin;
    // True where the original has a line break before text[k] with only spaces in between.
    std::vector<bool> lineStart;
};

[[nodiscard]] DetectionText normalizeForDetection(std::string_view original);

// The normalised form of a short text (a redaction term): the same rules, no map.
[[nodiscard]] std::string normalizedCopy(std::string_view text);

} // namespace tessera::core::detail
