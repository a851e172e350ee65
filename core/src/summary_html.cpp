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
p { margin: .4rem 0 .7rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1.2rem; margin: 0 0 1rem; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; }
.notice { background: var(--soft); border-left: 3px solid var(--accent); padding: .6rem .9rem; font-size: .88rem;
          color: var(--muted); margin: 0; }
.legend, .muted { color: var(--muted); font-size: .86rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: .4rem 0 1rem; }
th, td { text-align: left; padding: .35rem .45rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { font-size: .72rem; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; }
.cat { display: block; color: var(--muted); font-size: .78rem; font-weight: 400; }
.badge { display: inline-block; padding: .05rem .45rem; border-radius: .7rem; font-size: .78rem; font-weight: 600;
         background: var(--soft); color: #4a5263; white-space: nowrap; }
.badge.rising { background: #fbeee5; color: #8a3b12; }
.badge.falling { background: #e3f1f3; color: #1f5f6b; }
.slope { display: block; color: var(--muted); font-size: .78rem; font-variant-numeric: tabular-nums;
         white-space: nowrap; }
td.name { font-weight: 600; }
svg { display: block; overflow: visible; }
svg text { font-family: inherit; font-size: 10px; fill: #5b6475; }
ul.quotes, ul.entries { list-style: none; padding: 0; margin: .3rem 0 1rem; }
ul.quotes li { margin: .45rem 0; padding-left: .8rem; border-left: 3px solid var(--rule); break-inside: avoid; }
ul.quotes .quote { font-style: italic; }
.when { color: var(--muted); font-size: .82rem; font-variant-numeric: tabular-nums; }
ul.entries li { display: grid; grid-template-columns: 10.5rem 1fr; gap: 1rem; padding: .35rem 0;
                border-bottom: 1px solid #eef0f4; break-inside: avoid; page-break-inside: avoid; }
.text { white-space: pre-line; }
.reasons { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.reasons h4 { margin: .2rem 0; font-size: .85rem; color: var(--muted); }
.reasons ul { margin: 0; padding-left: 1.1rem; }
.chart { margin: .5rem 0 1rem; }
.questions-blank { border: 1px dashed var(--rule); border-radius: .4rem; padding: .6rem .9rem 2.6rem;
                   color: var(--muted); font-size: .88rem; }
ol.questions li { margin: .3rem 0; }
section.report { break-inside: avoid; page-break-inside: avoid; }
section.report table td:first-child { width: 45%; }
section.report tr.total td { font-weight: 700; border-top: 2px solid var(--rule); }
@page { margin: 16mm 15mm 18mm; }
@media print {
  html { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  h2 { margin-top: 1.4rem; }
  .notice, .badge, .badge.rising, .badge.falling { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
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

class HtmlWriter {
public:
    explicit HtmlWriter(const SummaryDocument& document) : m_doc(document) { m_out.reserve(128 * 1024); }

    std::string render() {
        m_out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
        text(m_doc.title);
        m_out.append("</title>\n<style>").append(kStyle).append("</style>\n</head>\n<body>\n");
        header();
        m_out.append("<main>\n");
        themes();
        categories();
        quotes();
        ambivalence();
        entrySection("risk", "Risk and safety", m_doc.risk, "No risk and safety notes in this period.");
        reflections();
        plan();
        addenda();
        psychotherapyNotes();
        questions();
        report();
        m_out.append("</main>\n</body>\n</html>\n");
        return std::move(m_out);
    }

private:
    const SummaryDocument& m_doc;
    std::string m_out;

    void text(std::string_view value) { appendEscaped(m_out, value); }
    void tag(std::string_view open, std::string_view value, std::string_view close) {
        m_out.append(open);
        text(value);
        m_out.append(close);
    }
    const std::string& label(std::size_t session) const { return m_doc.session(session).text; }

    void header() {
        const auto& h = m_doc.header;
        m_out.append("<header class=\"doc\">\n<p class=\"kicker\">Clinical supervision \u00b7 de-identified</p>\n");
        tag("<h1>", m_doc.title, "</h1>\n<dl class=\"meta\">\n");
        tag("<dt>Client</dt><dd>", h.clientCode, "</dd>\n");
        tag("<dt>Period</dt><dd>", h.period, "</dd>\n");
        std::string sessions = std::to_string(h.sessions);
        if (h.drafts > 0) {
            sessions += " (" + std::to_string(h.drafts) + (h.drafts == 1 ? " unsigned draft)" : " unsigned drafts)");
        }
        tag("<dt>Sessions</dt><dd>", sessions, "</dd>\n");
        m_out.append("<dt>Templates</dt><dd>");
        if (h.templates.empty()) {
            m_out.append("none");
        }
        for (std::size_t i = 0; i < h.templates.size(); ++i) {
            m_out.append(i > 0 ? "<br>" : "");
            text(h.templates[i].label + ", " + std::to_string(h.templates[i].sessions) +
                 (h.templates[i].sessions == 1 ? " session" : " sessions"));
        }
        m_out.append("</dd>\n");
        tag("<dt>Psychotherapy notes</dt><dd>", h.psychotherapyNotesIncluded ? "included" : "not included",
            "</dd>\n</dl>\n");
        tag("<p class=\"notice\">", introText(m_doc), "</p>\n</header>\n");
    }

    // One bar per session, height by intensity (0-3), in the theme's colour.
    void sparkSvg(const std::vector<int>& series, std::string_view colour, double width, double height) {
        const std::string fill{isColour(colour) ? colour : kAccent};
        m_out.append("<svg width=\"").append(num(width)).append("\" height=\"").append(num(height));
        m_out.append("\" viewBox=\"0 0 ").append(num(width)).append(" ").append(num(height));
        m_out.append("\" role=\"img\" aria-label=\"Intensity per session\">");
        m_out.append("<line x1=\"0\" y1=\"").append(num(height - 0.5)).append("\" x2=\"").append(num(width));
        m_out.append("\" y2=\"").append(num(height - 0.5)).append("\" stroke=\"#c9ced8\" stroke-width=\"1\"/>");
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

    void themes() {
        m_out.append("<section id=\"themes\">\n<h2>Themes</h2>\n");
        if (m_doc.themes.empty()) {
            m_out.append("<p class=\"muted\">No themes were tagged in this period.</p>\n</section>\n");
            return;
        }
        tag("<p class=\"legend\">", themesLegend(m_doc), "</p>\n");
        m_out.append("<table class=\"themes\">\n<thead><tr><th>Theme</th><th>Trend</th><th>Present</th>"
                     "<th>Latest</th><th>Seen</th><th>Per session</th></tr></thead>\n<tbody>\n");
        for (const auto& theme : m_doc.themes) {
            tag("<tr><td class=\"name\">", theme.label, "");
            tag("<span class=\"cat\">", displayName(theme.category), "</span></td>");
            m_out.append("<td><span class=\"badge ").append(toString(theme.trend)).append("\">");
            text(trendName(theme.trend));
            m_out.append("</span>");
            if (theme.trend != Trend::Absent) {
                tag("<span class=\"slope\">", formatSlope(theme.slope) + " / session", "</span>");
            }
            m_out.append("</td>");
            tag("<td class=\"num\">",
                std::to_string(theme.sessionsPresent) + " / " + std::to_string(m_doc.header.sessions), "");
            tag("<span class=\"slope\">mean ", formatDecimal(theme.meanWhenPresent), "</span></td>");
            tag("<td class=\"num\">", std::to_string(theme.latest), "</td>");
            tag("<td class=\"when\">", seenText(m_doc, theme), "</td><td>");
            sparkSvg(theme.series, theme.colour, 150, 22);
            m_out.append("</td></tr>\n");
        }
        m_out.append("</tbody>\n</table>\n");
        if (!m_doc.themesNotSeen.empty()) {
            std::string names;
            for (const auto& name : m_doc.themesNotSeen) {
                names += (names.empty() ? "" : "; ") + name;
            }
            tag("<p class=\"muted\">Not tagged in this period: ", names, ".</p>\n");
        }
        m_out.append("</section>\n");
    }

    void categories() {
        m_out.append("<section id=\"categories\">\n<h2>Categories</h2>\n"
                     "<p class=\"legend\">Per session, the highest intensity among the themes of the category.</p>\n"
                     "<table>\n<thead><tr><th>Category</th><th>Trend</th><th>Present</th><th>Latest</th>"
                     "<th>Themes seen</th><th>Per session</th></tr></thead>\n<tbody>\n");
        for (const auto& category : m_doc.categories) {
            tag("<tr><td class=\"name\">", category.name, "</td>");
            m_out.append("<td><span class=\"badge ").append(toString(category.trend)).append("\">");
            text(trendName(category.trend));
            m_out.append("</span>");
            if (category.trend != Trend::Absent) {
                tag("<span class=\"slope\">", formatSlope(category.slope) + " / session", "</span>");
            }
            m_out.append("</td>");
            tag("<td class=\"num\">",
                std::to_string(category.sessionsPresent) + " / " + std::to_string(m_doc.header.sessions), "</td>");
            tag("<td class=\"num\">", std::to_string(category.latest), "</td>");
            tag("<td class=\"num\">", std::to_string(category.themesPresent), "</td><td>");
            sparkSvg(category.series, kAccent, 150, 22);
            m_out.append("</td></tr>\n");
        }
        m_out.append("</tbody>\n</table>\n</section>\n");
    }

    void quotes() {
        m_out.append("<section id=\"quotes\">\n<h2>Key quotes</h2>\n");
        bool any = false;
        for (const auto& theme : m_doc.themes) {
            if (theme.quotes.empty() && theme.notes.empty()) {
                continue;
            }
            any = true;
            tag("<h3>", theme.label, "</h3>\n");
            if (!theme.quotes.empty()) {
                m_out.append("<ul class=\"quotes\">\n");
                for (const auto& quote : theme.quotes) {
                    tag("<li><span class=\"quote text\">\u201c", quote.text, "\u201d</span><br><span class=\"when\">");
                    text(sessionsText(m_doc, quote.sessions));
                    m_out.append("</span></li>\n");
                }
                m_out.append("</ul>\n");
            }
            if (theme.quotesOmitted > 0) {
                tag("<p class=\"muted\">", std::to_string(theme.quotesOmitted) + " less intense quotes not shown.",
                    "</p>\n");
            }
            if (!theme.notes.empty()) {
                tag("<p class=\"muted\">",
                    theme.notesOmitted > 0 ? "Clinician's notes on this theme (the most recent):"
                                           : "Clinician's notes on this theme:",
                    "</p>\n");
                entryList(theme.notes);
            }
        }
        if (!any) {
            m_out.append("<p class=\"muted\">No quotes were recorded in this period.</p>\n");
        }
        m_out.append("</section>\n");
    }

    void entryList(const std::vector<SessionText>& entries) {
        m_out.append("<ul class=\"entries\">\n");
        for (const auto& entry : entries) {
            tag("<li><span class=\"when\">", label(entry.session), "</span>");
            tag("<span class=\"text\">", entry.text, "</span></li>\n");
        }
        m_out.append("</ul>\n");
    }

    void entrySection(std::string_view id, std::string_view title, const std::vector<SessionText>& entries,
                      std::string_view empty) {
        m_out.append("<section id=\"").append(id).append("\">\n");
        tag("<h2>", title, "</h2>\n");
        if (entries.empty()) {
            tag("<p class=\"muted\">", empty, "</p>\n");
        } else {
            entryList(entries);
        }
        m_out.append("</section>\n");
    }

    // Stage per session: five rows, a step line through the recorded stages.
    void stageSvg(const StageSummary& stage) {
        constexpr double kWidth = 640;
        constexpr double kLeft = 118;
        constexpr double kRow = 14;
        const double height = kRow * 5 + 6;
        const auto sessions = stage.perSession.size();
        const double slot = (kWidth - kLeft - 8) / static_cast<double>(std::max<std::size_t>(sessions, 1));
        m_out.append("<svg class=\"chart\" width=\"100%\" viewBox=\"0 0 640 ").append(num(height));
        m_out.append("\" role=\"img\" aria-label=\"Stage of change per session\">");
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
            if (!stage.perSession[i]) {
                continue;
            }
            const double x = kLeft + slot * (static_cast<double>(i) + 0.5);
            const double y = 3 + kRow * (4 - static_cast<int>(*stage.perSession[i])) + kRow / 2;
            path += path.empty() ? "M" + num(x) + " " + num(y) : "H" + num(x) + "V" + num(y);
            dots += "<circle cx=\"" + num(x) + "\" cy=\"" + num(y) + "\" r=\"2.6\"/>";
        }
        m_out.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(kAccent);
        m_out.append("\" stroke-width=\"1.5\"/><g fill=\"").append(kAccent).append("\">").append(dots);
        m_out.append("</g></svg>\n");
    }

    // Leave minus stay per balance, placed at its session: up when leaving weighs more.
    void balanceSvg() {
        constexpr double kWidth = 640;
        constexpr double kLeft = 118;
        constexpr double kHeight = 110;
        constexpr double kMid = kHeight / 2;
        const auto sessions = std::max<std::size_t>(m_doc.sessions.size(), 1);
        const double slot = (kWidth - kLeft - 8) / static_cast<double>(sessions);
        int largest = 1;
        for (const auto& point : m_doc.balance.points) {
            largest = std::max(largest, std::abs(point.difference));
        }
        m_out.append("<svg class=\"chart\" width=\"100%\" viewBox=\"0 0 640 110\" role=\"img\" "
                     "aria-label=\"Decisional balance per session\">");
        m_out.append("<text x=\"0\" y=\"14\">leave weighs more</text><text x=\"0\" y=\"104\">stay weighs more</text>");
        m_out.append("<line x1=\"").append(num(kLeft)).append("\" y1=\"55\" x2=\"640\" y2=\"55\" stroke=\"#9aa3b2\"/>");
        std::string up;
        std::string down;
        const double bar = std::max(1.0, std::min(slot * 0.7, 14.0));
        for (const auto& point : m_doc.balance.points) {
            const double x = kLeft + slot * (static_cast<double>(point.session) + 0.5) - bar / 2;
            const double h = (kMid - 6) * std::abs(point.difference) / largest;
            auto& path = point.difference >= 0 ? up : down;
            const double y = point.difference >= 0 ? kMid - h : kMid;
            path += "M" + num(x) + " " + num(y) + "h" + num(bar) + "v" + num(std::max(h, 0.8)) + "h-" + num(bar) + "z";
        }
        m_out.append("<path fill=\"").append(kLeaveColour).append("\" d=\"").append(up).append("\"/>");
        m_out.append("<path fill=\"").append(kStayColour).append("\" d=\"").append(down).append("\"/>");
        m_out.append("</svg>\n");
    }

    void reasons(std::string_view title, std::size_t session, const std::vector<BalanceReason>& list) {
        tag("<h4>", std::string{title} + ", " + label(session), "</h4>\n<div class=\"reasons\">\n");
        for (const auto side : {BalanceSide::Stay, BalanceSide::Leave}) {
            m_out.append("<div><h4>").append(side == BalanceSide::Stay ? "Stay" : "Leave").append("</h4><ul>");
            bool any = false;
            for (const auto& reason : list) {
                if (reason.side == side) {
                    tag("<li><span class=\"text\">", reason.reason, "</span> ");
                    tag("<span class=\"when\">(", std::to_string(reason.weight), ")</span></li>");
                    any = true;
                }
            }
            m_out.append(any ? "" : "<li class=\"muted\">none given</li>").append("</ul></div>\n");
        }
        m_out.append("</div>\n");
    }

    void ambivalence() {
        m_out.append("<section id=\"ambivalence\">\n<h2>Ambivalence</h2>\n");
        for (const auto& stage : m_doc.stages) {
            tag("<h3>Stage of change: ", stage.name, "</h3>\n");
            if (stage.sessionsRecorded == 0) {
                m_out.append("<p class=\"muted\">Not recorded in this period.</p>\n");
                continue;
            }
            tag("<p>", "Recorded in " + presenceText(m_doc, stage.sessionsRecorded) + "; latest: ", "");
            tag("<strong>", stageName(*stage.latest), "</strong>.</p>\n");
            stageSvg(stage);
            m_out.append("<ul class=\"entries\">\n");
            for (const auto& change : stage.changes) {
                tag("<li><span class=\"when\">", label(change.session), "</span><span>");
                if (change.from) {
                    text(std::string{stageName(*change.from)} + " \u2192 ");
                }
                text(stageName(change.to));
                m_out.append("</span></li>\n");
            }
            m_out.append("</ul>\n");
        }
        m_out.append("<h3>Decisional balance</h3>\n");
        if (m_doc.balance.points.empty()) {
            m_out.append("<p class=\"muted\">No decisional balance was recorded in this period.</p>\n</section>\n");
            return;
        }
        tag("<p>", balanceTrendText(m_doc), "</p>\n");
        balanceSvg();
        m_out.append("<table>\n<thead><tr><th>Session</th><th>Stay</th><th>Leave</th><th>Leave \u2212 stay</th>"
                     "</tr></thead>\n<tbody>\n");
        for (const auto& point : m_doc.balance.points) {
            tag("<tr><td class=\"when\">", label(point.session), "</td>");
            tag("<td class=\"num\">", std::to_string(point.stay), "</td>");
            tag("<td class=\"num\">", std::to_string(point.leave), "</td>");
            const std::string difference = point.difference > 0   ? "+" + std::to_string(point.difference)
                                           : point.difference < 0 ? "\u2212" + std::to_string(-point.difference)
                                                                  : "0";
            tag("<td class=\"num\">", difference, "</td></tr>\n");
        }
        m_out.append("</tbody>\n</table>\n");
        if (m_doc.balance.firstSession) {
            reasons(m_doc.balance.latestSession ? "First reasons in the period" : "Reasons given",
                    *m_doc.balance.firstSession, m_doc.balance.firstReasons);
        }
        if (m_doc.balance.latestSession) {
            reasons("Latest reasons", *m_doc.balance.latestSession, m_doc.balance.latestReasons);
        }
        m_out.append("</section>\n");
    }

    void reflections() {
        m_out.append("<section id=\"reflections\">\n<h2>Clinician\u2019s reflections</h2>\n");
        tag("<p>", agendaCheckText(m_doc), "</p>\n");
        if (m_doc.reflections.empty()) {
            m_out.append("<p class=\"muted\">No clinician reflections were written in this period.</p>\n");
        } else {
            entryList(m_doc.reflections);
        }
        m_out.append("</section>\n");
    }

    void plan() {
        m_out.append("<section id=\"plan\">\n<h2>Plan of the last session</h2>\n");
        if (!m_doc.plan) {
            m_out.append("<p class=\"muted\">No plan was written in this period.</p>\n</section>\n");
            return;
        }
        if (const auto note = planNote(m_doc); !note.empty()) {
            tag("<p class=\"muted\">", note, "</p>\n");
        }
        entryList({*m_doc.plan});
        m_out.append("</section>\n");
    }

    void addenda() {
        if (m_doc.addenda.empty()) {
            return;
        }
        m_out.append("<section id=\"addenda\">\n<h2>Addenda to signed notes</h2>\n<ul class=\"entries\">\n");
        for (const auto& addendum : m_doc.addenda) {
            tag("<li><span class=\"when\">", label(addendum.session) + ", added " + addendum.when, "</span>");
            tag("<span class=\"text\">", addendum.text, "</span></li>\n");
        }
        m_out.append("</ul>\n</section>\n");
    }

    void psychotherapyNotes() {
        if (!m_doc.header.psychotherapyNotesIncluded) {
            return;
        }
        m_out.append("<section id=\"psychotherapy-notes\">\n<h2>Psychotherapy notes</h2>\n"
                     "<p class=\"notice\">Included at the clinician\u2019s request. Process notes are kept apart from "
                     "the record; share them only where your supervision agreement allows.</p>\n");
        if (m_doc.psychotherapyNotes.empty()) {
            m_out.append("<p class=\"muted\">No psychotherapy notes were written in this period.</p>\n");
        } else {
            entryList(m_doc.psychotherapyNotes);
        }
        m_out.append("</section>\n");
    }

    void questions() {
        m_out.append("<section id=\"questions\">\n<h2>Questions for supervision</h2>\n");
        if (m_doc.questions.empty()) {
            m_out.append("<div class=\"questions-blank\">No questions yet. Add your questions for the supervisor "
                         "here.</div>\n");
        } else {
            m_out.append("<ol class=\"questions\">\n");
            for (const auto& question : m_doc.questions) {
                tag("<li class=\"text\">", question, "</li>\n");
            }
            m_out.append("</ol>\n");
        }
        m_out.append("</section>\n");
    }

    void report() {
        m_out.append("<section id=\"deidentification\" class=\"report\">\n<h2>De-identification report</h2>\n"
                     "<p>Replacements made in this summary:</p>\n<table>\n<tbody>\n");
        for (const auto& line : reportReplacementLines(m_doc)) {
            m_out.append(line.label == "Total" ? "<tr class=\"total\">" : "<tr>");
            tag("<td>", line.label, "</td>");
            tag("<td class=\"num\">", line.value, "</td>");
            tag("<td class=\"muted\">", line.detail, "</td></tr>\n");
        }
        m_out.append("</tbody>\n</table>\n<table>\n<tbody>\n");
        for (const auto& line : reportHandlingLines(m_doc)) {
            tag("<tr><td>", line.label, "</td>");
            tag("<td>", line.value, "</td></tr>\n");
        }
        m_out.append("</tbody>\n</table>\n");
        tag("<p class=\"muted\">", reportCaveat(), "</p>\n</section>\n");
    }
};

} // namespace

std::string renderHtml(const SummaryDocument& document) {
    return HtmlWriter(document).render();
}

std::string escapeHtml(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    appendEscaped(out, text);
    return out;
}

} // namespace tessera::core
