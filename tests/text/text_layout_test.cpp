// Soft wrapping with a fixed-width fake font: every code point advances one unit, so the
// expected lines can be counted by hand.

#include "tessera/text/text_layout.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace tessera::text;

namespace {

float oneUnit(char32_t) {
    return 1.0f;
}

struct Range {
    std::size_t begin;
    std::size_t end;
};

std::vector<VisualLine> expected(std::initializer_list<Range> ranges) {
    std::vector<VisualLine> lines;
    for (const auto& range : ranges) {
        lines.push_back({range.begin, range.end, false});
    }
    lines.back().endsParagraph = true;
    return lines;
}

std::vector<VisualLine> laidOut(const std::string& text, float width) {
    TextLayout layout;
    layout.update(text, width, 1, oneUnit);
    return layout.lines();
}

} // namespace

TEST_CASE("lines break after spaces, which hang at the end of the line", "[text][layout]") {
    const std::string text = "the quick brown fox"; // words at 0, 4, 10, 16; 19 bytes
    CHECK(wrapParagraph(text, 100.0f, oneUnit) == expected({{0, 19}}));
    CHECK(wrapParagraph(text, 19.0f, oneUnit) == expected({{0, 19}}));
    CHECK(wrapParagraph(text, 18.0f, oneUnit) == expected({{0, 16}, {16, 19}}));
    CHECK(wrapParagraph(text, 15.0f, oneUnit) == expected({{0, 16}, {16, 19}})); // "brown" just fits
    CHECK(wrapParagraph(text, 14.0f, oneUnit) == expected({{0, 10}, {10, 19}}));
    CHECK(wrapParagraph(text, 10.0f, oneUnit) == expected({{0, 10}, {10, 19}}));
    CHECK(wrapParagraph(text, 9.0f, oneUnit) == expected({{0, 10}, {10, 19}}));
    CHECK(wrapParagraph(text, 8.0f, oneUnit) == expected({{0, 4}, {4, 10}, {10, 16}, {16, 19}}));
    CHECK(wrapParagraph(text, 5.0f, oneUnit) == expected({{0, 4}, {4, 10}, {10, 16}, {16, 19}}));
    // Narrower than "quick": the long words break where they reach the edge.
    CHECK(wrapParagraph(text, 4.0f, oneUnit) == expected({{0, 4}, {4, 8}, {8, 10}, {10, 14}, {14, 16}, {16, 19}}));
    // A run of spaces never starts a line, however wide it is.
    CHECK(wrapParagraph("aaaa    bb", 4.0f, oneUnit) == expected({{0, 8}, {8, 10}}));
}

TEST_CASE("a word wider than the line breaks inside - nothing is ever lost", "[text][layout]") {
    CHECK(wrapParagraph("abcdefghij", 4.0f, oneUnit) == expected({{0, 4}, {4, 8}, {8, 10}}));
    CHECK(wrapParagraph("ab abcdefghij", 4.0f, oneUnit) == expected({{0, 3}, {3, 7}, {7, 11}, {11, 13}}));
    // Even a zero width keeps one character per line.
    CHECK(wrapParagraph("abc", 0.0f, oneUnit) == expected({{0, 1}, {1, 2}, {2, 3}}));
    CHECK(wrapParagraph("", 10.0f, oneUnit) == expected({{0, 0}}));
}

TEST_CASE("characters are never split across lines - ideographs break anywhere", "[text][layout]") {
    // e + U+0301 is one character of 3 bytes and (with this font) 2 units.
    const std::string accents = "e\xCC\x81"
                                "e\xCC\x81"
                                "e\xCC\x81";
    CHECK(wrapParagraph(accents, 3.0f, oneUnit) == expected({{0, 3}, {3, 6}, {6, 9}}));
    CHECK(wrapParagraph(accents, 4.0f, oneUnit) == expected({{0, 6}, {6, 9}}));
    // 日本語日本語: six ideographs of 3 bytes, no spaces.
    const std::string japanese = "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E";
    CHECK(wrapParagraph(japanese, 4.0f, oneUnit) == expected({{0, 12}, {12, 18}}));
    // Latin text after an ideograph may start the next line: 日 then "abc".
    CHECK(wrapParagraph("\xE6\x97\xA5"
                        "abc",
                        3.0f, oneUnit) == expected({{0, 3}, {3, 6}}));
}

TEST_CASE("a text is laid out paragraph by paragraph", "[text][layout]") {
    CHECK(laidOut("ab\n\ncd", 10.0f) == std::vector<VisualLine>{{0, 2, true}, {3, 3, true}, {4, 6, true}});
    CHECK(laidOut("", 10.0f) == std::vector<VisualLine>{{0, 0, true}});
    CHECK(laidOut("abc\n", 10.0f) == std::vector<VisualLine>{{0, 3, true}, {4, 4, true}});
    CHECK(laidOut("the quick\nbrown fox", 6.0f) ==
          std::vector<VisualLine>{{0, 4, false}, {4, 9, true}, {10, 16, false}, {16, 19, true}});
}

TEST_CASE("narrow then wide gives the original layout - the text is never touched", "[text][layout]") {
    const std::string paragraph = "She mentioned, almost in passing, that the phone number (555) 867-5309 "
                                  "was his, and that on 14 August 2026 she had moved to 12 Oak Street.";
    const std::string text = paragraph + "\n\n" + paragraph;
    TextLayout layout;
    layout.update(text, 60.0f, 1, oneUnit);
    const auto wide = layout.lines();
    for (const float width : {50.0f, 31.0f, 20.0f, 13.0f, 7.0f, 3.0f, 1.0f, 200.0f, 45.0f}) {
        INFO("width " << width);
        layout.update(text, width, 1, oneUnit);
        const auto& lines = layout.lines();
        // Every byte is on exactly one line, in order; no line is wider than the width unless it
        // is a single character, once its hanging spaces are left out.
        std::size_t next = 0;
        for (const auto& line : lines) {
            CHECK(line.begin == next);
            next = line.end + (line.endsParagraph ? 1 : 0);
            std::size_t end = line.end;
            while (end > line.begin && text[end - 1] == ' ') {
                --end;
            }
            CHECK((static_cast<float>(end - line.begin) <= width || end - line.begin == 1));
        }
        CHECK(next == text.size() + 1);
    }
    layout.update(text, 60.0f, 1, oneUnit);
    CHECK(layout.lines() == wide);
    CHECK(text == paragraph + "\n\n" + paragraph);
}

TEST_CASE("only edited paragraphs are laid out again", "[text][layout]") {
    std::string text;
    for (int i = 0; i < 20; ++i) {
        text += std::string(999, static_cast<char>('a' + i % 26)) + "\n"; // 20,000 characters
    }
    TextLayout layout;
    layout.update(text, 80.0f, 7, oneUnit);
    CHECK(layout.paragraphsLaidOut() == 21); // and the empty last one
    layout.update(text, 80.0f, 7, oneUnit);
    CHECK(layout.paragraphsLaidOut() == 0);
    text.insert(5 * 1000 + 10, "typed");
    layout.update(text, 80.0f, 7, oneUnit);
    CHECK(layout.paragraphsLaidOut() == 1);
    text.insert(5 * 1000 + 20, "\n"); // a paragraph split in two: both halves are new
    layout.update(text, 80.0f, 7, oneUnit);
    CHECK(layout.paragraphsLaidOut() == 2);
    layout.update(text, 81.0f, 7, oneUnit); // a new width: everything
    CHECK(layout.paragraphsLaidOut() == 22);
    layout.update(text, 81.0f, 8, oneUnit); // another font or size: everything
    CHECK(layout.paragraphsLaidOut() == 22);
}

TEST_CASE("lines and x positions for the caret - hit testing", "[text][layout]") {
    const std::string text = "the quick brown fox";
    TextLayout layout;
    layout.update(text, 8.0f, 1, oneUnit); // [0,4) [4,10) [10,16) [16,19]
    CHECK(layout.lineOf(0) == 0);
    CHECK(layout.lineOf(3) == 0);
    CHECK(layout.lineOf(4) == 1);
    CHECK(layout.lineOf(4, true) == 0); // the end of the first line
    CHECK(layout.lineOf(19) == 3);
    CHECK(layout.lineOf(19, true) == 3);
    CHECK(layout.xOf(text, 1, 6, oneUnit) == 2.0f);
    CHECK(layout.xOf(text, 0, 4, oneUnit) == 4.0f);
    bool upstream = true;
    CHECK(layout.offsetAt(text, 1, 2.4f, oneUnit, upstream) == 6);
    CHECK_FALSE(upstream);
    CHECK(layout.offsetAt(text, 1, 2.6f, oneUnit, upstream) == 7);
    CHECK(layout.offsetAt(text, 1, -5.0f, oneUnit, upstream) == 4);
    CHECK(layout.offsetAt(text, 1, 100.0f, oneUnit, upstream) == 10);
    CHECK(upstream);
    CHECK(layout.offsetAt(text, 3, 100.0f, oneUnit, upstream) == 19);
    CHECK_FALSE(upstream);
}
