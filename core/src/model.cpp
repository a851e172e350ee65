#include "tessera/core/model.hpp"

#include <algorithm>

namespace tessera::core {

std::string_view toString(ThemeCategory category) {
    switch (category) {
    case ThemeCategory::SelfPerception: return "self-perception";
    case ThemeCategory::Justification: return "justification";
    case ThemeCategory::Barrier: return "barrier";
    case ThemeCategory::Relationship: return "relationship";
    case ThemeCategory::Clinician: return "clinician";
    }
    return "self-perception";
}

std::string_view displayName(ThemeCategory category) {
    switch (category) {
    case ThemeCategory::SelfPerception: return "Self-perception";
    case ThemeCategory::Justification: return "Justification";
    case ThemeCategory::Barrier: return "Barriers";
    case ThemeCategory::Relationship: return "Relationship";
    case ThemeCategory::Clinician: return "Clinician";
    }
    return "Self-perception";
}

std::optional<ThemeCategory> parseThemeCategory(std::string_view text) {
    for (const auto category : kThemeCategories) {
        if (toString(category) == text) {
            return category;
        }
    }
    return std::nullopt;
}

std::string_view toString(Stage stage) {
    switch (stage) {
    case Stage::Precontemplation: return "precontemplation";
    case Stage::Contemplation: return "contemplation";
    case Stage::Preparation: return "preparation";
    case Stage::Action: return "action";
    case Stage::Maintenance: return "maintenance";
    }
    return "precontemplation";
}

std::optional<Stage> parseStage(std::string_view text) {
    for (const auto stage : kStages) {
        if (toString(stage) == text) {
            return stage;
        }
    }
    return std::nullopt;
}

std::string_view stageName(Stage stage) {
    switch (stage) {
    case Stage::Precontemplation: return "Precontemplation";
    case Stage::Contemplation: return "Contemplation";
    case Stage::Preparation: return "Preparation";
    case Stage::Action: return "Action";
    case Stage::Maintenance: return "Maintenance";
    }
    return "Precontemplation";
}

std::string_view toString(StageTarget target) {
    return target == StageTarget::Leaving ? "leaving" : "safety";
}

std::optional<StageTarget> parseStageTarget(std::string_view text) {
    if (text == "leaving") {
        return StageTarget::Leaving;
    }
    if (text == "safety") {
        return StageTarget::Safety;
    }
    return std::nullopt;
}

const std::optional<Stage>& StageOfChange::of(StageTarget target) const {
    return target == StageTarget::Leaving ? leaving : safety;
}

std::optional<Stage>& StageOfChange::of(StageTarget target) {
    return target == StageTarget::Leaving ? leaving : safety;
}

std::string_view toString(BalanceSide side) {
    return side == BalanceSide::Stay ? "stay" : "leave";
}

std::optional<BalanceSide> parseBalanceSide(std::string_view text) {
    if (text == "stay") {
        return BalanceSide::Stay;
    }
    if (text == "leave") {
        return BalanceSide::Leave;
    }
    return std::nullopt;
}

const TemplateSection* NoteTemplate::findSection(std::string_view key) const {
    const auto it = std::find_if(sections.begin(), sections.end(), [&](const auto& s) { return s.key == key; });
    return it == sections.end() ? nullptr : &*it;
}

const std::string* Session::sectionText(std::string_view key) const {
    const auto it = std::find_if(sections.begin(), sections.end(), [&](const auto& s) { return s.key == key; });
    return it == sections.end() ? nullptr : &it->text;
}

const Observation* Session::observation(std::string_view themeKey) const {
    const auto it =
        std::find_if(observations.begin(), observations.end(), [&](const auto& o) { return o.themeKey == themeKey; });
    return it == observations.end() ? nullptr : &*it;
}

} // namespace tessera::core
