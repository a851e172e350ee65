#include "tessera/core/summary.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

namespace tessera::core {
namespace {

constexpr std::string_view kRiskSection = "risk_and_safety";
constexpr std::string_view kReflectionSection = "clinician_reflection";
constexpr std::string_view kPlanSection = "plan";
constexpr std::string_view kAgendaCheckTheme = "agenda-check";
constexpr std::array<std::string_view, 4> kBars{"\u00b7", "\u2583", "\u2585", "\u2588"};

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

// The key under which identical quotes are grouped: lower-case ASCII, single spaces, without
// surrounding quotation marks.
std::string quoteKey(std::string_view text) {
    std::string key;
    key.reserve(text.size());
    bool space = false;
    for (const char c : trim(text)) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !key.empty();
            continue;
        }
        if (space) {
            key.push_back(' ');
            space = false;
        }
        key.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    while (!key.empty() && (key.front() == '"' || key.front() == '\'')) {
        key.erase(key.begin());
    }
    while (!key.empty() && (key.back() == '"' || key.back() == '\'')) {
        key.pop_back();
    }
    return key;
}

std::string templateLabel(std::span<const NoteTemplate> templates, const std::string& name, int version) {
    const NoteTemplate* best = nullptr;
    for (const auto& tmpl : templates) {
        if (tmpl.name != name) {
            continue;
        }
        if (tmpl.version == version) {
            best = &tmpl;
            break;
        }
        if (version == 0 && (best == nullptr || tmpl.version > best->version)) {
            best = &tmpl;
        }
    }
    const std::string label = best != nullptr && !best->label.empty() ? best->label : name;
    const int shown = best != nullptr ? best->version : version;
    return shown > 0 ? label + " (v" + std::to_string(shown) + ")" : label;
}

struct Builder {
    const ClientRecord& record;
    const Codebook& codebook;
    std::span<const NoteTemplate> templates;
    const SummaryOptions& options;
    Deidentifier deidentifier;
    ClientAnalysis analysis;
    SummaryDocument document;

    Builder(const ClientRecord& r, const Codebook& c, std::span<const NoteTemplate> t, const SummaryOptions& o)
        : record(r), codebook(c), templates(t), options(o), deidentifier(r.client, DeidentifyOptions{o.exactDates}) {
        AnalysisOptions analysisOptions;
        analysisOptions.from = o.from;
        analysisOptions.to = o.to;
        analysisOptions.window = o.window;
        analysis = analyseClient(r, c, analysisOptions);
        document.deidentification = deidentifier.emptyReport();
    }

    std::string clean(std::string_view text) { return deidentifier.apply(trim(text), document.deidentification); }

    const Session& sessionAt(std::size_t index) const { return record.sessions[analysis.sessions[index].recordIndex]; }

    void header() {
        document.title = "Supervision summary: " + record.client.code;
        document.trendWindow = analysis.window;
        auto& h = document.header;
        h.clientCode = record.client.code;
        h.exactDates = options.exactDates;
        h.psychotherapyNotesIncluded = options.includePsychotherapyNotes;
        h.sessions = static_cast<int>(analysis.sessions.size());
        if (analysis.sessions.empty()) {
            h.period = "No sessions in this period";
            return;
        }
        const Date first = analysis.sessions.front().date;
        const Date last = analysis.sessions.back().date;
        h.weeks = static_cast<int>(last.daysSince(first) / 7) + 1;
        if (options.exactDates) {
            h.from = first;
            h.to = last;
            h.period = first.toIso() + " to " + last.toIso();
        } else {
            h.period = std::to_string(h.sessions) + (h.sessions == 1 ? " session" : " sessions") + " over " +
                       std::to_string(h.weeks) + (h.weeks == 1 ? " week" : " weeks");
        }
        std::map<std::pair<std::string, int>, int> uses;
        for (std::size_t i = 0; i < analysis.sessions.size(); ++i) {
            const Session& session = sessionAt(i);
            ++uses[{session.templateName, session.templateVersion}];
            h.drafts += session.isSigned() ? 0 : 1;
            SessionLabel label;
            label.number = i + 1;
            label.week = static_cast<int>(session.date.daysSince(first) / 7) + 1;
            if (options.exactDates) {
                label.date = session.date;
                label.text = "Session " + std::to_string(i + 1) + " (" + session.date.toIso() + ")";
            } else {
                label.text = "Session " + std::to_string(i + 1) + " (week " + std::to_string(label.week) + ")";
            }
            document.sessions.push_back(std::move(label));
        }
        for (const auto& [key, count] : uses) {
            h.templates.push_back({templateLabel(templates, key.first, key.second), count});
        }
        std::stable_sort(h.templates.begin(), h.templates.end(),
                         [](const TemplateUse& a, const TemplateUse& b) { return a.sessions > b.sessions; });
    }

    void themes() {
        // Observation notes per theme, collected in one pass over the period.
        std::vector<std::vector<std::pair<std::size_t, std::string_view>>> notes(analysis.themes.size());
        for (std::size_t i = 0; i < analysis.sessions.size(); ++i) {
            for (const auto& observation : sessionAt(i).observations) {
                if (trim(observation.note).empty()) {
                    continue;
                }
                if (const auto index = codebook.indexOf(observation.themeKey); index && *index < notes.size()) {
                    notes[*index].emplace_back(i, observation.note);
                }
            }
        }
        std::vector<std::size_t> omittedKeys;
        for (const std::size_t index : rankThemes(analysis)) {
            const ThemeAnalysis& theme = analysis.themes[index];
            const SeriesStats& stats = theme.stats;
            if (stats.sessionsPresent == 0 && theme.quotes.empty() && notes[index].empty()) {
                omittedKeys.push_back(index);
                continue;
            }
            ThemeSummary out;
            out.key = theme.key;
            out.label = theme.label;
            out.category = theme.category;
            if (const Theme* definition = codebook.find(theme.key)) {
                out.colour = definition->colour;
            }
            out.trend = stats.trend.trend;
            out.slope = stats.trend.slope;
            out.trendPoints = stats.trend.points;
            out.sessionsPresent = stats.sessionsPresent;
            if (stats.sessionsPresent > 0) {
                const auto& series = stats.intensity;
                const auto firstIt = std::find_if(series.begin(), series.end(), [](int v) { return v > 0; });
                const auto lastIt = std::find_if(series.rbegin(), series.rend(), [](int v) { return v > 0; });
                out.firstSeen = static_cast<std::size_t>(firstIt - series.begin());
                out.lastSeen = series.size() - 1 - static_cast<std::size_t>(lastIt - series.rbegin());
            }
            out.meanWhenPresent = stats.meanWhenPresent;
            out.latest = stats.latest;
            out.series = stats.intensity;
            quotes(theme, out);
            const auto& themeNotes = notes[index];
            const std::size_t keep = options.maxNotesPerTheme == 0
                                         ? themeNotes.size()
                                         : std::min(options.maxNotesPerTheme, themeNotes.size());
            out.notesOmitted = themeNotes.size() - keep;
            for (std::size_t k = themeNotes.size() - keep; k < themeNotes.size(); ++k) {
                out.notes.push_back({themeNotes[k].first, clean(themeNotes[k].second)});
            }
            if (out.key == kAgendaCheckTheme) {
                document.agendaCheck = document.themes.size();
            }
            document.themes.push_back(std::move(out));
        }
        std::sort(omittedKeys.begin(), omittedKeys.end());
        for (const std::size_t index : omittedKeys) {
            document.themesNotSeen.push_back(analysis.themes[index].label);
        }
    }

    void quotes(const ThemeAnalysis& theme, ThemeSummary& out) {
        struct Group {
            std::string_view text;
            std::vector<std::size_t> sessions;
            int maxIntensity = 0;
        };
        std::vector<Group> groups;
        std::unordered_map<std::string, std::size_t> byKey;
        for (const Quote& quote : theme.quotes) {
            if (trim(quote.text).empty()) {
                continue;
            }
            auto [it, inserted] = byKey.try_emplace(quoteKey(quote.text), groups.size());
            if (inserted) {
                groups.push_back({quote.text, {}, 0});
            }
            Group& group = groups[it->second];
            if (group.sessions.empty() || group.sessions.back() != quote.sessionIndex) {
                group.sessions.push_back(quote.sessionIndex);
            }
            group.maxIntensity = std::max(group.maxIntensity, quote.intensity);
        }
        std::vector<std::size_t> chosen(groups.size());
        for (std::size_t i = 0; i < chosen.size(); ++i) {
            chosen[i] = i;
        }
        if (options.maxQuotesPerTheme > 0 && groups.size() > options.maxQuotesPerTheme) {
            // Keep the most intense, then the most repeated, then the earliest; show them in order.
            std::stable_sort(chosen.begin(), chosen.end(), [&](std::size_t a, std::size_t b) {
                return std::tuple{groups[a].maxIntensity, groups[a].sessions.size()} >
                       std::tuple{groups[b].maxIntensity, groups[b].sessions.size()};
            });
            chosen.resize(options.maxQuotesPerTheme);
            std::sort(chosen.begin(), chosen.end());
            out.quotesOmitted = groups.size() - chosen.size();
        }
        for (const std::size_t index : chosen) {
            Group& group = groups[index];
            out.quotes.push_back({clean(group.text), std::move(group.sessions), group.maxIntensity});
        }
    }

    void categories() {
        for (const auto& category : analysis.categories) {
            int themesInCodebook = 0;
            int themesPresent = 0;
            for (const auto& theme : analysis.themes) {
                if (theme.category == category.category) {
                    ++themesInCodebook;
                    themesPresent += theme.stats.sessionsPresent > 0 ? 1 : 0;
                }
            }
            if (themesInCodebook == 0) {
                continue;
            }
            CategorySummary out;
            out.category = category.category;
            out.name = std::string{displayName(category.category)};
            out.trend = category.stats.trend.trend;
            out.slope = category.stats.trend.slope;
            out.sessionsPresent = category.stats.sessionsPresent;
            out.latest = category.stats.latest;
            out.themesPresent = themesPresent;
            out.series = category.stats.intensity;
            document.categories.push_back(std::move(out));
        }
    }

    std::vector<BalanceReason> reasonsOf(std::size_t sessionIndex) {
        std::vector<BalanceReason> reasons;
        for (const auto& item : sessionAt(sessionIndex).decisionalBalance) {
            reasons.push_back({item.side, clean(item.reason), item.weight});
        }
        // Heaviest first on each side, stay before leave, as a reader compares them.
        std::stable_sort(reasons.begin(), reasons.end(), [](const BalanceReason& a, const BalanceReason& b) {
            return std::pair{a.side == BalanceSide::Leave, -a.weight} <
                   std::pair{b.side == BalanceSide::Leave, -b.weight};
        });
        return reasons;
    }

    void ambivalence() {
        for (std::size_t t = 0; t < kStageTargets.size(); ++t) {
            const StageHistory& history = analysis.ambivalence.stages[t];
            StageSummary& out = document.stages[t];
            out.target = history.target;
            out.name = history.target == StageTarget::Leaving ? "Leaving" : "Safety";
            out.perSession = history.perSession;
            out.latest = history.latest;
            out.sessionsRecorded = static_cast<int>(std::count_if(history.perSession.begin(), history.perSession.end(),
                                                                  [](const auto& s) { return s.has_value(); }));
            for (const StageChange& change : history.changes) {
                out.changes.push_back({change.sessionIndex, change.from, change.to});
            }
        }
        const auto& balance = analysis.ambivalence.balance;
        auto& out = document.balance;
        out.trend = analysis.ambivalence.balanceTrend;
        for (const BalancePoint& point : balance) {
            out.points.push_back({point.sessionIndex, point.stay, point.leave, point.difference});
        }
        if (!balance.empty()) {
            out.firstSession = balance.front().sessionIndex;
            out.firstReasons = reasonsOf(balance.front().sessionIndex);
            if (balance.size() > 1) {
                out.latestSession = balance.back().sessionIndex;
                out.latestReasons = reasonsOf(balance.back().sessionIndex);
            }
        }
    }

    void sectionTexts() {
        const std::size_t count = analysis.sessions.size();
        for (std::size_t i = 0; i < count; ++i) {
            const Session& session = sessionAt(i);
            if (const std::string* risk = session.sectionText(kRiskSection); risk && !trim(*risk).empty()) {
                document.risk.push_back({i, clean(*risk)});
            }
            if (const std::string* reflection = session.sectionText(kReflectionSection);
                reflection && !trim(*reflection).empty()) {
                document.reflections.push_back({i, clean(*reflection)});
            }
        }
        for (std::size_t i = count; i > 0; --i) {
            if (const std::string* plan = sessionAt(i - 1).sectionText(kPlanSection); plan && !trim(*plan).empty()) {
                document.plan = SessionText{i - 1, clean(*plan)};
                document.planFromLastSession = i == count;
                break;
            }
        }
        for (std::size_t i = 0; i < count; ++i) {
            const Session& session = sessionAt(i);
            for (const Addendum& addendum : session.addenda) {
                if (trim(addendum.text).empty()) {
                    continue;
                }
                AddendumEntry entry;
                entry.session = i;
                if (options.exactDates) {
                    entry.when = addendum.at.date().toIso();
                } else {
                    const long days = addendum.at.date().daysSince(session.date);
                    entry.when = days <= 0   ? "the same day"
                                 : days == 1 ? "1 day after the session"
                                             : std::to_string(days) + " days after the session";
                }
                entry.text = clean(addendum.text);
                document.addenda.push_back(std::move(entry));
            }
        }
        if (options.includePsychotherapyNotes) {
            for (std::size_t i = 0; i < count; ++i) {
                const std::string& note = sessionAt(i).psychotherapyNote;
                if (!trim(note).empty()) {
                    document.psychotherapyNotes.push_back({i, clean(note)});
                }
            }
        }
        for (const auto& question : options.questions) {
            if (!trim(question).empty()) {
                document.questions.push_back(clean(question));
            }
        }
    }
};

} // namespace

SummaryDocument buildSummary(const ClientRecord& record, const Codebook& codebook,
                             std::span<const NoteTemplate> templates, const SummaryOptions& options) {
    Builder builder(record, codebook, templates, options);
    builder.header();
    builder.themes();
    builder.categories();
    builder.ambivalence();
    builder.sectionTexts();
    return std::move(builder.document);
}

std::vector<std::string> parseQuestions(std::string_view text) {
    std::vector<std::string> questions;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        std::string_view line = trim(text.substr(start, end - start));
        if (line.size() >= 2 && (line[0] == '-' || line[0] == '*' || line[0] == '+') && line[1] == ' ') {
            line = trim(line.substr(2));
        } else {
            std::size_t digits = 0;
            while (digits < line.size() && digits < 3 && line[digits] >= '0' && line[digits] <= '9') {
                ++digits;
            }
            if (digits > 0 && digits + 1 < line.size() && (line[digits] == '.' || line[digits] == ')') &&
                line[digits + 1] == ' ') {
                line = trim(line.substr(digits + 2));
            }
        }
        if (!line.empty()) {
            questions.emplace_back(line);
        }
        start = end + 1;
    }
    return questions;
}

std::string formatDecimal(double value, int decimals) {
    std::array<char, 32> buffer{};
    const auto result =
        std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed, decimals);
    std::string text(buffer.data(), result.ptr);
    if (text.starts_with("-") && text.find_first_not_of("-0.") == std::string::npos) {
        text.erase(0, 1); // "-0.00"
    }
    return text;
}

std::string formatSlope(double slope) {
    std::string text = formatDecimal(slope, 2);
    if (text.starts_with("-")) {
        return "\u2212" + text.substr(1);
    }
    return text == "0.00" ? text : "+" + text;
}

std::string sparkline(std::span<const int> series) {
    std::string out;
    out.reserve(series.size() * 3);
    for (const int value : series) {
        out.append(kBars[static_cast<std::size_t>(std::clamp(value, 0, 3))]);
    }
    return out;
}

std::string_view trendName(Trend trend) {
    switch (trend) {
    case Trend::Absent: return "Absent";
    case Trend::Falling: return "Falling";
    case Trend::Steady: return "Steady";
    case Trend::Rising: return "Rising";
    }
    return "Absent";
}

std::string introText(const SummaryDocument& document) {
    std::string text = "De-identified for clinical supervision. The client appears only under a code; the client's "
                       "name, the names on the client's redaction list and direct identifiers (e-mail addresses, "
                       "phone numbers, web addresses, street addresses, ID numbers";
    text +=
        document.header.exactDates ? ") have been replaced. " : ", dates written in the notes) have been replaced. ";
    text += document.header.exactDates
                ? "Calendar dates are shown as the clinician asked. "
                : "Sessions are numbered within the period and weeks are counted from its first session. ";
    text += "The report at the end counts every replacement.";
    return text;
}

std::string themesLegend(const SummaryDocument& document) {
    return "Strongest and fastest-moving first. Intensity: 0 absent, 1 mentioned, 2 clearly present, 3 central. "
           "Trend over the last " +
           std::to_string(document.trendWindow) +
           " sessions: rising at +0.15 intensity points per session or more, falling at \u22120.15 or less.";
}

std::string trendText(Trend trend, double slope, std::string_view per) {
    std::string text{toString(trend)};
    if (trend != Trend::Absent) {
        text += ", " + formatSlope(slope) + " per " + std::string{per};
    }
    return text;
}

std::string sessionsText(const SummaryDocument& document, std::span<const std::size_t> sessions) {
    if (sessions.empty()) {
        return {};
    }
    if (sessions.size() == 1) {
        return document.session(sessions.front()).text;
    }
    std::string text = "Sessions ";
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        text += i == 0 ? "" : i + 1 == sessions.size() ? " and " : ", ";
        text += std::to_string(document.session(sessions[i]).number);
    }
    const SessionLabel& first = document.session(sessions.front());
    const SessionLabel& last = document.session(sessions.back());
    if (first.date && last.date) {
        text += " (" + first.date->toIso() + " to " + last.date->toIso() + ")";
    } else if (first.week == last.week) {
        text += " (week " + std::to_string(first.week) + ")";
    } else {
        text += " (weeks " + std::to_string(first.week) + " to " + std::to_string(last.week) + ")";
    }
    return text;
}

std::string presenceText(const SummaryDocument& document, int sessionsPresent) {
    return std::to_string(sessionsPresent) + " of " + std::to_string(document.header.sessions) + " sessions";
}

std::string seenText(const SummaryDocument& document, const ThemeSummary& theme) {
    if (!theme.firstSeen || !theme.lastSeen) {
        return "not tagged in this period";
    }
    if (*theme.firstSeen == *theme.lastSeen) {
        return document.session(*theme.firstSeen).text;
    }
    return document.session(*theme.firstSeen).text + " to " + document.session(*theme.lastSeen).text;
}

std::string balanceTrendText(const SummaryDocument& document) {
    const auto& balance = document.balance;
    if (balance.points.empty()) {
        return {};
    }
    const auto points = std::to_string(balance.trend.points);
    std::string text = "Leave minus stay (the summed weights of the reasons) over the last " + points +
                       (balance.trend.points == 1 ? " balance: " : " balances: ") +
                       trendText(balance.trend.trend, balance.trend.slope, "balance") + ". ";
    switch (balance.trend.trend) {
    case Trend::Rising: text += "The reasons to leave are gaining weight for the client."; break;
    case Trend::Falling: text += "The reasons to stay are gaining weight for the client."; break;
    default: text += "The balance is holding."; break;
    }
    return text;
}

std::string agendaCheckText(const SummaryDocument& document) {
    if (!document.agendaCheck) {
        return "Agenda check (the clinician noticed their own agenda): not tagged in this period.";
    }
    const ThemeSummary& theme = document.themes[*document.agendaCheck];
    return "Agenda check (the clinician noticed their own agenda): tagged in " +
           presenceText(document, theme.sessionsPresent) + ", " + trendText(theme.trend, theme.slope) + ", latest " +
           std::to_string(theme.latest) + ".";
}

std::string planNote(const SummaryDocument& document) {
    if (!document.plan || document.planFromLastSession) {
        return {};
    }
    return "The last session has no plan; this is the most recent one, from " +
           document.session(document.plan->session).text + ".";
}

std::vector<ReportLine> reportReplacementLines(const SummaryDocument& document) {
    const auto& report = document.deidentification;
    std::vector<ReportLine> lines;
    for (const auto kind : kReplacementKinds) {
        if (kind == ReplacementKind::Date && document.header.exactDates) {
            continue; // kept as written; see the handling lines
        }
        ReportLine line{std::string{displayName(kind)}, std::to_string(report.count(kind)), {}};
        if (kind == ReplacementKind::RedactionTerm) {
            for (const auto& [label, count] : report.byLabel) {
                line.detail += (line.detail.empty() ? "" : ", ") + label + " " + std::to_string(count);
            }
            if (report.byLabel.empty()) {
                line.detail = "the client's redaction list is empty";
            }
        } else if (report.count(kind) > 0) {
            line.detail = "replaced by " + std::string{placeholder(kind)};
        }
        lines.push_back(std::move(line));
    }
    lines.push_back({"Total", std::to_string(report.total()), {}});
    return lines;
}

std::vector<ReportLine> reportHandlingLines(const SummaryDocument& document) {
    const bool exact = document.header.exactDates;
    return {
        {"Client", "shown by code only", {}},
        {"Session dates", exact ? "calendar dates (exact dates requested)" : "session number and week only", {}},
        {"Dates in the notes", exact ? "kept as written (exact dates requested)" : "replaced by [date]", {}},
        {"Psychotherapy notes",
         document.header.psychotherapyNotesIncluded ? "included at the clinician's request" : "not included",
         {}},
    };
}

std::string reportCaveat() {
    return "The replaced words are not shown anywhere in this document. Automatic de-identification cannot "
           "recognise everything: names that are not on the client's redaction list, nicknames, places, workplaces "
           "and rare details can still identify someone. Read the whole summary before sharing it.";
}

} // namespace tessera::core
