// The supervision summary's one section sequence. Every sentence, heading, list and table of a
// summary is written here once, as format-neutral blocks; renderMarkdown, renderHtml and the PDF
// renderer (app/report) only map block kinds to their formats. A new section is one function here
// and one line in layoutSummary.

#include "tessera/core/summary.hpp"

#include <string>
#include <utility>

namespace tessera::core {
namespace {

std::string signedNumber(int value) {
    return value > 0 ? "+" + std::to_string(value) : value < 0 ? "\u2212" + std::to_string(-value) : "0";
}

std::string plural(int count, std::string_view one, std::string_view many) {
    return std::to_string(count) + " " + std::string{count == 1 ? one : many};
}

class Layout {
public:
    explicit Layout(const SummaryDocument& document) : m_doc(document) {}

    OutputDocument build() {
        m_out.title = m_doc.title;
        m_out.kicker = "Clinical supervision \u00b7 de-identified";
        m_out.subject = "De-identified supervision summary";
        header();
        standouts();
        formulation();
        themes();
        categories();
        quotes();
        ambivalence();
        risk();
        reflections();
        plan();
        extraSections();
        addenda();
        psychotherapyNotes();
        questions();
        report();
        return std::move(m_out);
    }

private:
    const SummaryDocument& m_doc;
    OutputDocument m_out;

    Block& add(BlockKind kind) {
        m_out.blocks.push_back({});
        m_out.blocks.back().kind = kind;
        return m_out.blocks.back();
    }
    void heading(int level, std::string text, std::string id = {}) {
        Block& block = add(BlockKind::Heading);
        block.level = level;
        block.text = std::move(text);
        block.id = std::move(id);
    }
    void paragraph(std::string text) { add(BlockKind::Paragraph).text = std::move(text); }
    void note(std::string text) { add(BlockKind::Note).text = std::move(text); }
    void notice(std::string text) { add(BlockKind::Notice).text = std::move(text); }
    void list(std::vector<ListItem> items, ListStyle style = ListStyle::Bullets) {
        Block& block = add(BlockKind::List);
        block.items = std::move(items);
        block.style = style;
    }
    void table(Table value) { add(BlockKind::Table).table = std::move(value); }
    void chart(Chart value) { add(BlockKind::Chart).chart = std::move(value); }

    // An entry of one session: "Session 2 (week 2)." or "Session 3 (week 4), draft, not signed."
    std::string entryLabel(std::size_t session) const {
        const std::size_t sessions[] = {session};
        return sessionsText(m_doc, sessions) + ".";
    }
    void entries(const std::vector<SessionText>& texts) {
        std::vector<ListItem> items;
        items.reserve(texts.size());
        for (const auto& entry : texts) {
            items.push_back({entryLabel(entry.session), entry.text});
        }
        list(std::move(items), ListStyle::Entries);
    }
    void section(std::string title, std::string id) { heading(2, std::move(title), std::move(id)); }
    // The entries, or a note saying there are none.
    void entriesOr(const std::vector<SessionText>& texts, std::string none) {
        if (texts.empty()) {
            note(std::move(none));
        } else {
            entries(texts);
        }
    }

    // "Rising" with "+0.34 / session" under it.
    static TableCell trendCell(Trend trend, double slope) {
        return {std::string{trendName(trend)},
                trend == Trend::Absent ? std::string{} : formatSlope(slope) + " / session",
                {}};
    }

    Chart intensityChart(const std::vector<int>& series, const std::string& colour) const {
        Chart out;
        out.kind = ChartKind::Intensity;
        out.colour = colour;
        out.values = series;
        out.sessionCount = series.size();
        std::string values;
        for (std::size_t i = 0; i < series.size(); ++i) {
            values += (i == 0 ? "" : ", ") + std::to_string(series[i]);
        }
        out.description = "Intensity per session, sessions 1 to " + std::to_string(series.size()) + ": " +
                          (values.empty() ? "none" : values) + ".";
        return out;
    }

    void header() {
        const auto& h = m_doc.header;
        heading(1, m_doc.title);
        notice(introText(m_doc));
        std::string sessions = std::to_string(h.sessions);
        if (h.drafts > 0) {
            sessions += " (" + plural(h.drafts, "unsigned draft", "unsigned drafts") + ")";
        }
        std::string templates;
        for (const auto& use : h.templates) {
            templates +=
                (templates.empty() ? "" : "; ") + use.label + ", " + plural(use.sessions, "session", "sessions");
        }
        list({{"Client:", h.clientCode},
              {"Period:", h.period},
              {"Sessions:", sessions},
              {"Templates:", templates.empty() ? "none" : templates},
              {"Psychotherapy notes:", h.psychotherapyNotesIncluded ? "included" : "not included"}});
    }

    void standouts() {
        section("What stands out", "standouts");
        if (m_doc.standouts.empty()) {
            paragraph(std::string{nothingStandsOutText()});
            return;
        }
        paragraph("Observations for supervision, found by fixed rules in the notes of this period (see the "
                  "documentation for the rules); each names its evidence.");
        std::vector<ListItem> items;
        for (const auto& line : m_doc.standouts) {
            items.push_back({{}, line.text});
        }
        list(std::move(items));
    }

    void formulation() {
        section("Case formulation", "formulation");
        if (m_doc.formulation.empty()) {
            note("No case formulation has been written for this client.");
            return;
        }
        paragraph(m_doc.formulation);
    }

    void themes() {
        section("Themes", "themes");
        if (m_doc.themes.empty()) {
            note("No themes were tagged in this period.");
            return;
        }
        paragraph(themesLegend(m_doc));
        Table out;
        out.caption = "Themes of the period with their trend, presence, latest intensity and intensity per session";
        out.columns = {"Theme", "Trend", "Present", "Latest", "Seen", "Per session"};
        out.numeric = {false, false, true, true, false, false};
        for (const auto& theme : m_doc.themes) {
            out.rows.push_back({
                {theme.label, std::string{displayName(theme.category)}, {}},
                trendCell(theme.trend, theme.slope),
                {std::to_string(theme.sessionsPresent) + " / " + std::to_string(m_doc.header.sessions),
                 "mean " + formatDecimal(theme.meanWhenPresent),
                 {}},
                {std::to_string(theme.latest), {}, {}},
                {seenText(m_doc, theme), {}, {}},
                {{}, {}, intensityChart(theme.series, theme.colour)},
            });
        }
        table(std::move(out));
        if (!m_doc.themesNotSeen.empty()) {
            std::string names;
            for (const auto& name : m_doc.themesNotSeen) {
                names += (names.empty() ? "" : "; ") + name;
            }
            paragraph("Not tagged in this period: " + names + ".");
        }
    }

    void categories() {
        section("Categories", "categories");
        paragraph("Per session, the highest intensity among the themes of the category.");
        Table out;
        out.caption = "Categories with their trend, presence, latest intensity and intensity per session";
        out.columns = {"Category", "Trend", "Present", "Latest", "Themes seen", "Per session"};
        out.numeric = {false, false, true, true, true, false};
        for (const auto& category : m_doc.categories) {
            out.rows.push_back({
                {category.name, {}, {}},
                trendCell(category.trend, category.slope),
                {std::to_string(category.sessionsPresent) + " / " + std::to_string(m_doc.header.sessions), {}, {}},
                {std::to_string(category.latest), {}, {}},
                {std::to_string(category.themesPresent), {}, {}},
                {{}, {}, intensityChart(category.series, "#1f5f6b")},
            });
        }
        table(std::move(out));
    }

    void quotes() {
        section("Key quotes", "quotes");
        bool any = false;
        for (const auto& theme : m_doc.themes) {
            if (theme.quotes.empty() && theme.notes.empty()) {
                continue;
            }
            any = true;
            heading(3, theme.label);
            if (!theme.quotes.empty()) {
                std::vector<ListItem> items;
                for (const auto& quote : theme.quotes) {
                    items.push_back({{}, "\u201c" + quote.text + "\u201d: " + sessionsText(m_doc, quote.sessions)});
                }
                list(std::move(items));
            }
            if (theme.quotesOmitted > 0) {
                note(std::to_string(theme.quotesOmitted) + " less intense quotes not shown.");
            }
            if (!theme.notes.empty()) {
                paragraph(theme.notesOmitted > 0 ? "Clinician\u2019s notes on this theme (the most recent):"
                                                 : "Clinician\u2019s notes on this theme:");
                entries(theme.notes);
            }
        }
        if (!any) {
            note("No quotes were recorded in this period.");
        }
    }

    void reasons(std::string_view title, std::size_t session, const std::vector<BalanceReason>& list) {
        paragraph(std::string{title} + ", " + sessionsText(m_doc, std::span{&session, 1}) + ":");
        std::vector<ListItem> items;
        for (const auto side : {BalanceSide::Stay, BalanceSide::Leave}) {
            std::string text;
            for (const auto& reason : list) {
                if (reason.side == side) {
                    text += (text.empty() ? "" : "; ") + reason.reason + " (" + std::to_string(reason.weight) + ")";
                }
            }
            items.push_back({side == BalanceSide::Stay ? "Stay:" : "Leave:", text.empty() ? "none given" : text});
        }
        this->list(std::move(items));
    }

    void ambivalence() {
        section("Ambivalence", "ambivalence");
        for (const auto& stage : m_doc.stages) {
            heading(3, "Stage of change: " + stage.name);
            if (stage.sessionsRecorded == 0) {
                note("Not recorded in this period.");
                continue;
            }
            paragraph("Recorded in " + presenceText(m_doc, stage.sessionsRecorded) +
                      "; latest: " + std::string{stageName(*stage.latest)} + ".");
            Chart out;
            out.kind = ChartKind::Stage;
            out.stages = stage.perSession;
            out.sessionCount = stage.perSession.size();
            std::string values;
            for (std::size_t i = 0; i < stage.perSession.size(); ++i) {
                if (stage.perSession[i]) {
                    values += (values.empty() ? "" : ", ") + std::string{"session "} + std::to_string(i + 1) + " " +
                              std::string{stageName(*stage.perSession[i])};
                }
            }
            out.description = "Stage of change (" + stage.name + ") per session: " + values + ".";
            chart(std::move(out));
            std::vector<ListItem> items;
            for (const auto& change : stage.changes) {
                std::string text{stageName(change.to)};
                if (change.from) {
                    text = std::string{stageName(*change.from)} + " \u2192 " + text;
                }
                items.push_back({entryLabel(change.session), text});
            }
            list(std::move(items), ListStyle::Entries);
        }
        heading(3, "Decisional balance");
        if (m_doc.balance.points.empty()) {
            note("No decisional balance was recorded in this period.");
            return;
        }
        paragraph(balanceTrendText(m_doc));
        Chart out;
        out.kind = ChartKind::Balance;
        out.sessionCount = m_doc.sessions.size();
        std::string values;
        for (const auto& point : m_doc.balance.points) {
            out.values.push_back(point.difference);
            out.sessions.push_back(point.session);
            values += (values.empty() ? "" : ", ") + std::string{"session "} +
                      std::to_string(m_doc.session(point.session).number) + " " + signedNumber(point.difference);
        }
        out.description = "Leave minus stay per balance (above zero: leaving weighs more): " + values + ".";
        chart(std::move(out));
        Table points;
        points.caption = "Decisional balance per session: the summed weights of the reasons to stay and to leave";
        points.columns = {"Session", "Stay", "Leave", "Leave \u2212 stay"};
        points.numeric = {false, true, true, true};
        for (const auto& point : m_doc.balance.points) {
            points.rows.push_back({{sessionsText(m_doc, std::span{&point.session, 1}), {}, {}},
                                   {std::to_string(point.stay), {}, {}},
                                   {std::to_string(point.leave), {}, {}},
                                   {signedNumber(point.difference), {}, {}}});
        }
        table(std::move(points));
        if (m_doc.balance.firstSession) {
            reasons(m_doc.balance.latestSession ? "First reasons in the period" : "Reasons given",
                    *m_doc.balance.firstSession, m_doc.balance.firstReasons);
        }
        if (m_doc.balance.latestSession) {
            reasons("Latest reasons", *m_doc.balance.latestSession, m_doc.balance.latestReasons);
        }
    }

    void risk() {
        section("Risk and safety", "risk");
        if (m_doc.risk.empty()) {
            note("No risk and safety notes in this period.");
            return;
        }
        paragraph("Newest first; identical or near-identical entries are one line naming every session they were "
                  "written in.");
        std::vector<ListItem> items;
        for (const auto& entry : m_doc.risk) {
            items.push_back({sessionsText(m_doc, entry.sessions) + ".", entry.text});
        }
        list(std::move(items), ListStyle::Entries);
    }

    void reflections() {
        section("Clinician\u2019s reflections", "reflections");
        paragraph(agendaCheckText(m_doc));
        entriesOr(m_doc.reflections, "No clinician reflections were written in this period.");
    }

    void plan() {
        section("Plan of the last session", "plan");
        if (!m_doc.plan) {
            note("No plan was written in this period.");
            return;
        }
        if (const auto text = planNote(m_doc); !text.empty()) {
            paragraph(text);
        }
        entries({*m_doc.plan});
    }

    void extraSections() {
        for (const auto& extra : m_doc.extraSections) {
            section(extra.label, "section-" + extra.key);
            entriesOr(extra.entries, "Nothing was written in this section in this period.");
        }
    }

    void addenda() {
        if (m_doc.addenda.empty()) {
            return;
        }
        section("Addenda to signed notes", "addenda");
        std::vector<ListItem> items;
        for (const auto& addendum : m_doc.addenda) {
            items.push_back({m_doc.session(addendum.session).text + ", added " + addendum.when + ":", addendum.text});
        }
        list(std::move(items), ListStyle::Entries);
    }

    void psychotherapyNotes() {
        if (!m_doc.header.psychotherapyNotesIncluded) {
            return;
        }
        section("Psychotherapy notes", "psychotherapy-notes");
        notice("Included at the clinician\u2019s request. Process notes are kept apart from the record; share them "
               "only where your supervision agreement allows.");
        entriesOr(m_doc.psychotherapyNotes, "No psychotherapy notes were written in this period.");
    }

    void questions() {
        section("Questions for supervision", "questions");
        if (m_doc.questions.empty()) {
            note("No questions yet. Add your questions for the supervisor here.");
            return;
        }
        std::vector<ListItem> items;
        for (const auto& question : m_doc.questions) {
            items.push_back({{}, question});
        }
        list(std::move(items), ListStyle::Ordered);
    }

    void report() {
        section("De-identification report", "deidentification");
        m_out.blocks.back().keepTogether = true;
        paragraph("Replacements made in this summary:");
        Table replacements;
        replacements.caption = "Replacements by kind";
        replacements.numeric = {false, true, false};
        for (const auto& line : reportReplacementLines(m_doc)) {
            replacements.rows.push_back({{line.label, {}, {}}, {line.value, {}, {}}, {line.detail, {}, {}}});
        }
        replacements.lastRowIsTotal = true;
        table(std::move(replacements));
        paragraph("How this summary handles the record:");
        Table handling;
        handling.caption = "How the client, dates and psychotherapy notes were handled";
        handling.numeric = {false, false};
        for (const auto& line : reportHandlingLines(m_doc)) {
            handling.rows.push_back({{line.label, {}, {}}, {line.value, {}, {}}});
        }
        table(std::move(handling));
        notice(reportCaveat());
    }
};

} // namespace

OutputDocument layoutSummary(const SummaryDocument& document) {
    return Layout(document).build();
}

} // namespace tessera::core
