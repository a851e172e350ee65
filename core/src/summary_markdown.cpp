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

class MarkdownWriter {
public:
    explicit MarkdownWriter(const SummaryDocument& document) : m_doc(document) { m_out.reserve(64 * 1024); }

    std::string render() {
        header();
        themes();
        categories();
        quotes();
        ambivalence();
        entries("Risk and safety", m_doc.risk, "No risk and safety notes in this period.");
        reflections();
        plan();
        addenda();
        psychotherapyNotes();
        questions();
        report();
        return std::move(m_out);
    }

private:
    const SummaryDocument& m_doc;
    std::string m_out;

    void heading(int level, std::string_view text) {
        m_out.append(static_cast<std::size_t>(level), '#');
        m_out.push_back(' ');
        appendText(m_out, text);
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
        m_out.append("- **");
        appendText(m_out, label);
        m_out.append("** ");
        appendText(m_out, text, "  ");
        m_out.push_back('\n');
    }
    const std::string& label(std::size_t session) const { return m_doc.session(session).text; }

    void header() {
        const auto& h = m_doc.header;
        heading(1, m_doc.title);
        paragraph(introText(m_doc));
        item("Client:", h.clientCode);
        item("Period:", h.period);
        std::string sessions = std::to_string(h.sessions);
        if (h.drafts > 0) {
            sessions += " (" + std::to_string(h.drafts) + (h.drafts == 1 ? " unsigned draft)" : " unsigned drafts)");
        }
        item("Sessions:", sessions);
        std::string templates;
        for (const auto& use : h.templates) {
            templates += (templates.empty() ? "" : "; ") + use.label + ", " + std::to_string(use.sessions) +
                         (use.sessions == 1 ? " session" : " sessions");
        }
        item("Templates:", templates.empty() ? "none" : templates);
        item("Psychotherapy notes:", h.psychotherapyNotesIncluded ? "included" : "not included");
        m_out.push_back('\n');
    }

    void themes() {
        heading(2, "Themes");
        if (m_doc.themes.empty()) {
            emphasis("No themes were tagged in this period.");
            return;
        }
        paragraph(themesLegend(m_doc) + " Series: one mark per session (\u00b7 absent, \u2583 1, \u2585 2, \u2588 3).");
        for (const auto& theme : m_doc.themes) {
            heading(3, theme.label);
            item("Trend:", trendText(theme.trend, theme.slope) + "; latest intensity " + std::to_string(theme.latest));
            item("Present:", presenceText(m_doc, theme.sessionsPresent) + "; mean intensity when present " +
                                 formatDecimal(theme.meanWhenPresent));
            item("Seen:", seenText(m_doc, theme));
            m_out.append("- **Series:** `").append(sparkline(theme.series)).append("`\n\n");
        }
        if (!m_doc.themesNotSeen.empty()) {
            std::string names;
            for (const auto& name : m_doc.themesNotSeen) {
                names += (names.empty() ? "" : "; ") + name;
            }
            paragraph("Not tagged in this period: " + names + ".");
        }
    }

    void categories() {
        heading(2, "Categories");
        paragraph("Per session, the highest intensity among the themes of the category.");
        for (const auto& category : m_doc.categories) {
            m_out.append("- **");
            appendText(m_out, category.name);
            m_out.append(":** ");
            appendText(m_out, trendText(category.trend, category.slope) + "; present in " +
                                  presenceText(m_doc, category.sessionsPresent) + "; latest " +
                                  std::to_string(category.latest) + "; " + std::to_string(category.themesPresent) +
                                  (category.themesPresent == 1 ? " theme seen" : " themes seen"));
            m_out.push_back(' ');
            m_out.append("`").append(sparkline(category.series)).append("`\n");
        }
        m_out.push_back('\n');
    }

    void quotes() {
        heading(2, "Key quotes");
        bool any = false;
        for (const auto& theme : m_doc.themes) {
            if (theme.quotes.empty() && theme.notes.empty()) {
                continue;
            }
            any = true;
            heading(3, theme.label);
            for (const auto& quote : theme.quotes) {
                m_out.append("- \u201c");
                appendText(m_out, quote.text, "  ");
                m_out.append("\u201d: ");
                appendText(m_out, sessionsText(m_doc, quote.sessions));
                m_out.push_back('\n');
            }
            if (theme.quotesOmitted > 0) {
                m_out.append("- *");
                appendText(m_out, std::to_string(theme.quotesOmitted) + " less intense quotes not shown.");
                m_out.append("*\n");
            }
            if (!theme.quotes.empty() || theme.quotesOmitted > 0) {
                m_out.push_back('\n');
            }
            if (!theme.notes.empty()) {
                paragraph(theme.notesOmitted > 0 ? "Clinician's notes on this theme (the most recent):"
                                                 : "Clinician's notes on this theme:");
                for (const auto& note : theme.notes) {
                    item(label(note.session) + ".", note.text);
                }
                m_out.push_back('\n');
            }
        }
        if (!any) {
            emphasis("No quotes were recorded in this period.");
        }
    }

    void reasons(std::string_view title, std::size_t session, const std::vector<BalanceReason>& list) {
        paragraph(std::string{title} + ", " + label(session) + ":");
        for (const auto side : {BalanceSide::Stay, BalanceSide::Leave}) {
            std::string text;
            for (const auto& reason : list) {
                if (reason.side == side) {
                    text += (text.empty() ? "" : "; ") + reason.reason + " (" + std::to_string(reason.weight) + ")";
                }
            }
            item(side == BalanceSide::Stay ? "Stay:" : "Leave:", text.empty() ? "none given" : text);
        }
        m_out.push_back('\n');
    }

    void ambivalence() {
        heading(2, "Ambivalence");
        for (const auto& stage : m_doc.stages) {
            heading(3, "Stage of change: " + stage.name);
            if (stage.sessionsRecorded == 0) {
                emphasis("Not recorded in this period.");
                continue;
            }
            paragraph("Recorded in " + presenceText(m_doc, stage.sessionsRecorded) +
                      "; latest: " + std::string{stageName(*stage.latest)} + ".");
            for (const auto& change : stage.changes) {
                std::string text{stageName(change.to)};
                if (change.from) {
                    text = std::string{stageName(*change.from)} + " \u2192 " + text;
                }
                item(label(change.session) + ":", text);
            }
            m_out.push_back('\n');
        }
        heading(3, "Decisional balance");
        if (m_doc.balance.points.empty()) {
            emphasis("No decisional balance was recorded in this period.");
            return;
        }
        paragraph(balanceTrendText(m_doc));
        for (const auto& point : m_doc.balance.points) {
            const std::string difference = point.difference > 0   ? "+" + std::to_string(point.difference)
                                           : point.difference < 0 ? "\u2212" + std::to_string(-point.difference)
                                                                  : "0";
            item(label(point.session) + ":", "stay " + std::to_string(point.stay) + ", leave " +
                                                 std::to_string(point.leave) + " (" + difference + ")");
        }
        m_out.push_back('\n');
        if (m_doc.balance.firstSession) {
            reasons(m_doc.balance.latestSession ? "First reasons in the period" : "Reasons given",
                    *m_doc.balance.firstSession, m_doc.balance.firstReasons);
        }
        if (m_doc.balance.latestSession) {
            reasons("Latest reasons", *m_doc.balance.latestSession, m_doc.balance.latestReasons);
        }
    }

    void entries(std::string_view title, const std::vector<SessionText>& list, std::string_view empty) {
        heading(2, title);
        if (list.empty()) {
            emphasis(empty);
            return;
        }
        for (const auto& entry : list) {
            item(label(entry.session) + ".", entry.text);
        }
        m_out.push_back('\n');
    }

    void reflections() {
        heading(2, "Clinician's reflections");
        paragraph(agendaCheckText(m_doc));
        if (m_doc.reflections.empty()) {
            emphasis("No clinician reflections were written in this period.");
            return;
        }
        for (const auto& entry : m_doc.reflections) {
            item(label(entry.session) + ".", entry.text);
        }
        m_out.push_back('\n');
    }

    void plan() {
        heading(2, "Plan of the last session");
        if (!m_doc.plan) {
            emphasis("No plan was written in this period.");
            return;
        }
        if (const auto note = planNote(m_doc); !note.empty()) {
            paragraph(note);
        }
        m_out.append("**");
        appendText(m_out, label(m_doc.plan->session) + ".");
        m_out.append("** ");
        appendText(m_out, m_doc.plan->text);
        m_out.append("\n\n");
    }

    void addenda() {
        if (m_doc.addenda.empty()) {
            return;
        }
        heading(2, "Addenda to signed notes");
        for (const auto& addendum : m_doc.addenda) {
            item(label(addendum.session) + ", added " + addendum.when + ":", addendum.text);
        }
        m_out.push_back('\n');
    }

    void psychotherapyNotes() {
        if (!m_doc.header.psychotherapyNotesIncluded) {
            return;
        }
        heading(2, "Psychotherapy notes");
        emphasis("Included at the clinician's request. Process notes are kept apart from the record; share them only "
                 "where your supervision agreement allows.");
        if (m_doc.psychotherapyNotes.empty()) {
            emphasis("No psychotherapy notes were written in this period.");
            return;
        }
        for (const auto& entry : m_doc.psychotherapyNotes) {
            item(label(entry.session) + ".", entry.text);
        }
        m_out.push_back('\n');
    }

    void questions() {
        heading(2, "Questions for supervision");
        if (m_doc.questions.empty()) {
            emphasis("No questions yet. Add your questions for the supervisor here.");
            return;
        }
        int number = 1;
        for (const auto& question : m_doc.questions) {
            m_out.append(std::to_string(number++)).append(". ");
            appendText(m_out, question, "   ");
            m_out.push_back('\n');
        }
        m_out.push_back('\n');
    }

    void report() {
        heading(2, "De-identification report");
        paragraph("Replacements made in this summary:");
        for (const auto& line : reportReplacementLines(m_doc)) {
            item(line.label + ":", line.detail.empty() ? line.value : line.value + " (" + line.detail + ")");
        }
        m_out.push_back('\n');
        for (const auto& line : reportHandlingLines(m_doc)) {
            item(line.label + ":", line.value);
        }
        m_out.push_back('\n');
        paragraph(reportCaveat());
    }
};

} // namespace

std::string renderMarkdown(const SummaryDocument& document) {
    return MarkdownWriter(document).render();
}

std::string escapeMarkdown(std::string_view text) {
    return escaped(text);
}

} // namespace tessera::core
