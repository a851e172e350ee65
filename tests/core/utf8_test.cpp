// UTF-8 of tessera_core: the one decoder and the code point boundaries every layer cuts text at
// (the editor's characters are tested in tests/text/utf8_test.cpp on top of these).

#include "tessera/core/utf8.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace tessera::core;

TEST_CASE("utf8: decode reads every length and refuses what is malformed as U+FFFD of one byte", "[utf8]") {
    const std::string text = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"; // a é € 😀
    CHECK(utf8::decode(text, 0).value == U'a');
    CHECK(utf8::decode(text, 1).value == U'\u00E9');
    CHECK(utf8::decode(text, 1).length == 2);
    CHECK(utf8::decode(text, 3).value == U'\u20AC');
    CHECK(utf8::decode(text, 3).length == 3);
    CHECK(utf8::decode(text, 6).value == U'\U0001F600');
    CHECK(utf8::decode(text, 6).length == 4);
    for (const std::string bad : {"\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82", "\x80", "\xFF"}) {
        INFO(bad.size());
        const auto decoded = utf8::decode(bad, 0); // overlong, surrogate, too high, cut, lone, never valid
        CHECK_FALSE(decoded.valid);
        CHECK(decoded.value == utf8::kReplacementCharacter);
        CHECK(decoded.length == 1);
    }
    std::string out;
    for (const char32_t value : {U'a', U'\u00E9', U'\u20AC', U'\U0001F600'}) {
        utf8::encode(value, out);
    }
    CHECK(out == text);
    out.clear();
    utf8::encode(0xD800, out);
    CHECK(out == "\xEF\xBF\xBD");
}

TEST_CASE("utf8: boundaries never fall inside a character, and characters are counted as a person counts", "[utf8]") {
    const std::string text = "Zo\xC3\xAB \xF0\x9F\x98\x80!"; // Zoë 😀!
    CHECK(utf8::countCodePoints(text) == 6);
    CHECK(utf8::floorBoundary(text, 3) == 2); // inside ë: back to its start
    CHECK(utf8::ceilBoundary(text, 3) == 4);  // and forward past it
    CHECK(utf8::floorBoundary(text, 7) == 5); // inside the emoji
    CHECK(utf8::ceilBoundary(text, 7) == 9);
    CHECK(utf8::floorBoundary(text, 100) == text.size());
    CHECK(utf8::ceilBoundary(text, 100) == text.size());
    CHECK(utf8::previousCodePoint(text, text.size() - 1) == 5);
    CHECK(utf8::previousCodePoint(text, 4) == 2);
    const std::string lone = "a\x80\x80";
    CHECK(utf8::previousCodePoint(lone, 3) == 2); // continuation bytes without a lead: one each
}
