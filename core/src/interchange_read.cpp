// Reading a caseload document within bounds (issue 13, item 6). The file is streamed through
// nlohmann-json's parser with a callback: every limit of InterchangeLimits is checked as the bytes
// and the parser's events arrive, each theme, template and client is turned into model values as
// soon as its JSON is complete and then dropped from the parser's tree, and what the reader has
// built is charged against a budget of the bytes read so far plus a fixed slack. So a hostile file
// (deep nesting, millions of empty records, one enormous text, an endless device) stops with an
// error naming the limit and the place, having used about as much memory as it is long.

#include "interchange_fields.hpp"
#include "tessera/core/utf8.hpp"

#include <array>
#include <istream>
#include <iterator>
#include <stdexcept>
#include <streambuf>
#include <utility>

namespace tessera::core {
namespace {

using interchange_detail::Json;
using interchange_detail::Reader;

// The one limit a file broke. Ends the reading at once; `where` is filled in by the reader when
// the byte scanner, which does not know the structure, raised it.
class LimitBroken : public std::runtime_error {
public:
    LimitBroken(std::string where, const std::string& what) : std::runtime_error(what), m_where(std::move(where)) {}
    [[nodiscard]] const std::string& where() const { return m_where; }

private:
    std::string m_where;
};

std::string withThousands(std::size_t number) {
    auto digits = std::to_string(number);
    for (auto at = digits.size(); at > 3; at -= 3) {
        digits.insert(at - 3, ",");
    }
    return digits;
}

std::string bytesInWords(std::uint64_t bytes) {
    if (bytes >= (1ULL << 20) && bytes % (1ULL << 20) == 0) {
        return std::to_string(bytes >> 20) + " MiB";
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
        return std::to_string(bytes >> 10) + " KiB";
    }
    return withThousands(static_cast<std::size_t>(bytes)) + " bytes";
}

// The bytes of the document, one at a time, as the parser asks for them: counts them against the
// file size limit, remembers the line and column of the last few (for "not valid JSON" messages),
// and bounds the two tokens the parser buffers whole, texts and numbers, before it buffers them.
class ByteSource {
public:
    ByteSource(std::streambuf& buffer, const InterchangeLimits& limits) : m_buffer(buffer), m_limits(limits) {}

    [[nodiscard]] bool atEnd() { return m_buffer.sgetc() == std::char_traits<char>::eof(); }
    [[nodiscard]] char current() { return std::char_traits<char>::to_char_type(m_buffer.sgetc()); }

    void advance() {
        const auto next = m_buffer.sbumpc();
        if (next == std::char_traits<char>::eof()) {
            return;
        }
        const auto c = std::char_traits<char>::to_char_type(next);
        if (++m_bytes > m_limits.maxFileBytes) {
            throw LimitBroken("document", "the file is larger than " + bytesInWords(m_limits.maxFileBytes) +
                                              " (the limit for an import file); split the caseload into smaller files");
        }
        m_recent[(m_bytes - 1) % m_recent.size()] = m_position;
        if (c == '\n') {
            ++m_position.line;
            m_position.column = 1;
        } else {
            ++m_position.column;
        }
        scan(c);
    }

    [[nodiscard]] std::uint64_t bytesRead() const { return m_bytes; }

    // "line L, column C" of the byte at `index` (0-based), for one of the last bytes read.
    [[nodiscard]] std::string positionOf(std::uint64_t index) const {
        const auto position = index < m_bytes && index + m_recent.size() >= m_bytes
                                  ? m_recent[static_cast<std::size_t>(index % m_recent.size())]
                                  : m_position;
        return "line " + std::to_string(position.line) + ", column " + std::to_string(position.column);
    }

private:
    struct Position {
        std::size_t line = 1;
        std::size_t column = 1;
    };

    void scan(char c) {
        if (m_inText) {
            if (m_escaped) {
                m_escaped = false;
            } else if (c == '\\') {
                m_escaped = true;
            } else if (c == '"') {
                m_inText = false;
                return;
            }
            // Written with escapes, one character takes at most 6 bytes ("\u0041"), so a text
            // whose written form passes 6 times the limit certainly breaks it once decoded.
            if (++m_textBytes > 6 * m_limits.maxTextBytes) {
                throw LimitBroken({}, "a text longer than " + bytesInWords(m_limits.maxTextBytes) +
                                          " (the limit for one text)");
            }
            return;
        }
        if (c == '"') {
            m_inText = true;
            m_textBytes = 0;
            m_numberChars = 0;
            return;
        }
        const bool inNumber = (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
        m_numberChars = inNumber ? m_numberChars + 1 : 0;
        if (m_numberChars > m_limits.maxNumberChars) {
            throw LimitBroken({}, "a number written with more than " + std::to_string(m_limits.maxNumberChars) +
                                      " characters (the limit)");
        }
    }

    std::streambuf& m_buffer;
    const InterchangeLimits& m_limits;
    std::uint64_t m_bytes = 0;
    Position m_position;
    std::array<Position, 8> m_recent{};
    bool m_inText = false;
    bool m_escaped = false;
    std::size_t m_textBytes = 0;
    std::size_t m_numberChars = 0;
};

// The iterator nlohmann-json's parser reads a ByteSource through (any iterator over single bytes
// will do for it). A default-constructed one is the end.
class SourceIterator {
public:
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = char;

    SourceIterator() = default;
    explicit SourceIterator(ByteSource& source) : m_source(&source) {}

    char operator*() const { return m_source->current(); }
    SourceIterator& operator++() {
        m_source->advance();
        return *this;
    }
    SourceIterator operator++(int) {
        auto before = *this;
        ++*this;
        return before;
    }
    friend bool operator==(const SourceIterator& a, const SourceIterator& b) { return a.atEnd() == b.atEnd(); }

private:
    [[nodiscard]] bool atEnd() const { return m_source == nullptr || m_source->atEnd(); }

    ByteSource* m_source = nullptr;
};

// A streambuf over text already in memory, so that both readCaseload overloads share one reader.
class ViewBuffer : public std::streambuf {
public:
    explicit ViewBuffer(std::string_view text) {
        // The get area is only read from; streambuf's interface merely lacks a const form.
        auto* begin = const_cast<char*>(text.data());
        setg(begin, begin, begin + text.size());
    }
};

// What the parser's tree costs per value, about: the value itself, its place in a list or object,
// and the allocation of an object, list or text (measured on libstdc++: 64 to 112 bytes).
constexpr std::size_t kNodeBytes = 96;

std::size_t heapBytes(const std::string& text) {
    return text.capacity() > 15 ? text.capacity() + 1 : 0; // past libstdc++'s in-place buffer
}

template <typename T> std::size_t listBytes(const std::vector<T>& list) {
    return list.capacity() * sizeof(T);
}

std::size_t modelBytes(const Session& session) {
    std::size_t bytes = heapBytes(session.templateName) + heapBytes(session.psychotherapyNote) +
                        listBytes(session.sections) + listBytes(session.observations) +
                        listBytes(session.decisionalBalance) + listBytes(session.addenda);
    for (const auto& section : session.sections) {
        bytes += heapBytes(section.key) + heapBytes(section.text);
    }
    for (const auto& observation : session.observations) {
        bytes += heapBytes(observation.themeKey) + heapBytes(observation.quote) + heapBytes(observation.note);
    }
    for (const auto& item : session.decisionalBalance) {
        bytes += heapBytes(item.reason);
    }
    for (const auto& addendum : session.addenda) {
        bytes += heapBytes(addendum.text);
    }
    return bytes;
}

std::size_t modelBytes(const ClientRecord& record) {
    std::size_t bytes = heapBytes(record.client.code) + heapBytes(record.client.displayName) +
                        heapBytes(record.client.formulation) + listBytes(record.client.redactions) +
                        listBytes(record.sessions);
    for (const auto& redaction : record.client.redactions) {
        bytes += heapBytes(redaction.term) + heapBytes(redaction.replacement);
    }
    for (const auto& session : record.sessions) {
        bytes += modelBytes(session);
    }
    return bytes;
}

std::size_t modelBytes(const CodebookEntry& entry) {
    const auto& theme = entry.theme;
    return heapBytes(theme.key) + heapBytes(theme.label) + heapBytes(theme.description) + heapBytes(theme.colour);
}

std::size_t modelBytes(const NoteTemplate& tmpl) {
    std::size_t bytes =
        heapBytes(tmpl.name) + heapBytes(tmpl.label) + heapBytes(tmpl.description) + listBytes(tmpl.sections);
    for (const auto& section : tmpl.sections) {
        bytes += heapBytes(section.key) + heapBytes(section.label) + heapBytes(section.prompt);
    }
    return bytes;
}

// JSON pointer escaping (RFC 6901), with very long names shortened for the message.
std::string pointerSegment(const std::string& name) {
    std::string segment;
    // At most 48 bytes, never cutting a UTF-8 sequence in two.
    const std::size_t shown = utf8::floorBoundary(name, 48);
    for (std::size_t i = 0; i < shown; ++i) {
        segment += name[i] == '~' ? std::string{"~0"} : name[i] == '/' ? std::string{"~1"} : std::string(1, name[i]);
    }
    return shown < name.size() ? segment + "..." : segment;
}

// Follows the parser's events: where it is (for messages), what each list and object may hold,
// and the memory the tree and the model take; hands each complete theme, template and client to
// the field readers and drops its JSON.
class StreamingReader {
public:
    StreamingReader(const InterchangeLimits& limits, const ByteSource& source, Reader& reader)
        : m_limits(limits), m_source(source), m_reader(reader) {}

    bool event(Json::parse_event_t event, Json& parsed) {
        switch (event) {
        case Json::parse_event_t::object_start:
        case Json::parse_event_t::array_start: startContainer(event == Json::parse_event_t::array_start); return true;
        case Json::parse_event_t::key: readName(parsed.get_ref<std::string&>()); return true;
        case Json::parse_event_t::value: {
            if (m_frames.empty()) {
                return true; // a document that is one bare value: refused after parsing
            }
            const auto before = m_charged;
            newItem();
            std::size_t textBytes = 0;
            if (parsed.is_string()) {
                auto& text = parsed.get_ref<std::string&>();
                checkText(text);
                textBytes = text.size();
            }
            charge(kNodeBytes + textBytes);
            return keepOrTake(parsed, before);
        }
        case Json::parse_event_t::object_end:
        case Json::parse_event_t::array_end: {
            const auto before = m_frames.back().chargedAtStart;
            m_frames.pop_back();
            return m_frames.empty() || keepOrTake(parsed, before);
        }
        }
        return true;
    }

    // A JSON pointer to the value being read ("/clients/3/sessions/17/sections/history").
    [[nodiscard]] std::string pointer() const { return pointerTo(m_frames.size()); }

    [[nodiscard]] CaseloadDocument takeDocument() { return std::move(m_document); }

private:
    enum class Role { Root, Codebook, Templates, Clients, Client, Sessions, Other };

    struct Frame {
        bool isArray = false;
        Role role = Role::Other;
        std::size_t count = 0; // items of a list, members of an object, so far
        std::string key;       // the member being read
        std::size_t chargedAtStart = 0;
    };

    [[nodiscard]] std::string pointerTo(std::size_t depth) const {
        std::string path;
        for (std::size_t i = 0; i < depth && i < m_frames.size(); ++i) {
            const auto& frame = m_frames[i];
            if (frame.isArray && frame.count > 0) {
                path += "/" + std::to_string(frame.count - 1);
            } else if (!frame.isArray && frame.count > 0) {
                path += "/" + pointerSegment(frame.key);
            }
        }
        return path.empty() ? "document" : path;
    }

    [[nodiscard]] Role roleOfChild(const Frame& parent) const {
        if (parent.role == Role::Root) {
            return parent.key == "codebook"    ? Role::Codebook
                   : parent.key == "templates" ? Role::Templates
                   : parent.key == "clients"   ? Role::Clients
                                               : Role::Other;
        }
        if (parent.role == Role::Clients) {
            return Role::Client;
        }
        return parent.role == Role::Client && parent.key == "sessions" ? Role::Sessions : Role::Other;
    }

    void startContainer(bool isArray) {
        const auto before = m_charged;
        newItem();
        if (m_frames.size() >= m_limits.maxDepth) {
            throw LimitBroken(pointer(), "nested deeper than " + std::to_string(m_limits.maxDepth) +
                                             " levels (the limit; a caseload needs 6)");
        }
        Frame frame;
        frame.isArray = isArray;
        frame.role = m_frames.empty() ? Role::Root : roleOfChild(m_frames.back());
        frame.chargedAtStart = before;
        m_frames.push_back(std::move(frame));
        charge(kNodeBytes);
    }

    // Counts one more item of the innermost list against its limit.
    void newItem() {
        if (m_frames.empty() || !m_frames.back().isArray) {
            return;
        }
        auto& list = m_frames.back();
        const auto [limit, what] = list.role == Role::Clients ? std::pair{m_limits.maxClients, "clients in one file"}
                                   : list.role == Role::Sessions
                                       ? std::pair{m_limits.maxSessionsPerClient, "sessions of one client"}
                                       : std::pair{m_limits.maxListItems, "items in one list"};
        if (++list.count > limit) {
            throw LimitBroken(pointerTo(m_frames.size() - 1),
                              "more than " + withThousands(limit) + " " + what + " (the limit)");
        }
    }

    void readName(const std::string& name) {
        auto& object = m_frames.back();
        if (++object.count > m_limits.maxMembers) {
            throw LimitBroken(pointerTo(m_frames.size() - 1),
                              "more than " + withThousands(m_limits.maxMembers) + " members in one object (the limit)");
        }
        object.key = name;
        if (name.size() > m_limits.maxNameBytes) {
            throw LimitBroken(pointer(),
                              "a member name longer than " + bytesInWords(m_limits.maxNameBytes) + " (the limit)");
        }
        if (const auto bad = forbiddenCharacter(name)) {
            m_reader.problem(pointer(), "the member name holds " + *bad + "; remove it");
        }
        charge(kNodeBytes + name.size());
    }

    void checkText(std::string& text) {
        if (text.size() > m_limits.maxTextBytes) {
            throw LimitBroken(pointer(), "a text of " + withThousands(text.size()) + " bytes, longer than " +
                                             bytesInWords(m_limits.maxTextBytes) + " (the limit for one text)");
        }
        // Line breaks written by Windows tools become plain line feeds; a carriage return on its
        // own is refused below with the other control characters.
        if (text.find("\r\n") != std::string::npos) {
            std::string unix;
            unix.reserve(text.size());
            for (std::size_t i = 0; i < text.size(); ++i) {
                if (!(text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
                    unix += text[i];
                }
            }
            text = std::move(unix);
        }
        if (const auto bad = forbiddenCharacter(text)) {
            m_reader.problem(pointer(), "the text holds " + *bad +
                                            "; remove it (a text may hold tabs and line breaks, "
                                            "no other control characters)");
        }
    }

    void charge(std::size_t bytes) {
        m_charged += bytes;
        // Half as much again as the bytes read: the model of short notes (a few words per section)
        // takes a little more than their JSON; real notes and pretty-printed files much less.
        const auto read = m_source.bytesRead();
        if (m_charged > read + read / 2 + m_limits.memorySlackBytes) {
            throw LimitBroken(pointer(), "reading this file would take more memory than 1.5 times its size plus " +
                                             bytesInWords(m_limits.memorySlackBytes) +
                                             " (the limit): it holds a great many empty or tiny records, which no "
                                             "caseload does; is it really a Tessera caseload?");
        }
    }

    // For an item of the codebook, templates, clients or a client's sessions list: reads it into
    // the document, charges the model instead of the JSON, and returns false so that the parser
    // drops the JSON. Sessions are the unit of streaming, so that a client with years of notes
    // never exists as a whole JSON tree.
    bool keepOrTake(const Json& element, std::size_t chargedBefore) {
        const auto& list = m_frames.back();
        if (list.isArray && list.role == Role::Root) {
            // A document that is a list is refused once parsed (a syntax error there is reported
            // first); its items are not kept meanwhile.
            m_charged = chargedBefore;
            return false;
        }
        if (!list.isArray) {
            if (list.role == Role::Client && list.key == "code" && element.is_string()) {
                m_clientCode = element.get<std::string>();
            }
            return true;
        }
        using interchange_detail::indexed;
        const auto index = list.count - 1;
        std::size_t model = 0;
        switch (list.role) {
        case Role::Codebook:
            model = append(m_document.codebook,
                           interchange_detail::readTheme(m_reader, element, indexed("", "codebook", index)));
            break;
        case Role::Templates:
            model = append(m_document.templates,
                           interchange_detail::readTemplate(m_reader, element, indexed("", "templates", index)));
            break;
        case Role::Sessions: {
            // Located as readClient locates them: by the client's code when it came first.
            const auto clientIndex = m_frames.at(1).count - 1;
            const auto clientAt = m_clientCode.empty() ? indexed("", "clients", clientIndex) : "client " + m_clientCode;
            model = append(m_sessions,
                           interchange_detail::readSession(m_reader, element, indexed(clientAt, "sessions", index)));
            break;
        }
        case Role::Clients: {
            auto record = interchange_detail::readClient(m_reader, element, indexed("", "clients", index));
            record.sessions = std::move(m_sessions);
            m_sessions = {};
            m_clientCode.clear();
            // The sessions were charged as they came; the record's estimate now stands for them.
            model = append(m_document.clients, std::move(record));
            break;
        }
        default: return true;
        }
        charge(model); // the JSON and the model exist together for a moment
        m_charged = chargedBefore + model;
        return false;
    }

    template <typename T> static std::size_t append(std::vector<T>& list, T item) {
        const auto capacityBefore = list.capacity();
        list.push_back(std::move(item));
        return (list.capacity() - capacityBefore) * sizeof(T) + modelBytes(list.back());
    }

    const InterchangeLimits& m_limits;
    const ByteSource& m_source;
    Reader& m_reader;
    std::vector<Frame> m_frames;
    std::size_t m_charged = 0;
    CaseloadDocument m_document;
    std::vector<Session> m_sessions; // of the client being read
    std::string m_clientCode;        // of the client being read, once read
};

// The document's own members, once the whole file was read (its lists were read as they came).
void readRoot(const Json& root, Reader& reader) {
    const auto format = reader.string(reader.required(root, "format", "document"), "format");
    if (root.contains("format") && root["format"].is_string() && format != kInterchangeFormat) {
        throw ValidationError({{"format", "this is not a Tessera caseload (format is \"" + format + "\", expected \"" +
                                              std::string{kInterchangeFormat} + "\")"}});
    }
    const auto version = reader.integer(reader.required(root, "version", "document"), "version");
    if (version && *version != kInterchangeVersion) {
        throw ValidationError({{"version", "caseload format version " + std::to_string(*version) +
                                               " is not supported; this Tessera reads version 1"}});
    }
    for (const char* list : {"codebook", "templates", "clients"}) {
        if (const auto* value = Reader::optional(root, list)) {
            (void)reader.expectArray(*value, list);
        }
    }
}

} // namespace

CaseloadDocument readCaseload(std::istream& in, const InterchangeLimits& limits) {
    auto* buffer = in.rdbuf();
    if (buffer == nullptr) {
        throw ValidationError({{std::string{"document"}, "there is nothing to read"}});
    }
    ByteSource source(*buffer, limits);
    std::vector<Problem> problems;
    Reader reader(problems, limits.maxProblems);
    StreamingReader streaming(limits, source, reader);
    Json root;
    try {
        root = Json::parse(SourceIterator(source), SourceIterator(),
                           [&streaming](int /*depth*/, Json::parse_event_t event, Json& parsed) {
                               return streaming.event(event, parsed);
                           });
    } catch (const LimitBroken& broken) {
        throw ValidationError({{broken.where().empty() ? streaming.pointer() : broken.where(), broken.what()}});
    } catch (const Json::parse_error& error) {
        const auto byte = error.byte > 0 ? error.byte - 1 : 0;
        throw ValidationError({{source.positionOf(byte), "the file is not valid JSON"}});
    } catch (const Json::out_of_range&) {
        // A number beyond what a double holds (1e999): found by the fuzzer (tests/fuzz).
        throw ValidationError(
            {{std::string{"document"}, "the file is not valid JSON (it holds a number too large to read)"}});
    }
    std::vector<Problem> rootProblems;
    Reader rootReader(rootProblems, limits.maxProblems);
    if (!rootReader.expectObject(root, "document")) {
        throw ValidationError(std::move(rootProblems));
    }
    readRoot(root, rootReader);
    // The document's own problems (format, version) read best first, as the file puts them.
    problems.insert(problems.begin(), rootProblems.begin(), rootProblems.end());
    if (!problems.empty()) {
        throw ValidationError(std::move(problems));
    }
    return streaming.takeDocument();
}

CaseloadDocument readCaseload(std::string_view json, const InterchangeLimits& limits) {
    ViewBuffer buffer(json);
    std::istream in(&buffer);
    return readCaseload(in, limits);
}

} // namespace tessera::core
