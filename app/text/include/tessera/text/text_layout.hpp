#pragma once

// Soft wrapping for display. The layout of a text is a list of visual lines, each a byte range of
// the text; the text itself is never changed. Lines break after spaces (which hang at the end of
// the line and never start the next one), between ideographs, and inside a word only when the word
// alone is wider than the line. Paragraphs (text between line feeds) are laid out independently and
// cached by their content, so an edit lays out only the paragraph it touched.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tessera::text {

// The horizontal advance of one code point, in the same unit as the width (pixels in the app, a
// fixed number per code point in tests).
using AdvanceFunction = std::function<float(char32_t)>;

struct VisualLine {
    std::size_t begin = 0; // byte offsets into the text
    std::size_t end = 0;   // the next line's begin when wrapped; the line feed's offset (or the text's end) otherwise
    bool endsParagraph = false;
    friend bool operator==(const VisualLine&, const VisualLine&) = default;
};

// Lays out one paragraph (no line feed in it) at `width`; offsets relative to the paragraph.
[[nodiscard]] std::vector<VisualLine> wrapParagraph(std::string_view paragraph, float width,
                                                    const AdvanceFunction& advance);

class TextLayout {
public:
    // Lays `text` out at `width`. `fontKey` names the font and size the advances come from: a new
    // key or width lays out everything again, the same ones reuse every unchanged paragraph.
    void update(std::string_view text, float width, std::uint64_t fontKey, const AdvanceFunction& advance);

    [[nodiscard]] const std::vector<VisualLine>& lines() const { return m_lines; }
    // Paragraphs laid out (not found in the cache) by the last update: for tests and benchmarks.
    [[nodiscard]] std::size_t paragraphsLaidOut() const { return m_laidOut; }
    // The visual line holding `offset`. At the end of a wrapped line the offset is also the start
    // of the next one: `upstream` picks the end of the earlier line (where End puts the caret).
    [[nodiscard]] std::size_t lineOf(std::size_t offset, bool upstream = false) const;
    // The x of `offset` within its line `line`, measured from the line's start.
    [[nodiscard]] float xOf(std::string_view text, std::size_t line, std::size_t offset,
                            const AdvanceFunction& advance) const;
    // The character boundary of line `line` nearest to `x`. `upstream` is set when the result is the
    // end of a wrapped line.
    [[nodiscard]] std::size_t offsetAt(std::string_view text, std::size_t line, float x, const AdvanceFunction& advance,
                                       bool& upstream) const;

private:
    std::vector<VisualLine> m_lines;
    std::unordered_map<std::string, std::vector<VisualLine>> m_cache; // paragraph text -> its lines
    float m_width = -1.0f;
    std::uint64_t m_fontKey = 0;
    std::size_t m_laidOut = 0;
};

} // namespace tessera::text
