#include "interchange_fields.hpp"

#include <utility>

namespace tessera::core::interchange_detail {

std::string typeName(const Json& value) {
    if (value.is_number_integer() || value.is_number_unsigned()) {
        return "a whole number";
    }
    if (value.is_number_float()) {
        return "a decimal number";
    }
    return std::string{"a"} + (value.is_object() || value.is_array() ? "n " : " ") + value.type_name();
}

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

namespace {

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

} // namespace

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
    session.time = reader.timeOfDay(Reader::optional(value, "time"), member(at, "time"));
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

} // namespace tessera::core::interchange_detail
