#include "pdf_renderer.hpp"

#include "pdf_layout.hpp"
#include "tessera/core/utf8.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tessera::report {
namespace {

using namespace detail;
using core::SummaryDocument;

const Colour kInk = Colour::hex("#1d2330");
const Colour kMuted = Colour::hex("#5b6475");
const Colour kRule = Colour::hex("#d9dde5");
const Colour kFaint = Colour::hex("#eceef3");
const Colour kAccent = Colour::hex("#1f5f6b");
const Colour kSoft = Colour::hex("#f3f5f8");
const Colour kLeave = Colour::hex("#2f7d8c");
const Colour kStay = Colour::hex("#c07a2c");

constexpr std::string_view kFamily = "Inter, Noto Sans, DejaVu Sans";

std::string font(std::string_view style, double size) {
    std::string description{kFamily};
    description += ' ';
    description += style;
    description += ' ';
    description += core::formatDecimal(size, 1);
    return description;
}

void hline(cairo_t* cr, double x0, double x1, double y, const Colour& colour, double width) {
    setColour(cr, colour);
    cairo_set_line_width(cr, width);
    cairo_move_to(cr, x0, y);
    cairo_line_to(cr, x1, y);
    cairo_stroke(cr);
}

// One bar per session, height by intensity 0-3.
void drawSpark(cairo_t* cr, const std::vector<int>& series, const Colour& colour, double x, double y, double w,
               double h) {
    hline(cr, x, x + w, y + h - 0.25, kRule, 0.5);
    if (series.empty()) {
        return;
    }
    const double slot = w / static_cast<double>(series.size());
    const double bar = slot >= 2.5 ? slot * 0.72 : slot;
    setColour(cr, colour);
    for (std::size_t i = 0; i < series.size(); ++i) {
        const int value = std::clamp(series[i], 0, 3);
        if (value > 0) {
            const double height = (h - 1.0) * value / 3.0;
            cairo_rectangle(cr, x + slot * static_cast<double>(i), y + h - 0.5 - height, bar, height);
        }
    }
    cairo_fill(cr);
}

// Maps each block of the output layer (core::layoutSummary) to the flow, with its PDF structure:
// H1-H3, P, L/LI, Table/TR/TH/TD and Figure with the chart's values as alternative text.
class SummaryPdf {
public:
    SummaryPdf(const SummaryDocument& document, PageGeometry geometry)
        : m_doc(document), m_output(core::layoutSummary(document)), m_flow(geometry), m_width(geometry.contentWidth()) {
    }

    std::string render() {
        m_flow.openTag("Document");
        m_flow.openTag("P");
        m_flow.addText(text(m_output.kicker, "Semi-Bold", kTiny + 0.5, m_width), kAccent, TextOptions{}.after(4));
        m_flow.closeTag("P");
        bool keepSection = false;
        for (std::size_t i = 0; i < m_output.blocks.size(); ++i) {
            const core::Block& block = m_output.blocks[i];
            if (block.kind == core::BlockKind::Heading && block.level <= 2) {
                keepSection = block.keepTogether;
            }
            const bool last = i + 1 == m_output.blocks.size();
            // A section kept whole, or a paragraph that introduces the table, chart or list under it.
            m_keep = !last && (keepSection || (block.kind == core::BlockKind::Paragraph &&
                                               m_output.blocks[i + 1].kind != core::BlockKind::Heading &&
                                               m_output.blocks[i + 1].kind != core::BlockKind::Paragraph));
            switch (block.kind) {
            case core::BlockKind::Heading: heading(block); break;
            case core::BlockKind::Paragraph: paragraph(block.text, kInk, kBody); break;
            case core::BlockKind::Note: paragraph(block.text, kMuted, kSmall); break;
            case core::BlockKind::Notice: noticeBox(block.text); break;
            case core::BlockKind::List: list(block); break;
            case core::BlockKind::Table: table(block.table); break;
            case core::BlockKind::Chart: figure(block.chart); break;
            }
        }
        m_flow.closeTag("Document");
        return m_flow.render([this](cairo_t* cr, int page, int pages) { chrome(cr, page, pages); }, m_output.title,
                             m_output.subject, m_output.language);
    }

private:
    const SummaryDocument& m_doc;
    core::OutputDocument m_output;
    Flow m_flow;
    double m_width;
    bool m_keep = false; // keep this block with the next (a section kept whole)
    std::unordered_map<std::string, LayoutPtr> m_entryLabels;

    static constexpr double kBody = 9.5;
    static constexpr double kSmall = 8.0;
    static constexpr double kTiny = 7.0;
    static constexpr double kEntryIndent = 100;

    LayoutPtr text(std::string_view plain, std::string_view style, double size, double width,
                   double lineSpacing = 1.0) const {
        return m_flow.layout(escapeMarkup(plain), font(style, size), width, lineSpacing);
    }
    LayoutPtr markup(std::string_view markupText, std::string_view style, double size, double width) const {
        return m_flow.layout(markupText, font(style, size), width);
    }
    TextOptions options() const { return m_keep ? TextOptions{}.keepNext() : TextOptions{}; }
    // The same session labels recur in every section: laid out once each.
    const LayoutPtr& entryLabel(const std::string& label) {
        auto& cached = m_entryLabels[label];
        if (!cached) {
            cached = text(label, "Medium", kSmall, kEntryIndent - 8);
        }
        return cached;
    }

    // ---- Blocks ----------------------------------------------------------------------------

    void heading(const core::Block& block) {
        const std::string tag = "H" + std::to_string(block.level);
        m_flow.openTag(tag);
        if (block.level == 1) {
            m_flow.addText(text(block.text, "Bold", 21, m_width), kInk, TextOptions{}.after(12));
        } else if (block.level == 2) {
            auto layout = text(block.text, "Semi-Bold", 13, m_width);
            const double h = Flow::height(layout);
            const double width = m_width;
            m_flow.addFixed(
                h + 6,
                [layout, h, width](cairo_t* cr, double x, double y) {
                    Flow::draw(cr, layout, x, y, kAccent);
                    hline(cr, x, x + width, y + h + 3, kRule, 0.8);
                },
                18, 7, true, block.text);
        } else {
            m_flow.addText(text(block.text, "Semi-Bold", 10.5, m_width), kInk,
                           TextOptions{}.before(10).after(3).keepNext());
        }
        m_flow.closeTag(tag);
    }

    void paragraph(std::string_view body, const Colour& colour, double size) {
        m_flow.openTag("P");
        m_flow.addText(text(body, "", size, m_width, 1.1), colour, options().before(3).after(6));
        m_flow.closeTag("P");
    }

    void noticeBox(std::string_view body) {
        auto layout = text(body, "", kSmall, m_width - 22, 1.1);
        const double h = Flow::height(layout) + 14;
        const double width = m_width;
        m_flow.openTag("P");
        m_flow.addFixed(
            h,
            [layout, h, width](cairo_t* cr, double x, double y) {
                setColour(cr, kSoft);
                cairo_rectangle(cr, x, y, width, h);
                cairo_fill(cr);
                setColour(cr, kAccent);
                cairo_rectangle(cr, x, y, 2.5, h);
                cairo_fill(cr);
                Flow::draw(cr, layout, x + 12, y + 7, kMuted);
            },
            4, 8, m_keep);
        m_flow.closeTag("P");
    }

    void list(const core::Block& block) {
        if (block.items.empty()) {
            return;
        }
        m_flow.openTag("L");
        int number = 1;
        for (const auto& item : block.items) {
            m_flow.openTag("LI");
            switch (block.style) {
            case core::ListStyle::Entries:
                m_flow.addText(text(item.text, "", kBody, m_width - kEntryIndent, 1.05), kInk,
                               options().at(kEntryIndent).after(5).withSide(entryLabel(item.label), 0, kMuted));
                break;
            case core::ListStyle::Ordered:
                m_flow.addText(text(item.text, "", kBody, m_width - 22, 1.1), kInk,
                               options().at(22).after(5).withSide(
                                   text(std::to_string(number++) + ".", "Semi-Bold", kBody, 20), 0, kAccent));
                break;
            case core::ListStyle::Bullets: {
                std::string body = item.label.empty() ? "" : "<b>" + escapeMarkup(item.label) + "</b> ";
                body += escapeMarkup(item.text);
                m_flow.addText(markup(body, "", kBody, m_width - 14), kInk,
                               options().at(14).after(3).withSide(text("\u2022", "", kBody, 10), 2, kAccent));
                break;
            }
            }
            m_flow.closeTag("LI");
        }
        m_flow.closeTag("L");
    }

    struct Column {
        double x = 0;
        double width = 0;
        bool numeric = false;
    };

    // About how wide `text` is in points at `size`, without shaping it: column widths only need
    // proportions, and shaping every cell twice would double the cost of a long table.
    static double estimatedWidth(std::string_view text, double size) {
        const auto characters =
            std::count_if(text.begin(), text.end(), [](char c) { return !core::utf8::isContinuation(c); });
        return static_cast<double>(characters) * size * 0.55;
    }

    // Column positions: charts 100 pt, figures as wide as their widest value, the rest shared by
    // the text columns in proportion to their longest text.
    std::vector<Column> columns(const core::Table& table) const {
        const std::size_t count = table.rows.front().size();
        std::vector<double> natural(count, 0);
        std::vector<bool> chart(count, false);
        for (std::size_t c = 0; c < count; ++c) {
            if (c < table.columns.size()) {
                natural[c] = estimatedWidth(table.columns[c], 6.5);
            }
        }
        for (const auto& row : table.rows) {
            for (std::size_t c = 0; c < count && c < row.size(); ++c) {
                chart[c] = chart[c] || row[c].chart.has_value();
                natural[c] = std::max(
                    {natural[c], estimatedWidth(row[c].text, kSmall + 0.5), estimatedWidth(row[c].detail, kTiny)});
            }
        }
        std::vector<Column> out(count);
        double fixed = 0;
        double flexible = 0;
        for (std::size_t c = 0; c < count; ++c) {
            out[c].numeric = c < table.numeric.size() && table.numeric[c];
            if (chart[c]) {
                out[c].width = 100;
            } else if (out[c].numeric) {
                out[c].width = std::min(natural[c], 90.0) + 10;
            } else {
                flexible += std::max(natural[c], 40.0);
                continue;
            }
            fixed += out[c].width;
        }
        const double share = std::max(m_width - fixed, 60.0);
        double x = 0;
        for (std::size_t c = 0; c < count; ++c) {
            if (out[c].width == 0) {
                const double wanted = std::max(natural[c], 40.0) + 10;
                out[c].width = flexible <= share ? wanted : share * std::max(natural[c], 40.0) / flexible;
            }
            out[c].x = x;
            x += out[c].width;
        }
        return out;
    }

    void table(const core::Table& table) {
        if (table.rows.empty()) {
            return;
        }
        const auto cols = columns(table);
        const double width = m_width;
        m_flow.openTag("Table");
        std::size_t header = static_cast<std::size_t>(-1);
        if (!table.columns.empty()) {
            std::vector<RowCell> cells;
            double h = 0;
            for (std::size_t c = 0; c < table.columns.size() && c < cols.size(); ++c) {
                auto layout = text(table.columns[c], "Semi-Bold", 6.5, cols[c].width - 6);
                h = std::max(h, Flow::height(layout));
                const Column column = cols[c];
                cells.push_back({"TH",
                                 [layout, column](cairo_t* cr, double x, double y) {
                                     const double at =
                                         column.numeric ? column.x + column.width - 6 - Flow::width(layout) : column.x;
                                     Flow::draw(cr, layout, x + at, y, kMuted);
                                 },
                                 {}});
            }
            const double rowHeight = h + 6;
            cells.back().draw = [last = cells.back().draw, width, rowHeight](cairo_t* cr, double x, double y) {
                last(cr, x, y);
                hline(cr, x, x + width, y + rowHeight - 3, kRule, 0.8);
            };
            header = m_flow.addRow(rowHeight, std::move(cells), 2, true);
        }
        for (std::size_t r = 0; r < table.rows.size(); ++r) {
            const auto& row = table.rows[r];
            const bool total = table.lastRowIsTotal && r + 1 == table.rows.size();
            std::vector<RowCell> cells;
            double h = 14;
            for (std::size_t c = 0; c < row.size() && c < cols.size(); ++c) {
                const auto& cell = row[c];
                const Column column = cols[c];
                if (cell.chart) {
                    const auto chart = *cell.chart;
                    cells.push_back({"TD",
                                     [chart, column](cairo_t* cr, double x, double y) {
                                         drawSpark(cr, chart.values, Colour::hex(chart.colour, kAccent), x + column.x,
                                                   y + 4, column.width - 4, 14);
                                     },
                                     chart.description});
                    continue;
                }
                const bool strong = c == 0 && (!table.columns.empty() || total);
                auto top = text(cell.text, strong ? "Semi-Bold" : "", kSmall + 0.5, column.width - 6);
                LayoutPtr bottom = cell.detail.empty() ? nullptr : text(cell.detail, "", kTiny, column.width - 6);
                h = std::max(h, Flow::height(top) + (bottom ? 1 + Flow::height(bottom) : 0) + 8);
                cells.push_back({c == 0 ? "TH" : "TD",
                                 [top, bottom, column](cairo_t* cr, double x, double y) {
                                     const double at =
                                         column.numeric ? column.x + column.width - 6 - Flow::width(top) : column.x;
                                     Flow::draw(cr, top, x + at, y + 4, kInk);
                                     if (bottom) {
                                         const double under = column.numeric
                                                                  ? column.x + column.width - 6 - Flow::width(bottom)
                                                                  : column.x;
                                         Flow::draw(cr, bottom, x + under, y + 5 + Flow::height(top), kMuted);
                                     }
                                 },
                                 {}});
            }
            const double rowHeight = h;
            cells.front().draw = [first = cells.front().draw, width, rowHeight, total](cairo_t* cr, double x,
                                                                                       double y) {
                if (total) {
                    hline(cr, x, x + width, y + 0.5, kRule, 1.0);
                }
                hline(cr, x, x + width, y + rowHeight - 0.25, kFaint, 0.5);
                first(cr, x, y);
            };
            const std::size_t index = m_flow.addRow(rowHeight, std::move(cells), 0, m_keep);
            if (header != static_cast<std::size_t>(-1)) {
                m_flow.repeatHeader(index, header);
            }
        }
        m_flow.closeTag("Table");
    }

    void figure(const core::Chart& chart) {
        m_flow.openTag("Figure", chart.description);
        if (chart.kind == core::ChartKind::Stage) {
            stageChart(chart);
        } else if (chart.kind == core::ChartKind::Balance) {
            balanceChart(chart);
        } else {
            const double width = m_width;
            m_flow.addFixed(30, [chart, width](cairo_t* cr, double x, double y) {
                drawSpark(cr, chart.values, Colour::hex(chart.colour, kAccent), x, y + 4, width, 22);
            });
        }
        m_flow.closeTag("Figure");
    }

    // Five rows (stages), one column per session, a step line through the recorded stages.
    void stageChart(const core::Chart& chart) {
        std::vector<LayoutPtr> names;
        names.reserve(core::kStages.size());
        for (const auto s : core::kStages) {
            names.push_back(text(core::stageName(s), "", kTiny, 90));
        }
        constexpr double kRow = 11;
        constexpr double kLeft = 92;
        const double width = m_width;
        const auto perSession = chart.stages;
        m_flow.addFixed(
            kRow * 5 + 4,
            [names, width, perSession](cairo_t* cr, double x, double y) {
                const double slot = (width - kLeft) / static_cast<double>(std::max<std::size_t>(perSession.size(), 1));
                const auto rowY = [&](int row) { return y + 2 + kRow * (4 - row) + kRow / 2; };
                for (int row = 0; row < 5; ++row) {
                    hline(cr, x + kLeft, x + width, rowY(row), kFaint, 0.6);
                    const auto& name = names[static_cast<std::size_t>(row)];
                    Flow::draw(cr, name, x, rowY(row) - Flow::height(name) / 2, kMuted);
                }
                setColour(cr, kAccent);
                cairo_set_line_width(cr, 1.2);
                bool started = false;
                for (std::size_t i = 0; i < perSession.size(); ++i) {
                    if (!perSession[i]) {
                        continue;
                    }
                    const double px = x + kLeft + slot * (static_cast<double>(i) + 0.5);
                    const double py = rowY(static_cast<int>(*perSession[i]));
                    if (!started) {
                        cairo_move_to(cr, px, py);
                        started = true;
                    } else {
                        double cx = 0;
                        double cy = 0;
                        cairo_get_current_point(cr, &cx, &cy);
                        cairo_line_to(cr, px, cy);
                        cairo_line_to(cr, px, py);
                    }
                }
                cairo_stroke(cr);
                const double radius = std::clamp(slot * 0.3, 0.9, 2.4);
                for (std::size_t i = 0; i < perSession.size(); ++i) {
                    if (perSession[i]) {
                        cairo_new_sub_path(cr);
                        cairo_arc(cr, x + kLeft + slot * (static_cast<double>(i) + 0.5),
                                  rowY(static_cast<int>(*perSession[i])), radius, 0, 6.283185307179586);
                    }
                }
                cairo_fill(cr);
            },
            2, 6);
    }

    // Leave minus stay per balance, at its session: above the line when leaving weighs more.
    void balanceChart(const core::Chart& chart) {
        constexpr double kHeight = 86;
        constexpr double kLeft = 92;
        const auto top = text("leave weighs more", "", kTiny, 90);
        const auto bottom = text("stay weighs more", "", kTiny, 90);
        const double width = m_width;
        m_flow.addFixed(
            kHeight,
            [=](cairo_t* cr, double x, double y) {
                const double mid = y + kHeight / 2;
                Flow::draw(cr, top, x, y + 2, kLeave);
                Flow::draw(cr, bottom, x, y + kHeight - 2 - Flow::height(bottom), kStay);
                hline(cr, x + kLeft, x + width, mid, Colour::hex("#9aa3b2"), 0.7);
                int largest = 1;
                for (const int value : chart.values) {
                    largest = std::max(largest, std::abs(value));
                }
                const auto sessions = std::max<std::size_t>(chart.sessionCount, 1);
                const double slot = (width - kLeft) / static_cast<double>(sessions);
                const double bar = std::clamp(slot * 0.7, 0.8, 12.0);
                for (const bool up : {true, false}) {
                    setColour(cr, up ? kLeave : kStay);
                    for (std::size_t k = 0; k < chart.values.size() && k < chart.sessions.size(); ++k) {
                        const int difference = chart.values[k];
                        if ((difference >= 0) != up) {
                            continue;
                        }
                        const double h = std::max((kHeight / 2 - 4) * std::abs(difference) / largest, 0.6);
                        const double bx = x + kLeft + slot * (static_cast<double>(chart.sessions[k]) + 0.5) - bar / 2;
                        cairo_rectangle(cr, bx, up ? mid - h : mid, bar, h);
                    }
                    cairo_fill(cr);
                }
            },
            2, 8);
    }

    // ---- Page chrome ---------------------------------------------------------------------------

    void chrome(cairo_t* cr, int page, int pages) {
        const auto& g = m_flow.geometry();
        if (page == 1) {
            setColour(cr, kAccent);
            cairo_rectangle(cr, 0, 0, g.width, 5);
            cairo_fill(cr);
        } else {
            const auto left = text(m_doc.title, "Medium", kTiny, 300);
            const auto right = text("De-identified", "", kTiny, 100);
            Flow::draw(cr, left, g.left, 30, kMuted);
            Flow::draw(cr, right, g.width - g.right - Flow::width(right), 30, kMuted);
            hline(cr, g.left, g.width - g.right, 42, kRule, 0.6);
        }
        const double footerY = g.height - g.bottom + 22;
        hline(cr, g.left, g.width - g.right, footerY - 6, kRule, 0.6);
        const auto left = text(m_doc.header.clientCode + " \u00b7 de-identified supervision summary", "", kTiny, 300);
        const auto right = text("Page " + std::to_string(page) + " of " + std::to_string(pages), "Medium", kTiny, 100);
        Flow::draw(cr, left, g.left, footerY, kMuted);
        Flow::draw(cr, right, g.width - g.right - Flow::width(right), footerY, kMuted);
    }
};

} // namespace

std::string renderPdf(const core::SummaryDocument& document, const PdfOptions& options) {
    PageGeometry geometry;
    if (options.paper == PaperSize::Letter) {
        geometry.width = 612;
        geometry.height = 792;
    }
    return SummaryPdf(document, geometry).render();
}

} // namespace tessera::report
