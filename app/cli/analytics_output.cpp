#include "analytics_output.hpp"

#include "tessera/core/utf8.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <optional>
#include <vector>

namespace tessera::cli {

namespace {

using Json = nlohmann::ordered_json;

// ---- Rounding for JSON ------------------------------------------------------------------------

// Decimals in the JSON: 2 for means and lift, 3 for slopes and Jaccard (a slope of 0.149 must
// not print as 0.15, the rising threshold). docs/analytics.md documents these.
double rounded(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    const double result = std::round(value * scale) / scale;
    return result == 0.0 ? 0.0 : result; // no "-0.0"
}

Json dateOrNull(const std::optional<core::Date>& date) {
    return date ? Json(date->toIso()) : Json(nullptr);
}

std::string str(std::string_view view) {
    return std::string{view};
}

// The numbers shared by themes and categories, in the documented key order.
void putSeriesStats(Json& out, const core::SeriesStats& stats) {
    out["sessions_present"] = stats.sessionsPresent;
    out["first_seen"] = dateOrNull(stats.firstSeen);
    out["last_seen"] = dateOrNull(stats.lastSeen);
    out["mean_intensity"] = stats.sessionsPresent > 0 ? Json(rounded(stats.meanWhenPresent, 2)) : Json(nullptr);
    out["latest_intensity"] = stats.latest;
    out["trend"] = str(core::toString(stats.trend.trend));
    out["series"] = stats.intensity;
}

void putStreaks(Json& out, const core::SeriesStats& stats) {
    out["slope"] = rounded(stats.trend.slope, 3);
    out["current_streak"] = stats.currentStreak;
    out["returned_after"] = stats.returnedAfter ? Json(*stats.returnedAfter) : Json(nullptr);
}

// ---- Table pieces ---------------------------------------------------------------------------

constexpr std::size_t kLineWidth = 100;
constexpr std::size_t kMaxLabelWidth = 26;
// The sparkline shows at most this many sessions (the latest: about half a year of weekly
// sessions), so that a row stays within kLineWidth: 26 (label) + 48 (trend, numbers, dates) + 26.
constexpr std::size_t kMaxSparkline = 26;
constexpr std::size_t kTrendWidth = 9; // "↓ falling"
constexpr std::size_t kMaxPairs = 5;
constexpr std::size_t kMaxPairLabelWidth = 30;
constexpr std::size_t kMaxBalanceRows = 8;
constexpr std::size_t kCaseloadLabelWidth = 40;

std::string_view arrow(core::Trend trend) {
    switch (trend) {
    case core::Trend::Rising: return "↑";
    case core::Trend::Falling: return "↓";
    case core::Trend::Steady: return "→";
    case core::Trend::Absent: return "·";
    }
    return "·";
}

std::string trendCell(core::Trend trend) {
    return fmt::format("{} {}", arrow(trend), core::toString(trend));
}

std::string dateOrDash(const std::optional<core::Date>& date) {
    return date ? date->toIso() : "-";
}

std::string signedNumber(int value) {
    return value > 0 ? fmt::format("+{}", value) : fmt::format("{}", value);
}

std::string capitalised(std::string_view text) {
    std::string out{text};
    if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') {
        out[0] = static_cast<char>(out[0] - 'a' + 'A');
    }
    return out;
}

std::string themeLabel(const core::ThemeAnalysis& theme) {
    return theme.retired ? theme.label + " (retired)" : theme.label;
}

// Appends `items` separated by "; " to `out`, starting with `lead`, wrapping before kLineWidth
// with a two-space hanging indent. Labels may contain commas, hence the semicolons.
void appendWrapped(std::string& out, const std::string& lead, const std::vector<std::string>& items) {
    std::string line = lead;
    std::size_t width = displayWidth(line);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string piece = items[i] + (i + 1 < items.size() ? ";" : ".");
        const std::size_t pieceWidth = displayWidth(piece);
        if (width > 2 && width + 1 + pieceWidth > kLineWidth) {
            out += line + "\n";
            line = "  " + piece;
            width = 2 + pieceWidth;
        } else {
            line += " " + piece;
            width += 1 + pieceWidth;
        }
    }
    out += line + "\n";
}

// The period as asked; a bound not asked for is the first or last analysed session.
std::string periodText(const core::ClientAnalysis& analysis, const core::AnalysisOptions& options) {
    const auto& sessions = analysis.sessions;
    const std::optional<core::Date> from = options.from       ? options.from
                                           : sessions.empty() ? std::nullopt
                                                              : std::optional{sessions.front().date};
    const std::optional<core::Date> to = options.to         ? options.to
                                         : sessions.empty() ? std::nullopt
                                                            : std::optional{sessions.back().date};
    if (from && to) {
        return from->toIso() + " to " + to->toIso();
    }
    if (from) {
        return "from " + from->toIso();
    }
    return to ? "up to " + to->toIso() : std::string{"all sessions"};
}

void appendThemeRows(std::string& out, const core::ClientAnalysis& analysis) {
    const std::size_t sessions = analysis.sessions.size();
    const std::size_t shown = std::min(sessions, kMaxSparkline);
    const auto order = core::rankThemes(analysis);

    std::vector<std::size_t> seen;
    std::vector<std::string> neverSeen;
    std::size_t labelWidth = displayWidth("Theme");
    for (const std::size_t index : order) {
        const auto& theme = analysis.themes[index];
        if (theme.stats.sessionsPresent > 0) {
            seen.push_back(index);
            labelWidth = std::max(labelWidth, std::min(displayWidth(themeLabel(theme)), kMaxLabelWidth));
        } else if (!theme.retired) {
            neverSeen.push_back(theme.label);
        }
    }

    if (!seen.empty()) {
        const std::string seriesTitle = sessions == 1       ? std::string{"1 session"}
                                        : shown == sessions ? fmt::format("All {} sessions", sessions)
                                                            : fmt::format("Last {} of {} sessions", shown, sessions);
        out += fmt::format("{} {} {} {} {} {} {}  {}\n", padRight("Theme", labelWidth), padRight("Trend", kTrendWidth),
                           "Now", "Mean", "Sess", "First seen", padRight("Last seen", 10), seriesTitle);
        for (const std::size_t index : seen) {
            const auto& theme = analysis.themes[index];
            const auto& stats = theme.stats;
            const auto series = std::span<const int>{stats.intensity}.last(shown);
            out += fmt::format("{} {} {:>3} {:>4.1f} {:>4} {} {}  {}\n",
                               padRight(truncateToWidth(themeLabel(theme), labelWidth), labelWidth),
                               padRight(trendCell(stats.trend.trend), kTrendWidth), stats.latest, stats.meanWhenPresent,
                               stats.sessionsPresent, dateOrDash(stats.firstSeen), dateOrDash(stats.lastSeen),
                               sparkline(series));
        }
        out += "Now = intensity in the last session, Mean = mean intensity when present, Sess = sessions present.\n";
        out += "Series: · absent  ▂ mentioned  ▅ clearly present  █ central\n";
    }
    if (!neverSeen.empty()) {
        out += "\n";
        appendWrapped(out, fmt::format("Not seen in this period ({}):", neverSeen.size()), neverSeen);
    }
}

void appendPairs(std::string& out, const core::ClientAnalysis& analysis) {
    out += "\n";
    if (analysis.pairs.empty()) {
        out += "Themes that come together: no two themes were present in the same session.\n";
        return;
    }
    const std::size_t shown = std::min(analysis.pairs.size(), kMaxPairs);
    out += fmt::format("Themes that come together (top {} of {} pairs)\n", shown, analysis.pairs.size());
    out += "  Both/either  Jaccard  Lift  Themes\n";
    for (std::size_t i = 0; i < shown; ++i) {
        const auto& pair = analysis.pairs[i];
        const int either = pair.firstCount + pair.secondCount - pair.both;
        out +=
            fmt::format("  {}  {:>7.2f}  {:>4.1f}  {} + {}\n", padLeft(fmt::format("{} of {}", pair.both, either), 11),
                        pair.jaccard, pair.lift, truncateToWidth(analysis.themes[pair.first].label, kMaxPairLabelWidth),
                        truncateToWidth(analysis.themes[pair.second].label, kMaxPairLabelWidth));
    }
    out += "  Both/either: sessions with both themes / with either; Lift: times more often than by chance.\n";
}

void appendStages(std::string& out, const core::ClientAnalysis& analysis) {
    out += "\nStage of change\n";
    std::size_t targetWidth = 0;
    for (const auto target : core::kStageTargets) {
        targetWidth = std::max(targetWidth, displayWidth(core::toString(target)));
    }
    for (const auto& history : analysis.ambivalence.stages) {
        const std::string name = padRight(capitalised(core::toString(history.target)), targetWidth);
        if (history.changes.empty()) {
            out += fmt::format("  {}  not recorded in this period\n", name);
            continue;
        }
        bool first = true;
        for (const auto& change : history.changes) {
            const std::string stage =
                change.from ? fmt::format("{} → {}", core::toString(*change.from), core::toString(change.to))
                            : str(core::toString(change.to));
            out +=
                fmt::format("  {}  {}  {}\n", first ? name : std::string(targetWidth, ' '), change.date.toIso(), stage);
            first = false;
        }
    }
}

void appendBalance(std::string& out, const core::ClientAnalysis& analysis) {
    const auto& ambivalence = analysis.ambivalence;
    const auto& balance = ambivalence.balance;
    if (balance.empty()) {
        out += "\nDecisional balance: not recorded in this period.\n";
        return;
    }
    const auto& fit = ambivalence.balanceTrend;
    const std::string span = balance.size() == 1 ? std::string{"from a single balance"}
                             : fit.points == balance.size()
                                 ? fmt::format("over all {} balances", balance.size())
                                 : fmt::format("over the last {} of {} balances", fit.points, balance.size());
    out += fmt::format("\nDecisional balance (leave - stay): {}, {:+.2f} per balance {}\n", trendCell(fit.trend),
                       fit.slope, span);
    const std::size_t rows = std::min(fit.points, kMaxBalanceRows);
    out += "  Date        Stay  Leave  Leave - stay\n";
    for (std::size_t i = balance.size() - rows; i < balance.size(); ++i) {
        const auto& point = balance[i];
        out += fmt::format("  {}  {:>4}  {:>5}  {:>12}\n", point.date.toIso(), point.stay, point.leave,
                           signedNumber(point.difference));
    }
}

} // namespace

// ---- Text helpers -------------------------------------------------------------------------------

std::size_t displayWidth(std::string_view text) {
    // Every byte except UTF-8 continuation bytes (10xxxxxx) starts a code point.
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return !core::utf8::isContinuation(c); }));
}

std::string truncateToWidth(std::string_view text, std::size_t width) {
    if (displayWidth(text) <= width) {
        return std::string{text};
    }
    if (width == 0) {
        return {};
    }
    // Keep width - 1 code points, then the ellipsis.
    std::size_t kept = 0;
    std::size_t end = 0;
    while (end < text.size()) {
        const bool starts = !core::utf8::isContinuation(text[end]);
        if (starts) {
            if (kept == width - 1) {
                break;
            }
            ++kept;
        }
        ++end;
    }
    std::string out{text.substr(0, end)};
    while (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out + "…";
}

std::string padRight(std::string_view text, std::size_t width) {
    const std::size_t used = displayWidth(text);
    return std::string{text} + std::string(used < width ? width - used : 0, ' ');
}

std::string padLeft(std::string_view text, std::size_t width) {
    const std::size_t used = displayWidth(text);
    return std::string(used < width ? width - used : 0, ' ') + std::string{text};
}

std::string sparkline(std::span<const int> series) {
    static constexpr std::array<std::string_view, 4> kGlyphs{"·", "▂", "▅", "█"};
    std::string out;
    out.reserve(series.size() * 3);
    for (const int value : series) {
        out += kGlyphs[static_cast<std::size_t>(std::clamp(value, core::kMinIntensity, core::kMaxIntensity))];
    }
    return out;
}

// ---- themes -------------------------------------------------------------------------------------

Json themesJson(const core::ClientAnalysis& analysis, const core::ClientRecord& record,
                const core::AnalysisOptions& options) {
    Json out;
    out["client"] = analysis.clientCode;
    out["from"] = dateOrNull(options.from);
    out["to"] = dateOrNull(options.to);
    out["window"] = analysis.window;

    Json sessions = Json::array();
    for (const auto& ref : analysis.sessions) {
        const bool isSigned = record.sessions.at(ref.recordIndex).isSigned();
        sessions.push_back({{"date", ref.date.toIso()}, {"status", isSigned ? "signed" : "draft"}});
    }
    out["sessions"] = std::move(sessions);

    Json themes = Json::array();
    for (const auto& theme : analysis.themes) {
        Json item;
        item["theme"] = theme.key;
        item["label"] = theme.label;
        item["category"] = str(core::toString(theme.category));
        putSeriesStats(item, theme.stats);
        Json quotes = Json::array();
        for (const auto& quote : theme.quotes) {
            quotes.push_back({{"date", quote.date.toIso()}, {"text", quote.text}});
        }
        item["quotes"] = std::move(quotes);
        putStreaks(item, theme.stats);
        item["retired"] = theme.retired;
        themes.push_back(std::move(item));
    }
    out["themes"] = std::move(themes);

    Json categories = Json::array();
    for (const auto& category : analysis.categories) {
        Json item;
        item["category"] = str(core::toString(category.category));
        item["label"] = str(core::displayName(category.category));
        putSeriesStats(item, category.stats);
        putStreaks(item, category.stats);
        categories.push_back(std::move(item));
    }
    out["categories"] = std::move(categories);

    Json pairs = Json::array();
    for (const auto& pair : analysis.pairs) {
        pairs.push_back({{"themes", {pair.firstKey, pair.secondKey}},
                         {"sessions", pair.both},
                         {"jaccard", rounded(pair.jaccard, 3)},
                         {"lift", rounded(pair.lift, 2)}});
    }
    out["co_occurrence"] = std::move(pairs);

    const auto& ambivalence = analysis.ambivalence;
    Json stages = Json::object();
    Json current = Json::object();
    for (const auto& history : ambivalence.stages) {
        Json changes = Json::array();
        for (const auto& change : history.changes) {
            changes.push_back({{"date", change.date.toIso()},
                               {"from", change.from ? Json(str(core::toString(*change.from))) : Json(nullptr)},
                               {"to", str(core::toString(change.to))}});
        }
        const std::string target = str(core::toString(history.target));
        stages[target] = std::move(changes);
        current[target] = history.latest ? Json(str(core::toString(*history.latest))) : Json(nullptr);
    }
    Json balance = Json::array();
    for (const auto& point : ambivalence.balance) {
        balance.push_back({{"date", point.date.toIso()},
                           {"stay", point.stay},
                           {"leave", point.leave},
                           {"difference", point.difference}});
    }
    Json ambivalenceOut;
    ambivalenceOut["stage_of_change"] = std::move(stages);
    ambivalenceOut["latest_stage"] = std::move(current);
    ambivalenceOut["decisional_balance"] = std::move(balance);
    ambivalenceOut["balance_trend"] = str(core::toString(ambivalence.balanceTrend.trend));
    ambivalenceOut["balance_slope"] = rounded(ambivalence.balanceTrend.slope, 3);
    out["ambivalence"] = std::move(ambivalenceOut);
    return out;
}

std::string themesTable(const core::ClientAnalysis& analysis, const core::ClientRecord& record,
                        const core::AnalysisOptions& options) {
    std::string out;
    const std::size_t sessions = analysis.sessions.size();
    if (sessions == 0 && !options.from && !options.to) {
        out += fmt::format("{} has no sessions yet.\n", analysis.clientCode);
        return out;
    }
    if (sessions == 0) {
        out +=
            fmt::format("{} · {} · no sessions in this period.\n", analysis.clientCode, periodText(analysis, options));
        return out;
    }
    const auto drafts = std::count_if(analysis.sessions.begin(), analysis.sessions.end(),
                                      [&](const auto& ref) { return !record.sessions.at(ref.recordIndex).isSigned(); });
    out += fmt::format("{} · {} · {} session{}{}\n", analysis.clientCode, periodText(analysis, options), sessions,
                       sessions == 1 ? "" : "s",
                       drafts == 0 ? std::string{} : fmt::format(" ({} draft{})", drafts, drafts == 1 ? "" : "s"));
    const auto window = static_cast<std::size_t>(analysis.window);
    const std::string trendSpan = sessions == 1 ? std::string{"A single session, so no trend yet"}
                                  : window >= sessions
                                      ? fmt::format("Trend over all {} sessions (window {})", sessions, window)
                                      : fmt::format("Trend over the last {} sessions", window);
    out += trendSpan + "; strongest and fastest-moving themes first.\n\n";
    appendThemeRows(out, analysis);
    appendPairs(out, analysis);
    appendStages(out, analysis);
    appendBalance(out, analysis);
    return out;
}

// ---- caseload -----------------------------------------------------------------------------------

Json caseloadJson(const core::CaseloadAnalysis& caseload, const core::Codebook& codebook, int window) {
    Json out;
    out["clients"] = caseload.clients;
    out["clients_with_sessions"] = caseload.clientsWithSessions;
    out["sessions"] = caseload.sessions;
    out["window"] = window;
    Json themes = Json::array();
    for (const auto& row : caseload.themes) {
        const auto& theme = codebook.themes().at(row.themeIndex);
        Json item;
        item["theme"] = row.key;
        item["label"] = theme.label;
        item["category"] = str(core::toString(theme.category));
        item["clients"] = row.clients;
        item["sessions"] = row.sessions;
        item["clients_rising"] = row.clientsRising();
        item["clients_falling"] = row.clientsFalling();
        item["rising_clients"] = row.risingClients; // codes only, never display names
        item["falling_clients"] = row.fallingClients;
        themes.push_back(std::move(item));
    }
    out["themes"] = std::move(themes);
    return out;
}

std::string caseloadTable(const core::CaseloadAnalysis& caseload, const core::Codebook& codebook, int window) {
    std::string out;
    out += fmt::format("Caseload · {} client{} ({} with sessions) · {} session{}\n", caseload.clients,
                       caseload.clients == 1 ? "" : "s", caseload.clientsWithSessions, caseload.sessions,
                       caseload.sessions == 1 ? "" : "s");
    if (caseload.sessions == 0) {
        out += "No sessions yet.\n";
        return out;
    }
    out += fmt::format("Rising / falling: trend over each client's last {} sessions.\n\n", window);

    std::vector<const core::CaseloadThemeRow*> rows;
    std::vector<std::string> neverSeen;
    std::size_t labelWidth = displayWidth("Theme");
    for (const auto& row : caseload.themes) {
        const auto& theme = codebook.themes().at(row.themeIndex);
        if (row.clients > 0) {
            rows.push_back(&row);
            labelWidth = std::max(labelWidth, std::min(displayWidth(theme.label), kCaseloadLabelWidth));
        } else if (!theme.retired) {
            neverSeen.push_back(theme.label);
        }
    }
    // Most clients first, then most sessions; codebook order breaks ties (stable sort).
    std::stable_sort(rows.begin(), rows.end(), [](const auto* a, const auto* b) {
        if (a->clients != b->clients) {
            return a->clients > b->clients;
        }
        return a->sessions > b->sessions;
    });
    if (!rows.empty()) {
        out += fmt::format("{}  Clients  Sessions  Rising  Falling\n", padRight("Theme", labelWidth));
        for (const auto* row : rows) {
            const auto& label = codebook.themes().at(row->themeIndex).label;
            out += fmt::format("{}  {:>7}  {:>8}  {:>6}  {:>7}\n",
                               padRight(truncateToWidth(label, labelWidth), labelWidth), row->clients, row->sessions,
                               row->clientsRising(), row->clientsFalling());
        }
    }
    if (!neverSeen.empty()) {
        out += "\n";
        appendWrapped(out, fmt::format("Not tagged for any client ({}):", neverSeen.size()), neverSeen);
    }
    return out;
}

} // namespace tessera::cli
