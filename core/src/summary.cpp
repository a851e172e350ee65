#include "tessera/core/summary.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <iterator>
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

// The words of a text, lower case, as a sorted set: near-identical risk entries differ in a word
// or two ("No incidents this week." / "No incidents this week, calm.").
std::vector<std::string> wordSet(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (const char c : text) {
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                            static_cast<unsigned char>(c) >= 0x80 || c == '[' || c == ']';
        if (letter) {
            word.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) {
        words.push_back(std::move(word));
    }
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    return words;
}

// Identical word sets, or at least 85 % of the words shared (Jaccard) when both have 6 or more.
bool nearlyIdentical(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    if (a == b) {
        return true;
    }
    if (a.size() < 6 || b.size() < 6) {
        return false;
    }
    std::vector<std::string> shared;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(shared));
    const std::size_t either = a.size() + b.size() - shared.size();
    return shared.size() * 100 >= either * 85;
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

// The words of the labels Tessera ships (default codebook and templates) plus the client's
// reviewed words. In a label they are the codebook's own words: "Hope the partner will change"
// holds no name. A clinician's own label is still searched for names (and listed terms replaced).
std::vector<std::string> shippedLabelWords(const std::vector<std::string>& notIdentifying) {
    std::vector<std::string> words = notIdentifying;
    const auto addWords = [&](std::string_view label) {
        std::size_t i = 0;
        while (i < label.size()) {
            const auto start = i;
            while (i < label.size() && std::isalpha(static_cast<unsigned char>(label[i])) != 0) {
                ++i;
            }
            if (i > start) {
                words.emplace_back(label.substr(start, i - start));
            } else {
                ++i;
            }
        }
    };
    const Codebook shipped = defaultCodebook(); // named: themes() is a reference into it
    for (const auto& theme : shipped.themes()) {
        addWords(theme.label);
    }
    for (const auto& tmpl : defaultTemplates()) {
        addWords(tmpl.label);
        for (const auto& section : tmpl.sections) {
            addWords(section.label);
        }
    }
    return words;
}

struct Builder {
    const ClientRecord& record;
    const Codebook& codebook;
    std::span<const NoteTemplate> templates;
    const SummaryOptions& options;
    Deidentifier deidentifier;
    Deidentifier labelDeidentifier; // for theme, template and section labels
    SummaryReview* review = nullptr;
    ClientAnalysis analysis;
    SummaryDocument document;

    Builder(const ClientRecord& r, const Codebook& c, std::span<const NoteTemplate> t, const SummaryOptions& o)
        : record(r), codebook(c), templates(t), options(o),
          deidentifier(r.client, DeidentifyOptions{o.exactDates}, o.notIdentifying),
          labelDeidentifier(r.client, DeidentifyOptions{o.exactDates}, shippedLabelWords(o.notIdentifying)) {
        AnalysisOptions analysisOptions;
        analysisOptions.from = o.from;
        analysisOptions.to = o.to;
        analysisOptions.window = o.window;
        analysis = analyseClient(r, c, analysisOptions);
        document.deidentification = deidentifier.emptyReport();
    }

    std::string clean(std::string_view text) { return clean(text, deidentifier); }
    std::string cleanLabel(std::string_view text) { return clean(text, labelDeidentifier); }

    std::string clean(std::string_view text, const Deidentifier& pass) {
        const auto trimmed = trim(text);
        if (review != nullptr) {
            for (auto& finding : pass.findings(trimmed)) {
                review->items.push_back(
                    {std::string{trimmed.substr(finding.begin, finding.end - finding.begin)}, finding.kind,
                     finding.rule, finding.suspect ? std::string{} : std::move(finding.replacement), finding.suspect});
            }
        }
        return pass.apply(trimmed, document.deidentification);
    }

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
            label.draft = !session.isSigned();
            if (options.exactDates) {
                label.date = session.date;
                label.text = "Session " + std::to_string(i + 1) + " (" + session.date.toIso() + ")";
            } else {
                label.text = "Session " + std::to_string(i + 1) + " (week " + std::to_string(label.week) + ")";
            }
            document.sessions.push_back(std::move(label));
        }
        for (const auto& [key, count] : uses) {
            h.templates.push_back({cleanLabel(templateLabel(templates, key.first, key.second)), count});
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
            out.label = cleanLabel(theme.label); // labels are shared by every client: this client's pass applies
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
            document.themesNotSeen.push_back(cleanLabel(analysis.themes[index].label));
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

    // Newest first; an entry whose words are (nearly) those of a newer one joins its line. Compared
    // after de-identification, as shown; every entry is counted in the report, joined ones too.
    void riskEntries() {
        std::vector<std::vector<std::string>> keys;
        for (std::size_t i = analysis.sessions.size(); i > 0; --i) {
            const std::string* risk = sessionAt(i - 1).sectionText(kRiskSection);
            if (risk == nullptr || trim(*risk).empty()) {
                continue;
            }
            std::string text = clean(*risk);
            auto key = wordSet(text);
            const auto same =
                std::find_if(keys.begin(), keys.end(), [&](const auto& other) { return nearlyIdentical(key, other); });
            if (same != keys.end()) {
                document.risk[static_cast<std::size_t>(same - keys.begin())].sessions.push_back(i - 1);
                continue;
            }
            keys.push_back(std::move(key));
            document.risk.push_back({{i - 1}, std::move(text)});
        }
    }

    void extraSection(const std::string& key) {
        ExtraSection out;
        out.key = key;
        for (std::size_t i = 0; i < analysis.sessions.size(); ++i) {
            const Session& session = sessionAt(i);
            if (out.label.empty()) {
                for (const auto& tmpl : templates) {
                    if (tmpl.name == session.templateName) {
                        if (const TemplateSection* section = tmpl.findSection(key)) {
                            out.label = section->label;
                        }
                    }
                }
            }
            if (const std::string* text = session.sectionText(key); text && !trim(*text).empty()) {
                out.entries.push_back({i, clean(*text)});
            }
        }
        out.label = cleanLabel(out.label.empty() ? key : out.label);
        document.extraSections.push_back(std::move(out));
    }

    void formulation() { document.formulation = clean(record.client.formulation); }

    SummaryDocument build() {
        header();
        themes();
        categories();
        ambivalence();
        sectionTexts();
        standouts();
        formulation();
        return std::move(document);
    }

    void standouts() {
        const auto wording = [this](std::span<const std::size_t> sessions) { return sessionsText(document, sessions); };
        for (const Standout& standout : findStandouts(analysis, record)) {
            const std::string label = standout.themeIndex < analysis.themes.size()
                                          ? cleanLabel(analysis.themes[standout.themeIndex].label)
                                          : "";
            document.standouts.push_back({standout.kind, describeStandout(standout, label, wording)});
        }
    }

    void sectionTexts() {
        const std::size_t count = analysis.sessions.size();
        for (std::size_t i = 0; i < count; ++i) {
            const Session& session = sessionAt(i);
            if (const std::string* reflection = session.sectionText(kReflectionSection);
                reflection && !trim(*reflection).empty()) {
                document.reflections.push_back({i, clean(*reflection)});
            }
        }
        riskEntries();
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
        for (const auto& key : options.extraSections) {
            extraSection(key);
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

std::size_t SummaryReview::suspects() const {
    return static_cast<std::size_t>(
        std::count_if(items.begin(), items.end(), [](const ReviewItem& item) { return item.suspect; }));
}

SummaryDocument buildSummary(const ClientRecord& record, const Codebook& codebook,
                             std::span<const NoteTemplate> templates, const SummaryOptions& options) {
    Builder builder(record, codebook, templates, options);
    return builder.build();
}

SummaryDocument buildSummary(const ClientRecord& record, const Codebook& codebook,
                             std::span<const NoteTemplate> templates, const SummaryOptions& options,
                             SummaryReview& review) {
    Builder builder(record, codebook, templates, options);
    builder.review = &review;
    return builder.build();
}

std::vector<TemplateSection> optionalSummarySections(std::span<const NoteTemplate> templates) {
    std::vector<TemplateSection> out;
    for (const auto& tmpl : templates) {
        for (const auto& section : tmpl.sections) {
            const bool shown =
                section.key == kRiskSection || section.key == kReflectionSection || section.key == kPlanSection;
            const bool listed = std::any_of(out.begin(), out.end(),
                                            [&](const TemplateSection& other) { return other.key == section.key; });
            if (!shown && !listed) {
                out.push_back(section);
            }
        }
    }
    return out;
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

} // namespace tessera::core
