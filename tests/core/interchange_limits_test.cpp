// The limits of an import file (docs/interchange.md, "Limits"), each checked while the file is
// read: every limit stops the reading with a message naming the limit and the place, the texts'
// control characters are refused with the field named, and a stream that never ends is bounded.

#include "tessera/core/codebook.hpp"
#include "tessera/core/demo.hpp"
#include "tessera/core/interchange.hpp"

#include <catch2/catch.hpp>

#include <istream>
#include <streambuf>
#include <string>

using namespace tessera::core;
using Catch::Matchers::Contains;

namespace {

// One client with one session whose parts the tests fill in.
std::string document(const std::string& sessionMembers, const std::string& clientMembers = "",
                     const std::string& rootMembers = "") {
    return R"({"format": "tessera.caseload", "version": 1, )" + rootMembers + R"("clients": [{"code": "C-014", )" +
           clientMembers + R"("sessions": [{"date": "2026-01-07", "template": "dap")" +
           (sessionMembers.empty() ? "" : ", " + sessionMembers) + "}]}]}";
}

std::string repeated(const std::string& item, std::size_t count, const std::string& separator = ", ") {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) {
        out += (i > 0 ? separator : "") + item;
    }
    return out;
}

Problem onlyProblem(const std::string& text, const InterchangeLimits& limits = {}) {
    try {
        (void)readCaseload(text, limits);
    } catch (const ValidationError& error) {
        REQUIRE(error.problems().size() == 1);
        return error.problems()[0];
    }
    FAIL("the document was accepted");
    return {};
}

// A stream that never ends: the same bytes again and again after a beginning (as /dev/zero or a
// pipe that is never closed).
class EndlessBuffer : public std::streambuf {
public:
    EndlessBuffer(std::string start, std::string repeat) : m_start(std::move(start)), m_repeat(std::move(repeat)) {
        setg(m_start.data(), m_start.data(), m_start.data() + m_start.size());
    }

protected:
    int_type underflow() override {
        setg(m_repeat.data(), m_repeat.data(), m_repeat.data() + m_repeat.size());
        return traits_type::to_int_type(m_repeat.front());
    }

private:
    std::string m_start;
    std::string m_repeat;
};

Problem onlyProblemOfEndless(const std::string& start, const std::string& repeat, const InterchangeLimits& limits) {
    EndlessBuffer buffer(start, repeated(repeat, 4096 / repeat.size(), ""));
    std::istream in(&buffer);
    try {
        (void)readCaseload(in, limits);
    } catch (const ValidationError& error) {
        REQUIRE(error.problems().size() == 1);
        return error.problems()[0];
    }
    FAIL("an endless stream was accepted");
    return {};
}

} // namespace

TEST_CASE("The documented limits are the defaults", "[interchange][limits]") {
    const InterchangeLimits limits;
    CHECK(limits.maxFileBytes == 256ULL * 1024 * 1024);
    CHECK(limits.maxDepth == 32);
    CHECK(limits.maxTextBytes == std::size_t{1024} * 1024);
    CHECK(limits.maxNameBytes == 1024);
    CHECK(limits.maxNumberChars == 64);
    CHECK(limits.maxClients == 100'000);
    CHECK(limits.maxSessionsPerClient == 10'000);
    CHECK(limits.maxListItems == 10'000);
    CHECK(limits.maxMembers == 1'000);
    CHECK(limits.memorySlackBytes == std::size_t{32} * 1024 * 1024);
}

TEST_CASE("Every limit names itself and the place it was broken", "[interchange][limits]") {
    const std::string session = "/clients/0/sessions/0";
    InterchangeLimits small;
    small.maxClients = 3;
    small.maxSessionsPerClient = 2;
    small.maxListItems = 4;
    small.maxMembers = 5;
    const auto observation = R"({"theme": "self-blame", "intensity": 1})";
    const auto [text, where, what] = GENERATE_COPY(table<std::string, std::string, std::string>({
        {document(R"("sections": {"data": ")" + std::string((1U << 20) + 1, 'x') + "\"}"), session + "/sections/data",
         "a text of 1,048,577 bytes, longer than 1 MiB (the limit for one text)"},
        // Written with escapes, the same text is stopped before the parser has buffered it all.
        {document(R"("sections": {"data": ")" + repeated("\\u0041", (1U << 20) + 1, "") + "\"}"),
         session + "/sections/data", "a text longer than 1 MiB (the limit for one text)"},
        {document(R"("extra": )" + std::string(40, '[') + std::string(40, ']')),
         session + "/extra" + repeated("/0", 27, ""), "nested deeper than 32 levels (the limit; a caseload needs 6)"},
        {document("\"" + std::string(2000, 'k') + "\": 1"), session + "/" + std::string(48, 'k') + "...",
         "a member name longer than 1 KiB (the limit)"},
        {document(R"("duration_minutes": )" + std::string(100, '5')), session + "/duration_minutes",
         "a number written with more than 64 characters (the limit)"},
        {R"({"format": "tessera.caseload", "version": 1, "clients": [)" + repeated(R"({"code": "C"})", 4) + "]}",
         "/clients", "more than 3 clients in one file (the limit)"},
        {R"({"format": "tessera.caseload", "version": 1, "clients": [{"code": "C", "sessions": [)" + repeated("{}", 3) +
             "]}]}",
         "/clients/0/sessions", "more than 2 sessions of one client (the limit)"},
        {document(R"("observations": [)" + repeated(observation, 5) + "]"), session + "/observations",
         "more than 4 items in one list (the limit)"},
        {document(R"("sections": {"a": "", "b": "", "c": "", "d": "", "e": "", "f": ""})"), session + "/sections",
         "more than 5 members in one object (the limit)"},
    }));
    CAPTURE(where);
    const auto problem = onlyProblem(text, small);
    CHECK(problem.where == where);
    CHECK(problem.what == what);
}

TEST_CASE("A file past the size limit is refused as it is read", "[interchange][limits]") {
    InterchangeLimits limits;
    limits.maxFileBytes = 100;
    const auto text = document(R"("sections": {"data": "a note long enough to pass one hundred bytes"})");
    REQUIRE(text.size() > 100);
    const auto problem = onlyProblem(text, limits);
    CHECK(problem.where == "document");
    CHECK_THAT(problem.what, Contains("larger than 100 bytes (the limit for an import file)"));
}

TEST_CASE("Many tiny records cannot make the reader take more memory than the file plus the slack",
          "[interchange][limits]") {
    InterchangeLimits limits;
    limits.memorySlackBytes = 1U << 20;
    limits.maxListItems = 10'000'000;
    limits.maxSessionsPerClient = 10'000'000;
    SECTION("empty lists under a member the format does not know") {
        const auto text = document(R"("extra": [)" + repeated("[]", 200'000, ",") + "]");
        const auto problem = onlyProblem(text, limits);
        CHECK_THAT(problem.where, Contains("/clients/0/sessions/0/extra/"));
        CHECK_THAT(problem.what, Contains("more memory than 1.5 times its size plus 1 MiB (the limit)"));
    }
    SECTION("empty sessions, each small in the file and large in the model") {
        const auto text = R"({"format": "tessera.caseload", "version": 1, "clients": [{"code": "C", "sessions": [)" +
                          repeated("{}", 200'000, ",") + "]}]}";
        CHECK_THAT(onlyProblem(text, limits).what,
                   Contains("more memory than 1.5 times its size plus 1 MiB (the limit)"));
    }
    SECTION("empty clients, each read and dropped from the tree") {
        limits.maxClients = 10'000'000;
        const auto text =
            R"({"format": "tessera.caseload", "version": 1, "clients": [)" + repeated("{}", 400'000, ",") + "]}";
        try {
            (void)readCaseload(text, limits);
            FAIL("accepted");
        } catch (const ValidationError& error) {
            // Either the memory limit or the problems of the clients without a code (capped): never
            // a million problems.
            CHECK(error.problems().size() <= limits.maxProblems + 1);
        }
    }
}

TEST_CASE("A caseload as Tessera exports it stays well within the memory limit", "[interchange][limits]") {
    // The demo's notes are short (about 900 characters of sections): a careful case for the
    // memory limit, which counts what is built against the bytes read.
    DemoOptions options;
    options.clients = 30;
    options.sessionsPerClient = 30;
    options.textLength = 300;
    CaseloadDocument written;
    written.clients = makeDemoCaseload(options, defaultCodebook());
    InterchangeLimits limits;
    limits.memorySlackBytes = 256U << 10;
    const auto read = readCaseload(writeCaseload(written), limits);
    CHECK(read == written);
}

TEST_CASE("A text holding NUL or another control character is refused with the field named",
          "[interchange][limits][text]") {
    const std::string session = "/clients/0/sessions/0";
    const auto [text, where, what] = GENERATE_COPY(table<std::string, std::string, std::string>({
        {document(R"("sections": {"data": "shown\u0000hidden"})"), session + "/sections/data",
         "the text holds NUL (U+0000) at character 6; remove it (a text may hold tabs and line breaks, no other "
         "control characters)"},
        {document(R"("psychotherapy_note": "\u001b[2J")"), session + "/psychotherapy_note",
         "a control character (U+001B) at character 1"},
        {document(R"("observations": [{"theme": "fear", "intensity": 1, "quote": "a\u0007"}])"),
         session + "/observations/0/quote", "(U+0007) at character 2"},
        {document("", R"("display_name": "Ann\u0000e", )"), "/clients/0/display_name", "NUL (U+0000) at character 4"},
        {document("", R"("redact": ["Mar\u0085cus"], )"), "/clients/0/redact/0", "(U+0085) at character 4"},
        {document(R"("addenda": [{"at": "2026-01-09T09:00:00Z", "text": "lone\rreturn"}])"),
         session + "/addenda/0/text", "a carriage return (U+000D) at character 5"},
        {document(R"("sections": {"da\u0000ta": "x"})"), session + "/sections/da",
         "the member name holds NUL (U+0000) at character 3"},
    }));
    CAPTURE(where);
    const auto problem = onlyProblem(text);
    CHECK_THAT(problem.where, Contains(where));
    CHECK_THAT(problem.what, Contains(what));
}

TEST_CASE("Tabs and line breaks are kept - Windows line breaks are read as line feeds", "[interchange][limits][text]") {
    const auto read = readCaseload(document(R"("sections": {"data": "one\ttwo\r\nthree\nfour"})"));
    REQUIRE(read.clients.at(0).sessions.at(0).sections.size() == 1);
    CHECK(read.clients[0].sessions[0].sections[0].text == "one\ttwo\nthree\nfour");
}

TEST_CASE("A stream that never ends is bounded", "[interchange][limits][stream]") {
    InterchangeLimits limits;
    limits.maxFileBytes = 4U << 20;
    SECTION("zero bytes, as from /dev/zero: not JSON at the first byte") {
        const auto problem = onlyProblemOfEndless("", std::string(1, '\0'), limits);
        CHECK(problem.where == "line 1, column 1");
        CHECK(problem.what == "the file is not valid JSON");
    }
    SECTION("white space for ever: the size limit") {
        const auto problem = onlyProblemOfEndless("{\"clients\": ", " ", limits);
        CHECK(problem.where == "document");
        CHECK_THAT(problem.what, Contains("larger than 4 MiB"));
    }
    SECTION("a text that never closes: the text limit") {
        limits.maxTextBytes = 1024;
        const auto problem = onlyProblemOfEndless(R"({"format": ")", "x", limits);
        CHECK(problem.where == "/format");
        CHECK(problem.what == "a text longer than 1 KiB (the limit for one text)");
    }
    SECTION("lists that never close: the nesting limit") {
        const auto problem = onlyProblemOfEndless(R"({"clients": )", "[", limits);
        CHECK_THAT(problem.what, Contains("nested deeper than 32 levels"));
    }
    SECTION("empty objects for ever: the list or memory limit") {
        const auto problem = onlyProblemOfEndless(R"({"clients": [{"code": "C", "sessions": [{})", ",{}", limits);
        CHECK(problem.where == "/clients/0/sessions");
        CHECK(problem.what == "more than 10,000 sessions of one client (the limit)");
    }
}

TEST_CASE("Problems are listed up to a limit, then summarised", "[interchange][limits]") {
    InterchangeLimits limits;
    limits.maxProblems = 10;
    const auto text =
        R"({"format": "tessera.caseload", "version": 1, "clients": [)" + repeated(R"({"code": 1})", 50) + "]}";
    try {
        (void)readCaseload(text, limits);
        FAIL("accepted");
    } catch (const ValidationError& error) {
        REQUIRE(error.problems().size() == 11);
        CHECK(error.problems()[9].where == "clients[9], code");
        CHECK_THAT(error.problems()[10].what, Contains("more problems were found"));
    }
}
