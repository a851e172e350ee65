// Self-contained HTML rendering of a supervision summary: one file with inline CSS and inline
// SVG charts, no scripts and no external resources (not even the SVG namespace URL, which HTML5
// does not need), so it opens the same offline, years from now, and prints on A4 or Letter.

#include "tessera/core/summary.hpp"
#include "tessera/core/validation.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <string_view>

namespace tessera::core {
namespace {

constexpr std::string_view kAccent = "#1f5f6b";
constexpr std::string_view kLeaveColour = "#2f7d8c";
constexpr std::string_view kStayColour = "#c07a2c";

constexpr std::string_view kStyle = R"css(
:root { --ink: #1d2330; --muted: #5b6475; --rule: #d9dde5; --accent: #1f5f6b; --soft: #f3f5f8; }
* { box-sizing: border-box; }
html { font-family: Inter, "Noto Sans", "Segoe UI", "Helvetica Neue", Arial, sans-serif; font-size: 15px;
       line-height: 1.5; color: var(--ink); background: #fff; }
body { margin: 0 auto; max-width: 52rem; padding: 2.5rem 1.5rem 4rem; }
header.doc { border-bottom: 2px solid var(--accent); padding-bottom: 1rem; margin-bottom: 1.5rem; }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .72rem; font-weight: 600; color: var(--accent);
          margin: 0; }
h1 { font-size: 1.8rem; line-height: 1.2; margin: .25rem 0 .9rem; }
h2 { font-size: 1.15rem; color: var(--accent); border-bottom: 1px solid var(--rule); padding-bottom: .25rem;
     margin: 2.2rem 0 .7rem; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 1rem; margin: 1.3rem 0 .35rem; break-after: avoid; page-break-after: avoid; }
p { margin: .4rem 0 .7rem; white-space: pre-line; }
.notice { background: var(--soft); border-left: 3px solid var(--accent); padding: .6rem .9rem; font-size: .88rem;
          color: var(--muted); margin: 0; }
.legend, .muted { color: var(--muted); font-size: .86rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .4rem 0 1rem; }
th, td { text-align: left; padding: .35rem .45rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { font-size: .72rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; }
.slope { display: block; color: var(--muted); font-size: .78rem; font-variant-numeric: tabular-nums;
         white-space: nowrap; }
tbody th { text-align: left; font-size: .9rem; text-transform: none; letter-spacing: 0; color: var(--ink);
           font-weight: 600; }
table.pairs tbody th { font-weight: 400; width: 45%; }
.detail { display: block; color: var(--muted); font-size: .78rem; font-weight: 400; font-variant-numeric: tabular-nums; }
.visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
                   clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
figure.chart { margin: .5rem 0 1rem; }
figure.chart figcaption { color: var(--muted); font-size: .8rem; }
ul.items { padding-left: 1.2rem; margin: .3rem 0 1rem; }
ul.items li { margin: .25rem 0; }
svg { display: block; overflow: visible; }
svg text { font-family: inherit; font-size: 10px; fill: #5b6475; }
ul.entries { list-style: none; padding: 0; margin: .3rem 0 1rem; }
.when { color: var(--muted); font-size: .82rem; font-variant-numeric: tabular-nums; }
ul.entries li { display: grid; grid-template-columns: 10.5rem 1fr; gap: 1rem; padding: .35rem 0;
                border-bottom: 1px solid #eef0f4; break-inside: avoid; page-break-inside: avoid; }
.text { white-space: pre-line; }
ol.questions li { margin: .3rem 0; }
section#deidentification { break-inside: avoid; page-break-inside: avoid; }
tr.total th, tr.total td { font-weight: 700; border-top: 2px solid var(--rule); }
@page { margin: 16mm 15mm 18mm; }
@media print {
  html { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  h2 { margin-top: 1.4rem; }
  .notice { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  ul.entries li { grid-template-columns: 9.5rem 1fr; }
}
)css";

void appendEscaped(std::string& out, std::string_view text) {
    for (const char c : text) {
        switch (c) {
        case '&': out.append("&amp;"); break;
        case '<': out.append("&lt;"); break;
        case '>': out.append("&gt;"); break;
        case '"': out.append("&quot;"); break;
        case '\'': out.append("&#39;"); break;
        default: out.push_back(c);
        }
    }
}

std::string num(double value) {
    return formatDecimal(value, 2);
}

// Maps each block of the output layer to HTML: level-2 headings open sections, tables get a
// caption and header cells, and every chart carries its values as text for screen readers (a
// visible caption under a figure, a visually hidden text beside a series in a table).
class HtmlWriter {
public:
    explicit HtmlWriter(const OutputDocument& document) : m_doc(document) { m_out.reserve(std::size_t{128} * 1024); }

    std::string render() {
        m_out.append("<!DOCTYPE html>\n<html lang=\"");
        text(m_doc.language);
        m_out.append("\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
        text(m_doc.title);
        m_out.append("</title>\n<style>").append(kStyle).append("</style>\n</head>\n<body>\n<header class=\"doc\">\n");
        tag("<p class=\"kicker\">", m_doc.kicker, "</p>\n");
        bool inMain = false;
        for (const Block& block : m_doc.blocks) {
            if (block.kind == BlockKind::Heading && block.level == 2) {
                m_out.append(inMain ? "</section>\n" : "</header>\n<main>\n");
                inMain = true;
                m_out.append("<section id=\"");
                text(block.id);
                m_out.append("\">\n");
            }
            switch (block.kind) {
            case BlockKind::Heading: {
                const std::string level = std::to_string(block.level);
                tag("<h" + level + ">", block.text, "</h" + level + ">\n");
                break;
            }
            case BlockKind::Paragraph: tag("<p>", block.text, "</p>\n"); break;
            case BlockKind::Note: tag("<p class=\"muted\">", block.text, "</p>\n"); break;
            case BlockKind::Notice: tag("<p class=\"notice\">", block.text, "</p>\n"); break;
            case BlockKind::List: list(block); break;
            case BlockKind::Table: table(block.table); break;
            case BlockKind::Chart: figure(block.chart); break;
            }
        }
        m_out.append(inMain ? "</section>\n</main>\n" : "</header>\n");
        m_out.append("</body>\n</html>\n");
        return std::move(m_out);
    }

private:
    const OutputDocument& m_doc;
    std::string m_out;

    void text(std::string_view value) { appendEscaped(m_out, value); }
    void tag(std::string_view open, std::string_view value, std::string_view close) {
        m_out.append(open);
        text(value);
        m_out.append(close);
    }

    void list(const Block& block) {
        if (block.items.empty()) {
            return;
        }
        switch (block.style) {
        case ListStyle::Ordered:
            m_out.append("<ol class=\"questions\">\n");
            for (const auto& item : block.items) {
                tag("<li class=\"text\">", item.text, "</li>\n");
            }
            m_out.append("</ol>\n");
            return;
        case ListStyle::Entries:
            m_out.append("<ul class=\"entries\">\n");
            for (const auto& item : block.items) {
                tag("<li><span class=\"when\">", item.label, "</span>");
                tag("<span class=\"text\">", item.text, "</span></li>\n");
            }
            m_out.append("</ul>\n");
            return;
        case ListStyle::Bullets:
            m_out.append("<ul class=\"items\">\n");
            for (const auto& item : block.items) {
                m_out.append("<li>");
                if (!item.label.empty()) {
                    tag("<strong>", item.label, "</strong> ");
                }
                tag("<span class=\"text\">", item.text, "</span></li>\n");
            }
            m_out.append("</ul>\n");
            return;
        }
    }

    void table(const Table& value) {
        if (value.rows.empty()) {
            return;
        }
        m_out.append(value.columns.empty() ? "<table class=\"pairs\">\n" : "<table>\n");
        tag("<caption class=\"visually-hidden\">", value.caption, "</caption>\n");
        if (!value.columns.empty()) {
            m_out.append("<thead><tr>");
            for (const auto& column : value.columns) {
                tag("<th scope=\"col\">", column, "</th>");
            }
            m_out.append("</tr></thead>\n");
        }
        m_out.append("<tbody>\n");
        for (std::size_t r = 0; r < value.rows.size(); ++r) {
            const auto& row = value.rows[r];
            m_out.append(value.lastRowIsTotal && r + 1 == value.rows.size() ? "<tr class=\"total\">" : "<tr>");
            for (std::size_t c = 0; c < row.size(); ++c) {
                const bool numeric = c < value.numeric.size() && value.numeric[c];
                m_out.append(c == 0 ? "<th scope=\"row\"" : "<td").append(numeric ? " class=\"num\">" : ">");
                if (row[c].chart) {
                    sparkSvg(*row[c].chart, 150, 22);
                    tag("<span class=\"visually-hidden\">", row[c].chart->description, "</span>");
                } else {
                    text(row[c].text);
                    if (!row[c].detail.empty()) {
                        tag("<span class=\"detail\">", row[c].detail, "</span>");
                    }
                }
                m_out.append(c == 0 ? "</th>" : "</td>");
            }
            m_out.append("</tr>\n");
        }
        m_out.append("</tbody>\n</table>\n");
    }

    void figure(const Chart& chart) {
        m_out.append("<figure class=\"chart\">");
        if (chart.kind == ChartKind::Stage) {
            stageSvg(chart);
        } else if (chart.kind == ChartKind::Balance) {
            balanceSvg(chart);
        } else {
            sparkSvg(chart, 640, 40);
        }
        tag("<figcaption>", chart.description, "</figcaption></figure>\n");
    }

    // One bar per session, height by intensity (0-3), in the theme's colour.
    void sparkSvg(const Chart& chart, double width, double height) {
        const std::string fill{isColour(chart.colour) ? std::string_view{chart.colour} : kAccent};
        m_out.append("<svg width=\"").append(num(width)).append("\" height=\"").append(num(height));
        m_out.append("\" viewBox=\"0 0 ").append(num(width)).append(" ").append(num(height));
        m_out.append("\" aria-hidden=\"true\">");
        m_out.append("<line x1=\"0\" y1=\"").append(num(height - 0.5)).append("\" x2=\"").append(num(width));
        m_out.append("\" y2=\"").append(num(height - 0.5)).append("\" stroke=\"#c9ced8\" stroke-width=\"1\"/>");
        const auto& series = chart.values;
        if (!series.empty()) {
            const double slot = width / static_cast<double>(series.size());
            const double bar = slot >= 3.0 ? slot * 0.72 : slot;
            m_out.append("<path fill=\"").append(fill).append("\" d=\"");
            for (std::size_t i = 0; i < series.size(); ++i) {
                const int value = std::clamp(series[i], 0, 3);
                if (value == 0) {
                    continue;
                }
                const double h = (height - 2.0) * value / 3.0;
                m_out.append("M").append(num(slot * static_cast<double>(i))).append(" ").append(num(height - 1.0 - h));
                m_out.append("h").append(num(bar)).append("v").append(num(h)).append("h-").append(num(bar)).append("z");
            }
            m_out.append("\"/>");
        }
        m_out.append("</svg>");
    }

    // Stage per session: five rows, a step line through the recorded stages.
    void stageSvg(const Chart& chart) {
        constexpr double kWidth = 640;
        constexpr double kLeft = 118;
        constexpr double kRow = 14;
        const double height = kRow * 5 + 6;
        const auto sessions = chart.stages.size();
        const double slot = (kWidth - kLeft - 8) / static_cast<double>(std::max<std::size_t>(sessions, 1));
        m_out.append("<svg width=\"100%\" viewBox=\"0 0 640 ").append(num(height)).append("\" aria-hidden=\"true\">");
        for (int row = 0; row < 5; ++row) {
            const double y = 3 + kRow * (4 - row) + kRow / 2;
            m_out.append("<line x1=\"").append(num(kLeft)).append("\" y1=\"").append(num(y));
            m_out.append("\" x2=\"").append(num(kWidth)).append("\" y2=\"").append(num(y));
            m_out.append("\" stroke=\"#eef0f4\"/>");
            m_out.append("<text x=\"0\" y=\"").append(num(y + 3.5)).append("\">");
            text(stageName(kStages[static_cast<std::size_t>(row)]));
            m_out.append("</text>");
        }
        std::string path;
        std::string dots;
        for (std::size_t i = 0; i < sessions; ++i) {
            if (!chart.stages[i]) {
                continue;
            }
            const double x = kLeft + slot * (static_cast<double>(i) + 0.5);
            const double y = 3 + kRow * (4 - static_cast<int>(*chart.stages[i])) + kRow / 2;
            path += path.empty() ? "M" + num(x) + " " + num(y) : "H" + num(x) + "V" + num(y);
            dots += "<circle cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"2.6\"/>";
        }
        m_out.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(kAccent);
        m_out.append("\" stroke-width=\"1.5\"/><g fill=\"").append(kAccent).append("\">").append(dots);
        m_out.append("</g></svg>");
    }

    // Leave minus stay per balance, placed at its session: up when leaving weighs more.
    void balanceSvg(const Chart& chart) {
        constexpr double kWidth = 640;
        constexpr double kLeft = 118;
        constexpr double kHeight = 110;
        constexpr double kMid = kHeight / 2;
        const auto sessions = std::max<std::size_t>(chart.sessionCount, 1);
        const double slot = (kWidth - kLeft - 8) / static_cast<double>(sessions);
        int largest = 1;
        for (const int value : chart.values) {
            largest = std::max(largest, std::abs(value));
        }
        m_out.append("<svg width=\"100%\" viewBox=\"0 0 640 110\" aria-hidden=\"true\">");
        m_out.append("<text x=\"0\" y=\"14\">leave weighs more</text><text x=\"0\" y=\"104\">stay weighs more</text>");
        m_out.append("<line x1=\"").append(num(kLeft)).append("\" y1=\"55\" x2=\"640\" y2=\"55\" stroke=\"#9aa3b2\"/>");
        std::string up;
        std::string down;
        const double bar = std::max(1.0, std::min(slot * 0.7, 14.0));
        for (std::size_t k = 0; k < chart.values.size() && k < chart.sessions.size(); ++k) {
            const int difference = chart.values[k];
            const double x = kLeft + slot * (static_cast<double>(chart.sessions[k]) + 0.5) - bar / 2;
            const double h = (kMid - 6) * std::abs(difference) / largest;
            auto& path = difference >= 0 ? up : down;
            const double y = difference >= 0 ? kMid - h : kMid;
            path += "M" + num(x) + " " + num(y) + "h" + num(bar) + "v" + num(std::max(h, 0.8)) + "h-" + num(bar) + "z";
        }
        m_out.append("<path fill=\"").append(kLeaveColour).append("\" d=\"").append(up).append("\"/>");
        m_out.append("<path fill=\"").append(kStayColour).append("\" d=\"").append(down).append("\"/>");
        m_out.append("</svg>");
    }
};

} // namespace

std::string renderHtml(const OutputDocument& document) {
    return HtmlWriter(document).render();
}

std::string renderHtml(const SummaryDocument& document) {
    return renderHtml(layoutSummary(document));
}

std::string escapeHtml(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    appendEscaped(out, text);
    return out;
}

} // namespace tessera::core
