// Repairing texts whose display wrapping an earlier version stored as line breaks.

#include "tessera/text/wrapped_lines.hpp"

#include <catch2/catch.hpp>

using tessera::text::joinWrappedLines;

TEST_CASE("wrapped lines are joined with one space - paragraphs and lists stay", "[text][wrapped]") {
    CHECK(joinWrappedLines("She\nmentioned,\nalmost in passing") == "She mentioned, almost in passing");
    CHECK(joinWrappedLines("his number is (555)\n867-5309") == "his number is (555) 867-5309");
    CHECK(joinWrappedLines("first paragraph\nwrapped\n\nsecond\nparagraph") ==
          "first paragraph wrapped\n\nsecond paragraph");
    CHECK(joinWrappedLines("Plan:\n- call the lawyer\n- safety plan\n1. first\n2) second") ==
          "Plan:\n- call the lawyer\n- safety plan\n1. first\n2) second");
    CHECK(joinWrappedLines("a list item that\n- wraps") == "a list item that\n- wraps");
    CHECK(joinWrappedLines("trailing space \nkept once") == "trailing space kept once");
    CHECK(joinWrappedLines("no breaks at all") == "no breaks at all");
    CHECK(joinWrappedLines("").empty());
    CHECK(joinWrappedLines("ends with a break\n") == "ends with a break\n");
    CHECK(joinWrappedLines("\nstarts with one") == "\nstarts with one");
    CHECK(joinWrappedLines("14\nAugust 2026, 12 Oak\nStreet") == "14 August 2026, 12 Oak Street");
}
