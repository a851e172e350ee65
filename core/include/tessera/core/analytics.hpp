#pragma once

// Theme analytics: how each theme of the codebook moves across one client's sessions, which
// themes come together, how the client's ambivalence (stage of change, decisional balance)
// evolves (the same picture across a whole caseload: caseload.hpp). Pure functions over the domain model;
// docs/analytics.md explains every rule and number for clinicians and engineers.
//
// Conventions used throughout:
// - "Session index" is the position of a session in ClientAnalysis::sessions: the client's
//   sessions inside the date range, in date order (same-day sessions in creation order).
// - A theme is "present" in a session when its intensity there is >= 1; a session without an
//   observation of the theme counts 0.
// - Trends are least-squares slopes over the last `window` points, classified exactly (integer
//   arithmetic, no floating-point tolerance) against +/- kTrendThreshold.

#include "tessera/core/codebook.hpp"
#include "tessera/core/date.hpp"
#include "tessera/core/model.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::core {

// ---- Trends ---------------------------------------------------------------------------------

enum class Trend { Absent, Falling, Steady, Rising };
[[nodiscard]] std::string_view toString(Trend trend); // "absent", "falling", "steady", "rising"

// A slope of at least this much per session (0.15 intensity points, i.e. about one point over
// six sessions) is rising; at most its negative is falling.
inline constexpr double kTrendThreshold = 0.15;

// The least-squares line through the points (0, v0), (1, v1), ... The slope is kept as the exact
// fraction numerator / denominator (both integers because the inputs are), so a slope of exactly
// +/-0.15 is classified as rising/falling without any floating-point tolerance.
struct TrendFit {
    double slope = 0.0;           // numerator / denominator, for display
    Trend trend = Trend::Absent;  // Absent only when there were no points (see SeriesStats)
    std::size_t points = 0;       // how many values the line was fitted to
    std::int64_t numerator = 0;   // n*sum(x*y) - sum(x)*sum(y)
    std::int64_t denominator = 1; // n*sum(x*x) - sum(x)^2; 1 when fewer than two points

    friend bool operator==(const TrendFit&, const TrendFit&) = default;
};

// Fits all of `values` (the caller picks the window). No values: Absent, slope 0. One value:
// slope 0, Steady. Otherwise Rising when slope >= +0.15, Falling when <= -0.15, else Steady.
// Exact for any series a journal can hold (fewer than 50,000 values of magnitude < 10^6).
[[nodiscard]] TrendFit fitTrend(std::span<const int> values);

// ---- Options --------------------------------------------------------------------------------

inline constexpr int kDefaultTrendWindow = 6;
inline constexpr int kDefaultQuietAfter = 3;

struct AnalysisOptions {
    std::optional<Date> from; // inclusive; nullopt: from the first session
    std::optional<Date> to;   // inclusive; nullopt: to the last session
    // Trends look at the last `window` sessions (values < 2 are treated as 2). A window longer
    // than the history uses the whole history.
    int window = kDefaultTrendWindow;
    // "Returned" and "not seen for a while" need at least this many sessions without the theme
    // (values < 1 are treated as 1).
    int quietAfter = kDefaultQuietAfter;
};

// ---- One client -----------------------------------------------------------------------------

// A session included in the analysis.
struct SessionRef {
    SessionId id;
    Date date;
    std::size_t recordIndex = 0; // position in ClientRecord::sessions

    friend bool operator==(const SessionRef&, const SessionRef&) = default;
};

// A theme (or category) present again after `gap` >= 1 sessions without it, having been present
// before that.
struct Return {
    std::size_t sessionIndex = 0;
    SessionId session;
    Date date;
    int gap = 0;

    friend bool operator==(const Return&, const Return&) = default;
};

// Statistics of one intensity series; shared by themes and categories.
struct SeriesStats {
    std::vector<int> intensity; // one per analysed session, 0 = absent
    int sessionsPresent = 0;    // sessions with intensity >= 1
    std::optional<Date> firstSeen;
    std::optional<Date> lastSeen;
    double meanWhenPresent = 0.0; // mean intensity over the sessions where present; 0 when never
    int latest = 0;               // intensity in the last analysed session
    // Over the last `window` sessions; Absent when the intensity is 0 in all of them.
    TrendFit trend;
    int currentStreak = 0;            // consecutive sessions present, ending at the last session
    std::optional<int> returnedAfter; // gap, when the last session is a return
    std::vector<Return> returns;      // every return, in date order
};

// A verbatim quote of an observation.
struct Quote {
    std::size_t sessionIndex = 0;
    SessionId session;
    Date date;
    int intensity = 0;
    std::string text;

    friend bool operator==(const Quote&, const Quote&) = default;
};

struct ThemeAnalysis {
    std::size_t themeIndex = 0; // into Codebook::themes()
    std::string key;
    std::string label;
    ThemeCategory category = ThemeCategory::SelfPerception;
    bool retired = false; // retired themes keep their history and are analysed like any other
    SeriesStats stats;
    std::vector<Quote> quotes; // in date order; observations with an empty quote contribute none
};

// A category's series is, per session, the highest intensity among its themes.
struct CategoryAnalysis {
    ThemeCategory category = ThemeCategory::SelfPerception;
    SeriesStats stats;
};

// Two themes present in the same sessions. Only pairs that co-occur at least once are listed.
struct CoOccurrence {
    std::size_t first = 0;  // theme index; first < second (codebook order)
    std::size_t second = 0; // theme index
    std::string firstKey;
    std::string secondKey;
    int both = 0;        // sessions where both are present
    int firstCount = 0;  // sessions where `first` is present
    int secondCount = 0; // sessions where `second` is present
    // both / (first + second - both): the share of the sessions with either theme that have both.
    // The same as ATLAS.ti's c-coefficient. 1 when the themes always come together.
    double jaccard = 0.0;
    // both * sessions / (first * second): how many times more often the pair occurs than if the
    // themes were independent. 1 = chance; > 1 they come together. Unstable with small counts.
    double lift = 0.0;
};

struct StageChange {
    std::size_t sessionIndex = 0;
    SessionId session;
    Date date;
    std::optional<Stage> from; // nullopt for the first recorded stage in the range
    Stage to = Stage::Precontemplation;

    friend bool operator==(const StageChange&, const StageChange&) = default;
};

struct StageHistory {
    StageTarget target = StageTarget::Leaving;
    std::vector<std::optional<Stage>> perSession; // one per analysed session
    // A session without a stage is not a change; the next recorded stage is compared with the
    // last recorded one.
    std::vector<StageChange> changes;
    std::optional<Stage> latest; // the last recorded stage
};

// Decisional balance of one session that has at least one balance item.
struct BalancePoint {
    std::size_t sessionIndex = 0;
    SessionId session;
    Date date;
    int stay = 0;       // sum of the weights of reasons to stay
    int leave = 0;      // sum of the weights of reasons to leave
    int difference = 0; // leave - stay: positive when leaving weighs more

    friend bool operator==(const BalancePoint&, const BalancePoint&) = default;
};

struct AmbivalenceAnalysis {
    std::array<StageHistory, kStageTargets.size()> stages; // in kStageTargets order
    std::vector<BalancePoint> balance;                     // only sessions with a balance
    // Slope of `difference` over the last `window` balance points (x = 0, 1, ... per point).
    // Absent when there is no balance at all.
    TrendFit balanceTrend;

    [[nodiscard]] const StageHistory& of(StageTarget target) const;
};

struct ClientAnalysis {
    std::string clientCode;
    // The options actually used, after clamping (window >= 2, quietAfter >= 1).
    int window = kDefaultTrendWindow;
    int quietAfter = kDefaultQuietAfter;
    std::vector<SessionRef> sessions;
    std::vector<ThemeAnalysis> themes;        // every codebook theme, codebook order
    std::vector<CategoryAnalysis> categories; // kThemeCategories order, all five
    std::vector<CoOccurrence> pairs;          // strongest first (see analyseClient)
    AmbivalenceAnalysis ambivalence;

    // nullptr when the key is not in the codebook that was analysed.
    [[nodiscard]] const ThemeAnalysis* theme(std::string_view key) const;
    // nullptr only for a default-constructed analysis: analyseClient lists all five categories.
    [[nodiscard]] const CategoryAnalysis* category(ThemeCategory category) const;
    // Index of the session in `sessions`; nullopt when it is not in the analysis.
    [[nodiscard]] std::optional<std::size_t> sessionIndex(SessionId id) const;
};

// Analyses the sessions of `record` inside [options.from, options.to] against every theme of
// `codebook`. Observations of keys not in the codebook are ignored; intensities are clamped to
// 0-3; should a theme be observed twice in a session, its highest intensity counts.
// Pairs are ordered by Jaccard (highest first), then by `both` (highest first), then by
// firstKey and secondKey alphabetically.
[[nodiscard]] ClientAnalysis analyseClient(const ClientRecord& record, const Codebook& codebook,
                                           const AnalysisOptions& options = {});

// ---- Signals beside one session's note ----------------------------------------------------

struct ThemeGap {
    std::size_t themeIndex = 0;
    int sessionsAbsent = 0;

    friend bool operator==(const ThemeGap&, const ThemeGap&) = default;
};

struct SessionSignals {
    std::size_t sessionIndex = 0;
    // Present in this session and never before it (in the analysed range).
    std::vector<std::size_t> newThemes;
    // Present in this session after >= quietAfter sessions without it, having been seen earlier.
    // sessionsAbsent: the sessions between the last presence and this one.
    std::vector<ThemeGap> returned;
    // Seen earlier, absent in this session and the quietAfter - 1 before it. sessionsAbsent
    // counts this session too.
    std::vector<ThemeGap> notSeenForAWhile;
};

// All lists are in codebook order. Throws std::out_of_range when sessionIndex is not a session of
// the analysis. `quietAfter` values < 1 are treated as 1.
[[nodiscard]] SessionSignals signalsFor(const ClientAnalysis& analysis, std::size_t sessionIndex, int quietAfter);
// Uses the analysis's own quietAfter.
[[nodiscard]] SessionSignals signalsFor(const ClientAnalysis& analysis, std::size_t sessionIndex);
// nullopt when the session is not in the analysis (for example outside the date range).
[[nodiscard]] std::optional<SessionSignals> signalsFor(const ClientAnalysis& analysis, SessionId session);

// ---- What stands out ------------------------------------------------------------------------
// Rule-based, descriptive signals for supervision (docs/summaries.md lists the rules). Each one
// carries its evidence; none is advice. Computed over the analysed sessions of one client.

enum class StandoutKind {
    RisingToCentral,    // latest intensity 3 (central) with a rising trend
    NewTheme,           // first present in the last `window` sessions of a longer period
    ReturnedTheme,      // present again in the last `window` sessions after >= quietAfter without it
    StageMove,          // a stage change (per target) in the last `window` sessions
    StageRegression,    // the same, to an earlier stage
    BalanceCrossedZero, // leave - stay changed sign between two consecutive balances
    RiskWords,          // risk words in the latest risk-and-safety entries
    AgendaCheck,        // the clinician tagged their own agenda in the last `window` sessions
};

struct Standout {
    StandoutKind kind = StandoutKind::RisingToCentral;
    std::size_t themeIndex = 0;        // theme kinds: into ClientAnalysis::themes
    std::vector<std::size_t> sessions; // the evidence: session indices, in order
    std::vector<int> values;           // per evidence session: intensity, or leave - stay
    int gap = 0;                       // ReturnedTheme: sessions without the theme before it returned
    StageTarget target = StageTarget::Leaving;
    std::optional<Stage> from;
    Stage to = Stage::Precontemplation;
    std::vector<std::string> riskWords; // RiskWords: what was named ("a thrown object", "a threat")

    friend bool operator==(const Standout&, const Standout&) = default;
};

struct StandoutOptions {
    std::string riskSection = "risk_and_safety";
    std::size_t latestRiskEntries = 3; // the newest entries searched for risk words
    std::string agendaTheme = "agenda-check";
};

// In the order a supervisor reads them: risk first, then themes, stages, balance, agenda checks.
[[nodiscard]] std::vector<Standout> findStandouts(const ClientAnalysis& analysis, const ClientRecord& record,
                                                  const StandoutOptions& options = {});

// The risk words found in `text` as what they name ("a thrown object", "a weapon"), each once, in
// a fixed order. Whole words, any case ("threw", "thrown", "knife", "strangled", "suicidal"...).
[[nodiscard]] std::vector<std::string> findRiskWords(std::string_view text);

// One observation sentence. `themeLabel` is the theme's label as it may be shown; `sessions` turns
// session indices into the wording of the caller ("Sessions 3 and 4 (weeks 3 to 5)").
using SessionsWording = std::function<std::string(std::span<const std::size_t>)>;
[[nodiscard]] std::string describeStandout(const Standout& standout, std::string_view themeLabel,
                                           const SessionsWording& sessions);
// The sentence shown when a client has none.
[[nodiscard]] std::string_view nothingStandsOutText();

// ---- Ordering -----------------------------------------------------------------------------

// Indices into analysis.themes, strongest and fastest-moving first:
// 1. themes present at least once in the range before those never seen;
// 2. higher score first, where score = latest intensity + |slope| * (window points - 1), i.e.
//    where the theme is now plus how far its trend line moved across the window;
// 3. higher mean intensity when present, then more sessions present, then codebook order.
// Scores are compared exactly (all themes share one window, hence one slope denominator).
[[nodiscard]] std::vector<std::size_t> rankThemes(const ClientAnalysis& analysis);

} // namespace tessera::core
