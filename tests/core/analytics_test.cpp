// Theme analytics: every expected number below is computed by hand, with the arithmetic beside
// it. Slopes are least-squares over x = 0, 1, ..., n-1: slope = sum((x - mean x) * y) / Sxx with
// Sxx = n(n^2 - 1)/12 (n=2: 0.5, n=3: 2, n=4: 5, n=6: 17.5, n=8: 42, n=9: 60, n=16: 340).

#include "tessera/core/analytics.hpp"
#include "tessera/core/caseload.hpp"
#include "tessera/core/codebook.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using namespace tessera::core;

namespace Catch {
template <> struct StringMaker<Trend> {
    static std::string convert(Trend trend) { return std::string{toString(trend)}; }
};
} // namespace Catch

namespace {

// ---- Test data builders ---------------------------------------------------------------------

struct Obs {
    std::string key;
    int intensity = 1;
    std::string quote{};
};

Date day(const std::string& iso) {
    const auto date = Date::parse(iso);
    REQUIRE(date.has_value());
    return *date;
}

Session session(const std::string& date, std::vector<Obs> observations = {}) {
    Session s;
    s.date = day(date);
    for (auto& o : observations) {
        s.observations.push_back({std::move(o.key), o.intensity, std::move(o.quote), {}});
    }
    return s;
}

Session withStage(Session s, std::optional<Stage> leaving, std::optional<Stage> safety = std::nullopt) {
    s.stageOfChange.leaving = leaving;
    s.stageOfChange.safety = safety;
    return s;
}

BalanceItem stay(int weight) {
    return {BalanceSide::Stay, "a reason to stay", weight};
}
BalanceItem leave(int weight) {
    return {BalanceSide::Leave, "a reason to leave", weight};
}

Session withBalance(Session s, std::vector<BalanceItem> items) {
    s.decisionalBalance = std::move(items);
    return s;
}

// Session ids 101, 102, ... in vector order (the order the vault created them).
ClientRecord client(const std::string& code, std::vector<Session> sessions) {
    ClientRecord record;
    record.client.code = code;
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        sessions[i].id = SessionId{101 + static_cast<std::int64_t>(i)};
    }
    record.sessions = std::move(sessions);
    return record;
}

// Weekly sessions from 2026-01-07; series[key][i] is the intensity of `key` in session i.
ClientRecord fromSeries(const std::string& code, const std::vector<std::pair<std::string, std::vector<int>>>& series) {
    std::size_t count = 0;
    for (const auto& entry : series) {
        count = std::max(count, entry.second.size());
    }
    std::vector<Session> sessions;
    for (std::size_t i = 0; i < count; ++i) {
        Session s;
        s.date = day("2026-01-07").plusDays(7 * static_cast<long>(i));
        for (const auto& [key, values] : series) {
            if (i < values.size() && values[i] > 0) {
                s.observations.push_back({key, values[i], {}, {}});
            }
        }
        sessions.push_back(std::move(s));
    }
    return client(code, std::move(sessions));
}

std::size_t indexOf(const Codebook& codebook, const std::string& key) {
    const auto index = codebook.indexOf(key);
    REQUIRE(index.has_value());
    return *index;
}

const ThemeAnalysis& themeOf(const ClientAnalysis& analysis, const std::string& key) {
    const ThemeAnalysis* theme = analysis.theme(key);
    REQUIRE(theme != nullptr);
    return *theme;
}

std::vector<std::string> pairNames(const ClientAnalysis& analysis) {
    std::vector<std::string> names;
    for (const auto& pair : analysis.pairs) {
        names.push_back(pair.firstKey + "+" + pair.secondKey);
    }
    return names;
}

std::vector<std::string> keysOf(const ClientAnalysis& analysis, const std::vector<std::size_t>& indices) {
    std::vector<std::string> keys;
    keys.reserve(indices.size());
    for (const auto index : indices) {
        keys.push_back(analysis.themes.at(index).key);
    }
    return keys;
}

} // namespace

// ---- Trend rule -------------------------------------------------------------------------------

TEST_CASE("fitTrend classifies least-squares slopes against +/-0.15 exactly", "[analytics][trend]") {
    const auto [values, slope, trend] = GENERATE(table<std::vector<int>, double, Trend>({
        {{}, 0.0, Trend::Absent},          // no points at all
        {{2}, 0.0, Trend::Steady},         // one point: slope 0
        {{0}, 0.0, Trend::Steady},         // fitTrend itself does not know "absent"; SeriesStats does
        {{0, 1}, 1.0, Trend::Rising},      // (-0.5*0 + 0.5*1) / 0.5 = 1
        {{1, 1, 1}, 0.0, Trend::Steady},   // flat
        {{3, 2, 1}, -1.0, Trend::Falling}, // (-1*3 + 0 + 1*1) / 2 = -1
        {{-3, -1, 1}, 2.0, Trend::Rising}, // balance differences: (3 + 0 + 1) / 2 = 2
        // n = 9, mean x = 4: (5-4)*1 + (8-4)*2 = 9; 9 / 60 = 0.15 exactly -> rising
        {{0, 0, 0, 0, 0, 1, 0, 0, 2}, 0.15, Trend::Rising},
        // mirror image: (0-4)*2 + (3-4)*1 = -9; -9 / 60 = -0.15 exactly -> falling
        {{2, 0, 0, 1, 0, 0, 0, 0, 0}, -0.15, Trend::Falling},
        // (8-4)*2 = 8; 8 / 60 = 0.1333 -> just under the threshold
        {{0, 0, 0, 0, 0, 0, 0, 0, 2}, 8.0 / 60.0, Trend::Steady},
        // (6-4)*1 + (8-4)*2 = 10; 10 / 60 = 0.1667
        {{0, 0, 0, 0, 0, 0, 1, 0, 2}, 10.0 / 60.0, Trend::Rising},
        // -8 / 60 = -0.1333 -> steady
        {{2, 0, 0, 0, 0, 0, 0, 0, 0}, -8.0 / 60.0, Trend::Steady},
        // n = 16, mean x = 7.5: 5.5*3 + 6.5*3 + 7.5*2 = 51; 51 / 340 = 0.15 exactly -> rising
        {{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 3, 2}, 0.15, Trend::Rising},
        // -7.5*2 - 6.5*3 - 5.5*3 = -51; -51 / 340 = -0.15 exactly -> falling
        {{2, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, -0.15, Trend::Falling},
    }));
    CAPTURE(values);
    const TrendFit fit = fitTrend(values);
    CHECK(fit.points == values.size());
    CHECK(fit.slope == Approx(slope).margin(1e-12));
    CHECK(fit.trend == trend);
}

TEST_CASE("fitTrend keeps the slope as an exact fraction", "[analytics][trend]") {
    // {0,0,0,0,0,1,0,0,2}: n = 9, sum x = 36, sum x^2 = 204, sum y = 3, sum xy = 5*1 + 8*2 = 21
    // numerator = 9*21 - 36*3 = 81; denominator = 9*204 - 36^2 = 540; 81 / 540 = 0.15
    const TrendFit fit = fitTrend(std::vector<int>{0, 0, 0, 0, 0, 1, 0, 0, 2});
    CHECK(fit.numerator == 81);
    CHECK(fit.denominator == 540);
    // Fewer than two points: 0 / 1.
    const TrendFit one = fitTrend(std::vector<int>{3});
    CHECK(one.numerator == 0);
    CHECK(one.denominator == 1);
}

TEST_CASE("Trend names", "[analytics][trend]") {
    const auto [trend, name] = GENERATE(table<Trend, std::string>({
        {Trend::Absent, "absent"},
        {Trend::Falling, "falling"},
        {Trend::Steady, "steady"},
        {Trend::Rising, "rising"},
    }));
    CHECK(toString(trend) == name);
}

TEST_CASE("The trend window takes the last N sessions, or the whole history when shorter", "[analytics][trend]") {
    const Codebook codebook = defaultCodebook();
    const ClientRecord record = fromSeries("C-001", {{"fear", {3, 3, 3, 0, 1, 2, 3, 3}}});
    const auto [window, slope, trend, points] = GENERATE(table<int, double, Trend, std::size_t>({
        // last 6 = {3,0,1,2,3,3}: -2.5*3 - 1.5*0 - 0.5*1 + 0.5*2 + 1.5*3 + 2.5*3 = 5; 5 / 17.5
        {6, 5.0 / 17.5, Trend::Rising, 6},
        // all 8: -3.5*3 - 2.5*3 - 1.5*3 - 0.5*0 + 0.5*1 + 1.5*2 + 2.5*3 + 3.5*3 = -1; -1 / 42
        {8, -1.0 / 42.0, Trend::Steady, 8},
        {100, -1.0 / 42.0, Trend::Steady, 8}, // longer than the history: the whole history
        // last 3 = {2,3,3}: -1*2 + 0 + 1*3 = 1; 1 / 2
        {3, 0.5, Trend::Rising, 3},
        {2, 0.0, Trend::Steady, 2}, // {3,3}
        {1, 0.0, Trend::Steady, 2}, // N >= 2: a window of 1 is treated as 2
        {-5, 0.0, Trend::Steady, 2},
    }));
    AnalysisOptions options;
    options.window = window;
    const ClientAnalysis analysis = analyseClient(record, codebook, options);
    const TrendFit& fit = themeOf(analysis, "fear").stats.trend;
    CHECK(fit.points == points);
    CHECK(fit.slope == Approx(slope).margin(1e-12));
    CHECK(fit.trend == trend);
    CHECK(analysis.window == std::max(window, 2));
}

// ---- Series statistics of one theme -----------------------------------------------------------

TEST_CASE("Series statistics of a theme", "[analytics][series]") {
    const Codebook codebook = defaultCodebook();
    const ClientRecord record = fromSeries("C-001", {{"fear", {3, 3, 3, 0, 1, 2, 3, 3}}});
    const ClientAnalysis analysis = analyseClient(record, codebook);
    const SeriesStats& fear = themeOf(analysis, "fear").stats;

    CHECK(fear.intensity == std::vector<int>{3, 3, 3, 0, 1, 2, 3, 3});
    CHECK(fear.sessionsPresent == 7);                  // all but session 3
    CHECK(fear.firstSeen == day("2026-01-07"));        // session 0
    CHECK(fear.lastSeen == day("2026-02-25"));         // session 7 = Jan 7 + 49 days
    CHECK(fear.meanWhenPresent == Approx(18.0 / 7.0)); // (3+3+3+1+2+3+3) / 7
    CHECK(fear.latest == 3);
    CHECK(fear.currentStreak == 4);    // sessions 4..7
    REQUIRE(fear.returns.size() == 1); // back in session 4 after 1 absent
    CHECK(fear.returns[0] == Return{4, SessionId{105}, day("2026-02-04"), 1});
    CHECK_FALSE(fear.returnedAfter.has_value()); // the last session is no return
}

TEST_CASE("Every return is listed, and the latest session's return is flagged", "[analytics][series]") {
    const Codebook codebook = defaultCodebook();
    // present 0, absent 1-2, present 3, absent 4, present 5
    const ClientRecord record = fromSeries("C-001", {{"self-blame", {2, 0, 0, 1, 0, 3}}});
    const ClientAnalysis analysis = analyseClient(record, codebook);
    const SeriesStats& stats = themeOf(analysis, "self-blame").stats;
    REQUIRE(stats.returns.size() == 2);
    CHECK(stats.returns[0].sessionIndex == 3);
    CHECK(stats.returns[0].gap == 2); // sessions 1 and 2
    CHECK(stats.returns[0].session == SessionId{104});
    CHECK(stats.returns[1].sessionIndex == 5);
    CHECK(stats.returns[1].gap == 1); // session 4
    CHECK(stats.returns[1].date == day("2026-02-11"));
    CHECK(stats.returnedAfter == 1);
    CHECK(stats.currentStreak == 1);
    CHECK(stats.meanWhenPresent == Approx(2.0)); // (2+1+3) / 3
}

TEST_CASE("A theme never seen", "[analytics][series]") {
    const Codebook codebook = defaultCodebook();
    const ClientRecord record = fromSeries("C-001", {{"fear", {1, 2, 3}}});
    const ClientAnalysis analysis = analyseClient(record, codebook);
    const ThemeAnalysis& money = themeOf(analysis, "money");
    const SeriesStats& stats = money.stats;
    CHECK(stats.intensity == std::vector<int>{0, 0, 0}); // no observation counts 0
    CHECK(stats.sessionsPresent == 0);
    CHECK_FALSE(stats.firstSeen.has_value());
    CHECK_FALSE(stats.lastSeen.has_value());
    CHECK(stats.meanWhenPresent == 0.0);
    CHECK(stats.latest == 0);
    CHECK(stats.trend.trend == Trend::Absent);
    CHECK(stats.trend.slope == 0.0);
    CHECK(stats.currentStreak == 0);
    CHECK(stats.returns.empty());
    CHECK(money.quotes.empty());
}

TEST_CASE("A theme seen only before the window is absent now, not falling", "[analytics][series]") {
    const Codebook codebook = defaultCodebook();
    const ClientRecord record = fromSeries("C-001", {{"money", {2, 2, 0, 0, 0, 0, 0, 0}}});
    const ClientAnalysis analysis = analyseClient(record, codebook);
    const SeriesStats& stats = themeOf(analysis, "money").stats;
    CHECK(stats.trend.trend == Trend::Absent); // last 6 are all 0
    CHECK(stats.trend.slope == 0.0);
    CHECK(stats.sessionsPresent == 2);
    CHECK(stats.lastSeen == day("2026-01-14"));
}

TEST_CASE("One session", "[analytics][edge]") {
    const Codebook codebook = defaultCodebook();
    const ClientRecord record = client("C-001", {session("2026-01-07", {{"self-blame", 2, "Am I the bad one?"}})});
    const ClientAnalysis analysis = analyseClient(record, codebook);
    REQUIRE(analysis.sessions.size() == 1);
    const SeriesStats& present = themeOf(analysis, "self-blame").stats;
    CHECK(present.trend.trend == Trend::Steady); // one point: slope 0, present -> steady
    CHECK(present.trend.slope == 0.0);
    CHECK(present.trend.points == 1);
    CHECK(present.currentStreak == 1);
    CHECK(present.latest == 2);
    CHECK(present.meanWhenPresent == Approx(2.0));
    CHECK(themeOf(analysis, "fear").stats.trend.trend == Trend::Absent); // one point, not present

    const SessionSignals signals = signalsFor(analysis, 0);
    CHECK(signals.newThemes == std::vector<std::size_t>{indexOf(codebook, "self-blame")});
    CHECK(signals.returned.empty());
    CHECK(signals.notSeenForAWhile.empty());
    CHECK(analysis.pairs.empty()); // one theme: no pair
}

TEST_CASE("No sessions", "[analytics][edge]") {
    const Codebook codebook = defaultCodebook();
    const ClientAnalysis analysis = analyseClient(client("C-001", {}), codebook);
    CHECK(analysis.clientCode == "C-001");
    CHECK(analysis.sessions.empty());
    REQUIRE(analysis.themes.size() == codebook.size()); // every theme is still listed
    for (const auto& theme : analysis.themes) {
        CHECK(theme.stats.intensity.empty());
        CHECK(theme.stats.trend.trend == Trend::Absent);
        CHECK(theme.stats.trend.points == 0);
        CHECK(theme.stats.sessionsPresent == 0);
    }
    REQUIRE(analysis.categories.size() == kThemeCategories.size());
    for (const auto& category : analysis.categories) {
        CHECK(category.stats.trend.trend == Trend::Absent);
    }
    CHECK(analysis.pairs.empty());
    CHECK(analysis.ambivalence.balance.empty());
    CHECK(analysis.ambivalence.balanceTrend.trend == Trend::Absent);
    CHECK(analysis.ambivalence.of(StageTarget::Leaving).changes.empty());
    CHECK_FALSE(analysis.ambivalence.of(StageTarget::Safety).latest.has_value());
    CHECK_THROWS_AS(signalsFor(analysis, 0), std::out_of_range);
    CHECK_FALSE(signalsFor(analysis, SessionId{101}).has_value());
    // Nothing seen: codebook order.
    const auto ranked = rankThemes(analysis);
    REQUIRE(ranked.size() == codebook.size());
    for (std::size_t i = 0; i < ranked.size(); ++i) {
        CHECK(ranked[i] == i);
    }
}

// ---- Session order and date range -------------------------------------------------------------

TEST_CASE("Sessions are analysed in date order, and same-day sessions keep their creation order",
          "[analytics][order]") {
    const Codebook codebook = defaultCodebook();
    // Assembled out of order on purpose: the store would not, but the analysis must not care.
    const ClientRecord record = client("C-001", {
                                                    session("2026-01-14", {{"fear", 1, "first of the 14th"}}),
                                                    session("2026-01-07", {{"fear", 3, "the 7th"}}),
                                                    session("2026-01-14", {{"fear", 2, "second of the 14th"}}),
                                                });
    const ClientAnalysis analysis = analyseClient(record, codebook);
    REQUIRE(analysis.sessions.size() == 3);
    CHECK(analysis.sessions[0] == SessionRef{SessionId{102}, day("2026-01-07"), 1});
    CHECK(analysis.sessions[1] == SessionRef{SessionId{101}, day("2026-01-14"), 0});
    CHECK(analysis.sessions[2] == SessionRef{SessionId{103}, day("2026-01-14"), 2});

    const ThemeAnalysis& fear = themeOf(analysis, "fear");
    CHECK(fear.stats.intensity == std::vector<int>{3, 1, 2});
    CHECK(fear.stats.latest == 2); // the session created last on the last day
    REQUIRE(fear.quotes.size() == 3);
    CHECK(fear.quotes[0].text == "the 7th");
    CHECK(fear.quotes[1].text == "first of the 14th");
    CHECK(fear.quotes[2].text == "second of the 14th");
    CHECK(fear.quotes[2].session == SessionId{103});
    CHECK(fear.quotes[2].sessionIndex == 2);
}

TEST_CASE("Ordering by date is stable for many same-day sessions", "[analytics][order]") {
    const Codebook codebook = defaultCodebook();
    // 40 sessions alternating between two days, listed out of date order; within each day the
    // creation order (vector order) must survive. Intensity encodes the creation position.
    std::vector<Session> sessions;
    sessions.reserve(40);
    for (int i = 0; i < 40; ++i) {
        sessions.push_back(session(i % 2 == 0 ? "2026-01-14" : "2026-01-07", {{"fear", 1, std::to_string(i)}}));
    }
    const ClientAnalysis analysis = analyseClient(client("C-001", std::move(sessions)), codebook);
    REQUIRE(analysis.sessions.size() == 40);
    for (std::size_t k = 0; k < 20; ++k) {
        CHECK(analysis.sessions[k].recordIndex == 2 * k + 1);  // Jan 7: 1, 3, 5, ...
        CHECK(analysis.sessions[20 + k].recordIndex == 2 * k); // Jan 14: 0, 2, 4, ...
    }
    const auto& quotes = themeOf(analysis, "fear").quotes;
    REQUIRE(quotes.size() == 40);
    CHECK(quotes.front().text == "1");
    CHECK(quotes.back().text == "38");
}

TEST_CASE("The date range is inclusive and filters everything", "[analytics][range]") {
    const Codebook codebook = defaultCodebook();
    const ClientRecord record =
        client("C-001", {
                            withStage(session("2026-01-07", {{"fear", 1}}), Stage::Precontemplation),
                            withBalance(session("2026-01-14", {{"fear", 2, "morning"}}), {stay(3)}),
                            withStage(session("2026-01-14", {{"fear", 3, "evening"}}), Stage::Contemplation),
                            session("2026-01-21", {{"fear", 1}}),
                        });

    SECTION("from and to on the same day keep both same-day sessions") {
        AnalysisOptions options;
        options.from = day("2026-01-14");
        options.to = day("2026-01-14");
        const ClientAnalysis analysis = analyseClient(record, codebook, options);
        REQUIRE(analysis.sessions.size() == 2);
        CHECK(analysis.sessions[0].recordIndex == 1);
        CHECK(analysis.sessions[1].recordIndex == 2);
        const ThemeAnalysis& fear = themeOf(analysis, "fear");
        CHECK(fear.stats.intensity == std::vector<int>{2, 3});
        CHECK(fear.stats.firstSeen == day("2026-01-14"));
        CHECK(fear.quotes.size() == 2);
        // The stage before the range is not known to the range: contemplation is a change from nothing.
        const auto& leaving = analysis.ambivalence.of(StageTarget::Leaving);
        REQUIRE(leaving.changes.size() == 1);
        CHECK_FALSE(leaving.changes[0].from.has_value());
        CHECK(leaving.changes[0].to == Stage::Contemplation);
        CHECK(analysis.ambivalence.balance.size() == 1);
    }
    SECTION("only from") {
        AnalysisOptions options;
        options.from = day("2026-01-15");
        const ClientAnalysis analysis = analyseClient(record, codebook, options);
        REQUIRE(analysis.sessions.size() == 1);
        CHECK(analysis.sessions[0].date == day("2026-01-21"));
    }
    SECTION("only to") {
        AnalysisOptions options;
        options.to = day("2026-01-07");
        const ClientAnalysis analysis = analyseClient(record, codebook, options);
        REQUIRE(analysis.sessions.size() == 1);
        CHECK(themeOf(analysis, "fear").stats.latest == 1);
    }
    SECTION("a range that excludes everything") {
        AnalysisOptions options;
        options.from = day("2026-02-01");
        options.to = day("2026-03-01");
        const ClientAnalysis analysis = analyseClient(record, codebook, options);
        CHECK(analysis.sessions.empty());
        CHECK(themeOf(analysis, "fear").stats.sessionsPresent == 0);
        CHECK(themeOf(analysis, "fear").stats.trend.trend == Trend::Absent);
        CHECK(themeOf(analysis, "fear").quotes.empty());
        CHECK(analysis.ambivalence.balance.empty());
        CHECK(analysis.ambivalence.of(StageTarget::Leaving).changes.empty());
    }
    SECTION("from after to is an empty range") {
        AnalysisOptions options;
        options.from = day("2026-01-21");
        options.to = day("2026-01-07");
        CHECK(analyseClient(record, codebook, options).sessions.empty());
    }
}

// ---- Observations and quotes --------------------------------------------------------------------

TEST_CASE("Quotes, unknown keys, duplicates and out-of-range intensities", "[analytics][quotes]") {
    const Codebook codebook = defaultCodebook();
    const ClientRecord record = client(
        "C-001", {
                     session("2026-01-07", {{"am-i-the-bad-one", 2, "Am I the bad one?"}, {"not-a-theme", 3, "lost"}}),
                     session("2026-01-14", {{"am-i-the-bad-one", 1}}), // no quote
                     session("2026-01-21", {{"am-i-the-bad-one", 3, "Maybe I was never the bad one."}}),
                     // Validation forbids these; the analysis stays sane anyway.
                     session("2026-01-28", {{"fear", 7}, {"money", -2, "said with intensity below 0"}}),
                     session("2026-02-04", {{"custody", 1}, {"custody", 3}}),
                 });
    const ClientAnalysis analysis = analyseClient(record, codebook);

    const ThemeAnalysis& badOne = themeOf(analysis, "am-i-the-bad-one");
    REQUIRE(badOne.quotes.size() == 2);
    CHECK(badOne.quotes[0] == Quote{0, SessionId{101}, day("2026-01-07"), 2, "Am I the bad one?"});
    CHECK(badOne.quotes[1] == Quote{2, SessionId{103}, day("2026-01-21"), 3, "Maybe I was never the bad one."});

    CHECK(analysis.theme("not-a-theme") == nullptr); // ignored, and nobody else got its quote
    std::size_t quoteCount = 0;
    for (const auto& theme : analysis.themes) {
        quoteCount += theme.quotes.size();
    }
    CHECK(quoteCount == 3); // the two above and the money quote

    CHECK(themeOf(analysis, "fear").stats.latest == 0);           // session 4 has no fear
    CHECK(themeOf(analysis, "fear").stats.intensity[3] == 3);     // 7 clamped to 3
    CHECK(themeOf(analysis, "money").stats.sessionsPresent == 0); // -2 clamped to 0: absent
    CHECK(themeOf(analysis, "money").quotes.size() == 1);         // but its words are kept
    CHECK(themeOf(analysis, "custody").stats.intensity[4] == 3);  // the higher of 1 and 3
}

TEST_CASE("Retired themes keep their history", "[analytics][codebook]") {
    Codebook codebook = defaultCodebook();
    Theme retired = *codebook.find("cultural-factors");
    retired.retired = true;
    codebook.upsert(retired);
    const ClientRecord record = fromSeries("C-001", {{"cultural-factors", {2, 3}}});
    const ClientAnalysis analysis = analyseClient(record, codebook);
    const ThemeAnalysis& theme = themeOf(analysis, "cultural-factors");
    CHECK(theme.retired);
    CHECK(theme.themeIndex == indexOf(codebook, "cultural-factors"));
    CHECK(theme.stats.sessionsPresent == 2);
    CHECK(theme.stats.trend.trend == Trend::Rising); // {2,3}: slope 1
    CHECK(theme.label == "Cultural / intersectional factors");
    CHECK(theme.category == ThemeCategory::Barrier);
}

// ---- Co-occurrence ------------------------------------------------------------------------------

TEST_CASE("Co-occurrence: counts, Jaccard, lift, strongest first with deterministic ties", "[analytics][pairs]") {
    const Codebook codebook = defaultCodebook();
    const ClientRecord record =
        client("C-001", {
                            session("2026-01-07", {{"self-blame"}, {"fear"}}),
                            session("2026-01-14", {{"self-blame"}, {"fear"}}),
                            session("2026-01-21", {{"self-blame"}, {"money"}}),
                            session("2026-01-28", {{"fear"}, {"custody"}}),
                            session("2026-02-04", {{"money"}, {"custody"}, {"shared-history"}}),
                            session("2026-02-11", {{"money"}, {"hope-of-change"}, {"shared-history"}}),
                        });
    // Sessions present: self-blame 3, fear 3, money 3, custody 2, shared-history 2, hope 1; N = 6.
    const ClientAnalysis analysis = analyseClient(record, codebook);
    // Pair (first in codebook order)    both  union       Jaccard   lift = both*6/(a*b)
    // money+shared-history              2     3+2-2 = 3   2/3       12/6 = 2
    // self-blame+fear                   2     3+3-2 = 4   1/2       12/9
    // hope-of-change+shared-history     1     1+2-1 = 2   1/2       6/2 = 3     (tie on J: fewer both)
    // custody+shared-history            1     2+2-1 = 3   1/3       6/4
    // money+hope-of-change              1     3+1-1 = 3   1/3       6/3 = 2     (tie: "custody" < "money")
    // custody+fear                      1     2+3-1 = 4   1/4       6/6 = 1
    // money+custody                     1     3+2-1 = 4   1/4       6/6 = 1     (tie: "custody" < "money")
    // self-blame+money                  1     3+3-1 = 5   1/5       6/9
    CHECK(pairNames(analysis) == std::vector<std::string>{
                                     "money+shared-history",
                                     "self-blame+fear",
                                     "hope-of-change+shared-history",
                                     "custody+shared-history",
                                     "money+hope-of-change",
                                     "custody+fear",
                                     "money+custody",
                                     "self-blame+money",
                                 });
    const auto jaccards = {2.0 / 3.0, 0.5, 0.5, 1.0 / 3.0, 1.0 / 3.0, 0.25, 0.25, 0.2};
    const auto lifts = {2.0, 12.0 / 9.0, 3.0, 1.5, 2.0, 1.0, 1.0, 6.0 / 9.0};
    const auto boths = {2, 2, 1, 1, 1, 1, 1, 1};
    REQUIRE(analysis.pairs.size() == 8);
    std::size_t i = 0;
    for (const double expected : jaccards) {
        CHECK(analysis.pairs[i++].jaccard == Approx(expected));
    }
    i = 0;
    for (const double expected : lifts) {
        CHECK(analysis.pairs[i++].lift == Approx(expected));
    }
    i = 0;
    for (const int expected : boths) {
        CHECK(analysis.pairs[i++].both == expected);
    }
    const CoOccurrence& top = analysis.pairs.front();
    CHECK(top.first == indexOf(codebook, "money"));
    CHECK(top.second == indexOf(codebook, "shared-history"));
    CHECK(top.firstCount == 3);
    CHECK(top.secondCount == 2);
}

TEST_CASE("Co-occurrence ties on Jaccard and count fall back to the second key", "[analytics][pairs]") {
    const Codebook codebook = defaultCodebook();
    // self-blame with fear (s0) and with money (s1): both 1, union 2, J = 1/2, same first key.
    const ClientRecord record = client("C-001", {
                                                    session("2026-01-07", {{"self-blame"}, {"fear"}}),
                                                    session("2026-01-14", {{"self-blame"}, {"money"}}),
                                                });
    // self-blame+fear: 1 / (2+1-1) = 1/2; self-blame+money: 1 / (2+1-1) = 1/2; "fear" < "money".
    CHECK(pairNames(analyseClient(record, codebook)) ==
          std::vector<std::string>{"self-blame+fear", "self-blame+money"});
}

// ---- Categories -------------------------------------------------------------------------------

TEST_CASE("Category roll-up: the highest intensity of its themes per session", "[analytics][categories]") {
    const Codebook codebook = defaultCodebook();
    const ClientRecord record = client("C-001", {
                                                    session("2026-01-07", {{"self-blame", 1}, {"am-i-the-bad-one", 2}}),
                                                    session("2026-01-14", {{"self-doubt", 3}}),
                                                    session("2026-01-21", {{"minimizing", 2}}),
                                                    session("2026-01-28", {{"self-blame", 1}}),
                                                });
    const ClientAnalysis analysis = analyseClient(record, codebook);
    REQUIRE(analysis.categories.size() == kThemeCategories.size());
    for (std::size_t i = 0; i < kThemeCategories.size(); ++i) {
        CHECK(analysis.categories[i].category == kThemeCategories[i]);
    }

    const CategoryAnalysis* self = analysis.category(ThemeCategory::SelfPerception);
    REQUIRE(self != nullptr);
    CHECK(self->stats.intensity == std::vector<int>{2, 3, 0, 1}); // max(1,2), 3, none, 1
    CHECK(self->stats.sessionsPresent == 3);
    CHECK(self->stats.meanWhenPresent == Approx(2.0)); // (2+3+1) / 3
    CHECK(self->stats.latest == 1);
    CHECK(self->stats.currentStreak == 1);
    CHECK(self->stats.returnedAfter == 1);
    // 4 sessions (window 6 > 4): -1.5*2 - 0.5*3 + 0.5*0 + 1.5*1 = -3; -3 / 5 = -0.6
    CHECK(self->stats.trend.slope == Approx(-0.6));
    CHECK(self->stats.trend.trend == Trend::Falling);

    const CategoryAnalysis* justification = analysis.category(ThemeCategory::Justification);
    REQUIRE(justification != nullptr);
    CHECK(justification->stats.intensity == std::vector<int>{0, 0, 2, 0});
    // 0.5*2 = 1; 1 / 5 = 0.2: least squares sees the late appearance as rising
    CHECK(justification->stats.trend.slope == Approx(0.2));
    CHECK(justification->stats.trend.trend == Trend::Rising);
    CHECK(justification->stats.firstSeen == day("2026-01-21"));

    for (const auto category : {ThemeCategory::Barrier, ThemeCategory::Relationship, ThemeCategory::Clinician}) {
        CHECK(analysis.category(category)->stats.trend.trend == Trend::Absent);
        CHECK(analysis.category(category)->stats.sessionsPresent == 0);
    }
}

// ---- Ambivalence ------------------------------------------------------------------------------

TEST_CASE("Stage of change per target and decisional balance", "[analytics][ambivalence]") {
    const Codebook codebook = defaultCodebook();
    const ClientRecord record =
        client("C-001",
               {
                   withBalance(withStage(session("2026-01-07"), Stage::Precontemplation), {stay(3), stay(2), leave(1)}),
                   session("2026-01-14"),
                   withBalance(withStage(session("2026-01-21"), Stage::Precontemplation), {stay(2), leave(2)}),
                   withBalance(withStage(session("2026-01-28"), Stage::Contemplation, Stage::Preparation),
                               {stay(1), leave(3), leave(2)}),
                   session("2026-02-04"),
                   withBalance(withStage(session("2026-02-11"), Stage::Preparation), {leave(3)}),
               });

    SECTION("stage histories") {
        const ClientAnalysis analysis = analyseClient(record, codebook);
        const StageHistory& leaving = analysis.ambivalence.of(StageTarget::Leaving);
        CHECK(leaving.target == StageTarget::Leaving);
        CHECK(leaving.perSession == std::vector<std::optional<Stage>>{Stage::Precontemplation, std::nullopt,
                                                                      Stage::Precontemplation, Stage::Contemplation,
                                                                      std::nullopt, Stage::Preparation});
        // Session 2 repeats precontemplation: no change. Unrecorded sessions are no change.
        REQUIRE(leaving.changes.size() == 3);
        CHECK(leaving.changes[0] ==
              StageChange{0, SessionId{101}, day("2026-01-07"), std::nullopt, Stage::Precontemplation});
        CHECK(leaving.changes[1] ==
              StageChange{3, SessionId{104}, day("2026-01-28"), Stage::Precontemplation, Stage::Contemplation});
        CHECK(leaving.changes[2] ==
              StageChange{5, SessionId{106}, day("2026-02-11"), Stage::Contemplation, Stage::Preparation});
        CHECK(leaving.latest == Stage::Preparation);

        const StageHistory& safety = analysis.ambivalence.of(StageTarget::Safety);
        CHECK(safety.target == StageTarget::Safety);
        REQUIRE(safety.changes.size() == 1);
        CHECK(safety.changes[0].sessionIndex == 3);
        CHECK_FALSE(safety.changes[0].from.has_value());
        CHECK(safety.changes[0].to == Stage::Preparation);
        CHECK(safety.latest == Stage::Preparation);
    }
    SECTION("decisional balance points, only for sessions that have one") {
        const ClientAnalysis analysis = analyseClient(record, codebook);
        const auto& balance = analysis.ambivalence.balance;
        REQUIRE(balance.size() == 4);
        CHECK(balance[0] == BalancePoint{0, SessionId{101}, day("2026-01-07"), 5, 1, -4}); // stay 3+2, leave 1
        CHECK(balance[1] == BalancePoint{2, SessionId{103}, day("2026-01-21"), 2, 2, 0});
        CHECK(balance[2] == BalancePoint{3, SessionId{104}, day("2026-01-28"), 1, 5, 4}); // leave 3+2
        CHECK(balance[3] == BalancePoint{5, SessionId{106}, day("2026-02-11"), 0, 3, 3});
        // differences {-4, 0, 4, 3} at x = 0..3: 1.5*4 - 0.5*0 + 0.5*4 + 1.5*3 = 12.5; 12.5 / 5 = 2.5
        CHECK(analysis.ambivalence.balanceTrend.points == 4);
        CHECK(analysis.ambivalence.balanceTrend.slope == Approx(2.5));
        CHECK(analysis.ambivalence.balanceTrend.trend == Trend::Rising);
    }
    SECTION("the balance trend uses the same window rule") {
        AnalysisOptions options;
        options.window = 2;
        const ClientAnalysis analysis = analyseClient(record, codebook, options);
        // last two differences {4, 3}: slope -1
        CHECK(analysis.ambivalence.balanceTrend.points == 2);
        CHECK(analysis.ambivalence.balanceTrend.slope == Approx(-1.0));
        CHECK(analysis.ambivalence.balanceTrend.trend == Trend::Falling);
    }
}

TEST_CASE("A recorded but even balance is steady, not absent", "[analytics][ambivalence]") {
    const Codebook codebook = defaultCodebook();
    const ClientRecord record = client("C-001", {withBalance(session("2026-01-07"), {stay(2), leave(2)}),
                                                 withBalance(session("2026-01-14"), {stay(1), leave(1)})});
    const TrendFit trend = analyseClient(record, codebook).ambivalence.balanceTrend;
    CHECK(trend.trend == Trend::Steady); // differences {0, 0}
    CHECK(trend.slope == 0.0);
    const ClientRecord none = client("C-002", {session("2026-01-07"), session("2026-01-14")});
    CHECK(analyseClient(none, codebook).ambivalence.balanceTrend.trend == Trend::Absent);
}

// ---- Signals ----------------------------------------------------------------------------------

TEST_CASE("Signals beside a note: new, returned, not seen for a while", "[analytics][signals]") {
    const Codebook codebook = defaultCodebook();
    //                                        session: 0  1  2  3  4
    const ClientRecord record = fromSeries("C-001", {{"self-blame", {2, 0, 0, 0, 1}},     // back after 3 absent
                                                     {"fear", {1, 2, 0, 0, 0}},           // absent 2,3,4: 3 sessions
                                                     {"money", {0, 0, 0, 0, 2}},          // new in 4
                                                     {"custody", {0, 0, 1, 0, 1}},        // back after 1 absent
                                                     {"hope-of-change", {0, 0, 0, 1, 0}}, // absent only in 4
                                                     {"minimizing", {0, 0, 1, 0, 0}}});   // absent 3,4: 2 sessions
    const ClientAnalysis analysis = analyseClient(record, codebook);
    const auto selfBlame = indexOf(codebook, "self-blame");
    const auto fear = indexOf(codebook, "fear");
    const auto money = indexOf(codebook, "money");
    const auto custody = indexOf(codebook, "custody");
    const auto hope = indexOf(codebook, "hope-of-change");
    const auto minimizing = indexOf(codebook, "minimizing");

    SECTION("K = 3 (the default)") {
        const SessionSignals signals = signalsFor(analysis, 4);
        CHECK(signals.sessionIndex == 4);
        CHECK(signals.newThemes == std::vector<std::size_t>{money});
        CHECK(signals.returned == std::vector<ThemeGap>{{selfBlame, 3}});    // sessions 1, 2, 3
        CHECK(signals.notSeenForAWhile == std::vector<ThemeGap>{{fear, 3}}); // sessions 2, 3, 4
    }
    SECTION("K = 2 catches shorter gaps, in codebook order") {
        const SessionSignals signals = signalsFor(analysis, 4, 2);
        CHECK(signals.newThemes == std::vector<std::size_t>{money});
        CHECK(signals.returned == std::vector<ThemeGap>{{selfBlame, 3}});
        // minimizing (index 4) absent in 3, 4; fear (index 12) in 2, 3, 4
        CHECK(signals.notSeenForAWhile == std::vector<ThemeGap>{{minimizing, 2}, {fear, 3}});
    }
    SECTION("K = 4 is stricter") {
        const SessionSignals signals = signalsFor(analysis, 4, 4);
        CHECK(signals.newThemes == std::vector<std::size_t>{money});
        CHECK(signals.returned.empty());
        CHECK(signals.notSeenForAWhile.empty());
    }
    SECTION("K below 1 is treated as 1") {
        const SessionSignals signals = signalsFor(analysis, 4, 0);
        CHECK(signals.returned == std::vector<ThemeGap>{{selfBlame, 3}, {custody, 1}});
        CHECK(signals.notSeenForAWhile ==
              std::vector<ThemeGap>{{minimizing, 2}, {fear, 3}, {hope, 1}}); // codebook order
    }
    SECTION("the first session: everything present is new") {
        const SessionSignals signals = signalsFor(analysis, 0);
        CHECK(signals.newThemes == std::vector<std::size_t>{selfBlame, fear});
        CHECK(signals.returned.empty());
        CHECK(signals.notSeenForAWhile.empty());
    }
    SECTION("by session id, with the analysis's own K") {
        AnalysisOptions options;
        options.quietAfter = 2;
        const ClientAnalysis analysisK2 = analyseClient(record, codebook, options);
        CHECK(analysisK2.quietAfter == 2);
        const auto signals = signalsFor(analysisK2, SessionId{105});
        REQUIRE(signals.has_value());
        CHECK(signals->sessionIndex == 4);
        CHECK(signals->notSeenForAWhile.size() == 2); // minimizing and fear, as with K = 2
        CHECK_FALSE(signalsFor(analysisK2, SessionId{999}).has_value());
    }
    SECTION("an index outside the analysis throws") {
        CHECK_THROWS_AS(signalsFor(analysis, 5), std::out_of_range);
    }
}

TEST_CASE("Signals on same-day sessions follow creation order", "[analytics][signals]") {
    const Codebook codebook = defaultCodebook();
    const ClientRecord record =
        client("C-001", {session("2026-01-07", {{"fear", 1}}), session("2026-01-07", {{"fear", 2}, {"money", 1}})});
    const ClientAnalysis analysis = analyseClient(record, codebook);
    // The second session of the day sees fear as known and money as new.
    CHECK(signalsFor(analysis, 1).newThemes == std::vector<std::size_t>{indexOf(codebook, "money")});
    CHECK(themeOf(analysis, "fear").stats.currentStreak == 2);
}

// ---- Ranking ----------------------------------------------------------------------------------

TEST_CASE("rankThemes: seen first, then latest + movement, then mean, count, codebook order", "[analytics][rank]") {
    const Codebook codebook = defaultCodebook();
    // Six sessions, window 6: score = latest + |slope| * 5, slope = sum((x - 2.5) * y) / 17.5.
    const std::vector<std::pair<std::string, std::vector<int>>> series{
        // -0.5*1 + 0.5*1 + 1.5*2 + 2.5*3 = 10.5 -> 0.6; 3 + 3 = 6
        {"fear", {0, 0, 1, 1, 2, 3}},
        // -(2.5*3 + 1.5*2 + 0.5*1) = -11 -> -0.6286; 0 + 3.1429
        {"hope-of-change", {3, 2, 1, 0, 0, 0}},
        // flat: 3 + 0 = 3, mean 3
        {"self-blame", {3, 3, 3, 3, 3, 3}},
        // 1.5*3 + 2.5*1 = 7 -> 0.4; 1 + 2 = 3, mean (3+1)/2 = 2
        {"shared-history", {0, 0, 0, 0, 3, 1}},
        // -1.5 + 1.5 + 2.5 = 2.5 -> 1/7; 1 + 5/7, mean 1, 3 sessions
        {"lack-of-understanding", {0, 1, 0, 0, 1, 1}},
        // 2.5 -> 1/7; 1 + 5/7, mean 1, 1 session
        {"money", {0, 0, 0, 0, 0, 1}},
        // identical to money: codebook order decides
        {"duty-obligation", {0, 0, 0, 0, 0, 1}},
        // -2.5*2 = -5 -> -2/7; 0 + 10/7 = 1.4286
        {"custody", {2, 0, 0, 0, 0, 0}},
    };
    const ClientRecord record = fromSeries("C-001", series);
    const ClientAnalysis analysis = analyseClient(record, codebook);
    const auto ranked = keysOf(analysis, rankThemes(analysis));
    const std::vector<std::string> expected{
        "fear",                  // 6
        "hope-of-change",        // 3.1429
        "self-blame",            // 3, mean 3
        "shared-history",        // 3, mean 2
        "lack-of-understanding", // 1.7143, mean 1, 3 sessions
        "money",                 // 1.7143, mean 1, 1 session, index 8
        "duty-obligation",       // same, index 11
        "custody",               // 1.4286
        // never seen, codebook order
        "am-i-the-bad-one",
        "self-doubt",
        "moral-injury",
        "minimizing",
        "backstory-excuse",
        "keeping-the-peace",
        "family-court",
        "cultural-factors",
        "chronic-asymmetry",
        "angry-outbursts",
        "agenda-check",
        "psychoeducation",
    };
    CHECK(ranked == expected);
}

TEST_CASE("rankThemes puts a theme seen long ago before themes never seen", "[analytics][rank]") {
    const Codebook codebook = defaultCodebook();
    AnalysisOptions options;
    options.window = 2;
    const ClientRecord record = fromSeries("C-001", {{"psychoeducation", {2, 0, 0}}});
    const ClientAnalysis analysis = analyseClient(record, codebook, options);
    CHECK(themeOf(analysis, "psychoeducation").stats.trend.trend == Trend::Absent); // {0, 0}: score 0
    const auto ranked = rankThemes(analysis);
    REQUIRE_FALSE(ranked.empty());
    CHECK(ranked.front() == indexOf(codebook, "psychoeducation"));
    CHECK(ranked[1] == indexOf(codebook, "self-blame")); // then never-seen themes in codebook order
}

// ---- Caseload ---------------------------------------------------------------------------------

TEST_CASE("Caseload roll-up over three clients", "[analytics][caseload]") {
    const Codebook codebook = defaultCodebook();
    const std::vector<ClientRecord> records{
        fromSeries("C-001", {{"fear", {0, 0, 1, 1, 2, 3}},         // rising (0.6)
                             {"self-blame", {3, 3, 3, 3, 3, 3}}}), // steady
        fromSeries("C-002", {{"fear", {3, 2, 1, 0, 0, 0}},         // falling (-0.6286)
                             {"self-blame", {1, 0, 0, 0, 0, 0}}}), // -2.5/17.5 = -0.1429: steady
        fromSeries("C-003", {{"fear", {2, 2}},                     // steady
                             {"money", {0, 1}}}),                  // slope 1: rising
    };
    const CaseloadObservations caseload = CaseloadObservations::fromRecords(records);

    SECTION("all sessions") {
        const CaseloadAnalysis result = analyseCaseload(caseload, codebook);
        CHECK(result.clients == 3);
        CHECK(result.clientsWithSessions == 3);
        CHECK(result.sessions == 14); // 6 + 6 + 2
        REQUIRE(result.themes.size() == codebook.size());

        const CaseloadThemeRow& fear = result.themes[indexOf(codebook, "fear")];
        CHECK(fear.key == "fear");
        CHECK(fear.clients == 3);
        CHECK(fear.sessions == 9); // 4 + 3 + 2
        CHECK(fear.risingClients == std::vector<std::string>{"C-001"});
        CHECK(fear.fallingClients == std::vector<std::string>{"C-002"});
        CHECK(fear.clientsRising() == 1);
        CHECK(fear.clientsFalling() == 1);

        const CaseloadThemeRow& selfBlame = result.themes[indexOf(codebook, "self-blame")];
        CHECK(selfBlame.clients == 2);
        CHECK(selfBlame.sessions == 7); // 6 + 1
        CHECK(selfBlame.risingClients.empty());
        CHECK(selfBlame.fallingClients.empty());

        const CaseloadThemeRow& money = result.themes[indexOf(codebook, "money")];
        CHECK(money.clients == 1);
        CHECK(money.sessions == 1);
        CHECK(money.risingClients == std::vector<std::string>{"C-003"});

        const CaseloadThemeRow& custody = result.themes[indexOf(codebook, "custody")];
        CHECK(custody.clients == 0);
        CHECK(custody.sessions == 0);
    }
    SECTION("a date range leaves a client without sessions") {
        // C-001 and C-002 run Jan 7 - Feb 11; C-003 only Jan 7 - Jan 14.
        AnalysisOptions options;
        options.from = day("2026-01-21");
        const CaseloadAnalysis result = analyseCaseload(caseload, codebook, options);
        CHECK(result.clients == 3);
        CHECK(result.clientsWithSessions == 2);
        CHECK(result.sessions == 8); // 4 + 4
        CHECK(result.themes[indexOf(codebook, "money")].clients == 0);
        // C-002's fear in range is {1, 0, 0, 0}: -1.5 / 5 = -0.3, still falling
        CHECK(result.themes[indexOf(codebook, "fear")].fallingClients == std::vector<std::string>{"C-002"});
        CHECK(result.themes[indexOf(codebook, "fear")].sessions == 5); // C-001: 4, C-002: 1
    }
    SECTION("an empty caseload") {
        const CaseloadAnalysis result = analyseCaseload(CaseloadObservations{}, codebook);
        CHECK(result.clients == 0);
        CHECK(result.sessions == 0);
        CHECK(result.themes.size() == codebook.size());
    }
}

// ---- A workflow -------------------------------------------------------------------------------

SCENARIO("Over twelve sessions hope of change fades, fear grows, and the client prepares to leave",
         "[analytics][workflow]") {
    const Codebook codebook = defaultCodebook();
    GIVEN("twelve weekly sessions") {
        //                                   session: 0  1  2  3  4  5  6  7  8  9 10 11
        const std::vector<int> hope{3, 3, 3, 3, 2, 2, 2, 1, 1, 1, 0, 0};
        const std::vector<int> fear{0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3};
        ClientRecord record = fromSeries("C-014", {{"hope-of-change", hope}, {"fear", fear}});
        record.sessions[0].observations[0].quote = "He'll change once work calms down.";
        record.sessions[9].observations[0].quote = "Maybe he won't change.";
        for (std::size_t i = 0; i < record.sessions.size(); ++i) {
            if (i == 0 || i == 4) {
                record.sessions[i].stageOfChange.leaving = Stage::Contemplation;
            }
            if (i >= 8) {
                record.sessions[i].stageOfChange.leaving = Stage::Preparation;
            }
        }

        WHEN("the whole history is analysed with the default window of 6") {
            const ClientAnalysis analysis = analyseClient(record, codebook);

            THEN("hope of change is falling and fear is rising") {
                const SeriesStats& hopeStats = themeOf(analysis, "hope-of-change").stats;
                // last 6 {2,1,1,1,0,0}: -2.5*2 - 1.5 - 0.5 + 0.5 = -6.5; -6.5 / 17.5 = -0.3714
                CHECK(hopeStats.trend.slope == Approx(-6.5 / 17.5));
                CHECK(hopeStats.trend.trend == Trend::Falling);
                CHECK(hopeStats.lastSeen == day("2026-03-11")); // session 9 = Jan 7 + 63 days
                CHECK(hopeStats.latest == 0);
                const SeriesStats& fearStats = themeOf(analysis, "fear").stats;
                // last 6 {2,2,2,3,3,3}: -5 - 3 - 1 + 1.5 + 4.5 + 7.5 = 4.5; 4.5 / 17.5 = 0.2571
                CHECK(fearStats.trend.slope == Approx(4.5 / 17.5));
                CHECK(fearStats.trend.trend == Trend::Rising);
                CHECK(fearStats.firstSeen == day("2026-01-28")); // session 3
                CHECK(fearStats.currentStreak == 9);             // sessions 3..11
            }
            THEN("the barrier category, the max of both, is rising") {
                // {3,3,3,3,2,2,2,2,2,3,3,3}; last 6 {2,2,2,3,3,3}: -5 - 3 - 1 + 1.5 + 4.5 + 7.5 = 4.5
                const SeriesStats& barrier = analysis.category(ThemeCategory::Barrier)->stats;
                CHECK(barrier.intensity == std::vector<int>{3, 3, 3, 3, 2, 2, 2, 2, 2, 3, 3, 3});
                CHECK(barrier.trend.slope == Approx(4.5 / 17.5));
                CHECK(barrier.trend.trend == Trend::Rising);
            }
            THEN("the stage of change moves from contemplation to preparation once") {
                const StageHistory& leaving = analysis.ambivalence.of(StageTarget::Leaving);
                REQUIRE(leaving.changes.size() == 2);
                CHECK_FALSE(leaving.changes[0].from.has_value());
                CHECK(leaving.changes[0].to == Stage::Contemplation);
                CHECK(leaving.changes[1].sessionIndex == 8);
                CHECK(leaving.changes[1].from == Stage::Contemplation);
                CHECK(leaving.changes[1].to == Stage::Preparation);
                CHECK(analysis.ambivalence.of(StageTarget::Safety).changes.empty());
            }
            THEN("the quotes tell the story in order") {
                const auto& quotes = themeOf(analysis, "hope-of-change").quotes;
                REQUIRE(quotes.size() == 2);
                CHECK(quotes[0].text == "He'll change once work calms down.");
                CHECK(quotes[0].intensity == 3);
                CHECK(quotes[1].text == "Maybe he won't change.");
                CHECK(quotes[1].session == SessionId{110});
            }
            THEN("the two themes overlap less than chance") {
                REQUIRE(analysis.pairs.size() == 1);
                const CoOccurrence& pair = analysis.pairs[0];
                CHECK(pair.firstKey == "fear");            // index 12 before hope-of-change 13
                CHECK(pair.both == 7);                     // sessions 3..9
                CHECK(pair.jaccard == Approx(7.0 / 12.0)); // 7 / (9 + 10 - 7)
                CHECK(pair.lift == Approx(84.0 / 90.0));   // 7 * 12 / (9 * 10)
            }
            THEN("fear ranks first, hope second") {
                // fear 3 + 0.2571*5 = 4.286; hope 0 + 0.3714*5 = 1.857
                const auto ranked = keysOf(analysis, rankThemes(analysis));
                REQUIRE(ranked.size() >= 2);
                CHECK(ranked[0] == "fear");
                CHECK(ranked[1] == "hope-of-change");
            }
            THEN("beside the last note, hope is not yet 'not seen for a while'") {
                // hope last seen in session 9: absent in 10 and 11 only
                CHECK(signalsFor(analysis, 11).notSeenForAWhile.empty());
                CHECK(signalsFor(analysis, 11, 2).notSeenForAWhile ==
                      std::vector<ThemeGap>{{indexOf(codebook, "hope-of-change"), 2}});
                CHECK(signalsFor(analysis, 3).newThemes == std::vector<std::size_t>{indexOf(codebook, "fear")});
            }
        }
        WHEN("a supervision summary covers only the first six sessions") {
            AnalysisOptions options;
            options.to = day("2026-02-11"); // session 5
            const ClientAnalysis analysis = analyseClient(record, codebook, options);
            THEN("the trends are those of that period") {
                REQUIRE(analysis.sessions.size() == 6);
                // hope {3,3,3,3,2,2}: -7.5 - 4.5 - 1.5 + 1.5 + 3 + 5 = -4; -4 / 17.5 = -0.2286
                CHECK(themeOf(analysis, "hope-of-change").stats.trend.slope == Approx(-4.0 / 17.5));
                CHECK(themeOf(analysis, "hope-of-change").stats.trend.trend == Trend::Falling);
                // fear {0,0,0,1,1,1}: 0.5 + 1.5 + 2.5 = 4.5; 4.5 / 17.5 = 0.2571
                CHECK(themeOf(analysis, "fear").stats.trend.slope == Approx(4.5 / 17.5));
                CHECK(analysis.ambivalence.of(StageTarget::Leaving).changes.size() == 1);
                CHECK(analysis.ambivalence.of(StageTarget::Leaving).latest == Stage::Contemplation);
            }
        }
    }
}
