#include "pdf_renderer.hpp"

#include "pdf_layout.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <string_view>
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

void roundedRectangle(cairo_t* cr, double x, double y, double w, double h, double r) {
    constexpr double kQuarter = 1.5707963267948966;
    cairo_new_sub_path(cr);
    cairo_arc(cr, x + w - r, y + r, r, -kQuarter, 0);
    cairo_arc(cr, x + w - r, y + h - r, r, 0, kQuarter);
    cairo_arc(cr, x + r, y + h - r, r, kQuarter, 2 * kQuarter);
    cairo_arc(cr, x + r, y + r, r, 2 * kQuarter, 3 * kQuarter);
    cairo_close_path(cr);
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

struct BadgeColours {
    Colour fill;
    Colour text;
};
BadgeColours badgeColours(core::Trend trend) {
    switch (trend) {
    case core::Trend::Rising: return {Colour::hex("#fbeee5"), Colour::hex("#8a3b12")};
    case core::Trend::Falling: return {Colour::hex("#e3f1f3"), Colour::hex("#1f5f6b")};
    default: return {Colour::hex("#eef0f4"), Colour::hex("#4a5263")};
    }
}

class SummaryPdf {
public:
    SummaryPdf(const SummaryDocument& document, PageGeometry geometry)
        : m_doc(document), m_flow(geometry), m_width(geometry.contentWidth()),
          m_sessionLabels(document.sessions.size()) {}

    std::string render() {
        title();
        themes();
        categories();
        quotes();
        ambivalence();
        entrySection("Risk and safety", m_doc.risk, "No risk and safety notes in this period.");
        reflections();
        plan();
        addenda();
        psychotherapyNotes();
        questions();
        report();
        return m_flow.render([this](cairo_t* cr, int page, int pages) { chrome(cr, page, pages); }, m_doc.title,
                             "De-identified supervision summary");
    }

private:
    const SummaryDocument& m_doc;
    Flow m_flow;
    double m_width;
    std::vector<LayoutPtr> m_sessionLabels;

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
    const LayoutPtr& sessionLabel(std::size_t session) {
        auto& cached = m_sessionLabels.at(session);
        if (!cached) {
            cached = text(m_doc.session(session).text, "Medium", kSmall, kEntryIndent - 8);
        }
        return cached;
    }

    // ---- Building blocks -------------------------------------------------------------------

    void heading2(std::string_view title) {
        auto layout = text(title, "Semi-Bold", 13, m_width);
        const double h = Flow::height(layout);
        const double width = m_width;
        m_flow.addFixed(
            h + 6,
            [layout, h, width](cairo_t* cr, double x, double y) {
                Flow::draw(cr, layout, x, y, kAccent);
                hline(cr, x, x + width, y + h + 3, kRule, 0.8);
            },
            18, 7, true, std::string{title});
    }
    void heading3(std::string_view title, double spaceBefore = 10) {
        m_flow.addText(text(title, "Semi-Bold", 10.5, m_width), kInk,
                       TextOptions{}.before(spaceBefore).after(3).keepNext());
    }
    void paragraph(std::string_view body, const Colour& colour = kInk, double size = kBody, double spaceAfter = 6) {
        m_flow.addText(text(body, "", size, m_width, 1.1), colour, TextOptions{}.after(spaceAfter));
    }
    void note(std::string_view body) { paragraph(body, kMuted, kSmall, 6); }
    // A note that explains the table under it: never left alone at the foot of a page.
    void legend(std::string_view body) {
        m_flow.addText(text(body, "", kSmall, m_width, 1.1), kMuted, TextOptions{}.after(6).keepNext());
    }

    void entry(std::size_t session, std::string_view markupText) {
        m_flow.addText(markup(markupText, "", kBody, m_width - kEntryIndent), kInk,
                       TextOptions{}.at(kEntryIndent).after(5).withSide(sessionLabel(session), 0, kMuted));
    }
    void entries(const std::vector<core::SessionText>& list) {
        for (const auto& item : list) {
            entry(item.session, escapeMarkup(item.text));
        }
    }
    void entrySection(std::string_view title, const std::vector<core::SessionText>& list, std::string_view empty) {
        heading2(title);
        if (list.empty()) {
            note(empty);
            return;
        }
        entries(list);
    }

    void noticeBox(std::string_view body) {
        auto layout = text(body, "", kSmall, m_width - 22, 1.1);
        const double h = Flow::height(layout) + 14;
        const double width = m_width;
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
            0, 8);
    }

    // ---- Sections --------------------------------------------------------------------------

    void title() {
        const auto& h = m_doc.header;
        m_flow.addText(markup("<span letter_spacing=\"900\">CLINICAL SUPERVISION \u00b7 DE-IDENTIFIED</span>",
                              "Semi-Bold", kTiny, m_width),
                       kAccent, TextOptions{}.after(4));
        m_flow.addText(text(m_doc.title, "Bold", 21, m_width), kInk, TextOptions{}.after(12));

        std::vector<std::pair<std::string, std::string>> rows{{"Client", h.clientCode}, {"Period", h.period}};
        std::string sessions = std::to_string(h.sessions);
        if (h.drafts > 0) {
            sessions += " (" + std::to_string(h.drafts) + (h.drafts == 1 ? " unsigned draft)" : " unsigned drafts)");
        }
        rows.emplace_back("Sessions", sessions);
        std::string templates;
        for (const auto& use : h.templates) {
            templates += (templates.empty() ? "" : "\n") + use.label + ", " + std::to_string(use.sessions) +
                         (use.sessions == 1 ? " session" : " sessions");
        }
        rows.emplace_back("Templates", templates.empty() ? "none" : templates);
        rows.emplace_back("Psychotherapy notes", h.psychotherapyNotesIncluded ? "included" : "not included");
        struct Row {
            LayoutPtr label;
            LayoutPtr value;
            double height;
        };
        std::vector<Row> laid;
        double total = 0;
        for (const auto& [label, value] : rows) {
            Row row{text(label, "", kSmall + 0.5, 110), text(value, "Medium", kBody, m_width - 120), 0};
            row.height = std::max(Flow::height(row.label), Flow::height(row.value)) + 3;
            total += row.height;
            laid.push_back(std::move(row));
        }
        const double width = m_width;
        m_flow.addFixed(
            total + 12,
            [laid, total, width](cairo_t* cr, double x, double y) {
                double at = y;
                for (const auto& row : laid) {
                    Flow::draw(cr, row.label, x, at + 1, kMuted);
                    Flow::draw(cr, row.value, x + 120, at, kInk);
                    at += row.height;
                }
                hline(cr, x, x + width, y + total + 6, kAccent, 1.5);
            },
            0, 10);
        noticeBox(core::introText(m_doc));
    }

    struct Cell {
        LayoutPtr top;
        LayoutPtr bottom; // smaller, muted, under `top`
    };
    static double cellHeight(const Cell& cell) {
        double h = cell.top ? Flow::height(cell.top) : 0;
        if (cell.bottom) {
            h += 1 + Flow::height(cell.bottom);
        }
        return h;
    }

    // Column x positions of the themes and categories tables, and the width of the sparkline.
    static constexpr std::array<double, 6> kColumns{0, 142, 212, 262, 294, 384};

    std::size_t tableHeader(const std::array<std::string_view, 6>& names) {
        std::vector<LayoutPtr> layouts;
        double h = 0;
        for (std::size_t i = 0; i < names.size(); ++i) {
            layouts.push_back(text(names[i], "Semi-Bold", 6.5, 100));
            h = std::max(h, Flow::height(layouts.back()));
        }
        const double width = m_width;
        return m_flow.addFixed(
            h + 6,
            [layouts, h, width](cairo_t* cr, double x, double y) {
                for (std::size_t i = 0; i < layouts.size(); ++i) {
                    Flow::draw(cr, layouts[i], x + kColumns[i], y, kMuted);
                }
                hline(cr, x, x + width, y + h + 3, kRule, 0.8);
            },
            2, 0, true);
    }

    void seriesRow(std::size_t header, Cell name, core::Trend trend, double slope, Cell present, Cell latest, Cell seen,
                   std::vector<int> series, Colour colour) {
        const auto badgeText = text(core::trendName(trend), "Semi-Bold", 6.8, 60);
        Cell trendCell{nullptr, trend == core::Trend::Absent
                                    ? nullptr
                                    : text(core::formatSlope(slope) + " / session", "", kTiny, 64)};
        const double badgeHeight = Flow::height(badgeText) + 3;
        const double h =
            std::max({cellHeight(name), badgeHeight + (trendCell.bottom ? 1 + Flow::height(trendCell.bottom) : 0),
                      cellHeight(present), cellHeight(latest), cellHeight(seen), 16.0}) +
            9;
        const double width = m_width;
        const auto draw = [](cairo_t* cr, const Cell& cell, double x, double y) {
            if (cell.top) {
                Flow::draw(cr, cell.top, x, y, kInk);
                y += Flow::height(cell.top) + 1;
            }
            if (cell.bottom) {
                Flow::draw(cr, cell.bottom, x, y, kMuted);
            }
        };
        const std::size_t row = m_flow.addFixed(h, [=](cairo_t* cr, double x, double y) {
            const double top = y + 4.5;
            draw(cr, name, x + kColumns[0], top);
            const auto colours = badgeColours(trend);
            const double badgeWidth = Flow::width(badgeText) + 9;
            setColour(cr, colours.fill);
            roundedRectangle(cr, x + kColumns[1], top, badgeWidth, badgeHeight, badgeHeight / 2);
            cairo_fill(cr);
            Flow::draw(cr, badgeText, x + kColumns[1] + 4.5, top + 1.5, colours.text);
            if (trendCell.bottom) {
                Flow::draw(cr, trendCell.bottom, x + kColumns[1], top + badgeHeight + 1.5, kMuted);
            }
            draw(cr, present, x + kColumns[2], top);
            draw(cr, latest, x + kColumns[3], top);
            draw(cr, seen, x + kColumns[4], top);
            drawSpark(cr, series, colour, x + kColumns[5], top + 1, width - kColumns[5], 16);
            hline(cr, x, x + width, y + h - 0.25, kFaint, 0.5);
        });
        m_flow.repeatHeader(row, header);
    }

    void themes() {
        heading2("Themes");
        if (m_doc.themes.empty()) {
            note("No themes were tagged in this period.");
            return;
        }
        legend(core::themesLegend(m_doc));
        const std::size_t header = tableHeader({"THEME", "TREND", "PRESENT", "LATEST", "SEEN", "PER SESSION"});
        const auto total = std::to_string(m_doc.header.sessions);
        for (const auto& theme : m_doc.themes) {
            seriesRow(header,
                      {text(theme.label, "Semi-Bold", 8.8, kColumns[1] - kColumns[0] - 8),
                       text(core::displayName(theme.category), "", kTiny, 130)},
                      theme.trend, theme.slope,
                      {text(std::to_string(theme.sessionsPresent) + " / " + total, "", 8.8, 48),
                       text("mean " + core::formatDecimal(theme.meanWhenPresent), "", kTiny, 48)},
                      {text(std::to_string(theme.latest), "", 8.8, 28), nullptr},
                      {nullptr, text(core::seenText(m_doc, theme), "", kTiny, kColumns[5] - kColumns[4] - 8)},
                      theme.series, Colour::hex(theme.colour, kAccent));
        }
        if (!m_doc.themesNotSeen.empty()) {
            std::string names;
            for (const auto& name : m_doc.themesNotSeen) {
                names += (names.empty() ? "" : "; ") + name;
            }
            m_flow.addText(text("Not tagged in this period: " + names + ".", "", kSmall, m_width, 1.1), kMuted,
                           TextOptions{}.before(6).after(4));
        }
    }

    void categories() {
        heading2("Categories");
        legend("Per session, the highest intensity among the themes of the category.");
        const std::size_t header =
            tableHeader({"CATEGORY", "TREND", "PRESENT", "LATEST", "THEMES SEEN", "PER SESSION"});
        const auto total = std::to_string(m_doc.header.sessions);
        for (const auto& category : m_doc.categories) {
            seriesRow(header, {text(category.name, "Semi-Bold", 8.8, 130), nullptr}, category.trend, category.slope,
                      {text(std::to_string(category.sessionsPresent) + " / " + total, "", 8.8, 48), nullptr},
                      {text(std::to_string(category.latest), "", 8.8, 28), nullptr},
                      {text(std::to_string(category.themesPresent), "", 8.8, 60), nullptr}, category.series, kAccent);
        }
    }

    void themeHeading(const core::ThemeSummary& theme) {
        auto layout = text(theme.label, "Semi-Bold", 10.5, m_width - 14);
        const Colour colour = Colour::hex(theme.colour, kAccent);
        m_flow.addFixed(
            Flow::height(layout) + 2,
            [layout, colour](cairo_t* cr, double x, double y) {
                setColour(cr, colour);
                cairo_new_sub_path(cr);
                cairo_arc(cr, x + 4, y + Flow::height(layout) / 2 + 0.5, 3.2, 0, 6.283185307179586);
                cairo_fill(cr);
                Flow::draw(cr, layout, x + 13, y, kInk);
            },
            10, 3, true);
    }

    void quotes() {
        heading2("Key quotes");
        bool any = false;
        for (const auto& theme : m_doc.themes) {
            if (theme.quotes.empty() && theme.notes.empty()) {
                continue;
            }
            any = true;
            themeHeading(theme);
            const Colour colour = Colour::hex(theme.colour, kAccent);
            for (const auto& quote : theme.quotes) {
                m_flow.addText(text("\u201c" + quote.text + "\u201d", "Italic", kBody, m_width - 14, 1.1), kInk,
                               TextOptions{}.at(13).before(3).keepNext().withBar(3, colour));
                m_flow.addText(text(core::sessionsText(m_doc, quote.sessions), "", kTiny, m_width - 14), kMuted,
                               TextOptions{}.at(13).before(1.5).after(3));
            }
            if (theme.quotesOmitted > 0) {
                m_flow.addText(text(std::to_string(theme.quotesOmitted) + " less intense quotes not shown.", "Italic",
                                    kTiny, m_width - 14),
                               kMuted, TextOptions{}.at(13).after(3));
            }
            if (!theme.notes.empty()) {
                m_flow.addText(text(theme.notesOmitted > 0 ? "Clinician's notes on this theme (the most recent):"
                                                           : "Clinician's notes on this theme:",
                                    "Medium", kSmall, m_width),
                               kMuted, TextOptions{}.before(4).after(3).keepNext());
                entries(theme.notes);
            }
        }
        if (!any) {
            note("No quotes were recorded in this period.");
        }
    }

    // Five rows (stages), one column per session, a step line through the recorded stages.
    void stageChart(const core::StageSummary& stage) {
        std::vector<LayoutPtr> names;
        for (const auto s : core::kStages) {
            names.push_back(text(core::stageName(s), "", kTiny, 90));
        }
        constexpr double kRow = 11;
        constexpr double kLeft = 92;
        const double width = m_width;
        const auto perSession = stage.perSession;
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
    void balanceChart() {
        constexpr double kHeight = 86;
        constexpr double kLeft = 92;
        const auto top = text("leave weighs more", "", kTiny, 90);
        const auto bottom = text("stay weighs more", "", kTiny, 90);
        const auto points = m_doc.balance.points;
        const auto sessions = std::max<std::size_t>(m_doc.sessions.size(), 1);
        const double width = m_width;
        m_flow.addFixed(
            kHeight,
            [=](cairo_t* cr, double x, double y) {
                const double mid = y + kHeight / 2;
                Flow::draw(cr, top, x, y + 2, kLeave);
                Flow::draw(cr, bottom, x, y + kHeight - 2 - Flow::height(bottom), kStay);
                hline(cr, x + kLeft, x + width, mid, Colour::hex("#9aa3b2"), 0.7);
                int largest = 1;
                for (const auto& point : points) {
                    largest = std::max(largest, std::abs(point.difference));
                }
                const double slot = (width - kLeft) / static_cast<double>(sessions);
                const double bar = std::clamp(slot * 0.7, 0.8, 12.0);
                for (const bool up : {true, false}) {
                    setColour(cr, up ? kLeave : kStay);
                    for (const auto& point : points) {
                        if ((point.difference >= 0) != up) {
                            continue;
                        }
                        const double h = std::max((kHeight / 2 - 4) * std::abs(point.difference) / largest, 0.6);
                        const double bx = x + kLeft + slot * (static_cast<double>(point.session) + 0.5) - bar / 2;
                        cairo_rectangle(cr, bx, up ? mid - h : mid, bar, h);
                    }
                    cairo_fill(cr);
                }
            },
            2, 8);
    }

    static std::string signedNumber(int value) {
        return value > 0 ? "+" + std::to_string(value) : value < 0 ? "\u2212" + std::to_string(-value) : "0";
    }

    // Three balances per row: session, stay, leave, leave - stay.
    void balanceTable() {
        constexpr std::size_t kGroups = 3;
        const double group = m_width / kGroups;
        // Session labels from the left of each group; numbers right-aligned at these edges.
        const std::array<double, 4> edges{0, group - 62, group - 36, group - 10};
        const auto cellX = [group, edges](std::size_t i, const LayoutPtr& layout) {
            const double start = group * static_cast<double>(i / 4);
            return i % 4 == 0 ? start : start + edges[i % 4] - Flow::width(layout);
        };
        std::vector<LayoutPtr> headings;
        for (std::size_t g = 0; g < kGroups; ++g) {
            for (const std::string_view name : {"SESSION", "STAY", "LEAVE", "L\u2212S"}) {
                headings.push_back(text(name, "Semi-Bold", 6.2, 60));
            }
        }
        const double width = m_width;
        const double headerHeight = Flow::height(headings.front()) + 5;
        const std::size_t header = m_flow.addFixed(
            headerHeight,
            [=](cairo_t* cr, double x, double y) {
                for (std::size_t i = 0; i < headings.size(); ++i) {
                    Flow::draw(cr, headings[i], x + cellX(i, headings[i]), y, kMuted);
                }
                hline(cr, x, x + width, y + headerHeight - 1.5, kRule, 0.6);
            },
            2, 0, true);
        const auto& points = m_doc.balance.points;
        for (std::size_t start = 0; start < points.size(); start += kGroups) {
            std::vector<LayoutPtr> cells;
            for (std::size_t k = start; k < std::min(points.size(), start + kGroups); ++k) {
                const auto& point = points[k];
                cells.push_back(text(m_doc.session(point.session).text, "", kTiny + 0.3, group - 64));
                cells.push_back(text(std::to_string(point.stay), "", kSmall, 22));
                cells.push_back(text(std::to_string(point.leave), "", kSmall, 22));
                cells.push_back(text(signedNumber(point.difference), "Semi-Bold", kSmall, 22));
            }
            const double h = Flow::height(cells.front()) + 4;
            const std::size_t row = m_flow.addFixed(h, [=](cairo_t* cr, double x, double y) {
                for (std::size_t i = 0; i < cells.size(); ++i) {
                    Flow::draw(cr, cells[i], x + cellX(i, cells[i]), y + 2, i % 4 == 0 ? kMuted : kInk);
                }
                hline(cr, x, x + width, y + h - 0.25, kFaint, 0.5);
            });
            m_flow.repeatHeader(row, header);
        }
    }

    void reasons(std::string_view title, std::size_t session, const std::vector<core::BalanceReason>& list) {
        const double column = (m_width - 16) / 2;
        const auto heading =
            text(std::string{title} + ", " + m_doc.session(session).text, "Semi-Bold", kSmall + 0.5, m_width);
        std::array<LayoutPtr, 2> sides;
        std::array<LayoutPtr, 2> names;
        for (std::size_t s = 0; s < 2; ++s) {
            const auto side = s == 0 ? core::BalanceSide::Stay : core::BalanceSide::Leave;
            std::string body;
            for (const auto& reason : list) {
                if (reason.side == side) {
                    body += (body.empty() ? "" : "\n") + escapeMarkup("\u2022 " + reason.reason) +
                            " <span foreground=\"#5b6475\">(" + std::to_string(reason.weight) + ")</span>";
                }
            }
            sides[s] = markup(body.empty() ? "<i>none given</i>" : body, "", kBody - 0.5, column);
            names[s] = markup(s == 0 ? "STAY" : "LEAVE", "Semi-Bold", 6.5, column);
        }
        const double headingHeight = Flow::height(heading) + 4;
        const double nameHeight = Flow::height(names[0]) + 2;
        const double h = headingHeight + nameHeight + std::max(Flow::height(sides[0]), Flow::height(sides[1])) + 4;
        m_flow.addFixed(
            h,
            [=](cairo_t* cr, double x, double y) {
                Flow::draw(cr, heading, x, y, kInk);
                for (std::size_t s = 0; s < 2; ++s) {
                    const double cx = x + static_cast<double>(s) * (column + 16);
                    Flow::draw(cr, names[s], cx, y + headingHeight, s == 0 ? kStay : kLeave);
                    Flow::draw(cr, sides[s], cx, y + headingHeight + nameHeight, kInk);
                }
            },
            8, 2);
    }

    void ambivalence() {
        heading2("Ambivalence");
        bool first = true;
        for (const auto& stage : m_doc.stages) {
            heading3("Stage of change: " + stage.name, first ? 2 : 10);
            first = false;
            if (stage.sessionsRecorded == 0) {
                note("Not recorded in this period.");
                continue;
            }
            m_flow.addText(
                markup(escapeMarkup("Recorded in " + core::presenceText(m_doc, stage.sessionsRecorded) + "; latest: ") +
                           "<b>" + escapeMarkup(core::stageName(*stage.latest)) + "</b>.",
                       "", kBody, m_width),
                kInk, TextOptions{}.after(2).keepNext());
            stageChart(stage);
            for (const auto& change : stage.changes) {
                std::string body;
                if (change.from) {
                    body = escapeMarkup(std::string{core::stageName(*change.from)} + " \u2192 ");
                }
                entry(change.session, body + "<b>" + escapeMarkup(core::stageName(change.to)) + "</b>");
            }
        }
        heading3("Decisional balance");
        if (m_doc.balance.points.empty()) {
            note("No decisional balance was recorded in this period.");
            return;
        }
        m_flow.addText(text(core::balanceTrendText(m_doc), "", kBody, m_width, 1.1), kInk,
                       TextOptions{}.after(2).keepNext());
        balanceChart();
        balanceTable();
        if (m_doc.balance.firstSession) {
            reasons(m_doc.balance.latestSession ? "First reasons in the period" : "Reasons given",
                    *m_doc.balance.firstSession, m_doc.balance.firstReasons);
        }
        if (m_doc.balance.latestSession) {
            reasons("Latest reasons", *m_doc.balance.latestSession, m_doc.balance.latestReasons);
        }
    }

    void reflections() {
        heading2("Clinician\u2019s reflections");
        paragraph(core::agendaCheckText(m_doc));
        if (m_doc.reflections.empty()) {
            note("No clinician reflections were written in this period.");
            return;
        }
        entries(m_doc.reflections);
    }

    void plan() {
        heading2("Plan of the last session");
        if (!m_doc.plan) {
            note("No plan was written in this period.");
            return;
        }
        if (const auto planNote = core::planNote(m_doc); !planNote.empty()) {
            note(planNote);
        }
        entry(m_doc.plan->session, escapeMarkup(m_doc.plan->text));
    }

    void addenda() {
        if (m_doc.addenda.empty()) {
            return;
        }
        heading2("Addenda to signed notes");
        for (const auto& addendum : m_doc.addenda) {
            entry(addendum.session, "<span foreground=\"#5b6475\"><i>Added " + escapeMarkup(addendum.when) +
                                        ".</i></span> " + escapeMarkup(addendum.text));
        }
    }

    void psychotherapyNotes() {
        if (!m_doc.header.psychotherapyNotesIncluded) {
            return;
        }
        heading2("Psychotherapy notes");
        noticeBox("Included at the clinician\u2019s request. Process notes are kept apart from the record; share "
                  "them only where your supervision agreement allows.");
        if (m_doc.psychotherapyNotes.empty()) {
            note("No psychotherapy notes were written in this period.");
            return;
        }
        entries(m_doc.psychotherapyNotes);
    }

    void questions() {
        heading2("Questions for supervision");
        if (m_doc.questions.empty()) {
            const auto hint =
                text("No questions yet. Add your questions for the supervisor here.", "Italic", kSmall, m_width - 20);
            const double width = m_width;
            constexpr double kHeight = 118;
            m_flow.addFixed(kHeight, [hint, width](cairo_t* cr, double x, double y) {
                Flow::draw(cr, hint, x + 10, y + 8, kMuted);
                for (int line = 1; line <= 5; ++line) {
                    hline(cr, x + 10, x + width - 10, y + 8 + 20.0 * line, kRule, 0.6);
                }
                setColour(cr, kRule);
                cairo_set_line_width(cr, 0.8);
                const double dash[] = {3, 2};
                cairo_set_dash(cr, dash, 2, 0);
                roundedRectangle(cr, x, y, width, kHeight, 4);
                cairo_stroke(cr);
            });
            return;
        }
        int number = 1;
        for (const auto& question : m_doc.questions) {
            m_flow.addText(text(question, "", kBody, m_width - 22, 1.1), kInk,
                           TextOptions{}.at(22).after(5).withSide(
                               text(std::to_string(number++) + ".", "Semi-Bold", kBody, 20), 0, kAccent));
        }
    }

    void report() {
        heading2("De-identification report");
        struct Row {
            LayoutPtr label;
            LayoutPtr value;
            LayoutPtr detail;
            bool total;
        };
        std::vector<Row> rows;
        for (const auto& line : core::reportReplacementLines(m_doc)) {
            const bool total = line.label == "Total";
            rows.push_back({text(line.label, total ? "Semi-Bold" : "", kBody - 0.5, 200),
                            text(line.value, "Semi-Bold", kBody - 0.5, 60),
                            line.detail.empty() ? nullptr : text(line.detail, "", kTiny + 0.5, m_width - 270), total});
        }
        std::vector<Row> handling;
        for (const auto& line : core::reportHandlingLines(m_doc)) {
            handling.push_back({text(line.label, "", kBody - 0.5, 200),
                                text(line.value, "", kBody - 0.5, m_width - 210), nullptr, false});
        }
        const auto intro = text("Replacements made in this summary:", "", kBody - 0.5, m_width);
        const auto caveat = text(core::reportCaveat(), "", kSmall, m_width - 22, 1.1);
        constexpr double kRowHeight = 14.5;
        const double introHeight = Flow::height(intro) + 5;
        const double caveatHeight = Flow::height(caveat) + 14;
        const double h =
            introHeight + kRowHeight * static_cast<double>(rows.size() + handling.size()) + 12 + caveatHeight;
        const double width = m_width;
        m_flow.addFixed(h, [=](cairo_t* cr, double x, double y) {
            Flow::draw(cr, intro, x, y, kInk);
            double at = y + introHeight;
            for (const auto& row : rows) {
                if (row.total) {
                    hline(cr, x, x + width, at + 0.5, kRule, 1.0);
                }
                Flow::draw(cr, row.label, x, at + 2, kInk);
                const double valueWidth = Flow::width(row.value);
                Flow::draw(cr, row.value, x + 240 - valueWidth, at + 2, kInk);
                if (row.detail) {
                    Flow::draw(cr, row.detail, x + 262, at + 3, kMuted);
                }
                at += kRowHeight;
            }
            at += 6;
            for (const auto& row : handling) {
                Flow::draw(cr, row.label, x, at + 2, kMuted);
                Flow::draw(cr, row.value, x + 210, at + 2, kInk);
                at += kRowHeight;
            }
            at += 6;
            setColour(cr, kSoft);
            cairo_rectangle(cr, x, at, width, caveatHeight);
            cairo_fill(cr);
            setColour(cr, kAccent);
            cairo_rectangle(cr, x, at, 2.5, caveatHeight);
            cairo_fill(cr);
            Flow::draw(cr, caveat, x + 12, at + 7, kMuted);
        });
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
