#include "tessera/core/analytics.hpp"

#include "analytics_internal.hpp"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>

namespace tessera::core {

std::string_view toString(Trend trend) {
    switch (trend) {
    case Trend::Absent: return "absent";
    case Trend::Falling: return "falling";
    case Trend::Steady: return "steady";
    case Trend::Rising: return "rising";
    }
    return "absent";
}

TrendFit fitTrend(std::span<const int> values) {
    TrendFit fit;
    fit.points = values.size();
    if (values.empty()) {
        return fit;
    }
    fit.trend = Trend::Steady;
    if (values.size() < 2) {
        return fit;
    }
    // Integer sums keep the slope an exact fraction: comparing 20 * numerator with
    // 3 * denominator decides "slope >= 0.15" with no rounding, where the textbook double
    // formula can land one ulp either side of 0.15 for series whose true slope is exactly 0.15.
    const auto n = static_cast<std::int64_t>(values.size());
    const std::int64_t sumX = n * (n - 1) / 2;
    const std::int64_t sumXX = (n - 1) * n * (2 * n - 1) / 6;
    std::int64_t sumY = 0;
    std::int64_t sumXY = 0;
    std::int64_t x = 0;
    for (const int value : values) {
        sumY += value;
        sumXY += x * value;
        ++x;
    }
    fit.numerator = n * sumXY - sumX * sumY;
    fit.denominator = n * sumXX - sumX * sumX; // > 0 for n >= 2
    fit.slope = static_cast<double>(fit.numerator) / static_cast<double>(fit.denominator);
    // kTrendThreshold = 0.15 = 3 / 20.
    if (20 * fit.numerator >= 3 * fit.denominator) {
        fit.trend = Trend::Rising;
    } else if (20 * fit.numerator <= -3 * fit.denominator) {
        fit.trend = Trend::Falling;
    }
    return fit;
}

const StageHistory& AmbivalenceAnalysis::of(StageTarget target) const {
    for (std::size_t i = 0; i < kStageTargets.size(); ++i) {
        if (kStageTargets[i] == target) {
            return stages[i];
        }
    }
    return stages.front(); // unreachable: every target is in kStageTargets
}

const ThemeAnalysis* ClientAnalysis::theme(std::string_view key) const {
    const auto it = std::find_if(themes.begin(), themes.end(), [&](const auto& t) { return t.key == key; });
    return it == themes.end() ? nullptr : &*it;
}

const CategoryAnalysis* ClientAnalysis::category(ThemeCategory wanted) const {
    const auto it =
        std::find_if(categories.begin(), categories.end(), [&](const auto& c) { return c.category == wanted; });
    return it == categories.end() ? nullptr : &*it;
}

std::optional<std::size_t> ClientAnalysis::sessionIndex(SessionId id) const {
    const auto it = std::find_if(sessions.begin(), sessions.end(), [&](const auto& s) { return s.id == id; });
    if (it == sessions.end()) {
        return std::nullopt;
    }
    return static_cast<std::size_t>(it - sessions.begin());
}

namespace detail {

int clampIntensity(int intensity) {
    return std::clamp(intensity, kMinIntensity, kMaxIntensity);
}

std::size_t effectiveWindow(int window) {
    return static_cast<std::size_t>(std::max(window, 2));
}

TrendFit windowTrend(std::span<const int> series, std::size_t window) {
    const std::size_t points = std::min(window, series.size());
    const auto tail = series.last(points);
    TrendFit fit = fitTrend(tail);
    if (std::all_of(tail.begin(), tail.end(), [](int v) { return v < 1; })) {
        fit.trend = Trend::Absent; // slope is 0 here: all values are 0
    }
    return fit;
}

} // namespace detail

using detail::clampIntensity;
using detail::effectiveWindow;
using detail::windowTrend;

namespace {

// Theme key -> codebook index, keyed by views of the codebook's own strings: Codebook::indexOf
// builds a std::string per lookup, which would be one allocation per observation. The codebook
// outlives every lookup (both live for one analysis call).
class ThemeLookup {
public:
    explicit ThemeLookup(const Codebook& codebook) {
        m_index.reserve(codebook.size());
        for (std::size_t i = 0; i < codebook.size(); ++i) {
            m_index.emplace(codebook.themes()[i].key, i);
        }
    }

    [[nodiscard]] std::optional<std::size_t> find(std::string_view key) const {
        const auto it = m_index.find(key);
        if (it == m_index.end()) {
            return std::nullopt;
        }
        return it->second;
    }

private:
    std::unordered_map<std::string_view, std::size_t> m_index;
};

// Intensities of every theme in every analysed session, one contiguous row per theme so that a
// theme's series is a span and the caseload pass reuses one buffer for all clients.
struct Grid {
    std::size_t themes = 0;
    std::size_t sessions = 0;
    std::vector<int> cells;

    void reset(std::size_t themeCount, std::size_t sessionCount) {
        themes = themeCount;
        sessions = sessionCount;
        cells.assign(themeCount * sessionCount, 0);
    }
    [[nodiscard]] int at(std::size_t theme, std::size_t session) const { return cells[theme * sessions + session]; }
    [[nodiscard]] int& at(std::size_t theme, std::size_t session) { return cells[theme * sessions + session]; }
    [[nodiscard]] std::span<const int> row(std::size_t theme) const {
        return std::span<const int>{cells}.subspan(theme * sessions, sessions);
    }
};

// Fills `grid` from the sessions `order` of `record` and calls onObservation(sessionIndex,
// themeIndex, observation) for every observation of a codebook theme. Unknown keys are skipped;
// a theme observed twice in one session keeps its highest intensity.
template <typename OnObservation>
void fillGrid(const ClientRecord& record, const std::vector<std::size_t>& order, const ThemeLookup& lookup,
              std::size_t themeCount, Grid& grid, OnObservation&& onObservation) {
    grid.reset(themeCount, order.size());
    for (std::size_t s = 0; s < order.size(); ++s) {
        for (const Observation& observation : record.sessions[order[s]].observations) {
            const auto theme = lookup.find(observation.themeKey);
            if (!theme) {
                continue;
            }
            int& cell = grid.at(*theme, s);
            cell = std::max(cell, clampIntensity(observation.intensity));
            onObservation(s, *theme, observation);
        }
    }
}

void selectSessions(const ClientRecord& record, const AnalysisOptions& options, std::vector<std::size_t>& order) {
    order.clear();
    const auto& sessions = record.sessions;
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        const Date& date = sessions[i].date;
        if ((!options.from || date >= *options.from) && (!options.to || date <= *options.to)) {
            order.push_back(i);
        }
    }
    // The store hands sessions over in date order already; the check keeps the common case free
    // of stable_sort's buffer while staying correct for a record assembled by hand.
    const auto byDate = [&](std::size_t a, std::size_t b) { return earlierSession(sessions[a], sessions[b]); };
    if (!std::is_sorted(order.begin(), order.end(), byDate)) {
        std::stable_sort(order.begin(), order.end(), byDate);
    }
}

int effectiveQuietAfter(int quietAfter) {
    return std::max(quietAfter, 1);
}

SeriesStats seriesStats(std::vector<int> series, const std::vector<SessionRef>& sessions, std::size_t window) {
    SeriesStats stats;
    int sum = 0;
    std::optional<std::size_t> previous; // last session index where present
    for (std::size_t i = 0; i < series.size(); ++i) {
        const int value = series[i];
        if (value < 1) {
            continue;
        }
        ++stats.sessionsPresent;
        sum += value;
        if (!stats.firstSeen) {
            stats.firstSeen = sessions[i].date;
        }
        stats.lastSeen = sessions[i].date;
        if (previous && i - *previous > 1) {
            stats.returns.push_back({i, sessions[i].id, sessions[i].date, static_cast<int>(i - *previous - 1)});
        }
        previous = i;
    }
    if (stats.sessionsPresent > 0) {
        stats.meanWhenPresent = static_cast<double>(sum) / stats.sessionsPresent;
    }
    if (!series.empty()) {
        stats.latest = series.back();
        if (!stats.returns.empty() && stats.returns.back().sessionIndex == series.size() - 1) {
            stats.returnedAfter = stats.returns.back().gap;
        }
    }
    for (auto it = series.rbegin(); it != series.rend() && *it >= 1; ++it) {
        ++stats.currentStreak;
    }
    stats.trend = windowTrend(series, window);
    stats.intensity = std::move(series);
    return stats;
}

void sortPairs(std::vector<CoOccurrence>& pairs) {
    std::sort(pairs.begin(), pairs.end(), [](const CoOccurrence& a, const CoOccurrence& b) {
        // Jaccard compared as exact fractions: both_a / union_a vs both_b / union_b.
        const std::int64_t unionA = a.firstCount + a.secondCount - a.both;
        const std::int64_t unionB = b.firstCount + b.secondCount - b.both;
        const std::int64_t left = std::int64_t{a.both} * unionB;
        const std::int64_t right = std::int64_t{b.both} * unionA;
        if (left != right) {
            return left > right;
        }
        if (a.both != b.both) {
            return a.both > b.both;
        }
        if (a.firstKey != b.firstKey) {
            return a.firstKey < b.firstKey;
        }
        return a.secondKey < b.secondKey;
    });
}

std::vector<CoOccurrence> coOccurrences(const Grid& grid, const std::vector<ThemeAnalysis>& themes) {
    const std::size_t themeCount = grid.themes;
    std::vector<int> both(themeCount * themeCount, 0); // upper triangle used: [first * T + second]
    std::vector<std::size_t> present;
    present.reserve(themeCount);
    for (std::size_t s = 0; s < grid.sessions; ++s) {
        present.clear();
        for (std::size_t t = 0; t < themeCount; ++t) {
            if (grid.at(t, s) >= 1) {
                present.push_back(t);
            }
        }
        for (std::size_t i = 0; i < present.size(); ++i) {
            for (std::size_t j = i + 1; j < present.size(); ++j) {
                ++both[present[i] * themeCount + present[j]];
            }
        }
    }
    std::vector<CoOccurrence> pairs;
    const double sessions = static_cast<double>(grid.sessions);
    for (std::size_t a = 0; a < themeCount; ++a) {
        for (std::size_t b = a + 1; b < themeCount; ++b) {
            const int count = both[a * themeCount + b];
            if (count == 0) {
                continue;
            }
            CoOccurrence pair;
            pair.first = a;
            pair.second = b;
            pair.firstKey = themes[a].key;
            pair.secondKey = themes[b].key;
            pair.both = count;
            pair.firstCount = themes[a].stats.sessionsPresent;
            pair.secondCount = themes[b].stats.sessionsPresent;
            pair.jaccard = static_cast<double>(count) / (pair.firstCount + pair.secondCount - count);
            pair.lift = static_cast<double>(count) * sessions /
                        (static_cast<double>(pair.firstCount) * static_cast<double>(pair.secondCount));
            pairs.push_back(std::move(pair));
        }
    }
    sortPairs(pairs);
    return pairs;
}

std::vector<CategoryAnalysis> categoryRollUp(const Grid& grid, const Codebook& codebook,
                                             const std::vector<SessionRef>& sessions, std::size_t window) {
    std::vector<CategoryAnalysis> categories;
    categories.reserve(kThemeCategories.size());
    for (const auto category : kThemeCategories) {
        std::vector<int> series(grid.sessions, 0);
        for (std::size_t t = 0; t < grid.themes; ++t) {
            if (codebook.themes()[t].category != category) {
                continue;
            }
            const auto row = grid.row(t);
            for (std::size_t s = 0; s < series.size(); ++s) {
                series[s] = std::max(series[s], row[s]);
            }
        }
        categories.push_back({category, seriesStats(std::move(series), sessions, window)});
    }
    return categories;
}

AmbivalenceAnalysis ambivalence(const ClientRecord& record, const std::vector<SessionRef>& sessions,
                                std::size_t window) {
    AmbivalenceAnalysis result;
    for (std::size_t i = 0; i < kStageTargets.size(); ++i) {
        result.stages[i].target = kStageTargets[i];
        result.stages[i].perSession.reserve(sessions.size());
    }
    std::vector<int> differences;
    for (std::size_t s = 0; s < sessions.size(); ++s) {
        const Session& session = record.sessions[sessions[s].recordIndex];
        for (auto& history : result.stages) {
            const auto& stage = session.stageOfChange.of(history.target);
            history.perSession.push_back(stage);
            if (stage && stage != history.latest) {
                history.changes.push_back({s, session.id, session.date, history.latest, *stage});
                history.latest = stage;
            }
        }
        if (session.decisionalBalance.empty()) {
            continue;
        }
        BalancePoint point{s, session.id, session.date, 0, 0, 0};
        for (const auto& item : session.decisionalBalance) {
            (item.side == BalanceSide::Stay ? point.stay : point.leave) += item.weight;
        }
        point.difference = point.leave - point.stay;
        differences.push_back(point.difference);
        result.balance.push_back(point);
    }
    const std::size_t points = std::min(window, differences.size());
    result.balanceTrend = fitTrend(std::span<const int>{differences}.last(points));
    return result;
}

} // namespace

ClientAnalysis analyseClient(const ClientRecord& record, const Codebook& codebook, const AnalysisOptions& options) {
    ClientAnalysis analysis;
    analysis.clientCode = record.client.code;
    const std::size_t window = effectiveWindow(options.window);
    analysis.window = static_cast<int>(window);
    analysis.quietAfter = effectiveQuietAfter(options.quietAfter);

    const ThemeLookup lookup{codebook};
    Grid grid;
    std::vector<std::size_t> order;
    selectSessions(record, options, order);
    analysis.sessions.reserve(order.size());
    for (const std::size_t index : order) {
        analysis.sessions.push_back({record.sessions[index].id, record.sessions[index].date, index});
    }

    std::vector<std::vector<Quote>> quotes(codebook.size());
    fillGrid(
        record, order, lookup, codebook.size(), grid,
        [&](std::size_t s, std::size_t t, const Observation& observation) {
            if (!observation.quote.empty()) {
                const SessionRef& ref = analysis.sessions[s];
                quotes[t].push_back({s, ref.id, ref.date, clampIntensity(observation.intensity), observation.quote});
            }
        });

    analysis.themes.reserve(codebook.size());
    for (std::size_t t = 0; t < codebook.size(); ++t) {
        const Theme& theme = codebook.themes()[t];
        const auto row = grid.row(t);
        analysis.themes.push_back({t, theme.key, theme.label, theme.category, theme.retired,
                                   seriesStats(std::vector<int>(row.begin(), row.end()), analysis.sessions, window),
                                   std::move(quotes[t])});
    }
    analysis.categories = categoryRollUp(grid, codebook, analysis.sessions, window);
    analysis.pairs = coOccurrences(grid, analysis.themes);
    analysis.ambivalence = ambivalence(record, analysis.sessions, window);
    return analysis;
}

// ---- Signals ----------------------------------------------------------------------------------

namespace {

// The last session before `before` where the theme is present.
std::optional<std::size_t> lastPresentBefore(const std::vector<int>& series, std::size_t before) {
    for (std::size_t i = before; i > 0; --i) {
        if (series[i - 1] >= 1) {
            return i - 1;
        }
    }
    return std::nullopt;
}

} // namespace

SessionSignals signalsFor(const ClientAnalysis& analysis, std::size_t sessionIndex, int quietAfter) {
    if (sessionIndex >= analysis.sessions.size()) {
        throw std::out_of_range("signalsFor: session index " + std::to_string(sessionIndex) +
                                " is not in the analysis, which has " + std::to_string(analysis.sessions.size()) +
                                " sessions");
    }
    const auto quiet = static_cast<std::size_t>(effectiveQuietAfter(quietAfter));
    SessionSignals signals;
    signals.sessionIndex = sessionIndex;
    for (const ThemeAnalysis& theme : analysis.themes) {
        const auto& series = theme.stats.intensity;
        const bool present = series[sessionIndex] >= 1;
        const auto previous = lastPresentBefore(series, sessionIndex);
        if (present && !previous) {
            signals.newThemes.push_back(theme.themeIndex);
        } else if (present && sessionIndex - *previous - 1 >= quiet) {
            signals.returned.push_back({theme.themeIndex, static_cast<int>(sessionIndex - *previous - 1)});
        } else if (!present && previous && sessionIndex - *previous >= quiet) {
            // Counts this session: "absent for the last N sessions" as the clinician reads it.
            signals.notSeenForAWhile.push_back({theme.themeIndex, static_cast<int>(sessionIndex - *previous)});
        }
    }
    return signals;
}

SessionSignals signalsFor(const ClientAnalysis& analysis, std::size_t sessionIndex) {
    return signalsFor(analysis, sessionIndex, analysis.quietAfter);
}

std::optional<SessionSignals> signalsFor(const ClientAnalysis& analysis, SessionId session) {
    const auto index = analysis.sessionIndex(session);
    if (!index) {
        return std::nullopt;
    }
    return signalsFor(analysis, *index, analysis.quietAfter);
}

// ---- Ordering ---------------------------------------------------------------------------------

std::vector<std::size_t> rankThemes(const ClientAnalysis& analysis) {
    const auto& themes = analysis.themes;
    // score = latest + |slope| * (points - 1). Every theme of one analysis is fitted over the same
    // window, hence the same slope denominator, so score * denominator is an exact integer and
    // equal scores tie exactly instead of by rounding accident.
    const auto scaledScore = [](const ThemeAnalysis& theme) {
        const TrendFit& fit = theme.stats.trend;
        const auto run = static_cast<std::int64_t>(fit.points > 0 ? fit.points - 1 : 0);
        return std::int64_t{theme.stats.latest} * fit.denominator + std::abs(fit.numerator) * run;
    };
    std::vector<std::size_t> order(themes.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const SeriesStats& sa = themes[a].stats;
        const SeriesStats& sb = themes[b].stats;
        const bool seenA = sa.sessionsPresent > 0;
        const bool seenB = sb.sessionsPresent > 0;
        if (seenA != seenB) {
            return seenA;
        }
        const std::int64_t scoreA = scaledScore(themes[a]);
        const std::int64_t scoreB = scaledScore(themes[b]);
        if (scoreA != scoreB) {
            return scoreA > scoreB;
        }
        // Means are sum / count of small integers: equal fractions give identical doubles.
        if (sa.meanWhenPresent != sb.meanWhenPresent) {
            return sa.meanWhenPresent > sb.meanWhenPresent;
        }
        if (sa.sessionsPresent != sb.sessionsPresent) {
            return sa.sessionsPresent > sb.sessionsPresent;
        }
        return a < b;
    });
    return order;
}

} // namespace tessera::core
