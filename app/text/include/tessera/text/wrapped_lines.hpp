#pragma once

// Earlier versions of Tessera stored the display's wrapping in the text: a space became a line
// break wherever a line reached the field's width. joinWrappedLines undoes that for a text the
// clinician chooses to repair (never automatically: a break typed on purpose looks the same).

#include <string>
#include <string_view>

namespace tessera::text {

// Every single line break between two non-blank lines becomes a space, unless the next line
// starts a list item ("- ", "* ", "• ", "1. ", "2) "). Blank lines (paragraph breaks) and the
// lines around them stay as they are.
[[nodiscard]] std::string joinWrappedLines(std::string_view text);

} // namespace tessera::text
