#include "tessera/text/utf8.hpp"

namespace tessera::text {
namespace {

using core::utf8::previousCodePoint;

constexpr char32_t kZeroWidthJoiner = 0x200D;

bool inRange(char32_t value, char32_t first, char32_t last) {
    return value >= first && value <= last;
}

bool isRegionalIndicator(char32_t value) {
    return inRange(value, 0x1F1E6, 0x1F1FF);
}

// Code points that attach to the one before them and never stand alone.
bool attaches(char32_t value) {
    return inRange(value, 0x0300, 0x036F) || inRange(value, 0x0483, 0x0489) || // combining, Cyrillic
           inRange(value, 0x0591, 0x05BD) || value == 0x05BF || inRange(value, 0x05C1, 0x05C2) ||
           inRange(value, 0x05C4, 0x05C5) || value == 0x05C7 ||                                   // Hebrew points
           inRange(value, 0x0610, 0x061A) || inRange(value, 0x064B, 0x065F) || value == 0x0670 || // Arabic
           inRange(value, 0x06D6, 0x06DC) || inRange(value, 0x06DF, 0x06E4) || inRange(value, 0x06E7, 0x06E8) ||
           inRange(value, 0x06EA, 0x06ED) || inRange(value, 0x0900, 0x0903) || // Devanagari signs
           inRange(value, 0x093A, 0x094F) || inRange(value, 0x0951, 0x0957) || inRange(value, 0x0962, 0x0963) ||
           inRange(value, 0x1AB0, 0x1AFF) || inRange(value, 0x1DC0, 0x1DFF) || inRange(value, 0x20D0, 0x20FF) ||
           inRange(value, 0x3099, 0x309A) ||                                   // kana voicing marks
           inRange(value, 0xFE00, 0xFE0F) || inRange(value, 0xFE20, 0xFE2F) || // variation selectors, halves
           inRange(value, 0x1F3FB, 0x1F3FF) ||                                 // skin tones
           inRange(value, 0xE0020, 0xE007F) ||                                 // emoji tags
           inRange(value, 0xE0100, 0xE01EF) || value == kZeroWidthJoiner;
}

CharacterClass classAt(std::string_view text, std::size_t at) {
    return classify(decode(text, at).value);
}

} // namespace

std::size_t nextCharacter(std::string_view text, std::size_t at) {
    if (at >= text.size()) {
        return text.size();
    }
    const auto first = decode(text, at);
    std::size_t p = at + first.length;
    if (first.value == '\n') {
        return p;
    }
    if (isRegionalIndicator(first.value) && p < text.size() && isRegionalIndicator(decode(text, p).value)) {
        p += decode(text, p).length;
    }
    while (p < text.size()) {
        const auto next = decode(text, p);
        if (!attaches(next.value)) {
            break;
        }
        p += next.length;
        if (next.value == kZeroWidthJoiner && p < text.size()) {
            const auto joined = decode(text, p);
            if (joined.value != '\n') {
                p += joined.length;
            }
        }
    }
    return p;
}

std::size_t previousCharacter(std::string_view text, std::size_t at) {
    if (at == 0) {
        return 0;
    }
    std::size_t p = previousCodePoint(text, std::min(at, text.size()));
    while (p > 0) {
        const auto here = decode(text, p).value;
        const std::size_t before = previousCodePoint(text, p);
        const auto previous = decode(text, before).value;
        if (here == '\n' || previous == '\n') {
            break;
        }
        if (!attaches(here) && previous != kZeroWidthJoiner) {
            break;
        }
        p = before;
    }
    if (isRegionalIndicator(decode(text, p).value)) {
        // Flags are pairs counted from the first indicator of a run.
        std::size_t run = 0;
        std::size_t q = p;
        while (q > 0) {
            const std::size_t before = previousCodePoint(text, q);
            if (!isRegionalIndicator(decode(text, before).value)) {
                break;
            }
            ++run;
            q = before;
        }
        if (run % 2 == 1) {
            p = previousCodePoint(text, p);
        }
    }
    return p;
}

CharacterClass classify(char32_t value) {
    if (value == '\n') {
        return CharacterClass::LineBreak;
    }
    if (value == ' ' || value == '\t' || value == 0x00A0 || value == 0x1680 || inRange(value, 0x2000, 0x200A) ||
        value == 0x202F || value == 0x205F || value == 0x3000) {
        return CharacterClass::Space;
    }
    if (value < 0x80) {
        const bool letterOrDigit = (value >= '0' && value <= '9') || (value >= 'A' && value <= 'Z') ||
                                   (value >= 'a' && value <= 'z') || value == '_';
        return letterOrDigit ? CharacterClass::Word : CharacterClass::Punctuation;
    }
    if (inRange(value, 0x00A1, 0x00BF) || value == 0x00D7 || value == 0x00F7 || inRange(value, 0x2010, 0x2027) ||
        inRange(value, 0x2030, 0x205E) || inRange(value, 0x3001, 0x3003) || inRange(value, 0x3008, 0x3011) ||
        inRange(value, 0xFF01, 0xFF0F) || value == 0x060C || value == 0x061F || value == 0x05BE || value == 0x05C3) {
        return CharacterClass::Punctuation;
    }
    return CharacterClass::Word;
}

std::size_t nextWordEnd(std::string_view text, std::size_t at) {
    std::size_t p = std::min(at, text.size());
    while (p < text.size() && classAt(text, p) != CharacterClass::Word) {
        p = nextCharacter(text, p);
    }
    while (p < text.size() && classAt(text, p) == CharacterClass::Word) {
        p = nextCharacter(text, p);
    }
    return p;
}

std::size_t previousWordStart(std::string_view text, std::size_t at) {
    std::size_t p = std::min(at, text.size());
    while (p > 0 && classAt(text, previousCharacter(text, p)) != CharacterClass::Word) {
        p = previousCharacter(text, p);
    }
    while (p > 0 && classAt(text, previousCharacter(text, p)) == CharacterClass::Word) {
        p = previousCharacter(text, p);
    }
    return p;
}

ByteRange wordAt(std::string_view text, std::size_t at) {
    std::size_t p = std::min(at, text.size());
    if ((p == text.size() || text[p] == '\n') && p > 0 && text[p - 1] != '\n') {
        p = previousCharacter(text, p); // past the end of a line: the word before it
    }
    if (p == text.size() || text[p] == '\n') {
        return {p, p};
    }
    const auto kind = classAt(text, p);
    std::size_t begin = p;
    while (begin > 0 && classAt(text, previousCharacter(text, begin)) == kind) {
        begin = previousCharacter(text, begin);
    }
    std::size_t end = nextCharacter(text, p);
    while (end < text.size() && classAt(text, end) == kind) {
        end = nextCharacter(text, end);
    }
    return {begin, end};
}

ByteRange paragraphAt(std::string_view text, std::size_t at) {
    const std::size_t p = std::min(at, text.size());
    const auto before = p == 0 ? std::string_view::npos : text.rfind('\n', p - 1);
    const std::size_t begin = before == std::string_view::npos ? 0 : before + 1;
    const auto after = text.find('\n', p);
    return {begin, after == std::string_view::npos ? text.size() : after};
}

bool breaksAnywhere(char32_t value) {
    return inRange(value, 0x2E80, 0x2FFF) || inRange(value, 0x3040, 0x31FF) || inRange(value, 0x3400, 0x4DBF) ||
           inRange(value, 0x4E00, 0x9FFF) || inRange(value, 0xAC00, 0xD7AF) || inRange(value, 0xF900, 0xFAFF) ||
           inRange(value, 0x20000, 0x3FFFF);
}

std::string cleanInput(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t p = 0;
    while (p < text.size()) {
        const auto point = decode(text, p);
        p += point.length;
        if (!point.valid) {
            encode(kReplacementCharacter, out);
        } else if (point.value == '\r') {
            if (p < text.size() && text[p] == '\n') {
                continue; // CRLF: the LF follows
            }
            out.push_back('\n');
        } else if (point.value == '\n' || point.value == '\t') {
            out.push_back(static_cast<char>(point.value));
        } else if (point.value < 0x20 || inRange(point.value, 0x7F, 0x9F)) {
            continue; // NUL and other control characters
        } else {
            out.append(text.substr(p - point.length, point.length));
        }
    }
    return out;
}

} // namespace tessera::text
