// No plaintext of a note reaches the disk: the vault, its -wal and a backup are scanned for
// marker strings written into every kind of field.

#include "file_watch.hpp"
#include "storage_fixtures.hpp"

#include <catch2/catch.hpp>

#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

using namespace tessera;
using test::passphrase;

namespace {

const std::vector<std::string> kMarkers{"MARKER-SECTION-7f3a",  "MARKER-QUOTE-91bc", "MARKER-PSYCHO-55de",
                                        "MARKER-ADDENDUM-c0aa", "MARKER-NAME-e2e2",  "MARKER-REDACT-4b4b",
                                        "MARKER-BALANCE-1d1d",  "MARKER-NOTE-8888"};

void writeMarkers(storage::Vault& vault) {
    const auto client = vault.addClient({{}, "C-1", kMarkers[4], {{kMarkers[5], ""}}});
    const auto id = vault.createSession(client, *core::Date::parse("2026-01-07"), "ambivalence-progress");
    auto session = vault.session(id);
    session.sections[1].text = "Long text " + kMarkers[0] + std::string(3000, 'x');
    session.observations = {{"fear", 3, kMarkers[1], kMarkers[7]}};
    session.psychotherapyNote = kMarkers[2];
    session.decisionalBalance = {{core::BalanceSide::Leave, kMarkers[6], 3}};
    vault.saveDraft(session);
    vault.signSession(id, core::Timestamp::now());
    vault.addAddendum(id, {core::Timestamp::now(), kMarkers[3]});
}

void requireNoMarkers(const std::filesystem::path& path) {
    if (!std::filesystem::exists(path)) {
        return;
    }
    const auto bytes = test::readFile(path);
    for (const auto& marker : kMarkers) {
        INFO(path.string() << " must not contain " << marker);
        CHECK(bytes.find(marker) == std::string::npos);
    }
}

} // namespace

TEST_CASE("no marker string reaches the vault, its WAL or a backup in plaintext", "[secrets]") {
    test::TempDir dir;
    const auto path = dir / "v.tessera";
    {
        auto vault = storage::Vault::create(path, passphrase());
        (void)vault.importCaseload(test::demoDocument(2, 4));
        writeMarkers(vault);
        // While open, the fresh writes sit in the WAL: it must be encrypted as well.
        REQUIRE(std::filesystem::exists(path.string() + "-wal"));
        CHECK(std::filesystem::file_size(path.string() + "-wal") > 0);
        requireNoMarkers(path.string() + "-wal");
        requireNoMarkers(path.string() + "-shm");
        requireNoMarkers(path);
        vault.backupTo(dir / "backup.tessera");
        // The content really is there, decrypted, for the person who holds the passphrase.
        CHECK(vault.search({"MARKER-QUOTE-91bc", std::nullopt, std::nullopt, 5}).size() == 1);
    }
    requireNoMarkers(path);
    requireNoMarkers(dir / "backup.tessera");
    // Nothing else was left in the folder: no temporary or journal files.
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"backup.tessera", "v.tessera"});
}

TEST_CASE("a Secret wipes the string it takes and compares in constant time", "[secrets]") {
    std::string typed = "typed passphrase";
    const auto secret = storage::Secret::takeFrom(typed);
    CHECK(typed.empty());
    CHECK(secret.view() == "typed passphrase");
    CHECK(secret == storage::Secret{"typed passphrase"});
    CHECK_FALSE(secret == storage::Secret{"typed passphrasE"});
    storage::Secret grown;
    for (char c : std::string(200, 'k')) {
        grown.append(c);
    }
    CHECK(grown.size() == 200);
    grown.clear();
    CHECK(grown.empty());
}

TEST_CASE("temporary data stays in memory: a large sort and temporary b-trees create no file", "[secrets]") {
    test::TempDir dir;
    test::TempDir temporary;
    // Where SQLite would put temporary files if it made any (it checks this before TMPDIR).
    sqlite3_temp_directory = sqlite3_mprintf("%s", temporary.path().c_str());
    test::FileWatch watch(temporary.path());
    const auto path = dir / "v.tessera";
    { (void)storage::Vault::create(path, passphrase()); }
    {
        auto raw = test::openRaw(path);
        // Even when a connection asks for file-based temporary storage, the build refuses it
        // (SQLITE_TEMP_STORE=3), and a tiny page cache would otherwise force spills to disk.
        raw->exec("PRAGMA temp_store = FILE; PRAGMA cache_size = 10;");
        raw->exec("CREATE TEMP TABLE scratch AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                  "WHERE i < 60000) SELECT i, 'MARKER-TEMP-' || i || printf('%.200c', 'x') AS body FROM n");
        raw->exec("CREATE INDEX temp.scratch_by_body ON scratch(body)");
        {
            SQLite::Statement sorted(*raw, "SELECT body FROM scratch ORDER BY substr(body, 14) DESC, random()");
            int rows = 0;
            while (sorted.executeStep()) {
                ++rows;
            }
            CHECK(rows == 60000);
            SQLite::Statement grouped(*raw, "SELECT count(*) FROM (SELECT DISTINCT body || i FROM scratch)");
            REQUIRE(grouped.executeStep());
            CHECK(grouped.getColumn(0).getInt() == 60000);
        }
        raw->exec("VACUUM"); // builds a whole temporary copy of the database
    }
    CHECK(watch.events().empty());
    CHECK(std::filesystem::directory_iterator(temporary.path()) == std::filesystem::directory_iterator{});
    // Control: the watch does see a file appear there.
    test::writeFile(temporary / "control", "x");
    CHECK_FALSE(watch.events().empty());
    sqlite3_free(sqlite3_temp_directory);
    sqlite3_temp_directory = nullptr;
}
