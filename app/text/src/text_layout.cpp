#include "tessera/text/text_layout.hpp"

#include "tessera/text/utf8.hpp"

#include <algorithm>
#include <array>

namespace tessera::text {
namespace {

float characterWidth(std::string_view text, std::size_t begin, std::size_t end, const AdvanceFunction& advance) {
    float width = 0.0f;
    for (std::size_t p = begin; p < end;) {
        const auto point = decode(text, p);
        width += advance(point.valid ? point.value : kReplacementCharacter);
        p += point.length;
    }
    return width;
}

} // namespace

std::vector<VisualLine> wrapParagraph(std::string_view paragraph, float width, const AdvanceFunction& advance) {
    std::vector<VisualLine> lines;
    std::size_t lineBegin = 0;
    float x = 0.0f;
    // The last place the line may break (a character after spaces, or around an ideograph), and
    // the width of the line up to it.
    std::size_t breakAt = 0;
    float xAtBreak = 0.0f;
    bool afterSpace = false;
    // Most text is ASCII: its advances are asked once, and an ASCII character followed by another
    // byte below 0x80 is a whole character of one byte (nothing that attaches is ASCII).
    std::array<float, 128> asciiAdvance{};
    asciiAdvance.fill(-1.0f);
    for (std::size_t p = 0; p < paragraph.size();) {
        const auto byte = static_cast<unsigned char>(paragraph[p]);
        std::size_t next = 0;
        char32_t first = 0;
        float w = 0.0f;
        if (byte < 0x80U && (p + 1 == paragraph.size() || static_cast<unsigned char>(paragraph[p + 1]) < 0x80U)) {
            next = p + 1;
            first = byte;
            if (asciiAdvance[byte] < 0.0f) {
                asciiAdvance[byte] = advance(first);
            }
            w = asciiAdvance[byte];
        } else {
            next = nextCharacter(paragraph, p);
            first = decode(paragraph, p).value;
            w = characterWidth(paragraph, p, next, advance);
        }
        if (classify(first) == CharacterClass::Space) {
            x += w; // spaces hang past the edge and never start a line
            afterSpace = true;
            p = next;
            continue;
        }
        if (afterSpace || breaksAnywhere(first)) {
            breakAt = p;
            xAtBreak = x;
            afterSpace = false;
        }
        while (x + w > width && p > lineBegin) {
            if (breakAt > lineBegin) {
                lines.push_back({lineBegin, breakAt, false});
                lineBegin = breakAt;
                x -= xAtBreak;
            } else {
                // A word longer than the line: it breaks where it reaches the edge.
                lines.push_back({lineBegin, p, false});
                lineBegin = p;
                x = 0.0f;
            }
            breakAt = lineBegin;
            xAtBreak = 0.0f;
        }
        x += w;
        if (breaksAnywhere(first)) {
            breakAt = next;
            xAtBreak = x;
        }
        p = next;
    }
    lines.push_back({lineBegin, paragraph.size(), true});
    return lines;
}

void TextLayout::update(std::string_view text, float width, std::uint64_t fontKey, const AdvanceFunction& advance) {
    if (width != m_width || fontKey != m_fontKey) {
        m_cache.clear();
        m_width = width;
        m_fontKey = fontKey;
    }
    std::unordered_map<std::string, std::vector<VisualLine>> used;
    m_lines.clear();
    m_laidOut = 0;
    std::size_t begin = 0;
    while (true) {
        const auto feed = text.find('\n', begin);
        const std::size_t end = feed == std::string_view::npos ? text.size() : feed;
        const auto paragraph = text.substr(begin, end - begin);
        std::string key{paragraph};
        auto found = used.find(key);
        if (found == used.end()) {
            auto cached = m_cache.find(key);
            if (cached != m_cache.end()) {
                found = used.emplace(std::move(key), std::move(cached->second)).first;
                m_cache.erase(cached);
            } else {
                ++m_laidOut;
                found = used.emplace(std::move(key), wrapParagraph(paragraph, width, advance)).first;
            }
        }
        for (const auto& line : found->second) {
            m_lines.push_back({begin + line.begin, begin + line.end, line.endsParagraph});
        }
        if (feed == std::string_view::npos) {
            break;
        }
        begin = feed + 1;
    }
    m_cache = std::move(used);
}

std::size_t TextLayout::lineOf(std::size_t offset, bool upstream) const {
    if (m_lines.empty()) {
        return 0;
    }
    const auto after = std::upper_bound(m_lines.begin(), m_lines.end(), offset,
                                        [](std::size_t value, const VisualLine& line) { return value < line.begin; });
    auto index = static_cast<std::size_t>(std::max<std::ptrdiff_t>(0, (after - m_lines.begin()) - 1));
    if (upstream && index > 0 && m_lines[index].begin == offset && !m_lines[index - 1].endsParagraph &&
        m_lines[index - 1].end == offset) {
        --index;
    }
    return index;
}

float TextLayout::xOf(std::string_view text, std::size_t line, std::size_t offset,
                      const AdvanceFunction& advance) const {
    const auto& visual = m_lines.at(line);
    return characterWidth(text, visual.begin, std::clamp(offset, visual.begin, visual.end), advance);
}

std::size_t TextLayout::offsetAt(std::string_view text, std::size_t line, float x, const AdvanceFunction& advance,
                                 bool& upstream) const {
    const auto& visual = m_lines.at(line);
    upstream = false;
    float left = 0.0f;
    for (std::size_t p = visual.begin; p < visual.end;) {
        const std::size_t next = nextCharacter(text, p);
        const float w = characterWidth(text, p, next, advance);
        if (x < left + w * 0.5f) {
            return p;
        }
        left += w;
        p = next;
    }
    upstream = !visual.endsParagraph;
    return visual.end;
}

} // namespace tessera::text
