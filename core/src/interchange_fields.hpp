#pragma once

// The field readers of the interchange format: each turns one parsed JSON element of a caseload
// document (a theme, a template, a client with its sessions) into model values, recording every
// problem with its location instead of stopping at the first. interchange_read.cpp feeds them one
// element at a time while it streams the file.

#include "tessera/core/interchange.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace tessera::core::interchange_detail {

// Objects keep the file's member order when read: a session's "sections" are in the order the
// file (or writeCaseload) put them, so that write -> read -> write is byte-stable.
using Json = nlohmann::ordered_json;

[[nodiscard]] std::string typeName(const Json& value);

// Reads fields of the document into model values, recording every problem it meets instead of
// stopping at the first, so that one import attempt shows the clinician everything to fix.
class Reader {
public:
    Reader(std::vector<Problem>& problems, std::size_t maxProblems)
        : m_problems(problems), m_maxProblems(maxProblems) {}

    // Records a problem; past `maxProblems` only one last line says that more were found, so that
    // a file of a million broken records cannot fill memory with their descriptions.
    void problem(const std::string& where, const std::string& what) {
        if (m_problems.size() < m_maxProblems) {
            m_problems.push_back({where, what});
        } else if (m_problems.size() == m_maxProblems) {
            m_problems.push_back({"document", "more problems were found; fix the ones above and try again"});
        }
    }

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
        return parsed<Date>(value, where, "a date; write it as YYYY-MM-DD");
    }

    std::optional<Timestamp> timestamp(const Json* value, const std::string& where) {
        return parsed<Timestamp>(value, where, "a time; write it as YYYY-MM-DDTHH:MM:SSZ");
    }

    std::optional<TimeOfDay> timeOfDay(const Json* value, const std::string& where) {
        return parsed<TimeOfDay>(value, where, "a time of day; write it as HH:MM on a 24-hour clock, e.g. 14:30");
    }

private:
    // A string `Value::parse` reads; a problem saying "... is not <expected>" otherwise.
    template <typename Value>
    std::optional<Value> parsed(const Json* value, const std::string& where, const char* expected) {
        if (value == nullptr) {
            return std::nullopt;
        }
        const auto text = string(value, where);
        if (!value->is_string()) {
            return std::nullopt;
        }
        auto result = Value::parse(text);
        if (!result) {
            problem(where, "\"" + text + "\" is not " + expected);
        }
        return result;
    }

    std::vector<Problem>& m_problems;
    std::size_t m_maxProblems;
};

[[nodiscard]] std::string indexed(const std::string& where, const char* field, std::size_t index);
[[nodiscard]] std::string member(const std::string& where, const std::string& field);

[[nodiscard]] CodebookEntry readTheme(Reader& reader, const Json& value, const std::string& where);
[[nodiscard]] NoteTemplate readTemplate(Reader& reader, const Json& value, const std::string& where);
// `where` ends in ", sessions[i]"; once the date is known, locations name the session by it.
[[nodiscard]] Session readSession(Reader& reader, const Json& value, const std::string& where);
// The client's sessions are read one by one with readSession as they stream past (see
// interchange_read.cpp); what is left of them in `value` is read here.
[[nodiscard]] ClientRecord readClient(Reader& reader, const Json& value, const std::string& where);

} // namespace tessera::core::interchange_detail
