#include "viewmodels/note_draft.hpp"

#include "tessera/core/interchange.hpp"
#include "tessera/storage/vault.hpp"

#include <algorithm>
#include <cctype>

namespace tessera::app {

NoteReference readNoteReference(const storage::Vault& vault, const core::Session& session, core::ClientId client) {
    NoteReference reference;
    reference.codebook = vault.codebook();
    const auto templates = vault.templates();
    if (const auto* tmpl = core::findTemplate(templates, session.templateName, session.templateVersion)) {
        reference.noteTemplate = *tmpl;
        reference.templateLabel = tmpl->label.empty() ? tmpl->name : tmpl->label;
        const bool newer = std::any_of(templates.begin(), templates.end(), [tmpl](const core::NoteTemplate& other) {
            return other.name == tmpl->name && other.version > tmpl->version;
        });
        if (newer) {
            reference.templateLabel += " (version " + std::to_string(tmpl->version) + ")";
        }
    } else {
        reference.templateLabel = session.templateName;
    }
    if (const auto found = vault.findClient(client)) {
        reference.clientCode = found->code;
    }
    return reference;
}

OpenedNote readNote(const storage::Vault& vault, core::SessionId id, core::ClientId client) {
    OpenedNote opened{vault.session(id), {}, std::nullopt, std::nullopt};
    opened.reference = readNoteReference(vault, opened.session, client);
    const auto& stages = opened.session.stageOfChange;
    if (!opened.session.isSigned() && !(stages.leaving && stages.safety)) {
        const auto record = vault.clientRecord(client, storage::RecordContent::WithoutTexts);
        opened.previousLeaving = previousStage(record, id, core::StageTarget::Leaving);
        opened.previousSafety = previousStage(record, id, core::StageTarget::Safety);
    }
    return opened;
}
namespace {

bool isBlank(const std::string& text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; });
}

} // namespace

std::optional<StageSuggestion> previousStage(const core::ClientRecord& record, core::SessionId current,
                                             core::StageTarget target) {
    const auto& sessions = record.sessions;
    const auto at = std::find_if(sessions.begin(), sessions.end(),
                                 [current](const core::Session& session) { return session.id == current; });
    if (at == sessions.end()) {
        return std::nullopt;
    }
    for (auto it = std::make_reverse_iterator(at); it != sessions.rend(); ++it) {
        if (const auto& stage = it->stageOfChange.of(target)) {
            return StageSuggestion{*stage, it->date};
        }
    }
    return std::nullopt;
}

void NoteDraft::load(core::Session session, core::ClientId client) {
    m_session = std::move(session);
    m_client = client;
    m_suggestedLeaving.reset();
    m_suggestedSafety.reset();
    m_editGeneration = 0;
    m_savedGeneration = 0;
    m_failedGeneration = 0;
    m_lastEdit = 0.0;
    m_everSaved = false;
    m_saving = false;
    m_savedClock.clear();
    m_error.clear();
    m_saves = 0;
    m_failures = 0;
}

void NoteDraft::close() {
    m_session.reset();
    m_client = {};
    m_suggestedLeaving.reset();
    m_suggestedSafety.reset();
    m_editGeneration = 0;
    m_savedGeneration = 0;
    m_failedGeneration = 0;
    m_everSaved = false;
    m_saving = false;
    m_savedClock.clear();
    m_error.clear();
}

void NoteDraft::edited(double now) {
    ++m_editGeneration;
    m_lastEdit = now;
}

std::string& NoteDraft::sectionText(std::string_view key, std::size_t position) {
    auto& sections = m_session->sections;
    const auto it = std::find_if(sections.begin(), sections.end(),
                                 [key](const core::SectionText& section) { return section.key == key; });
    if (it != sections.end()) {
        return it->text;
    }
    const auto at = std::min(position, sections.size());
    return sections.insert(sections.begin() + static_cast<std::ptrdiff_t>(at), core::SectionText{std::string{key}, {}})
        ->text;
}

int NoteDraft::intensity(std::string_view themeKey) const {
    const auto* found = observation(themeKey);
    return found != nullptr ? found->intensity : 0;
}

const core::Observation* NoteDraft::observation(std::string_view themeKey) const {
    return m_session ? m_session->observation(themeKey) : nullptr;
}

core::Observation& NoteDraft::observationFor(std::string_view themeKey) {
    auto& observations = m_session->observations;
    const auto it = std::find_if(observations.begin(), observations.end(),
                                 [themeKey](const core::Observation& o) { return o.themeKey == themeKey; });
    if (it != observations.end()) {
        return *it;
    }
    observations.push_back({std::string{themeKey}, 0, {}, {}});
    return observations.back();
}

void NoteDraft::setIntensity(std::string_view themeKey, int intensity, double now) {
    const int clamped = std::clamp(intensity, core::kMinIntensity, core::kMaxIntensity);
    if (this->intensity(themeKey) == clamped && (clamped == 0 || observation(themeKey) != nullptr)) {
        return;
    }
    observationFor(themeKey).intensity = clamped;
    edited(now);
}

void NoteDraft::setStage(core::StageTarget target, std::optional<core::Stage> stage, double now) {
    auto& current = m_session->stageOfChange.of(target);
    if (current != stage) {
        current = stage;
        edited(now);
    }
}

void NoteDraft::offerStages(std::optional<StageSuggestion> leaving, std::optional<StageSuggestion> safety) {
    m_suggestedLeaving = leaving;
    m_suggestedSafety = safety;
}

std::optional<StageSuggestion> NoteDraft::suggestedStage(core::StageTarget target) const {
    if (!m_session || m_session->isSigned() || m_session->stageOfChange.of(target)) {
        return std::nullopt;
    }
    return target == core::StageTarget::Leaving ? m_suggestedLeaving : m_suggestedSafety;
}

bool NoteDraft::acceptSuggestedStage(core::StageTarget target, double now) {
    const auto suggestion = suggestedStage(target);
    if (!suggestion) {
        return false;
    }
    setStage(target, suggestion->stage, now);
    return true;
}

void NoteDraft::addBalanceItem(core::BalanceSide side, double now) {
    m_session->decisionalBalance.push_back({side, {}, 2});
    edited(now);
}

void NoteDraft::removeBalanceItem(std::size_t index, double now) {
    auto& items = m_session->decisionalBalance;
    if (index < items.size()) {
        items.erase(items.begin() + static_cast<std::ptrdiff_t>(index));
        edited(now);
    }
}

bool NoteDraft::autosaveDue(double now, double delay) const {
    return isOpen() && !isSigned() && hasUnsavedEdits() && m_failedGeneration != m_editGeneration &&
           now - m_lastEdit >= delay;
}

core::Session NoteDraft::forSaving() const {
    core::Session copy = *m_session;
    std::erase_if(copy.decisionalBalance, [](const core::BalanceItem& item) { return isBlank(item.reason); });
    std::erase_if(copy.observations,
                  [](const core::Observation& o) { return o.intensity == 0 && isBlank(o.quote) && isBlank(o.note); });
    return copy;
}

void NoteDraft::markSaved(std::string clock) {
    markSaved(std::move(clock), m_editGeneration);
}

void NoteDraft::markSaved(std::string clock, std::uint64_t generation) {
    m_saving = false;
    m_savedGeneration = std::min(generation, m_editGeneration);
    m_everSaved = true;
    m_savedClock = std::move(clock);
    m_error.clear();
    ++m_saves;
}

void NoteDraft::markFailed(std::string error) {
    markFailed(std::move(error), m_editGeneration);
}

void NoteDraft::markFailed(std::string error, std::uint64_t generation) {
    m_saving = false;
    m_error = std::move(error);
    m_failedGeneration = std::min(generation, m_editGeneration);
    ++m_failures;
}

NoteDraft::SaveState NoteDraft::state() const {
    if (m_saving) {
        return SaveState::Saving;
    }
    if (!m_error.empty()) {
        return SaveState::Failed;
    }
    if (hasUnsavedEdits()) {
        return SaveState::Unsaved;
    }
    return m_everSaved ? SaveState::Saved : SaveState::Clean;
}

} // namespace tessera::app
