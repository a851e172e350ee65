#include "tessera/core/codebook.hpp"

#include <utility>

namespace tessera::core {

Codebook::Codebook(std::vector<Theme> themes) {
    for (auto& theme : themes) {
        upsert(std::move(theme));
    }
}

const Theme* Codebook::find(std::string_view key) const {
    const auto index = indexOf(key);
    return index ? &m_themes[*index] : nullptr;
}

std::optional<std::size_t> Codebook::indexOf(std::string_view key) const {
    const auto it = m_index.find(std::string{key});
    if (it == m_index.end()) {
        return std::nullopt;
    }
    return it->second;
}

void Codebook::upsert(Theme theme) {
    if (const auto index = indexOf(theme.key)) {
        m_themes[*index] = std::move(theme);
        return;
    }
    m_index.emplace(theme.key, m_themes.size());
    m_themes.push_back(std::move(theme));
}

std::string_view defaultColour(ThemeCategory category) {
    // Muted, distinguishable hues that read on light and dark backgrounds.
    switch (category) {
    case ThemeCategory::SelfPerception: return "#8E6BB8";
    case ThemeCategory::Justification: return "#C78A3B";
    case ThemeCategory::Barrier: return "#3F7FB5";
    case ThemeCategory::Relationship: return "#B5524A";
    case ThemeCategory::Clinician: return "#4E9A78";
    }
    return "#808080";
}

namespace {

Theme makeTheme(ThemeCategory category, const char* key, const char* label, const char* description) {
    return Theme{key, label, category, description, std::string{defaultColour(category)}, false};
}

} // namespace

Codebook defaultCodebook() {
    using C = ThemeCategory;
    return Codebook{{
        makeTheme(C::SelfPerception, "self-blame", "Self-blame",
                  "The client holds themself responsible for the partner's behaviour or the relationship's problems."),
        makeTheme(C::SelfPerception, "am-i-the-bad-one", "\"Am I the bad one?\"",
                  "The client asks, in some form, whether they are the problem."),
        makeTheme(C::SelfPerception, "self-doubt", "Self-doubt / confusion",
                  "The client doubts their own perception, memory or judgement."),
        makeTheme(C::SelfPerception, "moral-injury", "Moral injury",
                  "The client describes having acted, or been made to act, against their own values."),
        makeTheme(C::Justification, "minimizing", "Minimizing (\"a tough day\")",
                  "Hurtful behaviour is explained away as a bad day, stress or a misunderstanding."),
        makeTheme(C::Justification, "backstory-excuse", "Excusing by backstory",
                  "The partner's behaviour is excused by their history (\"a rough childhood\")."),
        makeTheme(C::Justification, "keeping-the-peace", "Restoring harmony / keeping the peace",
                  "The client adapts, gives in or smooths things over to avoid conflict."),
        makeTheme(C::Barrier, "lack-of-understanding", "Not yet seeing the pattern",
                  "The client does not (yet) see the kind of relationship this is, or hopes to change the other."),
        makeTheme(C::Barrier, "money", "Money / finances", "Financial dependence or costs of leaving."),
        makeTheme(C::Barrier, "family-court", "Family court",
                  "Worry about, or the reality of, family-court proceedings."),
        makeTheme(C::Barrier, "custody", "Custody / children",
                  "Concern for the children and for custody arrangements."),
        makeTheme(C::Barrier, "duty-obligation", "Duty / obligations",
                  "A felt duty to the partner, the family, a faith or a promise."),
        makeTheme(C::Barrier, "fear", "Fear (incl. post-separation abuse)",
                  "Fear of the partner, of post-separation abuse, of court outcomes or of the unknown."),
        makeTheme(C::Barrier, "hope-of-change", "Hope the partner will change",
                  "The client hopes the partner will change; clinically, such change is very unlikely."),
        makeTheme(C::Barrier, "shared-history", "Shared history / good memories / home",
                  "The good days, memories and the shared home hold the client."),
        makeTheme(
            C::Barrier, "cultural-factors", "Cultural / intersectional factors",
            "Culture, community, faith, migration status or other intersectional factors shape staying or leaving."),
        makeTheme(C::Relationship, "chronic-asymmetry", "Chronic asymmetry",
                  "One partner's needs, moods and rules dominate the relationship."),
        makeTheme(C::Relationship, "angry-outbursts", "Angry outbursts / tantrums",
                  "The partner's rage, outbursts or tantrums are described."),
        makeTheme(C::Clinician, "agenda-check", "Clinician noticed own agenda",
                  "The clinician noticed an agenda of their own (e.g. \"you should leave\") in this session."),
        makeTheme(C::Clinician, "psychoeducation", "Psychoeducation given",
                  "The clinician offered psychoeducation in this session."),
    }};
}

std::vector<NoteTemplate> defaultTemplates() {
    return {
        NoteTemplate{
            "ambivalence-progress",
            1,
            "Ambivalence progress note",
            "For clients in, or leaving, a relationship with an antagonistic partner or parent.",
            {
                {"presenting", "Presenting", "How did the client arrive today? Mood, what they brought first."},
                {"session_content", "Session content", "What was talked about; what stood out."},
                {"justifications", "Justifications",
                 "How did the client explain the other's behaviour? Note the words used."},
                {"barriers", "Barriers and reasons to stay",
                 "Money, court, children, duty, fear, hope, shared history, culture."},
                {"risk_and_safety", "Risk and safety",
                 "Risk to the client or the children; safety planning; changes since last time."},
                {"interventions", "Interventions",
                 "What did you offer: reflection, psychoeducation, validation, planning?"},
                {"clinician_reflection", "Clinician reflection",
                 "Did you hold an agenda today (e.g. \"you should leave\")? What did you feel?"},
                {"plan", "Plan", "Next steps and what to follow up next session."},
            },
        },
        NoteTemplate{
            "dap",
            1,
            "DAP note",
            "Data, Assessment, Plan.",
            {
                {"data", "Data", "What the client said and what you observed."},
                {"assessment", "Assessment", "Your clinical interpretation of the data."},
                {"plan", "Plan", "Next steps, homework, next session."},
            },
        },
        NoteTemplate{
            "soap",
            1,
            "SOAP note",
            "Subjective, Objective, Assessment, Plan.",
            {
                {"subjective", "Subjective", "The client's account, in their words where it matters."},
                {"objective", "Objective", "What you observed: affect, behaviour, presentation."},
                {"assessment", "Assessment", "Your clinical assessment."},
                {"plan", "Plan", "Next steps, homework, next session."},
            },
        },
        NoteTemplate{
            "birp",
            1,
            "BIRP note",
            "Behavior, Intervention, Response, Plan.",
            {
                {"behavior", "Behavior", "The client's presentation and what they reported."},
                {"intervention", "Intervention", "What you did in the session."},
                {"response", "Response", "How the client responded to the intervention."},
                {"plan", "Plan", "Next steps and follow-up."},
            },
        },
    };
}

} // namespace tessera::core
