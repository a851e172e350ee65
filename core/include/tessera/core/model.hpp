#pragma once

// The domain model: plain values, no storage, no UI. Read ../../../../docs/domain-model.md
// for what each field means clinically.

#include "tessera/core/date.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::core {

// Identifiers the vault assigns. 0 means "not stored yet".
struct ClientId {
    std::int64_t value = 0;
    friend auto operator<=>(const ClientId&, const ClientId&) = default;
};
struct SessionId {
    std::int64_t value = 0;
    friend auto operator<=>(const SessionId&, const SessionId&) = default;
};

// ---- Codebook -------------------------------------------------------------------------------

enum class ThemeCategory { SelfPerception, Justification, Barrier, Relationship, Clinician };
inline constexpr std::array kThemeCategories{ThemeCategory::SelfPerception, ThemeCategory::Justification,
                                             ThemeCategory::Barrier, ThemeCategory::Relationship,
                                             ThemeCategory::Clinician};

[[nodiscard]] std::string_view toString(ThemeCategory category);    // "self-perception", ...
[[nodiscard]] std::string_view displayName(ThemeCategory category); // "Self-perception", ...
[[nodiscard]] std::optional<ThemeCategory> parseThemeCategory(std::string_view text);

struct Theme {
    std::string key; // stable identifier, e.g. "self-blame"; never changes once used
    std::string label;
    ThemeCategory category = ThemeCategory::SelfPerception;
    std::string description;
    std::string colour;   // "#RRGGBB"
    bool retired = false; // retired themes keep their history but are not offered for new notes

    friend bool operator==(const Theme&, const Theme&) = default;
};

// Intensity of an observation: 0 absent, 1 mentioned, 2 clearly present, 3 central.
inline constexpr int kMinIntensity = 0;
inline constexpr int kMaxIntensity = 3;

// ---- Templates ------------------------------------------------------------------------------

struct TemplateSection {
    std::string key; // e.g. "risk_and_safety"
    std::string label;
    std::string prompt;

    friend bool operator==(const TemplateSection&, const TemplateSection&) = default;
};

// A template is identified by (name, version). Editing a template creates a new version, so a
// note always keeps the sections it was written with.
struct NoteTemplate {
    std::string name; // e.g. "ambivalence-progress"
    int version = 1;
    std::string label;
    std::string description;
    std::vector<TemplateSection> sections;

    [[nodiscard]] const TemplateSection* findSection(std::string_view key) const;
    friend bool operator==(const NoteTemplate&, const NoteTemplate&) = default;
};

// ---- Clients --------------------------------------------------------------------------------

// A term to replace when text leaves the vault (supervision summaries). `replacement` empty
// means the default "[name]".
struct Redaction {
    std::string term;
    std::string replacement;

    friend bool operator==(const Redaction&, const Redaction&) = default;
};

struct Client {
    ClientId id;
    std::string code;        // pseudonymous code such as "C-014"; the only identity that leaves the vault
    std::string displayName; // optional, for the clinician's eyes only
    std::vector<Redaction> redactions;
    // The case formulation in the clinician's words: presenting problem, working formulation,
    // goals. Kept up to date; de-identified into summaries right after their opening section.
    std::string formulation = {};

    friend bool operator==(const Client&, const Client&) = default;
};

// ---- Sessions -------------------------------------------------------------------------------

enum class Stage { Precontemplation, Contemplation, Preparation, Action, Maintenance };
inline constexpr std::array kStages{Stage::Precontemplation, Stage::Contemplation, Stage::Preparation, Stage::Action,
                                    Stage::Maintenance};
[[nodiscard]] std::string_view toString(Stage stage);
[[nodiscard]] std::optional<Stage> parseStage(std::string_view text);
// For people: "Precontemplation", "Contemplation", ... (toString gives the stored form).
[[nodiscard]] std::string_view stageName(Stage stage);

// Stage of change is tracked separately for each target.
enum class StageTarget { Leaving, Safety };
inline constexpr std::array kStageTargets{StageTarget::Leaving, StageTarget::Safety};
[[nodiscard]] std::string_view toString(StageTarget target);
[[nodiscard]] std::optional<StageTarget> parseStageTarget(std::string_view text);

struct StageOfChange {
    std::optional<Stage> leaving;
    std::optional<Stage> safety;

    [[nodiscard]] const std::optional<Stage>& of(StageTarget target) const;
    [[nodiscard]] std::optional<Stage>& of(StageTarget target);
    [[nodiscard]] bool empty() const { return !leaving && !safety; }
    friend bool operator==(const StageOfChange&, const StageOfChange&) = default;
};

enum class BalanceSide { Stay, Leave };
[[nodiscard]] std::string_view toString(BalanceSide side);
[[nodiscard]] std::optional<BalanceSide> parseBalanceSide(std::string_view text);

// One reason in the decisional balance, as the client sees it, with a weight 1-3.
struct BalanceItem {
    BalanceSide side = BalanceSide::Stay;
    std::string reason;
    int weight = 1;

    friend bool operator==(const BalanceItem&, const BalanceItem&) = default;
};
inline constexpr int kMinBalanceWeight = 1;
inline constexpr int kMaxBalanceWeight = 3;

struct Observation {
    std::string themeKey;
    int intensity = 0;
    std::string quote; // verbatim, may be empty
    std::string note;

    friend bool operator==(const Observation&, const Observation&) = default;
};

struct SectionText {
    std::string key;
    std::string text;

    friend bool operator==(const SectionText&, const SectionText&) = default;
};

struct Addendum {
    Timestamp at;
    std::string text;

    friend bool operator==(const Addendum&, const Addendum&) = default;
};

struct Session {
    SessionId id;
    Date date;
    // When the session began, local time, if recorded. Orders sessions of the same day; never
    // leaves the vault in a de-identified summary (a time of day identifies).
    std::optional<TimeOfDay> time;
    std::optional<int> durationMinutes;
    std::string templateName;
    int templateVersion = 0;           // 0: the newest version when the session is created
    std::vector<SectionText> sections; // in the template's section order
    std::vector<Observation> observations;
    StageOfChange stageOfChange;
    std::vector<BalanceItem> decisionalBalance;
    // Kept apart from the progress note: never searched, never in a summary unless asked for.
    std::string psychotherapyNote;
    std::optional<Timestamp> signedAt; // a signed note is never edited, only amended
    std::vector<Addendum> addenda;

    [[nodiscard]] bool isSigned() const { return signedAt.has_value(); }
    [[nodiscard]] const std::string* sectionText(std::string_view key) const;
    [[nodiscard]] const Observation* observation(std::string_view themeKey) const;
    friend bool operator==(const Session&, const Session&) = default;
};

// The order of sessions: by date, then by time of day (a session without a time first).
[[nodiscard]] inline bool earlierSession(const Session& a, const Session& b) {
    return a.date != b.date ? a.date < b.date : a.time < b.time;
}

// A client with all of their sessions, in date order; sessions of the same day by time (those
// without a time first), then in creation order.
struct ClientRecord {
    Client client;
    std::vector<Session> sessions;

    friend bool operator==(const ClientRecord&, const ClientRecord&) = default;
};

} // namespace tessera::core
