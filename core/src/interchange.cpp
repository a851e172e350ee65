#include "tessera/core/interchange.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace tessera::core {
namespace {

using OrderedJson = nlohmann::ordered_json;

OrderedJson writeSession(const Session& session) {
    OrderedJson out;
    out["date"] = session.date.toIso();
    if (session.time) {
        out["time"] = session.time->toString();
    }
    if (session.durationMinutes) {
        out["duration_minutes"] = *session.durationMinutes;
    }
    out["template"] = session.templateName;
    out["template_version"] = session.templateVersion;
    OrderedJson sections = OrderedJson::object();
    for (const auto& section : session.sections) {
        sections[section.key] = section.text;
    }
    out["sections"] = std::move(sections);
    OrderedJson observations = OrderedJson::array();
    for (const auto& observation : session.observations) {
        OrderedJson item;
        item["theme"] = observation.themeKey;
        item["intensity"] = observation.intensity;
        if (!observation.quote.empty()) {
            item["quote"] = observation.quote;
        }
        if (!observation.note.empty()) {
            item["note"] = observation.note;
        }
        observations.push_back(std::move(item));
    }
    out["observations"] = std::move(observations);
    if (!session.stageOfChange.empty()) {
        OrderedJson stages = OrderedJson::object();
        for (const auto target : kStageTargets) {
            if (const auto& stage = session.stageOfChange.of(target)) {
                stages[std::string{toString(target)}] = std::string{toString(*stage)};
            }
        }
        out["stage_of_change"] = std::move(stages);
    }
    if (!session.decisionalBalance.empty()) {
        OrderedJson balance = OrderedJson::array();
        for (const auto& item : session.decisionalBalance) {
            balance.push_back(
                {{"side", std::string{toString(item.side)}}, {"reason", item.reason}, {"weight", item.weight}});
        }
        out["decisional_balance"] = std::move(balance);
    }
    if (!session.psychotherapyNote.empty()) {
        out["psychotherapy_note"] = session.psychotherapyNote;
    }
    if (session.signedAt) {
        out["signed_at"] = session.signedAt->toIso();
    }
    if (!session.addenda.empty()) {
        OrderedJson addenda = OrderedJson::array();
        for (const auto& addendum : session.addenda) {
            addenda.push_back({{"at", addendum.at.toIso()}, {"text", addendum.text}});
        }
        out["addenda"] = std::move(addenda);
    }
    return out;
}

} // namespace

std::string writeCaseload(const CaseloadDocument& document) {
    OrderedJson root;
    root["format"] = std::string{kInterchangeFormat};
    root["version"] = kInterchangeVersion;
    OrderedJson codebook = OrderedJson::array();
    for (const auto& entry : document.codebook) {
        const auto& theme = entry.theme;
        OrderedJson item;
        item["key"] = theme.key;
        item["label"] = theme.label;
        item["category"] = std::string{toString(theme.category)};
        item["description"] = theme.description;
        item["colour"] = theme.colour;
        if (theme.retired) {
            item["retired"] = true;
        }
        if (entry.replace) {
            item["replace"] = true;
        }
        codebook.push_back(std::move(item));
    }
    root["codebook"] = std::move(codebook);
    OrderedJson templates = OrderedJson::array();
    for (const auto& tmpl : document.templates) {
        OrderedJson item;
        item["name"] = tmpl.name;
        item["version"] = tmpl.version;
        item["label"] = tmpl.label;
        item["description"] = tmpl.description;
        OrderedJson sections = OrderedJson::array();
        for (const auto& section : tmpl.sections) {
            sections.push_back({{"key", section.key}, {"label", section.label}, {"prompt", section.prompt}});
        }
        item["sections"] = std::move(sections);
        templates.push_back(std::move(item));
    }
    root["templates"] = std::move(templates);
    OrderedJson clients = OrderedJson::array();
    for (const auto& record : document.clients) {
        OrderedJson item;
        item["code"] = record.client.code;
        if (!record.client.displayName.empty()) {
            item["display_name"] = record.client.displayName;
        }
        if (!record.client.redactions.empty()) {
            OrderedJson redact = OrderedJson::array();
            for (const auto& redaction : record.client.redactions) {
                if (redaction.replacement.empty()) {
                    redact.push_back(redaction.term);
                } else {
                    redact.push_back({{"term", redaction.term}, {"as", redaction.replacement}});
                }
            }
            item["redact"] = std::move(redact);
        }
        if (!record.client.formulation.empty()) {
            item["formulation"] = record.client.formulation;
        }
        OrderedJson sessions = OrderedJson::array();
        for (const auto& session : record.sessions) {
            sessions.push_back(writeSession(session));
        }
        item["sessions"] = std::move(sessions);
        clients.push_back(std::move(item));
    }
    root["clients"] = std::move(clients);
    return root.dump(2) + "\n";
}

const NoteTemplate* findTemplate(const std::vector<NoteTemplate>& templates, std::string_view name, int version) {
    const NoteTemplate* best = nullptr;
    for (const auto& tmpl : templates) {
        if (tmpl.name != name) {
            continue;
        }
        if (version > 0 ? tmpl.version == version : (best == nullptr || tmpl.version > best->version)) {
            best = &tmpl;
        }
    }
    return best;
}

ImportPlan planImport(CaseloadDocument document, const Codebook& vaultCodebook,
                      const std::vector<NoteTemplate>& vaultTemplates, const std::vector<std::string>& vaultClientCodes,
                      const ImportOptions& options) {
    std::vector<Problem> problems;
    ImportPlan plan;
    plan.resultingCodebook = vaultCodebook;

    std::set<std::string> themeKeysInDocument;
    for (std::size_t i = 0; i < document.codebook.size(); ++i) {
        auto& entry = document.codebook[i];
        const std::string where = "codebook[" + std::to_string(i) + "] (" + entry.theme.key + ")";
        checkTheme(entry.theme, where, problems);
        if (!themeKeysInDocument.insert(entry.theme.key).second) {
            problems.push_back({where, "theme \"" + entry.theme.key + "\" is defined twice"});
            continue;
        }
        const Theme* existing = vaultCodebook.find(entry.theme.key);
        if (existing == nullptr) {
            plan.themesToAdd.push_back(entry.theme);
            plan.resultingCodebook.upsert(entry.theme);
        } else if ((entry.replace || options.replaceThemes) && *existing != entry.theme) {
            plan.themesToReplace.push_back(entry.theme);
            plan.resultingCodebook.upsert(entry.theme);
        }
    }

    std::vector<NoteTemplate> templates = vaultTemplates;
    for (std::size_t i = 0; i < document.templates.size(); ++i) {
        auto& tmpl = document.templates[i];
        const std::string where =
            "templates[" + std::to_string(i) + "] (" + tmpl.name + " version " + std::to_string(tmpl.version) + ")";
        checkTemplate(tmpl, where, problems);
        const NoteTemplate* existing = tmpl.version > 0 ? findTemplate(templates, tmpl.name, tmpl.version) : nullptr;
        if (existing == nullptr) {
            templates.push_back(tmpl);
            plan.templatesToAdd.push_back(tmpl);
        } else if (*existing != tmpl) {
            problems.push_back({where, "the vault already has template \"" + tmpl.name + "\" version " +
                                           std::to_string(tmpl.version) +
                                           " with different sections; give the imported one a new version"});
        }
    }

    std::set<std::string> codes(vaultClientCodes.begin(), vaultClientCodes.end());
    std::set<std::string> codesInDocument;
    for (auto& record : document.clients) {
        const std::string where = "client " + record.client.code;
        checkClient(record.client, where, problems);
        if (codes.count(record.client.code) > 0) {
            problems.push_back({where, "a client with code " + record.client.code +
                                           " already exists in the vault; rename it in the file or import elsewhere"});
        } else if (!codesInDocument.insert(record.client.code).second) {
            problems.push_back({where, "client code " + record.client.code + " appears twice in the file"});
        }
        // Sessions are stored in date and time order; same-day sessions without a time keep the
        // file's order.
        std::stable_sort(record.sessions.begin(), record.sessions.end(), earlierSession);
        std::map<std::string, int> sameDay;
        for (auto& session : record.sessions) {
            std::string sessionWhere = where + ", session " + session.date.toIso();
            if (const int repeat = sameDay[session.date.toIso()]++; repeat > 0) {
                sessionWhere += " (#" + std::to_string(repeat + 1) + " that day)";
            }
            const NoteTemplate* tmpl = findTemplate(templates, session.templateName, session.templateVersion);
            checkSession(session, plan.resultingCodebook, tmpl, sessionWhere, problems);
            if (tmpl != nullptr) {
                session.templateVersion = tmpl->version;
                // Keep sections in the template's order, whatever order the file used.
                std::stable_sort(session.sections.begin(), session.sections.end(),
                                 [tmpl](const SectionText& a, const SectionText& b) {
                                     const auto position = [tmpl](const std::string& key) {
                                         const auto& s = tmpl->sections;
                                         return std::find_if(s.begin(), s.end(),
                                                             [&](const auto& x) { return x.key == key; }) -
                                                s.begin();
                                     };
                                     return position(a.key) < position(b.key);
                                 });
            }
        }
    }
    if (!problems.empty()) {
        throw ValidationError(std::move(problems));
    }
    plan.clients = std::move(document.clients);
    return plan;
}

} // namespace tessera::core
