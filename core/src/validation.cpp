#include "tessera/core/validation.hpp"

#include "tessera/core/utf8.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

namespace tessera::core {
namespace {

bool isLowerAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool isSlug(std::string_view text, char separator, std::size_t maxLength) {
    if (text.empty() || text.size() > maxLength || !(text.front() >= 'a' && text.front() <= 'z') ||
        text.back() == separator) {
        return false;
    }
    return std::all_of(text.begin(), text.end(), [&](char c) { return isLowerAlnum(c) || c == separator; });
}

bool isBlank(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

std::string join(const std::string& where, const std::string& field) {
    return where.empty() ? field : where + ", " + field;
}

void throwIfAny(std::vector<Problem> problems) {
    if (!problems.empty()) {
        throw ValidationError(std::move(problems));
    }
}

} // namespace

ValidationError::ValidationError(std::vector<Problem> problems)
    : std::runtime_error(describeProblems(problems)), m_problems(std::move(problems)) {}

std::string describeProblems(const std::vector<Problem>& problems, std::size_t limit) {
    std::string text;
    const std::size_t shown = std::min(limit, problems.size());
    for (std::size_t i = 0; i < shown; ++i) {
        if (i > 0) {
            text += '\n';
        }
        text += problems[i].where.empty() ? problems[i].what : problems[i].where + ": " + problems[i].what;
    }
    if (problems.size() > shown) {
        text += "\n(and " + std::to_string(problems.size() - shown) + " more)";
    }
    return text;
}

std::optional<std::string> forbiddenCharacter(std::string_view text) {
    std::size_t character = 0; // counted in code points, as a person counts them
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (!utf8::isContinuation(text[i])) {
            ++character;
        }
        unsigned codePoint = 0x110000; // none
        if (byte < 0x20U || byte == 0x7FU) {
            codePoint = byte;
        } else if (byte == 0xC2U && i + 1 < text.size()) {
            // U+0080-U+009F, the C1 controls, are C2 80 to C2 9F in UTF-8.
            const auto next = static_cast<unsigned char>(text[i + 1]);
            if (next >= 0x80U && next <= 0x9FU) {
                codePoint = next;
            }
        }
        if (codePoint == 0x110000 || codePoint == '\t' || codePoint == '\n') {
            continue;
        }
        const char* name = codePoint == 0 ? "NUL" : codePoint == '\r' ? "a carriage return" : "a control character";
        char hex[8];
        std::snprintf(hex, sizeof hex, "%04X", codePoint);
        return std::string{name} + " (U+" + hex + ") at character " + std::to_string(character);
    }
    return std::nullopt;
}

bool isThemeKey(std::string_view text) {
    return isSlug(text, '-', 64);
}
bool isSectionKey(std::string_view text) {
    return isSlug(text, '_', 64);
}

bool isClientCode(std::string_view text) {
    if (text.empty() || text.size() > 32) {
        return false;
    }
    return std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
               c == '.';
    });
}

bool isColour(std::string_view text) {
    if (text.size() != 7 || text[0] != '#') {
        return false;
    }
    return std::all_of(text.begin() + 1, text.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    });
}

void checkTheme(const Theme& theme, const std::string& where, std::vector<Problem>& out) {
    if (!isThemeKey(theme.key)) {
        out.push_back({join(where, "key"), "theme key \"" + theme.key +
                                               "\" must be lower-case letters, digits and hyphens (e.g. self-blame)"});
    }
    if (isBlank(theme.label)) {
        out.push_back({join(where, "label"), "a theme needs a label"});
    }
    if (!isColour(theme.colour)) {
        out.push_back({join(where, "colour"), "colour \"" + theme.colour + "\" must look like #3F7FB5"});
    }
}

void checkTemplate(const NoteTemplate& tmpl, const std::string& where, std::vector<Problem>& out) {
    if (!isThemeKey(tmpl.name)) {
        out.push_back({join(where, "name"),
                       "template name \"" + tmpl.name + "\" must be lower-case letters, digits and hyphens"});
    }
    if (tmpl.version < 1) {
        out.push_back({join(where, "version"), "template version must be 1 or more"});
    }
    if (isBlank(tmpl.label)) {
        out.push_back({join(where, "label"), "a template needs a label"});
    }
    if (tmpl.sections.empty()) {
        out.push_back({join(where, "sections"), "a template needs at least one section"});
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < tmpl.sections.size(); ++i) {
        const auto& section = tmpl.sections[i];
        const std::string at = join(where, "sections[" + std::to_string(i) + "]");
        if (!isSectionKey(section.key)) {
            out.push_back({at + ".key",
                           "section key \"" + section.key + "\" must be lower-case letters, digits and underscores"});
        } else if (!seen.insert(section.key).second) {
            out.push_back({at + ".key", "section \"" + section.key + "\" appears twice"});
        }
        if (isBlank(section.label)) {
            out.push_back({at + ".label", "a section needs a label"});
        }
    }
}

void checkClient(const Client& client, const std::string& where, std::vector<Problem>& out) {
    if (!isClientCode(client.code)) {
        out.push_back({join(where, "code"), "client code \"" + client.code +
                                                "\" must be 1-32 letters, digits, '-', '_' or '.' (e.g. C-014)"});
    }
    for (std::size_t i = 0; i < client.redactions.size(); ++i) {
        if (isBlank(client.redactions[i].term)) {
            out.push_back({join(where, "redact[" + std::to_string(i) + "]"), "a redaction term cannot be empty"});
        }
    }
}

void checkSession(const Session& session, const Codebook& codebook, const NoteTemplate* tmpl, const std::string& where,
                  std::vector<Problem>& out) {
    if (session.durationMinutes && (*session.durationMinutes < 1 || *session.durationMinutes > 24 * 60)) {
        out.push_back({join(where, "duration_minutes"),
                       "duration " + std::to_string(*session.durationMinutes) + " must be 1 to 1440 minutes"});
    }
    if (tmpl == nullptr) {
        out.push_back({join(where, "template"),
                       "unknown template \"" + session.templateName + "\"" +
                           (session.templateVersion > 0 ? " version " + std::to_string(session.templateVersion)
                                                        : std::string{})});
    }
    std::set<std::string> sections;
    for (const auto& section : session.sections) {
        const std::string at = join(where, "sections." + section.key);
        if (tmpl != nullptr && tmpl->findSection(section.key) == nullptr) {
            out.push_back({at, "template \"" + tmpl->name + "\" has no section \"" + section.key + "\""});
        }
        if (!sections.insert(section.key).second) {
            out.push_back({at, "section \"" + section.key + "\" appears twice"});
        }
    }
    std::set<std::string> themes;
    for (std::size_t i = 0; i < session.observations.size(); ++i) {
        const auto& observation = session.observations[i];
        const std::string at = join(where, "observations[" + std::to_string(i) + "]");
        if (codebook.find(observation.themeKey) == nullptr) {
            out.push_back({at + ".theme", "unknown theme \"" + observation.themeKey + "\" (not in the codebook)"});
        } else if (!themes.insert(observation.themeKey).second) {
            out.push_back({at + ".theme", "theme \"" + observation.themeKey +
                                              "\" is observed twice in one session; use one observation per theme"});
        }
        if (observation.intensity < kMinIntensity || observation.intensity > kMaxIntensity) {
            out.push_back(
                {at + ".intensity", "intensity " + std::to_string(observation.intensity) + " is outside 0-3"});
        }
    }
    for (std::size_t i = 0; i < session.decisionalBalance.size(); ++i) {
        const auto& item = session.decisionalBalance[i];
        const std::string at = join(where, "decisional_balance[" + std::to_string(i) + "]");
        if (item.weight < kMinBalanceWeight || item.weight > kMaxBalanceWeight) {
            out.push_back({at + ".weight", "weight " + std::to_string(item.weight) + " is outside 1-3"});
        }
        if (isBlank(item.reason)) {
            out.push_back({at + ".reason", "a decisional-balance item needs a reason"});
        }
    }
    if (!session.addenda.empty() && !session.isSigned()) {
        out.push_back({join(where, "addenda"), "only a signed note can have addenda; sign it or edit the draft"});
    }
    for (std::size_t i = 0; i < session.addenda.size(); ++i) {
        if (isBlank(session.addenda[i].text)) {
            out.push_back({join(where, "addenda[" + std::to_string(i) + "].text"), "an addendum cannot be empty"});
        }
    }
}

void validateTheme(const Theme& theme) {
    std::vector<Problem> problems;
    checkTheme(theme, "theme " + theme.key, problems);
    throwIfAny(std::move(problems));
}

void validateTemplate(const NoteTemplate& tmpl) {
    std::vector<Problem> problems;
    checkTemplate(tmpl, "template " + tmpl.name, problems);
    throwIfAny(std::move(problems));
}

void validateClient(const Client& client) {
    std::vector<Problem> problems;
    checkClient(client, "client " + client.code, problems);
    throwIfAny(std::move(problems));
}

void validateSession(const Session& session, const Codebook& codebook, const NoteTemplate* tmpl) {
    std::vector<Problem> problems;
    checkSession(session, codebook, tmpl, "session " + session.date.toIso(), problems);
    throwIfAny(std::move(problems));
}

} // namespace tessera::core
