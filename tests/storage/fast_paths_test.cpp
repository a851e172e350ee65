// The faster paths that issue 7 added to storage give the same answers as the plain ones:
// reading records without texts, the caseload overview's compact read, the batched import, the search that joins only
// what can make the top, and the client list. Run as tests_storage_performance (ctest -R tests_storage).

#include "caseload_reference.hpp"
#include "storage_fixtures.hpp"
#include "test_support.hpp"

#include "tessera/core/analytics.hpp"
#include "tessera/core/caseload.hpp"
#include "tessera/core/demo.hpp"
#include "tessera/core/interchange.hpp"
#include "tessera/storage/testing.hpp"
#include "tessera/storage/vault.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

using namespace tessera;
using storage::RecordContent;

namespace {

// What RecordContent::WithoutTexts promises: the whole record without texts.
core::ClientRecord withoutTexts(core::ClientRecord record) {
    for (auto& session : record.sessions) {
        session.sections.clear();
        session.psychotherapyNote.clear();
    }
    return record;
}

// A CaseloadObservations in a form that compares by content: per client, its code and its
// sessions (day, then each observation's theme key and intensity, sorted: the vault gives them in
// row order, whole records per session).
using ObservationFacts = std::vector<std::pair<std::string, int>>;
using SessionFacts = std::pair<std::int32_t, ObservationFacts>;
std::vector<std::pair<std::string, std::vector<SessionFacts>>> contents(const core::CaseloadObservations& caseload) {
    std::vector<std::pair<std::string, std::vector<SessionFacts>>> clients;
    std::vector<std::size_t> clientOf(caseload.sessionCount());
    for (std::size_t c = 0; c < caseload.clientCount(); ++c) {
        auto& [code, sessions] = clients.emplace_back(caseload.clientCode(c), std::vector<SessionFacts>{});
        for (std::size_t s = caseload.firstSession(c); s < caseload.endSession(c); ++s) {
            sessions.emplace_back(caseload.sessionDay(s), ObservationFacts{});
            clientOf[s] = c;
        }
    }
    for (std::size_t o = 0; o < caseload.observationCount(); ++o) {
        const std::size_t session = caseload.observationSessions()[o];
        const std::size_t c = clientOf[session];
        clients[c].second[session - caseload.firstSession(c)].second.emplace_back(
            caseload.themeKeys()[caseload.observationThemes()[o]], caseload.observationIntensities()[o]);
    }
    for (auto& client : clients) {
        for (auto& session : client.second) {
            std::sort(session.second.begin(), session.second.end());
        }
    }
    return clients;
}

using Hit = std::tuple<std::string, std::int64_t, std::string, std::string, std::string, double>;

// The search query as it was before issue 7 (every match joined before ranking): the reference.
std::vector<Hit> referenceSearch(SQLite::Database& db, const std::string& fts, int limit,
                                 const std::optional<std::string>& client = std::nullopt,
                                 const std::optional<std::string>& theme = std::nullopt) {
    SQLite::Statement query(db, "SELECT c.code, s.id, s.date, f.field, "
                                "snippet(search_index, 0, '[', ']', '…', 16), bm25(search_index) AS score "
                                "FROM search_index f JOIN sessions s ON s.id = f.session_id "
                                "JOIN clients c ON c.id = s.client_id WHERE search_index MATCH ?1 "
                                "AND (?3 IS NULL OR c.code = ?3) AND (?4 IS NULL OR EXISTS (SELECT 1 FROM "
                                "observations o WHERE o.session_id = s.id AND o.theme_key = ?4 AND o.intensity >= 1)) "
                                "ORDER BY score, f.rowid DESC LIMIT ?2");
    if (client) {
        query.bind(3, *client);
    }
    if (theme) {
        query.bind(4, *theme);
    }
    query.bind(1, fts);
    query.bind(2, limit);
    std::vector<Hit> hits;
    while (query.executeStep()) {
        hits.emplace_back(query.getColumn(0).getString(), query.getColumn(1).getInt64(), query.getColumn(2).getString(),
                          query.getColumn(3).getString(), query.getColumn(4).getString(),
                          query.getColumn(5).getDouble());
    }
    return hits;
}

} // namespace

TEST_CASE("records without texts are the whole records reduced", "[storage][performance]") {
    test::TempDir dir;
    auto vault = storage::Vault::create(dir / "v.tessera", storage::Secret{"fast paths"});
    (void)vault.importCaseload(test::demoDocument(4, 14, 11));
    const auto full = vault.allRecords();
    REQUIRE(full.size() == 4);
    const auto lean = vault.allRecords(RecordContent::WithoutTexts);
    REQUIRE(lean.size() == full.size());
    const auto codebook = vault.codebook();
    for (std::size_t i = 0; i < full.size(); ++i) {
        INFO("client " << full[i].client.code);
        CHECK(lean[i] == withoutTexts(full[i]));
        CHECK(vault.clientRecord(full[i].client.id, RecordContent::WithoutTexts) == lean[i]);
        CHECK(vault.clientRecord(full[i].client.id) == full[i]);
        // What the analytics compute from the lean records is what they compute from whole ones.
        const auto fromFull = core::analyseClient(full[i], codebook);
        const auto fromLean = core::analyseClient(lean[i], codebook);
        CHECK(fromLean.sessions == fromFull.sessions);
        for (std::size_t t = 0; t < fromFull.themes.size(); ++t) {
            CHECK(fromLean.themes[t].stats.intensity == fromFull.themes[t].stats.intensity);
            CHECK(fromLean.themes[t].quotes == fromFull.themes[t].quotes);
        }
    }
}

TEST_CASE("the caseload overview's compact read holds what the whole records hold", "[storage][performance]") {
    test::TempDir dir;
    auto vault = storage::Vault::create(dir / "v.tessera", storage::Secret{"fast paths"});
    (void)vault.importCaseload(test::demoDocument(5, 14, 11)); // signed notes, drafts, addenda
    // A client without sessions, and one with an empty draft and two notes on one day.
    (void)vault.addClient({{}, "A-000", "", {}});
    const auto busy = vault.addClient({{}, "Z-999", "", {}});
    const auto date = *core::Date::parse("2026-03-02");
    auto first = vault.session(vault.createSession(busy, date, "dap"));
    first.observations = {{"fear", 3, "", ""}, {"money", 1, "", ""}};
    vault.saveDraft(first);
    auto second = vault.session(vault.createSession(busy, date, "dap"));
    second.observations = {{"fear", 1, "", ""}};
    vault.saveDraft(second);
    (void)vault.createSession(busy, *core::Date::parse("2026-03-09"), "dap"); // empty draft

    const auto full = vault.allRecords();
    const auto compact = vault.caseloadObservations();
    REQUIRE(compact.clientCount() == full.size());
    CHECK(compact.clientCount() == 7);
    CHECK(contents(compact) == contents(core::CaseloadObservations::fromRecords(full)));
    const auto codebook = vault.codebook();
    const auto overview = core::analyseCaseload(compact, codebook);
    CHECK(overview == test::caseloadByClientAnalyses(full, codebook));
    CHECK(overview.clients == 7);
    CHECK(overview.clientsWithSessions == 6);
    // From a demo client's fourth session on (A-000, without sessions, comes first).
    REQUIRE(full.front().sessions.empty());
    core::AnalysisOptions range;
    range.from = full[1].sessions.at(3).date;
    range.window = 3;
    CHECK(core::analyseCaseload(compact, codebook, range) == test::caseloadByClientAnalyses(full, codebook, range));
}

TEST_CASE("the batched import writes every note as given, and indexes every text", "[storage][performance]") {
    test::TempDir dir;
    const auto path = dir / "plain.db";
    // More sessions than one import batch (500), drafts and addenda included.
    const auto document = test::demoDocument(9, 60, 11);
    {
        auto vault = storage::testing::createUnencryptedForBenchmark(path);
        const auto report = vault.importCaseload(document);
        CHECK(report.sessions == 540);
        auto exported = vault.exportCaseload();
        REQUIRE(exported.clients.size() == document.clients.size());
        for (std::size_t i = 0; i < document.clients.size(); ++i) {
            auto expected = document.clients[i];
            for (auto& session : expected.sessions) {
                session.templateVersion = 1; // resolved on import
            }
            INFO("client " << expected.client.code);
            CHECK(exported.clients[i] == expected);
        }
    }
    SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
    // FTS5's own check: the index holds exactly what the content holds.
    CHECK_NOTHROW(db.exec("INSERT INTO search_index(search_index) VALUES ('integrity-check')"));
    const auto count = [&](const char* sql) {
        SQLite::Statement query(db, sql);
        query.executeStep();
        return query.getColumn(0).getInt64();
    };
    CHECK(count("SELECT count(*) FROM search_index") ==
          count("SELECT (SELECT count(*) FROM session_sections) + (SELECT count(*) FROM observations "
                "WHERE quote <> '') + (SELECT count(*) FROM addenda)"));
    CHECK(count("SELECT count(*) FROM search_index s JOIN session_sections x ON s.rowid = x.id * 4 "
                "WHERE s.body = x.body AND s.session_id = x.session_id") ==
          count("SELECT count(*) FROM session_sections"));
}

TEST_CASE("search ranks, filters and breaks ties exactly as joining every match does",
          "[storage][performance][search]") {
    test::TempDir dir;
    const auto path = dir / "plain.db";
    {
        auto vault = storage::testing::createUnencryptedForBenchmark(path);
        (void)vault.importCaseload(test::demoDocument(6, 30, 11)); // demo notes repeat sentences: many exact ties
    }
    const auto vault = storage::testing::openUnencryptedForBenchmark(path);
    SQLite::Database db(path.string(), SQLite::OPEN_READONLY);
    std::size_t unfilteredHits = 0;
    std::size_t clientHits = 0;
    std::size_t themeHits = 0;
    for (const auto& [text, fts] :
         std::vector<std::pair<std::string, std::string>>{{"handover", "\"handover\""},
                                                          {"money mortgage", "\"money\" \"mortgage\""},
                                                          {"\"safety plan\"", "\"safety plan\""},
                                                          {"calm*", "\"calm\"*"},
                                                          {"the", "\"the\""},
                                                          {"lighthouse", "\"lighthouse\""}}) {
        const auto secondClient = vault.clients().at(1).code;
        for (const auto& [client, theme] :
             std::vector<std::pair<std::optional<std::string>, std::optional<std::string>>>{
                 {std::nullopt, std::nullopt}, {secondClient, std::nullopt}, {std::nullopt, "self-blame"}}) {
            for (const int limit : {1, 7, 50, 100000}) {
                INFO(text << ", limit " << limit << ", client " << client.value_or("-") << ", theme "
                          << theme.value_or("-"));
                const auto expected = referenceSearch(db, fts, limit, client, theme);
                const auto hits = vault.search({text, client, theme, limit});
                REQUIRE(hits.size() == expected.size());
                (client ? clientHits : theme ? themeHits : unfilteredHits) += hits.size();
                for (std::size_t i = 0; i < hits.size(); ++i) {
                    CHECK(hits[i].clientCode == std::get<0>(expected[i]));
                    CHECK(hits[i].session.value == std::get<1>(expected[i]));
                    CHECK(hits[i].date.toIso() == std::get<2>(expected[i]));
                    CHECK(hits[i].field == std::get<3>(expected[i]));
                    CHECK(hits[i].snippet == std::get<4>(expected[i]));
                    CHECK(hits[i].score == std::get<5>(expected[i]));
                }
            }
        }
    }
    // Each kind of search found something to compare.
    CHECK(unfilteredHits > 0);
    CHECK(clientHits > 0);
    CHECK(themeHits > 0);
}

TEST_CASE("the client list counts sessions and drafts, and lists clients without sessions", "[storage][performance]") {
    test::TempDir dir;
    auto vault = storage::Vault::create(dir / "v.tessera", storage::Secret{"fast paths"});
    (void)vault.importCaseload(test::demoDocument(2, 5, 11)); // the last session of each client is a draft
    const auto empty = vault.addClient({{}, "Z-EMPTY", "", {}});
    const auto clients = vault.clients();
    REQUIRE(clients.size() == 3);
    const auto records = vault.allRecords();
    for (std::size_t i = 0; i < 2; ++i) {
        CHECK(clients[i].code == records[i].client.code);
        CHECK(clients[i].sessions == 5);
        CHECK(clients[i].drafts == 1);
        CHECK(clients[i].firstSession == records[i].sessions.front().date);
        CHECK(clients[i].lastSession == records[i].sessions.back().date);
    }
    CHECK(clients[2].id == empty);
    CHECK(clients[2].sessions == 0);
    CHECK(clients[2].drafts == 0);
    CHECK_FALSE(clients[2].firstSession);
    CHECK_FALSE(clients[2].lastSession);
}
