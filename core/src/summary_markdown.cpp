// CommonMark rendering of a supervision summary. Only core CommonMark is used (headings,
// paragraphs, lists, emphasis, code spans): no tables, which CommonMark does not have.

#include "tessera/core/summary.hpp"

#include <string>
#include <string_view>

namespace tessera::core {
namespace {

bool isMarkdownPunctuation(char c) {
    switch (c) {
    case '\\':
    case '`':
    case '*':
    case '_':
    case '[':
    case ']':
    case '<':
    case '>':
    case '#':
    case '|':
    case '~':
    case '&': return true;
    default: return false;
    }
}

// Appends one line of text, escaped so that it can only ever be text: every character that could
// start emphasis, code, a link, HTML or an entity is backslash-escaped, and so is a line start
// that could open a block (heading, list, quote, thematic break, setext underline).
void appendEscapedLine(std::string& out, std::string_view line) {
    std::size_t start = 0;
    // A line that starts like "12." or "3)" would open an ordered list.
    std::size_t digits = 0;
    while (digits < line.size() && line[digits] >= '0' && line[digits] <= '9') {
        ++digits;
    }
    if (digits > 0 && digits < line.size() && (line[digits] == '.' || line[digits] == ')')) {
        out.append(line.substr(0, digits));
        out.push_back('\\');
        start = digits;
    } else if (!line.empty() && (line[0] == '-' || line[0] == '+' || line[0] == '=' || line[0] == '.')) {
        out.push_back('\\');
    }
    for (std::size_t i = start; i < line.size(); ++i) {
        if (isMarkdownPunctuation(line[i])) {
            out.push_back('\\');
        }
        out.push_back(line[i]);
    }
}

// Appends text that may span several lines: each line trimmed and escaped, blank lines dropped,
// lines joined by hard breaks indented by `indent` so that they stay inside a list item.
void appendText(std::string& out, std::string_view text, std::string_view indent = {}) {
    bool first = true;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        std::string_view line = text.substr(start, end - start);
        const auto a = line.find_first_not_of(" \t\r");
        if (a != std::string_view::npos) {
            line = line.substr(a, line.find_last_not_of(" \t\r") - a + 1);
            if (!first) {
                out.append("\\\n");
                out.append(indent);
            }
            appendEscapedLine(out, line);
            first = false;
        }
        start = end + 1;
    }
}

std::string escaped(std::string_view text) {
    std::string out;
    appendText(out, text);
    return out;
}

// Maps each block of the output layer to CommonMark. Tables become one list item per row (core
// CommonMark has no tables); charts are left to the values that the layout always puts beside them
// as text, except the small per-session series inside tables, written as sparklines.
class MarkdownWriter {
public:
    explicit MarkdownWriter(const OutputDocument& document) : m_doc(document) { m_out.reserve(std::size_t{64} * 1024); }

    std::string render() {
        for (const Block& block : m_doc.blocks) {
            switch (block.kind) {
            case BlockKind::Heading: heading(block); break;
            case BlockKind::Paragraph:
            case BlockKind::Notice: paragraph(block.text); break;
            case BlockKind::Note: emphasis(block.text); break;
            case BlockKind::List: list(block); break;
            case BlockKind::Table: table(block.table); break;
            case BlockKind::Chart: break;
            }
        }
        // One newline at the end of the file, never a blank line.
        while (m_out.size() > 1 && m_out.ends_with("\n\n")) {
            m_out.pop_back();
        }
        return std::move(m_out);
    }

private:
    const OutputDocument& m_doc;
    std::string m_out;

    void heading(const Block& block) {
        m_out.append(static_cast<std::size_t>(block.level), '#');
        m_out.push_back(' ');
        appendText(m_out, block.text);
        m_out.append("\n\n");
    }
    void paragraph(std::string_view text) {
        appendText(m_out, text);
        m_out.append("\n\n");
    }
    void emphasis(std::string_view text) {
        m_out.push_back('*');
        appendText(m_out, text);
        m_out.append("*\n\n");
    }
    void item(std::string_view label, std::string_view text) {
        m_out.append("- ");
        if (!label.empty()) {
            m_out.append("**");
            appendText(m_out, label);
            m_out.append("** ");
        }
        appendText(m_out, text, "  ");
        m_out.push_back('\n');
    }
    void list(const Block& block) {
        if (block.items.empty()) {
            return;
        }
        int number = 1;
        for (const auto& entry : block.items) {
            if (block.style == ListStyle::Ordered) {
                m_out.append(std::to_string(number++)).append(". ");
                appendText(m_out, entry.text, "   ");
                m_out.push_back('\n');
            } else {
                item(entry.label, entry.text);
            }
        }
        m_out.push_back('\n');
    }
    void cell(const TableCell& value) {
        if (value.chart) {
            m_out.append("`").append(sparkline(value.chart->values)).append("`");
            return;
        }
        appendText(m_out, value.detail.empty() ? value.text : value.text + " (" + value.detail + ")");
    }
    void table(const Table& value) {
        if (value.rows.empty()) {
            return;
        }
        for (const auto& row : value.rows) {
            m_out.append("- **");
            appendText(m_out, row.front().text + (value.columns.empty() ? ":" : ""));
            m_out.append("**");
            if (!value.columns.empty() && !row.front().detail.empty()) {
                m_out.append(" (");
                appendText(m_out, row.front().detail);
                m_out.append(")");
            }
            m_out.append(value.columns.empty() ? " " : ": ");
            bool first = true;
            for (std::size_t c = 1; c < row.size(); ++c) {
                if (row[c].text.empty() && !row[c].chart) {
                    continue;
                }
                if (value.columns.empty()) {
                    // A label/value row: "5 ([partner] 3, [child] 2)".
                    m_out.append(c == 1 ? "" : c == 2 ? " (" : "; ");
                    appendText(m_out, row[c].text);
                    continue;
                }
                m_out.append(first ? "" : "; ");
                first = false;
                appendText(m_out, value.columns[c]);
                m_out.append(" ");
                cell(row[c]);
            }
            if (value.columns.empty() && row.size() > 2 && !row[2].text.empty()) {
                m_out.append(")");
            }
            m_out.push_back('\n');
        }
        m_out.push_back('\n');
    }
};

} // namespace

std::string renderMarkdown(const OutputDocument& document) {
    return MarkdownWriter(document).render();
}

std::string renderMarkdown(const SummaryDocument& document) {
    return renderMarkdown(layoutSummary(document));
}

std::string escapeMarkdown(std::string_view text) {
    return escaped(text);
}

} // namespace tessera::core
