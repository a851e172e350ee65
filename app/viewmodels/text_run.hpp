#pragma once

// Text with emphasised parts (a search snippet's matches), as view-models hand it to views.

#include <string>
#include <string_view>
#include <vector>

namespace tessera::app {

struct TextRun {
    std::string text;
    bool emphasised = false;

    friend bool operator==(const TextRun&, const TextRun&) = default;
};

// Splits a search snippet whose matches are wrapped in [ and ] into runs. An unmatched bracket is
// kept as text.
[[nodiscard]] std::vector<TextRun> parseMarkedSnippet(std::string_view snippet);

} // namespace tessera::app
