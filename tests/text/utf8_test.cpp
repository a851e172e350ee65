// Characters, words and input cleaning over UTF-8, with byte offsets computed by hand.

#include "tessera/text/utf8.hpp"

#include <catch2/catch.hpp>

using namespace tessera::text;

namespace {
// U+0301 COMBINING ACUTE ACCENT after a plain e.
const std::string kDecomposedE = "e\xCC\x81";
// U+1F468 U+200D U+1F469 U+200D U+1F467: a family, one emoji of 18 bytes.
const std::string kFamily = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7";
// U+1F44D U+1F3FD: thumbs up, medium skin tone (8 bytes).
const std::string kThumbs = "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD";
// Regional indicators D E and F R: the flags of Germany and France (4 bytes each indicator).
const std::string kGermany = "\xF0\x9F\x87\xA9\xF0\x9F\x87\xAA";
const std::string kFrance = "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7";
// U+2764 U+FE0F: a red heart with the emoji variation selector (6 bytes).
const std::string kHeart = "\xE2\x9D\xA4\xEF\xB8\x8F";
} // namespace

TEST_CASE("decoding accepts well-formed UTF-8 and turns each malformed byte into U+FFFD", "[text][utf8]") {
    CHECK(decode("\xC3\xA9", 0).value == 0xE9);
    CHECK(decode("\xC3\xA9", 0).length == 2);
    CHECK(decode("\xE6\x97\xA5", 0).value == 0x65E5); // 日
    CHECK(decode(kFamily, 0).value == 0x1F468);
    CHECK(decode(kFamily, 0).length == 4);
    for (const std::string bad : {"\xFF", "\xC0\x80", "\xE2\x82", "\xED\xA0\x80", "\x80", "\xF4\x90\x80\x80"}) {
        INFO(bad.size() << " bytes");
        const auto point = decode(bad, 0);
        CHECK_FALSE(point.valid);
        CHECK(point.value == kReplacementCharacter);
        CHECK(point.length == 1);
    }
    std::string out;
    encode(0x1F469, out);
    encode(0xD800, out); // a surrogate is not a character
    CHECK(out == "\xF0\x9F\x91\xA9\xEF\xBF\xBD");
}

TEST_CASE("a character is a code point with everything that attaches to it", "[text][utf8]") {
    SECTION("e + combining acute accent") {
        const std::string text = kDecomposedE + "x";
        CHECK(nextCharacter(text, 0) == 3);
        CHECK(nextCharacter(text, 3) == 4);
        CHECK(previousCharacter(text, 3) == 0);
        CHECK(previousCharacter(text, 4) == 3);
    }
    SECTION("an emoji joined with zero-width joiners, and a skin tone") {
        const std::string text = "a" + kFamily + kThumbs + "b";
        CHECK(nextCharacter(text, 1) == 19);
        CHECK(nextCharacter(text, 19) == 27);
        CHECK(previousCharacter(text, 27) == 19);
        CHECK(previousCharacter(text, 19) == 1);
    }
    SECTION("regional indicators pair into flags, counted from the first") {
        const std::string flags = kGermany + kFrance;
        CHECK(nextCharacter(flags, 0) == 8);
        CHECK(nextCharacter(flags, 8) == 16);
        CHECK(previousCharacter(flags, 16) == 8);
        CHECK(previousCharacter(flags, 8) == 0);
        const std::string odd = kGermany + kFrance.substr(0, 4); // a lone third indicator
        CHECK(previousCharacter(odd, 12) == 8);
        CHECK(nextCharacter(odd, 8) == 12);
    }
    SECTION("variation selector, CJK, Hebrew with points, Arabic letters") {
        CHECK(nextCharacter(kHeart, 0) == 6);
        CHECK(nextCharacter("\xE6\x97\xA5\xE6\x9C\xAC", 0) == 3); // 日本
        // U+05E9 with U+05B8 and U+05C1: one Hebrew letter with its points (6 bytes).
        CHECK(nextCharacter("\xD7\xA9\xD6\xB8\xD7\x81\xD7\x9C", 0) == 6);
        // U+0633 U+0644 U+0627 U+0645 (salam): four letters of two bytes.
        const std::string salam = "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85";
        CHECK(nextCharacter(salam, 0) == 2);
        CHECK(previousCharacter(salam, 8) == 6);
    }
    SECTION("a mark never attaches across a line feed") {
        const std::string text = "a\n\xCC\x81";
        CHECK(nextCharacter(text, 0) == 1);
        CHECK(nextCharacter(text, 1) == 2);
        CHECK(previousCharacter(text, 4) == 2);
        CHECK(previousCharacter(text, 2) == 1);
    }
    SECTION("stray continuation bytes are one character each") {
        const std::string text = "a\x80\x80";
        CHECK(previousCharacter(text, 3) == 2);
        CHECK(nextCharacter(text, 1) == 2);
    }
}

TEST_CASE("words: Ctrl+arrows, double-click, paragraphs", "[text][utf8]") {
    const std::string text = "Hello, world";
    CHECK(nextWordEnd(text, 0) == 5);
    CHECK(nextWordEnd(text, 5) == 12);
    CHECK(nextWordEnd(text, 12) == 12);
    CHECK(previousWordStart(text, 12) == 7);
    CHECK(previousWordStart(text, 7) == 0);
    CHECK(previousWordStart(text, 3) == 0);
    CHECK(wordAt(text, 8) == ByteRange{7, 12});
    CHECK(wordAt(text, 5) == ByteRange{5, 6});   // the comma
    CHECK(wordAt(text, 6) == ByteRange{6, 7});   // the space
    CHECK(wordAt(text, 12) == ByteRange{7, 12}); // past the end: the word before
    // A word with an accent written as e + U+0301 stays one word.
    const std::string cafe = "caf" + kDecomposedE + " noir";
    CHECK(nextWordEnd(cafe, 0) == 6);
    CHECK(wordAt(cafe, 2) == ByteRange{0, 6});
    const std::string paragraphs = "ab\ncd\nef";
    CHECK(paragraphAt(paragraphs, 4) == ByteRange{3, 5});
    CHECK(paragraphAt(paragraphs, 0) == ByteRange{0, 2});
    CHECK(paragraphAt(paragraphs, 8) == ByteRange{6, 8});
    CHECK(paragraphAt(paragraphs, 2) == ByteRange{0, 2});
    CHECK(wordAt(paragraphs, 2) == ByteRange{0, 2});
    CHECK(wordAt("a\n\nb", 2) == ByteRange{2, 2}); // an empty line
}

TEST_CASE("input is cleaned: line endings, control characters, malformed UTF-8", "[text][utf8]") {
    CHECK(cleanInput("one\r\ntwo\rthree\nfour") == "one\ntwo\nthree\nfour");
    CHECK(cleanInput(std::string{"a\0b", 3}) == "ab");
    CHECK(cleanInput("a\x01\x1B\x7F"
                     "b\tc") == "ab\tc");
    CHECK(cleanInput("x\xC2\x85y") == "xy"); // U+0085, a C1 control
    CHECK(cleanInput("x\xFFy") == "x\xEF\xBF\xBDy");
    CHECK(cleanInput("\xE2\x82") == "\xEF\xBF\xBD\xEF\xBF\xBD"); // a cut sequence: two bad bytes
    CHECK(cleanInput(kFamily + kDecomposedE) == kFamily + kDecomposedE);
    CHECK(cleanInput("\r\r\n") == "\n\n");
}
