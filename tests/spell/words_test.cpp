// The words a spell check looks at, with byte ranges counted by hand.

#include "tessera/spell/words.hpp"

#include <catch2/catch.hpp>

#include <vector>

using tessera::spell::ByteRange;
using tessera::spell::carryOver;
using tessera::spell::findWords;
using Ranges = std::vector<ByteRange>;

TEST_CASE("words: apostrophes and hyphens inside a word join it, outside they do not", "[spell][words]") {
    CHECK(findWords("I don't recieve it.") == Ranges{{0, 1}, {2, 7}, {8, 15}, {16, 18}});
    CHECK(findWords("well-being, clients' notes") == Ranges{{0, 10}, {12, 19}, {21, 26}});
    CHECK(findWords("'tis -ish") == Ranges{{1, 4}, {6, 9}});
    CHECK(findWords("").empty());
    CHECK(findWords(" \n\t ").empty());
}

TEST_CASE("words: numbers and codes are skipped whole", "[spell][words]") {
    // C0 a1 l2 l3 _4 5-5-5-8 1234 _13 o14 n15 _16 t17 h18 e19 _20 3rd 21-23 ;24 _25 s26 e27 e28 _29
    // F43.1 30-34 _35 a36 n37 d38 _39 COVID-19 40-47 _48 n49 o50 w51
    CHECK(findWords("Call 555-1234 on the 3rd; see F43.1 and COVID-19 now") ==
          Ranges{{0, 4}, {14, 16}, {17, 20}, {26, 29}, {36, 39}, {49, 52}});
}

TEST_CASE("words: addresses, e-mail and identifiers are skipped", "[spell][words]") {
    // m0 a1 i2 l3 _4 jo@example.org 5-18 _19 o20 r21 _22 https://example.org/page 23-46 _47
    // www.x.org 48-56 _57 some_var 58-65 _66 d67 o68 n69 e70
    CHECK(findWords("mail jo@example.org or https://example.org/page www.x.org some_var done") ==
          Ranges{{0, 4}, {20, 22}, {67, 71}});
}

TEST_CASE("words: UTF-8 letters, typographic apostrophes, dashes and emoji", "[spell][words]") {
    // c0 a1 f2 é3-4 ’5-7 s8 _9 n10 a11 ï12-13 v14 e15 _16 —17-19 _20 o21 k22
    CHECK(findWords("caf\xC3\xA9\xE2\x80\x99s na\xC3\xAFve \xE2\x80\x94 ok") == Ranges{{0, 9}, {10, 16}, {21, 23}});
    // h0 a1 p2 p3 y4 😀5-8 _9 d10 a11 y12
    CHECK(findWords("happy\xF0\x9F\x98\x80 day") == Ranges{{0, 5}, {10, 13}});
    // A combining acute accent (U+0301) stays with its letter: e0 ◌́1-2 t3 e4
    CHECK(findWords("e\xCC\x81te") == Ranges{{0, 5}});
}

TEST_CASE("stale ranges: kept before an edit, moved after it, dropped where it touched", "[spell][words]") {
    const std::string checked = "a recieve b teh"; // recieve [2, 9), teh [12, 15)
    const Ranges ranges{{2, 9}, {12, 15}};
    CHECK(carryOver(checked, checked, ranges) == ranges);
    // "xx " typed at the start: both move by 3.
    CHECK(carryOver(checked, "xx a recieve b teh", ranges) == Ranges{{5, 12}, {15, 18}});
    // The misspelling itself corrected: it is dropped, the later word stays where it is.
    CHECK(carryOver(checked, "a receive b teh", ranges) == Ranges{{12, 15}});
    // A letter typed at the end of "teh" touches it: dropped until the next check.
    CHECK(carryOver(checked, "a recieve b tehs", ranges) == Ranges{{2, 9}});
    // Text deleted between them: the first stays, the second moves back by 1 ("b" removed).
    CHECK(carryOver(checked, "a recieve  teh", ranges) == Ranges{{2, 9}, {11, 14}});
    // A letter typed right before a word touches it too ("xteh" is not "teh").
    CHECK(carryOver(checked, "a recieve b xteh", ranges) == Ranges{{2, 9}});
    // Everything replaced: nothing is carried.
    CHECK(carryOver(checked, "", ranges).empty());
}
