#pragma once

// The words of a text that a spell checker should look at, as byte ranges into it. Plain C++
// over UTF-8; no dictionary here (spell_checker.hpp checks what this finds).
//
// A word is a run of letters (any script) that may hold an apostrophe (' or U+2019) or a hyphen
// between two letters: "don't", "client’s", "well-being" are one word each; a trailing or leading
// apostrophe or hyphen is not part of it ("clients'" is checked as "clients"). What is not prose
// is skipped whole: a run of letters and digits ("3rd", "B12", "COVID-19", "F43.1"), and a
// whitespace-separated chunk that looks like an address (it holds "://", starts with "www.", or
// holds '@' or '_': URLs, e-mail addresses, identifiers). Capitals are left to the checker, which
// accepts "Receive" and "RECEIVE" where it accepts "receive", as nuspell does.

#include "tessera/text/utf8.hpp"

#include <string_view>
#include <vector>

namespace tessera::spell {

using text::ByteRange;

// The words to check in `text`, in order, as [begin, end) byte offsets.
[[nodiscard]] std::vector<ByteRange> findWords(std::string_view text);

// Misspelled ranges found in `checked`, carried over to `current` (the same field after edits made
// while the check ran): a range wholly before the first changed byte stays, one wholly after the
// last changed byte moves with the text after it, and one that the change touches is dropped until
// the next check. So a stale result never underlines the wrong characters.
[[nodiscard]] std::vector<ByteRange> carryOver(std::string_view checked, std::string_view current,
                                               const std::vector<ByteRange>& ranges);

} // namespace tessera::spell
