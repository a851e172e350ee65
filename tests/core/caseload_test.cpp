// The caseload overview over its compact input (core/caseload.hpp): the builder, and the result
// compared with the long way (every client through analyseClient, caseload_reference.hpp) on the
// demo caseload and on hand-built edge cases. The hand-computed roll-up is in analytics_test.cpp.

#include "caseload_reference.hpp"

#include "tessera/core/caseload.hpp"
#include "tessera/core/codebook.hpp"
#include "tessera/core/demo.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

using namespace tessera::core;
using tessera::test::caseloadByClientAnalyses;

namespace {

// Throws std::bad_optional_access on a mistyped date.
Date day(std::string_view iso) {
    return Date::parse(iso).value();
}

Session session(std::string_view date, std::vector<Observation> observations = {}) {
    Session note;
    note.date = day(date);
    note.observations = std::move(observations);
    return note;
}

ClientRecord client(const std::string& code, std::vector<Session> sessions = {}) {
    ClientRecord record;
    record.client.code = code;
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        sessions[i].id = SessionId{static_cast<std::int64_t>(i) + 1};
    }
    record.sessions = std::move(sessions);
    return record;
}

Observation seen(const std::string& key, int intensity) {
    return {key, intensity, {}, {}};
}

// Both ways, for every option set a test names.
void checkAgainstReference(const std::vector<ClientRecord>& records, const Codebook& codebook,
                           const AnalysisOptions& options = {}) {
    const auto compact = analyseCaseload(CaseloadObservations::fromRecords(records), codebook, options);
    const auto reference = caseloadByClientAnalyses(records, codebook, options);
    CHECK(compact.clients == reference.clients);
    CHECK(compact.clientsWithSessions == reference.clientsWithSessions);
    CHECK(compact.sessions == reference.sessions);
    REQUIRE(compact.themes.size() == reference.themes.size());
    for (std::size_t t = 0; t < reference.themes.size(); ++t) {
        INFO("theme " << reference.themes[t].key);
        CHECK(compact.themes[t] == reference.themes[t]);
    }
    CHECK(compact == reference);
}

} // namespace

TEST_CASE("CaseloadObservations holds clients, sessions and observations in arrays", "[caseload]") {
    CaseloadObservations caseload;
    caseload.addClient("C-001");
    const auto first = caseload.addSession(day("2026-01-07"));
    const auto second = caseload.addSession(day("2026-01-14"));
    caseload.addClient("C-002"); // no sessions
    caseload.addClient("C-003");
    const auto third = caseload.addSession(day("2026-02-01"));
    caseload.addObservation(third, "fear", 2);
    caseload.addObservation(first, "fear", 7);        // clamped to 3
    caseload.addObservation(first, "self-blame", -1); // clamped to 0
    caseload.addObservation(second, "fear", 1);

    CHECK(caseload.clientCount() == 3);
    CHECK(caseload.clientCode(1) == "C-002");
    CHECK(caseload.firstSession(0) == 0);
    CHECK(caseload.endSession(0) == 2);
    CHECK(caseload.firstSession(1) == caseload.endSession(1)); // no sessions
    CHECK(caseload.firstSession(2) == 2);
    CHECK(caseload.endSession(2) == 3);
    CHECK(caseload.sessionCount() == 3);
    CHECK(caseload.sessionDate(2) == day("2026-02-01"));
    CHECK(caseload.sessionDay(0) == 20460); // 2026-01-07: 56 years and 14 leap days after 1970-01-01
    CHECK(caseload.themeKeys() == std::vector<std::string>{"fear", "self-blame"}); // each key once
    CHECK(caseload.observationCount() == 4);
    CHECK(std::vector<std::uint32_t>(caseload.observationSessions().begin(), caseload.observationSessions().end()) ==
          std::vector<std::uint32_t>{2, 0, 0, 1});
    CHECK(std::vector<std::uint32_t>(caseload.observationThemes().begin(), caseload.observationThemes().end()) ==
          std::vector<std::uint32_t>{0, 0, 1, 0});
    CHECK(std::vector<std::uint8_t>(caseload.observationIntensities().begin(),
                                    caseload.observationIntensities().end()) == std::vector<std::uint8_t>{2, 3, 0, 1});
}

TEST_CASE("CaseloadObservations refuses a session without a client and an unknown session", "[caseload]") {
    CaseloadObservations caseload;
    CHECK_THROWS_AS(caseload.addSession(day("2026-01-07")), std::logic_error);
    caseload.addClient("C-001");
    const auto only = caseload.addSession(day("2026-01-07"));
    CHECK_THROWS_AS(caseload.addObservation(only + 1, "fear", 1), std::out_of_range);
    CHECK(caseload.observationCount() == 0); // nothing half-added
    CHECK(caseload.themeKeys().empty());
}

TEST_CASE("The compact caseload overview equals the per-client analyses on the demo caseload", "[caseload]") {
    const Codebook codebook = defaultCodebook();
    DemoOptions demo;
    demo.clients = 12;
    demo.sessionsPerClient = 30;
    demo.textLength = 0;
    const auto records = makeDemoCaseload(demo, codebook);
    REQUIRE(records.size() == 12);

    SECTION("all sessions") {
        checkAgainstReference(records, codebook);
    }
    SECTION("a date range, other windows") {
        const auto& sessions = records.front().sessions;
        REQUIRE(sessions.size() > 20);
        AnalysisOptions options;
        options.from = sessions[5].date;
        options.to = sessions[20].date;
        const auto window = GENERATE(-1, 2, 3, 6, 100);
        options.window = window;
        checkAgainstReference(records, codebook, options);
    }
    SECTION("a range without any session") {
        AnalysisOptions options;
        options.to = day("1999-12-31");
        checkAgainstReference(records, codebook, options);
        const auto result = analyseCaseload(CaseloadObservations::fromRecords(records), codebook, options);
        CHECK(result.clients == 12);
        CHECK(result.clientsWithSessions == 0);
        CHECK(result.sessions == 0);
    }
}

TEST_CASE("The compact caseload overview equals the per-client analyses on edge cases", "[caseload]") {
    const Codebook codebook = defaultCodebook();

    SECTION("no clients") {
        checkAgainstReference({}, codebook);
    }
    SECTION("clients without sessions among others") {
        checkAgainstReference(
            {client("C-001"),
             client("C-002", {session("2026-01-07", {seen("fear", 1)}), session("2026-01-14", {seen("fear", 3)})}),
             client("C-003")},
            codebook);
    }
    SECTION("sessions without observations, and a trailing empty draft") {
        // The draft (no signature) has no observations: it counts as a session with every theme
        // absent, as in the per-client analysis.
        auto draft = session("2026-02-04");
        REQUIRE_FALSE(draft.isSigned());
        auto signedNote = [](Session s) {
            s.signedAt = Timestamp::now();
            return s;
        };
        checkAgainstReference(
            {client("C-001",
                    {signedNote(session("2026-01-07", {seen("fear", 3)})), signedNote(session("2026-01-14")),
                     signedNote(session("2026-01-21", {seen("fear", 3)})), signedNote(session("2026-01-28")), draft})},
            codebook);
    }
    SECTION("addenda, quotes, stages and balance change nothing") {
        auto rich = session("2026-01-07", {{"fear", 2, "a quote", "a note"}});
        rich.addenda.push_back({Timestamp::now(), "an addendum"});
        rich.stageOfChange.leaving = Stage::Preparation;
        rich.decisionalBalance.push_back({BalanceSide::Leave, "a reason", 3});
        checkAgainstReference({client("C-001", {rich, session("2026-01-14", {seen("fear", 3)})})}, codebook);
    }
    SECTION("keys not in the codebook, a theme twice in a session, intensities out of range") {
        checkAgainstReference(
            {client("C-001", {session("2026-01-07", {seen("no-such-theme", 3), seen("fear", 1), seen("fear", 3)}),
                              session("2026-01-14", {seen("fear", 9), seen("money", -4)}),
                              session("2026-01-21", {seen("fear", 0), seen("money", 2)}),
                              session("2026-01-28", {seen("money", 2), seen("money", 0)})})},
            codebook);
    }
    SECTION("sessions out of date order, and several on one day") {
        // Same-day sessions keep the order given (the store gives them by id).
        checkAgainstReference(
            {client("C-001", {session("2026-03-01", {seen("fear", 3)}), session("2026-01-07", {seen("fear", 1)}),
                              session("2026-02-01", {seen("fear", 0)}), session("2026-02-01", {seen("fear", 2)}),
                              session("2026-01-14")})},
            codebook);
    }
    SECTION("a rising and a falling client listed in input order") {
        const std::vector<ClientRecord> records{
            client("C-009", {session("2026-01-07"), session("2026-01-14", {seen("fear", 3)})}),
            client("C-001", {session("2026-01-07", {seen("fear", 3)}), session("2026-01-14")}),
            client("C-005", {session("2026-01-07"), session("2026-01-14", {seen("fear", 2)})}),
        };
        checkAgainstReference(records, codebook);
        const auto result = analyseCaseload(CaseloadObservations::fromRecords(records), codebook);
        const auto& fear = result.themes[*codebook.indexOf("fear")];
        CHECK(fear.risingClients == std::vector<std::string>{"C-009", "C-005"});
        CHECK(fear.fallingClients == std::vector<std::string>{"C-001"});
    }
    SECTION("a codebook with a retired theme") {
        Codebook withRetired = codebook;
        auto theme = withRetired.themes().front();
        theme.retired = true;
        withRetired.upsert(theme);
        checkAgainstReference({client("C-001", {session("2026-01-07", {seen(theme.key, 1)}),
                                                session("2026-01-14", {seen(theme.key, 3)})})},
                              withRetired);
    }
}
