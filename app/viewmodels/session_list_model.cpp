#include "viewmodels/session_list_model.hpp"

#include "viewmodels/display_text.hpp"

#include <algorithm>
#include <map>

namespace tessera::app {
namespace {

std::vector<TemplateChoice> newestTemplates(const std::vector<core::NoteTemplate>& templates) {
    std::map<std::string, TemplateChoice> newest;
    for (const auto& tmpl : templates) {
        auto& choice = newest[tmpl.name];
        if (choice.name.empty() || tmpl.version > choice.version) {
            choice = {tmpl.name, tmpl.label.empty() ? tmpl.name : tmpl.label, tmpl.version};
        }
    }
    std::vector<TemplateChoice> result;
    result.reserve(newest.size());
    for (auto& [name, choice] : newest) {
        result.push_back(std::move(choice));
    }
    std::sort(result.begin(), result.end(),
              [](const TemplateChoice& a, const TemplateChoice& b) { return a.label < b.label; });
    return result;
}

} // namespace

bool SessionListModel::update(const storage::Vault& vault, std::optional<core::ClientId> client) {
    const auto readOnWorker = [&vault](const Inputs& inputs, TaskControl&) { return read(vault, inputs.client); };
    if (m_contents.client != client) {
        m_contents = SessionListContents{}; // another client's rows are never shown under this one
        m_contents.client = client;
    }
    if (!m_read.update(Inputs{vault.revision(), client}, readOnWorker)) {
        return false;
    }
    ++m_loads;
    if (const auto* contents = m_read.snapshot()) {
        m_contents = *contents;
    } else {
        m_contents = SessionListContents{};
        m_contents.client = client;
    }
    return true;
}

void SessionListModel::waitForRead(const storage::Vault& vault, std::optional<core::ClientId> client) {
    m_read.settle([&] { (void)update(vault, client); });
}

SessionListContents SessionListModel::read(const storage::Vault& vault, std::optional<core::ClientId> client) {
    const auto templates = vault.templates();
    if (!client) {
        SessionListContents contents;
        contents.templates = newestTemplates(templates);
        return contents;
    }
    // The rows show dates, status, stages and themes, never the texts: leave those unread.
    return build(vault.clientRecord(*client, storage::RecordContent::WithoutTexts), vault.codebook(), templates);
}

void SessionListModel::clear() {
    m_contents = SessionListContents{};
}

SessionListContents SessionListModel::build(const core::ClientRecord& record, const core::Codebook& codebook,
                                            const std::vector<core::NoteTemplate>& templates) {
    SessionListContents contents;
    contents.client = record.client.id;
    contents.clientCode = record.client.code;
    contents.templates = newestTemplates(templates);
    contents.rows.clear();
    contents.rows.reserve(record.sessions.size());
    contents.drafts = 0;
    std::map<std::string, std::string, std::less<>> labels;
    for (const auto& tmpl : templates) {
        labels[tmpl.name] = tmpl.label.empty() ? tmpl.name : tmpl.label;
    }
    // The record is in date order (same-day sessions by time of day, then in creation order); the
    // pane shows the newest first, which is where a clinician writing today looks.
    for (auto it = record.sessions.rbegin(); it != record.sessions.rend(); ++it) {
        const auto& session = *it;
        SessionRow row;
        row.id = session.id;
        row.date = session.date;
        row.dateText = longDate(session.date) + (session.time ? ", " + session.time->toString() : std::string{});
        row.isSigned = session.isSigned();
        row.addenda = static_cast<int>(session.addenda.size());
        row.leaving = session.stageOfChange.leaving;
        row.safety = session.stageOfChange.safety;
        row.stageText = session.stageOfChange.leaving ? stageLabel(*session.stageOfChange.leaving) : std::string{};
        const auto label = labels.find(session.templateName);
        row.templateLabel = label != labels.end() ? label->second : session.templateName;
        struct Ranked {
            int intensity;
            std::size_t order;
            const core::Theme* theme;
        };
        std::vector<Ranked> ranked;
        for (const auto& observation : session.observations) {
            const auto index = codebook.indexOf(observation.themeKey);
            if (!index || observation.intensity < 1) {
                continue;
            }
            ranked.push_back({observation.intensity, *index, &codebook.themes()[*index]});
        }
        row.themesObserved = static_cast<int>(ranked.size());
        std::sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
            return a.intensity != b.intensity ? a.intensity > b.intensity : a.order < b.order;
        });
        for (std::size_t i = 0; i < ranked.size() && i < kMaxMarks; ++i) {
            row.marks.push_back(
                {ranked[i].theme->key, ranked[i].theme->label, ranked[i].theme->colour, ranked[i].intensity});
        }
        contents.drafts += row.isSigned ? 0 : 1;
        contents.rows.push_back(std::move(row));
    }
    contents.lastTemplate = record.sessions.empty() ? std::string{} : record.sessions.back().templateName;
    return contents;
}

std::optional<std::size_t> SessionListModel::indexOf(core::SessionId id) const {
    for (std::size_t i = 0; i < m_contents.rows.size(); ++i) {
        if (m_contents.rows[i].id == id) {
            return i;
        }
    }
    return std::nullopt;
}

} // namespace tessera::app
