#include "tessera/spell/words.hpp"

#include <algorithm>

namespace tessera::spell {
namespace {

enum class Kind { Letter, Digit, Joiner, Other };

bool inRange(char32_t value, char32_t low, char32_t high) {
    return value >= low && value <= high;
}

// Pictographs and symbols are "word" characters to the caret (text::classify) but never part of
// a word to check: arrows, mathematical and technical signs, shapes, dingbats, emoji, the zero
// width joiner and variation selectors that build emoji.
bool isSymbol(char32_t value) {
    return inRange(value, 0x2190, 0x2BFF) || inRange(value, 0x1F000, 0x1FAFF) || inRange(value, 0xFE00, 0xFE0F) ||
           value == 0x200D || value == 0x20E3 || inRange(value, 0xE0020, 0xE007F);
}

Kind kindOf(char32_t value) {
    if (value >= '0' && value <= '9') {
        return Kind::Digit;
    }
    if (value == '\'' || value == 0x2019 || value == '-' || value == 0x2011) {
        return Kind::Joiner; // apostrophe, right single quotation mark, hyphen, non-breaking hyphen
    }
    if (value == '_' || isSymbol(value) || text::classify(value) != text::CharacterClass::Word) {
        return Kind::Other;
    }
    return Kind::Letter;
}

Kind kindAt(std::string_view text, std::size_t at) {
    return at < text.size() ? kindOf(text::decode(text, at).value) : Kind::Other;
}

bool isSpace(std::string_view text, std::size_t at) {
    const auto kind = text::classify(text::decode(text, at).value);
    return kind == text::CharacterClass::Space || kind == text::CharacterClass::LineBreak;
}

// A chunk that is an address or an identifier rather than prose.
bool looksLikeAddress(std::string_view chunk) {
    return chunk.find("://") != std::string_view::npos || chunk.substr(0, 4) == "www." ||
           chunk.find_first_of("@_") != std::string_view::npos;
}

// Appends the words of one whitespace-free chunk.
void wordsOfChunk(std::string_view text, std::size_t begin, std::size_t end, std::vector<ByteRange>& words) {
    std::size_t at = begin;
    while (at < end) {
        const Kind first = kindAt(text, at);
        if (first != Kind::Letter && first != Kind::Digit) {
            at = text::nextCharacter(text, at);
            continue;
        }
        const std::size_t start = at;
        bool digits = false;
        while (at < end) {
            const Kind kind = kindAt(text, at);
            if (kind == Kind::Letter || kind == Kind::Digit) {
                digits = digits || kind == Kind::Digit;
                at = text::nextCharacter(text, at);
                continue;
            }
            // A joiner, or a decimal point between digits ("F43.1"), continues the run only when
            // a letter or digit follows it.
            const bool decimalPoint = text[at] == '.' && digits && kindAt(text, at + 1) == Kind::Digit;
            const std::size_t next = text::nextCharacter(text, at);
            const Kind after = next < end ? kindAt(text, next) : Kind::Other;
            if ((kind == Kind::Joiner || decimalPoint) && (after == Kind::Letter || after == Kind::Digit)) {
                at = next;
                continue;
            }
            break;
        }
        if (!digits) {
            words.push_back({start, at});
        }
    }
}

} // namespace

std::vector<ByteRange> findWords(std::string_view text) {
    std::vector<ByteRange> words;
    std::size_t at = 0;
    while (at < text.size()) {
        if (isSpace(text, at)) {
            at = text::nextCharacter(text, at);
            continue;
        }
        const std::size_t begin = at;
        while (at < text.size() && !isSpace(text, at)) {
            at = text::nextCharacter(text, at);
        }
        if (!looksLikeAddress(text.substr(begin, at - begin))) {
            wordsOfChunk(text, begin, at, words);
        }
    }
    return words;
}

std::vector<ByteRange> carryOver(std::string_view checked, std::string_view current,
                                 const std::vector<ByteRange>& ranges) {
    if (checked == current) {
        return ranges;
    }
    // The edit lies between a common prefix and a common suffix (which do not overlap).
    const std::size_t shorter = std::min(checked.size(), current.size());
    std::size_t prefix = 0;
    while (prefix < shorter && checked[prefix] == current[prefix]) {
        ++prefix;
    }
    std::size_t suffix = 0;
    while (suffix < shorter - prefix && checked[checked.size() - 1 - suffix] == current[current.size() - 1 - suffix]) {
        ++suffix;
    }
    const std::size_t changedEnd = checked.size() - suffix; // in `checked`
    std::vector<ByteRange> carried;
    for (const auto& range : ranges) {
        // A word that ends where the edit begins (or begins where it ends) was touched: typing
        // a letter right after it changes the word.
        if (range.end < prefix) {
            carried.push_back(range);
        } else if (range.begin > changedEnd) {
            carried.push_back({range.begin - changedEnd + (current.size() - suffix),
                               range.end - changedEnd + (current.size() - suffix)});
        }
    }
    return carried;
}

} // namespace tessera::spell
