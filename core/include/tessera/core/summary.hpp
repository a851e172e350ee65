#pragma once

// Supervision summaries: one client over a period, de-identified, as a document model that a
// front end can preview and that renderers turn into Markdown, HTML (here) or PDF (app/report).
// Building the model does all the work that needs the clinical record: choosing what goes in,
// de-identifying every text, labelling sessions. Every string in a SummaryDocument is already
// safe to leave the vault, so renderers only lay it out and escape it. docs/summaries.md
// describes the contents and the rules for clinicians.

#include "tessera/core/analytics.hpp"
#include "tessera/core/codebook.hpp"
#include "tessera/core/deidentify.hpp"
#include "tessera/core/model.hpp"

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::core {

struct SummaryOptions {
    std::optional<Date> from; // inclusive; nullopt: from the first session
    std::optional<Date> to;   // inclusive; nullopt: to the last session
    // Keep calendar dates: session dates, the period and dates written in the notes. By default
    // sessions are shown as "Session 5 (week 9)" and dates in the text are replaced.
    bool exactDates = false;
    // The psychotherapy (process) notes, under their own heading. Never included otherwise.
    bool includePsychotherapyNotes = false;
    // Questions for the supervisor, one per entry (see parseQuestions). De-identified too.
    std::vector<std::string> questions;
    int window = kDefaultTrendWindow; // sessions the trends look back over
    // Distinct quotes shown per theme (0: all). Beyond it, the most intense are kept.
    std::size_t maxQuotesPerTheme = 8;
    // Observation notes shown per theme, the most recent (0: all).
    std::size_t maxNotesPerTheme = 5;
    // Other sections of the note templates to include, by key ("presenting", "interventions"...),
    // each under its own heading, de-identified. None by default.
    std::vector<std::string> extraSections;
    // Words the clinician reviewed and found not identifying for this client (kept in the vault:
    // storage::Vault::notIdentifying). The detector takes none of them for a name or a suspect;
    // the redaction list still wins.
    std::vector<std::string> notIdentifying;
};

// A session of the period as it may appear outside the vault.
struct SessionLabel {
    std::size_t number = 0;   // 1-based position in the period
    int week = 0;             // 1-based week counted from the first session of the period
    std::optional<Date> date; // only with exactDates
    std::string text;         // "Session 5 (week 9)" or "Session 5 (2026-01-07)"
    bool draft = false;       // not signed: its content is marked "draft, not signed" wherever it appears
};

// A de-identified text from one session; `session` indexes SummaryDocument::sessions.
struct SessionText {
    std::size_t session = 0;
    std::string text;
};

struct TemplateUse {
    std::string label; // "Ambivalence progress note (v1)"
    int sessions = 0;
};

struct SummaryHeader {
    std::string clientCode;
    std::string period;       // "12 sessions over 14 weeks" or "2026-01-07 to 2026-04-08"
    std::optional<Date> from; // only with exactDates: first and last session of the period
    std::optional<Date> to;
    int sessions = 0;
    int drafts = 0; // sessions not yet signed
    int weeks = 0;  // weeks from the first to the last session, both included
    std::vector<TemplateUse> templates;
    bool exactDates = false;
    bool psychotherapyNotesIncluded = false;
};

// One verbatim sentence and every session it was heard in (identical wording, ignoring case
// and spacing, is grouped: the same words coming back are clinical evidence).
struct QuoteGroup {
    std::string text;
    std::vector<std::size_t> sessions; // in order
    int maxIntensity = 0;
};

struct ThemeSummary {
    std::string key;
    std::string label;
    ThemeCategory category = ThemeCategory::SelfPerception;
    std::string colour; // "#RRGGBB"
    Trend trend = Trend::Absent;
    double slope = 0.0;          // intensity points per session over the trend window
    std::size_t trendPoints = 0; // sessions the trend was fitted over
    int sessionsPresent = 0;
    std::optional<std::size_t> firstSeen; // session indices
    std::optional<std::size_t> lastSeen;
    double meanWhenPresent = 0.0;
    int latest = 0;
    std::vector<int> series;        // one intensity per session of the period
    std::vector<QuoteGroup> quotes; // by first appearance
    std::size_t quotesOmitted = 0;  // distinct quotes beyond maxQuotesPerTheme
    std::vector<SessionText> notes; // observation notes, in order
    std::size_t notesOmitted = 0;
};

struct CategorySummary {
    ThemeCategory category = ThemeCategory::SelfPerception;
    std::string name; // "Self-perception"
    Trend trend = Trend::Absent;
    double slope = 0.0;
    int sessionsPresent = 0;
    int latest = 0;
    int themesPresent = 0; // themes of the category seen in the period
    std::vector<int> series;
};

struct StageStep {
    std::size_t session = 0;
    std::optional<Stage> from; // nullopt: the first stage recorded in the period
    Stage to = Stage::Precontemplation;
};

struct StageSummary {
    StageTarget target = StageTarget::Leaving;
    std::string name; // "Leaving", "Safety"
    std::vector<StageStep> changes;
    std::vector<std::optional<Stage>> perSession;
    std::optional<Stage> latest;
    int sessionsRecorded = 0;
};

struct BalanceReason {
    BalanceSide side = BalanceSide::Stay;
    std::string reason; // de-identified
    int weight = 1;
};

struct BalanceEntry {
    std::size_t session = 0;
    int stay = 0;
    int leave = 0;
    int difference = 0; // leave - stay
};

struct BalanceSummary {
    std::vector<BalanceEntry> points;
    TrendFit trend; // of leave - stay over the last `window` balances
    // The reasons as the client gave them the first and the last time in the period.
    std::optional<std::size_t> firstSession;
    std::vector<BalanceReason> firstReasons;
    std::optional<std::size_t> latestSession;
    std::vector<BalanceReason> latestReasons;
};

// Risk and safety entries, newest first: identical or near-identical texts are one entry naming
// every session they were written in (newest first too).
struct RiskEntry {
    std::vector<std::size_t> sessions; // newest first
    std::string text;                  // the newest wording
};

// One clinical reason the summary opens with (see core::findStandouts), already phrased.
struct StandoutLine {
    StandoutKind kind = StandoutKind::RisingToCentral;
    std::string text; // de-identified sentence with its evidence
};

// A template section asked for with SummaryOptions::extraSections.
struct ExtraSection {
    std::string key;
    std::string label; // de-identified
    std::vector<SessionText> entries;
};

struct AddendumEntry {
    std::size_t session = 0;
    std::string when; // "2 days after the session" or "2026-01-09"
    std::string text;
};

struct SummaryDocument {
    std::string title; // "Supervision summary: C-014"
    SummaryHeader header;
    std::vector<SessionLabel> sessions;
    int trendWindow = kDefaultTrendWindow;

    std::vector<ThemeSummary> themes;        // present in the period, strongest and fastest-moving first
    std::vector<std::string> themesNotSeen;  // labels, codebook order
    std::vector<CategorySummary> categories; // categories with at least one theme in the codebook

    std::array<StageSummary, kStageTargets.size()> stages;
    BalanceSummary balance;

    std::string formulation;                 // the client's case formulation, de-identified; may be empty
    std::vector<StandoutLine> standouts;     // "What stands out": empty when nothing does
    std::vector<RiskEntry> risk;             // `risk_and_safety` sections, newest first, collapsed
    std::vector<SessionText> reflections;    // `clinician_reflection` sections, in order
    std::optional<std::size_t> agendaCheck;  // index into `themes` when the theme was tagged
    std::optional<SessionText> plan;         // the plan of the last session that has one
    bool planFromLastSession = false;        // false: an earlier session's plan (the last had none)
    std::vector<ExtraSection> extraSections; // in the order asked for
    std::vector<AddendumEntry> addenda;

    std::vector<SessionText> psychotherapyNotes; // empty unless asked for
    std::vector<std::string> questions;          // empty: an empty section to fill in

    DeidentificationReport deidentification;

    [[nodiscard]] const SessionLabel& session(std::size_t index) const { return sessions.at(index); }
};

// What the review before sharing shows (the Export dialog): every replacement and every suspected
// identifier the de-identification found in the texts that went into a summary. It holds the
// words as written in the vault, so it stays in the app: it is never part of a document.
struct ReviewItem {
    std::string text; // the words as written in the vault
    ReplacementKind kind = ReplacementKind::Person;
    std::string_view rule;   // why (see Finding::rule)
    std::string replacement; // what the summary shows in their place; for a suspect, nothing
    bool suspect = false;    // left in the summary: the clinician should decide
};

struct SummaryReview {
    std::vector<ReviewItem> items; // in the order the summary's texts were de-identified
    [[nodiscard]] std::size_t suspects() const;
};

// Builds the model. `templates` are the vault's templates (all versions), used for the labels of
// the templates in the header. Never throws for data that passed validation; an empty period
// gives a document with no sessions.
[[nodiscard]] SummaryDocument buildSummary(const ClientRecord& record, const Codebook& codebook,
                                           std::span<const NoteTemplate> templates, const SummaryOptions& options = {});
// The same, and fills `review` with what the de-identification found (slower: each text is
// searched once more for the review).
[[nodiscard]] SummaryDocument buildSummary(const ClientRecord& record, const Codebook& codebook,
                                           std::span<const NoteTemplate> templates, const SummaryOptions& options,
                                           SummaryReview& review);

// The template sections a summary can include on request (SummaryOptions::extraSections): every
// section of the templates, first label per key, except those every summary already shows.
[[nodiscard]] std::vector<TemplateSection> optionalSummarySections(std::span<const NoteTemplate> templates);

// One question per non-empty line; list markers ("- ", "* ", "1. ", "1) ") are removed.
[[nodiscard]] std::vector<std::string> parseQuestions(std::string_view text);

// ---- The output layer ----------------------------------------------------------------------------
// The summary's one section sequence, as format-neutral blocks. Every sentence of a summary is
// written here, once; the Markdown, HTML and PDF renderers only map block kinds to their format.
// A new section is one edit (summary_layout.cpp).

enum class ChartKind { Intensity, Stage, Balance };

struct Chart {
    ChartKind kind = ChartKind::Intensity;
    std::string colour;                       // "#RRGGBB" (intensity charts)
    std::vector<int> values;                  // intensity per session (0-3), or leave - stay per balance
    std::vector<std::size_t> sessions;        // balance: the session of each value
    std::vector<std::optional<Stage>> stages; // stage: one per session
    std::size_t sessionCount = 0;
    std::string description; // the values as text: the figure's alternative text and caption
};

enum class ListStyle { Bullets, Entries, Ordered };

struct ListItem {
    std::string label; // bold lead ("Client:") or the session of an entry; may be empty
    std::string text;
};

struct TableCell {
    std::string text;
    std::string detail; // a second, smaller line (category, slope, mean)
    std::optional<Chart> chart;
};

struct Table {
    // Column headings; empty: a two-column label/value table whose first cell heads its row.
    std::vector<std::string> columns;
    std::vector<bool> numeric; // per column: right-aligned figures
    std::vector<std::vector<TableCell>> rows;
    std::string caption; // what the table holds, for screen readers
    bool lastRowIsTotal = false;
};

enum class BlockKind { Heading, Paragraph, Note, Notice, List, Table, Chart };

struct Block {
    BlockKind kind = BlockKind::Paragraph;
    int level = 0;  // Heading: 1-3
    std::string id; // Heading (level 2): the section's stable id ("themes", "risk")
    std::string text;
    ListStyle style = ListStyle::Bullets;
    std::vector<ListItem> items;
    Table table;
    Chart chart;
    bool keepTogether = false; // Heading: keep the whole section on one page if it fits
};

struct OutputDocument {
    std::string title;
    std::string language = "en";
    std::string kicker; // the line above the title
    std::string subject;
    std::vector<Block> blocks;
};

[[nodiscard]] OutputDocument layoutSummary(const SummaryDocument& document);

// ---- Renderers (the PDF renderer lives in app/report) ------------------------------------------

// CommonMark. Every note text is escaped so that it cannot add headings, lists, links or HTML.
// Charts are text sparklines ("▁▂▅█").
[[nodiscard]] std::string renderMarkdown(const SummaryDocument& document);
[[nodiscard]] std::string renderMarkdown(const OutputDocument& document);

// One self-contained HTML5 file: inline CSS (screen and print, A4 and Letter) and inline SVG
// charts; no scripts, links, images or other external resources.
[[nodiscard]] std::string renderHtml(const SummaryDocument& document);
[[nodiscard]] std::string renderHtml(const OutputDocument& document);

// The escaping the renderers use: text that can only be text (no structure, links or markup).
[[nodiscard]] std::string escapeMarkdown(std::string_view text);
[[nodiscard]] std::string escapeHtml(std::string_view text);

// ---- Wording shared by every renderer, so Markdown, HTML and PDF say the same thing ----------

[[nodiscard]] std::string_view trendName(Trend trend);                   // "Rising", "Falling", "Steady", "Absent"
[[nodiscard]] std::string formatSlope(double slope);                     // "+0.34", "−0.20", "0.00"
[[nodiscard]] std::string formatDecimal(double value, int decimals = 1); // "2.1"
[[nodiscard]] std::string sparkline(std::span<const int> series);        // "·▃▅█": one mark per session

// The paragraph under the title: what was de-identified and how sessions are labelled.
[[nodiscard]] std::string introText(const SummaryDocument& document);
// "Intensity: 0 absent ... Trend over the last 6 sessions: ..."
[[nodiscard]] std::string themesLegend(const SummaryDocument& document);
// "rising, +0.34 per session" (lower case: it is used inside sentences)
[[nodiscard]] std::string trendText(Trend trend, double slope, std::string_view per = "session");
// "Session 3 (week 3)" for one session; "Sessions 3, 4 and 9 (weeks 3 to 10)" for several, or
// with exact dates "Sessions 3, 4 and 9 (2026-01-20 to 2026-03-24)".
[[nodiscard]] std::string sessionsText(const SummaryDocument& document, std::span<const std::size_t> sessions);
// "14 of 24 sessions"
[[nodiscard]] std::string presenceText(const SummaryDocument& document, int sessionsPresent);
// "Session 2 (week 2) to Session 24 (week 27)", or "Session 3 (week 3)" when seen once.
[[nodiscard]] std::string seenText(const SummaryDocument& document, const ThemeSummary& theme);
// One sentence on the decisional-balance trend, or empty when there is no balance.
[[nodiscard]] std::string balanceTrendText(const SummaryDocument& document);
// "Agenda check: tagged in 8 of 24 sessions, steady (0.00 per session), latest 1." or "not tagged".
[[nodiscard]] std::string agendaCheckText(const SummaryDocument& document);
// "The last session has no plan; this is the plan of Session 22 (week 25)." or empty.
[[nodiscard]] std::string planNote(const SummaryDocument& document);

// The de-identification report as lines: what was replaced and how often, then how dates and
// psychotherapy notes were handled. Never the replaced words.
struct ReportLine {
    std::string label;  // "Names from the redaction list"
    std::string value;  // "14"
    std::string detail; // "[partner] 12, [child] 2"
};
[[nodiscard]] std::vector<ReportLine> reportReplacementLines(const SummaryDocument& document);
[[nodiscard]] std::vector<ReportLine> reportHandlingLines(const SummaryDocument& document);
[[nodiscard]] std::string reportCaveat();

} // namespace tessera::core
