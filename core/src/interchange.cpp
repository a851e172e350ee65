#include "tessera/core/interchange.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace tessera::core {
namespace {

// Objects keep the file's member order when read: a session's "sections" are in the order the
// file (or writeCaseload) put them, so that write -> read -> write is byte-stable.
using Json = nlohmann::ordered_json;
using OrderedJson = nlohmann::ordered_json;

std::string typeName(const Json& value) {
    if (value.is_number_integer() || value.is_number_unsigned()) {
        return "a whole number";
    }
    if (value.is_number_float()) {
        return "a decimal number";
    }
    return std::string{"a"} + (value.is_object() || value.is_array() ? "n " : " ") + value.type_name();
}

// Reads fields of the document into model values, recording every problem it meets instead of
// stopping at the first, so that one import attempt shows the clinician everything to fix.
class Reader {
public:
    explicit Reader(std::vector<Problem>& problems) : m_problems(problems) {}

    void problem(const std::string& where, const std::string& what) { m_problems.push_back({where, what}); }

    // A member that must be present.
    const Json* required(const Json& object, const char* name, const std::string& where) {
        const auto it = object.find(name);
        if (it == object.end() || it->is_null()) {
            problem(where, std::string{"\""} + name + "\" is missing");
            return nullptr;
        }
        return &*it;
    }

    static const Json* optional(const Json& object, const char* name) {
        const auto it = object.find(name);
        return it == object.end() || it->is_null() ? nullptr : &*it;
    }

    bool expectObject(const Json& value, const std::string& where) {
        if (!value.is_object()) {
            problem(where, "expected an object, found " + typeName(value));
            return false;
        }
        return true;
    }

    bool expectArray(const Json& value, const std::string& where) {
        if (!value.is_array()) {
            problem(where, "expected a list, found " + typeName(value));
            return false;
        }
        return true;
    }

    std::string string(const Json* value, const std::string& where) {
        if (value == nullptr) {
            return {};
        }
        if (!value->is_string()) {
            problem(where, "expected text, found " + typeName(*value));
            return {};
        }
        return value->get<std::string>();
    }

    std::optional<int> integer(const Json* value, const std::string& where) {
        if (value == nullptr) {
            return std::nullopt;
        }
        if (!value->is_number_integer() && !value->is_number_unsigned()) {
            problem(where, "expected a whole number, found " + typeName(*value));
            return std::nullopt;
        }
        if (value->is_number_unsigned() && value->get<unsigned long long>() > 1'000'000ULL) {
            // Too large for a long long, which would wrap to a negative number.
            problem(where, "number " + std::to_string(value->get<unsigned long long>()) + " is out of range");
            return std::nullopt;
        }
        const auto number = value->get<long long>();
        if (number < -1'000'000 || number > 1'000'000) {
            problem(where, "number " + std::to_string(number) + " is out of range");
            return std::nullopt;
        }
        return static_cast<int>(number);
    }

    bool boolean(const Json* value, const std::string& where) {
        if (value == nullptr) {
            return false;
        }
        if (!value->is_boolean()) {
            problem(where, "expected true or false, found " + typeName(*value));
            return false;
        }
        return value->get<bool>();
    }

    std::optional<Date> date(const Json* value, const std::string& where) {
        if (value == nullptr) {
            return std::nullopt;
        }
        const auto text = string(value, where);
        if (!value->is_string()) {
            return std::nullopt;
        }
        auto parsed = Date::parse(text);
        if (!parsed) {
            problem(where, "\"" + text + "\" is not a date; write it as YYYY-MM-DD");
        }
        return parsed;
    }

    std::optional<Timestamp> timestamp(const Json* value, const std::string& where) {
        if (value == nullptr) {
            return std::nullopt;
        }
        const auto text = string(value, where);
        if (!value->is_string()) {
            return std::nullopt;
        }
        auto parsed = Timestamp::parse(text);
        if (!parsed) {
            problem(where, "\"" + text + "\" is not a time; write it as YYYY-MM-DDTHH:MM:SSZ");
        }
        return parsed;
    }

private:
    std::vector<Problem>& m_problems;
};

std::string indexed(const std::string& where, const char* field, std::size_t index) {
    return where + (where.empty() ? "" : ", ") + field + "[" + std::to_string(index) + "]";
}

std::string member(const std::string& where, const std::string& field) {
    return where + (where.empty() ? "" : ", ") + field;
}

CodebookEntry readTheme(Reader& reader, const Json& value, const std::string& where) {
    CodebookEntry entry;
    if (!reader.expectObject(value, where)) {
        return entry;
    }
    auto& theme = entry.theme;
    theme.key = reader.string(reader.required(value, "key", where), member(where, "key"));
    const std::string at = theme.key.empty() ? where : "theme " + theme.key;
    theme.label = reader.string(reader.required(value, "label", at), member(at, "label"));
    const auto category = reader.string(reader.required(value, "category", at), member(at, "category"));
    if (!category.empty()) {
        if (const auto parsed = parseThemeCategory(category)) {
            theme.category = *parsed;
        } else {
            reader.problem(member(at, "category"),
                           "unknown category \"" + category +
                               "\"; use self-perception, justification, barrier, relationship or clinician");
        }
    }
    theme.description = reader.string(Reader::optional(value, "description"), member(at, "description"));
    theme.colour = reader.string(Reader::optional(value, "colour"), member(at, "colour"));
    if (theme.colour.empty()) {
        theme.colour = std::string{defaultColour(theme.category)};
    }
    theme.retired = reader.boolean(Reader::optional(value, "retired"), member(at, "retired"));
    entry.replace = reader.boolean(Reader::optional(value, "replace"), member(at, "replace"));
    return entry;
}

NoteTemplate readTemplate(Reader& reader, const Json& value, const std::string& where) {
    NoteTemplate tmpl;
    if (!reader.expectObject(value, where)) {
        return tmpl;
    }
    tmpl.name = reader.string(reader.required(value, "name", where), member(where, "name"));
    const std::string at = tmpl.name.empty() ? where : "template " + tmpl.name;
    tmpl.version = reader.integer(reader.required(value, "version", at), member(at, "version")).value_or(0);
    tmpl.label = reader.string(reader.required(value, "label", at), member(at, "label"));
    tmpl.description = reader.string(Reader::optional(value, "description"), member(at, "description"));
    if (const auto* sections = reader.required(value, "sections", at)) {
        if (reader.expectArray(*sections, member(at, "sections"))) {
            for (std::size_t i = 0; i < sections->size(); ++i) {
                const auto& item = (*sections)[i];
                const auto sectionAt = indexed(at, "sections", i);
                if (!reader.expectObject(item, sectionAt)) {
                    continue;
                }
                TemplateSection section;
                section.key = reader.string(reader.required(item, "key", sectionAt), member(sectionAt, "key"));
                section.label = reader.string(reader.required(item, "label", sectionAt), member(sectionAt, "label"));
                section.prompt = reader.string(Reader::optional(item, "prompt"), member(sectionAt, "prompt"));
                tmpl.sections.push_back(std::move(section));
            }
        }
    }
    return tmpl;
}

Observation readObservation(Reader& reader, const Json& value, const std::string& where) {
    Observation observation;
    if (!reader.expectObject(value, where)) {
        return observation;
    }
    observation.themeKey = reader.string(reader.required(value, "theme", where), member(where, "theme"));
    observation.intensity =
        reader.integer(reader.required(value, "intensity", where), member(where, "intensity")).value_or(0);
    observation.quote = reader.string(Reader::optional(value, "quote"), member(where, "quote"));
    observation.note = reader.string(Reader::optional(value, "note"), member(where, "note"));
    return observation;
}

Session readSession(Reader& reader, const Json& value, const std::string& where) {
    Session session;
    if (!reader.expectObject(value, where)) {
        return session;
    }
    const auto date = reader.date(reader.required(value, "date", where), member(where, "date"));
    if (date) {
        session.date = *date;
    }
    // From here on, locations name the session by its date, which is how a clinician finds it.
    const std::string at = date ? where.substr(0, where.rfind(", sessions[")) + ", session " + date->toIso() : where;
    if (const auto* duration = Reader::optional(value, "duration_minutes")) {
        session.durationMinutes = reader.integer(duration, member(at, "duration_minutes"));
    }
    session.templateName = reader.string(Reader::optional(value, "template"), member(at, "template"));
    if (session.templateName.empty()) {
        session.templateName = "ambivalence-progress";
    }
    session.templateVersion =
        reader.integer(Reader::optional(value, "template_version"), member(at, "template_version")).value_or(0);

    if (const auto* sections = Reader::optional(value, "sections")) {
        if (reader.expectObject(*sections, member(at, "sections"))) {
            for (const auto& [key, text] : sections->items()) {
                session.sections.push_back({key, reader.string(&text, member(at, "sections." + key))});
            }
        }
    }
    if (const auto* observations = Reader::optional(value, "observations")) {
        if (reader.expectArray(*observations, member(at, "observations"))) {
            for (std::size_t i = 0; i < observations->size(); ++i) {
                session.observations.push_back(
                    readObservation(reader, (*observations)[i], indexed(at, "observations", i)));
            }
        }
    }
    if (const auto* stages = Reader::optional(value, "stage_of_change")) {
        if (reader.expectObject(*stages, member(at, "stage_of_change"))) {
            for (const auto& [target, stage] : stages->items()) {
                const auto fieldAt = member(at, "stage_of_change." + target);
                const auto parsedTarget = parseStageTarget(target);
                if (!parsedTarget) {
                    reader.problem(fieldAt, "unknown target \"" + target + "\"; use leaving or safety");
                    continue;
                }
                if (stage.is_null()) {
                    continue;
                }
                const auto text = reader.string(&stage, fieldAt);
                if (const auto parsed = parseStage(text)) {
                    session.stageOfChange.of(*parsedTarget) = *parsed;
                } else if (stage.is_string()) {
                    reader.problem(fieldAt, "unknown stage \"" + text +
                                                "\"; use precontemplation, contemplation, preparation, action or "
                                                "maintenance");
                }
            }
        }
    }
    if (const auto* balance = Reader::optional(value, "decisional_balance")) {
        if (reader.expectArray(*balance, member(at, "decisional_balance"))) {
            for (std::size_t i = 0; i < balance->size(); ++i) {
                const auto& item = (*balance)[i];
                const auto itemAt = indexed(at, "decisional_balance", i);
                if (!reader.expectObject(item, itemAt)) {
                    continue;
                }
                BalanceItem parsed;
                const auto side = reader.string(reader.required(item, "side", itemAt), member(itemAt, "side"));
                if (const auto parsedSide = parseBalanceSide(side)) {
                    parsed.side = *parsedSide;
                } else if (!side.empty()) {
                    reader.problem(member(itemAt, "side"), "unknown side \"" + side + "\"; use stay or leave");
                }
                parsed.reason = reader.string(reader.required(item, "reason", itemAt), member(itemAt, "reason"));
                parsed.weight = reader.integer(Reader::optional(item, "weight"), member(itemAt, "weight")).value_or(1);
                session.decisionalBalance.push_back(std::move(parsed));
            }
        }
    }
    session.psychotherapyNote =
        reader.string(Reader::optional(value, "psychotherapy_note"), member(at, "psychotherapy_note"));
    session.signedAt = reader.timestamp(Reader::optional(value, "signed_at"), member(at, "signed_at"));
    if (const auto* addenda = Reader::optional(value, "addenda")) {
        if (reader.expectArray(*addenda, member(at, "addenda"))) {
            for (std::size_t i = 0; i < addenda->size(); ++i) {
                const auto& item = (*addenda)[i];
                const auto itemAt = indexed(at, "addenda", i);
                if (!reader.expectObject(item, itemAt)) {
                    continue;
                }
                Addendum addendum;
                if (auto time = reader.timestamp(reader.required(item, "at", itemAt), member(itemAt, "at"))) {
                    addendum.at = *time;
                }
                addendum.text = reader.string(reader.required(item, "text", itemAt), member(itemAt, "text"));
                session.addenda.push_back(std::move(addendum));
            }
        }
    }
    return session;
}

ClientRecord readClient(Reader& reader, const Json& value, const std::string& where) {
    ClientRecord record;
    if (!reader.expectObject(value, where)) {
        return record;
    }
    auto& client = record.client;
    client.code = reader.string(reader.required(value, "code", where), member(where, "code"));
    const std::string at = client.code.empty() ? where : "client " + client.code;
    client.displayName = reader.string(Reader::optional(value, "display_name"), member(at, "display_name"));
    client.formulation = reader.string(Reader::optional(value, "formulation"), member(at, "formulation"));
    if (const auto* redact = Reader::optional(value, "redact")) {
        if (reader.expectArray(*redact, member(at, "redact"))) {
            for (std::size_t i = 0; i < redact->size(); ++i) {
                const auto& item = (*redact)[i];
                const auto itemAt = indexed(at, "redact", i);
                if (item.is_string()) {
                    client.redactions.push_back({item.get<std::string>(), {}});
                } else if (item.is_object()) {
                    Redaction redaction;
                    redaction.term = reader.string(reader.required(item, "term", itemAt), member(itemAt, "term"));
                    redaction.replacement = reader.string(Reader::optional(item, "as"), member(itemAt, "as"));
                    client.redactions.push_back(std::move(redaction));
                } else {
                    reader.problem(itemAt, "expected a name or {\"term\": ..., \"as\": ...}, found " + typeName(item));
                }
            }
        }
    }
    if (const auto* sessions = Reader::optional(value, "sessions")) {
        if (reader.expectArray(*sessions, member(at, "sessions"))) {
            for (std::size_t i = 0; i < sessions->size(); ++i) {
                record.sessions.push_back(readSession(reader, (*sessions)[i], indexed(at, "sessions", i)));
            }
        }
    }
    return record;
}

std::string lineAndColumn(std::string_view text, std::size_t byte) {
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < byte && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

} // namespace

CaseloadDocument readCaseload(std::string_view text) {
    Json root;
    try {
        root = Json::parse(text.begin(), text.end());
    } catch (const Json::parse_error& error) {
        const auto byte = error.byte > 0 ? error.byte - 1 : 0;
        throw ValidationError({{lineAndColumn(text, byte), "the file is not valid JSON"}});
    } catch (const Json::out_of_range&) {
        // A number beyond what a double holds (1e999): found by the fuzzer (tests/fuzz).
        throw ValidationError(
            {{std::string{"document"}, "the file is not valid JSON (it holds a number too large to read)"}});
    }
    std::vector<Problem> problems;
    Reader reader(problems);
    CaseloadDocument document;
    if (!reader.expectObject(root, "document")) {
        throw ValidationError(std::move(problems));
    }
    const auto format = reader.string(reader.required(root, "format", "document"), "format");
    if (root.contains("format") && format != kInterchangeFormat) {
        throw ValidationError({{"format", "this is not a Tessera caseload (format is \"" + format + "\", expected \"" +
                                              std::string{kInterchangeFormat} + "\")"}});
    }
    const auto version = reader.integer(reader.required(root, "version", "document"), "version");
    if (version && *version != kInterchangeVersion) {
        throw ValidationError({{"version", "caseload format version " + std::to_string(*version) +
                                               " is not supported; this Tessera reads version 1"}});
    }
    if (const auto* codebook = Reader::optional(root, "codebook")) {
        if (reader.expectArray(*codebook, "codebook")) {
            for (std::size_t i = 0; i < codebook->size(); ++i) {
                document.codebook.push_back(readTheme(reader, (*codebook)[i], indexed("", "codebook", i)));
            }
        }
    }
    if (const auto* templates = Reader::optional(root, "templates")) {
        if (reader.expectArray(*templates, "templates")) {
            for (std::size_t i = 0; i < templates->size(); ++i) {
                document.templates.push_back(readTemplate(reader, (*templates)[i], indexed("", "templates", i)));
            }
        }
    }
    if (const auto* clients = Reader::optional(root, "clients")) {
        if (reader.expectArray(*clients, "clients")) {
            for (std::size_t i = 0; i < clients->size(); ++i) {
                document.clients.push_back(readClient(reader, (*clients)[i], indexed("", "clients", i)));
            }
        }
    }
    if (!problems.empty()) {
        throw ValidationError(std::move(problems));
    }
    return document;
}

namespace {

OrderedJson writeSession(const Session& session) {
    OrderedJson out;
    out["date"] = session.date.toIso();
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
        // Sessions are stored in date order; same-day sessions keep the file's order.
        std::stable_sort(record.sessions.begin(), record.sessions.end(),
                         [](const Session& a, const Session& b) { return a.date < b.date; });
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
