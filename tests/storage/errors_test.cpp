// Every way opening a vault can fail: each has its own error and message, and none of them
// changes a byte of the file.

#include "storage_fixtures.hpp"

#include "tessera/core/random.hpp"

#include <catch2/catch.hpp>

#include <SQLiteCpp/Statement.h>

#include <cstdint>
#include <future>

using namespace tessera;
using test::passphrase;
using Kind = storage::VaultError::Kind;

namespace {

// Opens `path` for writing expecting a refusal of `kind`, from opening itself or from the check
// of every page that follows it (as tessera-cli waits for it); returns the message.
std::string refusal(const std::filesystem::path& path, Kind kind, const storage::Secret& secret = passphrase()) {
    try {
        const auto vault = storage::Vault::open(path, secret);
        vault.awaitPageCheck();
        FAIL("the vault opened and its page check passed");
    } catch (const storage::VaultError& error) {
        INFO(error.what());
        CHECK(error.kind() == kind);
        return error.what();
    }
    return {};
}

// A vault with enough content to span many pages, closed.
std::filesystem::path filledVault(const test::TempDir& dir) {
    auto path = dir / "v.tessera";
    auto vault = storage::Vault::create(path, passphrase());
    (void)vault.importCaseload(test::demoDocument(3, 10));
    return path;
}

bool noSideFiles(const std::filesystem::path& path) {
    return !std::filesystem::exists(path.string() + "-wal") && !std::filesystem::exists(path.string() + "-shm");
}

} // namespace

TEST_CASE("a wrong passphrase is told apart and changes nothing", "[errors]") {
    test::TempDir dir;
    const auto path = filledVault(dir);
    const auto before = test::readFile(path);
    const auto message = refusal(path, Kind::WrongPassphrase, storage::Secret{"not the passphrase"});
    CHECK_THAT(message, Catch::Contains("passphrase does not open"));
    CHECK(test::readFile(path) == before);
    CHECK(noSideFiles(path));
    // and the right passphrase still works afterwards
    CHECK(storage::Vault::open(path, passphrase()).clients().size() == 3);
}

TEST_CASE("files that are not vaults are told apart from a wrong passphrase", "[errors]") {
    test::TempDir dir;

    SECTION("a missing file") {
        const auto message = refusal(dir / "nothing.tessera", Kind::NotFound);
        CHECK_THAT(message, Catch::Contains("no vault at"));
    }
    SECTION("a zero-length file") {
        test::writeFile(dir / "empty.tessera", "");
        CHECK_THAT(refusal(dir / "empty.tessera", Kind::NotAVault), Catch::Contains("is empty"));
        CHECK(test::readFile(dir / "empty.tessera").empty());
    }
    SECTION("a text file") {
        test::writeFile(dir / "notes.txt", "Shopping list: milk, bread.\n");
        CHECK_THAT(refusal(dir / "notes.txt", Kind::NotAVault), Catch::Contains("text file"));
        CHECK(test::readFile(dir / "notes.txt") == "Shopping list: milk, bread.\n");
    }
    SECTION("a plain, unencrypted SQLite database") {
        const auto path = dir / "plain.db";
        {
            SQLite::Database plain(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            plain.exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)");
        }
        const auto before = test::readFile(path);
        CHECK_THAT(refusal(path, Kind::NotAVault), Catch::Contains("unencrypted SQLite"));
        CHECK(test::readFile(path) == before);
    }
    SECTION("an encrypted database of another application") {
        const auto path = dir / "other.db";
        {
            SQLite::Database other(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            storage::detail::applyKey(other, passphrase());
            other.exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)");
        }
        const auto before = test::readFile(path);
        CHECK_THAT(refusal(path, Kind::NotAVault), Catch::Contains("not a Tessera vault"));
        CHECK(test::readFile(path) == before);
    }
}

TEST_CASE("a damaged vault is reported as damaged and not touched", "[errors]") {
    test::TempDir dir;
    const auto path = filledVault(dir);
    const auto size = std::filesystem::file_size(path);
    REQUIRE(size >= std::uintmax_t{16} * 4096);

    SECTION("bytes flipped inside the first page (right passphrase)") {
        test::flipByte(path, 2000);
        const auto before = test::readFile(path);
        CHECK_THAT(refusal(path, Kind::Damaged), Catch::Contains("damaged"));
        CHECK(test::readFile(path) == before);
    }
    SECTION("bytes flipped in a later page: opening refuses it untouched; read-only, verify lists it") {
        // Compacted, so that the middle page holds note data (tables in schema order) rather than
        // an index no read uses.
        std::filesystem::remove(path);
        test::writeCompactVault(path, 3, 10);
        const std::size_t page = (std::filesystem::file_size(path) / 4096) / 2;
        test::flipByte(path, page * 4096 + 100);
        const auto before = test::readFile(path);
        // The page check after opening reads every page, so nothing is written into a damaged file.
        CHECK_THAT(refusal(path, Kind::Damaged), Catch::Contains("page " + std::to_string(page + 1)));
        CHECK(test::readFile(path) == before);
        CHECK(noSideFiles(path));
        {
            const auto vault = storage::Vault::open(path, passphrase(), storage::Access::ReadOnly);
            const auto report = vault.verify();
            CHECK_FALSE(report.ok);
            REQUIRE_FALSE(report.problems.empty());
            // Whichever table the page belongs to, the reads that touch it fail as damage (and
            // only as damage); the others still work, so what is intact can be read.
            int failedAsDamage = 0;
            const auto attempt = [&](auto&& read) {
                try {
                    read();
                } catch (const storage::VaultError& error) {
                    INFO(error.what());
                    CHECK(error.kind() == Kind::Damaged);
                    ++failedAsDamage;
                }
            };
            attempt([&] { (void)vault.allRecords(); });
            attempt([&] { (void)vault.exportCaseload(); });
            attempt([&] { (void)vault.auditLog(); });
            for (const char* word : {"the", "client", "session", "partner"}) {
                attempt([&] { (void)vault.search({word, std::nullopt, std::nullopt, 1000}); });
            }
            CHECK(failedAsDamage > 0);
        }
        CHECK(test::readFile(path) == before);
        CHECK(noSideFiles(path));
    }
    SECTION("a file cut short in the middle of a page") {
        test::truncateTo(path, size - 1000);
        const auto before = test::readFile(path);
        CHECK_THAT(refusal(path, Kind::Damaged), Catch::Contains("cut short"));
        CHECK(test::readFile(path) == before);
    }
    SECTION("a file cut short at a page boundary: refused as damaged, or verify reports it") {
        test::truncateTo(path, (size / 4096 / 2) * 4096);
        const auto before = test::readFile(path);
        bool damageFound = false;
        try {
            const auto vault = storage::Vault::open(path, passphrase());
            damageFound = !vault.verify().ok;
        } catch (const storage::VaultError& error) {
            damageFound = error.kind() == Kind::Damaged;
        }
        CHECK(damageFound);
        CHECK(test::readFile(path) == before);
    }
}

TEST_CASE("a damaged later page: the vault reads at once, then refuses every change, and stays untouched", "[errors]") {
    test::TempDir dir;
    const auto path = filledVault(dir);
    const auto auditBefore = storage::Vault::open(path, passphrase(), storage::Access::ReadOnly).auditLog().size();
    const auto size = std::filesystem::file_size(path);
    // A page in the middle: note data, not the audit log (written last) that is read below.
    test::flipByte(path, (size / 4096 / 2) * 4096 + 700);
    const auto before = test::readFile(path);
    {
        auto vault = storage::Vault::open(path, passphrase());
        // Readable while the check runs (the codebook's pages are near the start of the file).
        CHECK_FALSE(vault.codebook().themes().empty());
        CHECK_THROWS_AS(vault.awaitPageCheck(), storage::VaultError);
        const auto check = vault.pageCheck();
        CHECK(check.state == storage::PageCheck::State::Failed);
        REQUIRE(check.failure.has_value());
        CHECK(check.failure->kind() == Kind::Damaged);
        CHECK_THAT(check.failure->what(), Catch::Contains("Restore your latest backup"));
        CHECK_THAT(check.failure->what(), Catch::Contains("authentication check")); // in words, not SQLite's
        // Every kind of change is refused with that error, before anything is written.
        const auto refusedAsDamage = [](auto&& change) {
            try {
                change();
                return false;
            } catch (const storage::VaultError& error) {
                return error.kind() == Kind::Damaged;
            }
        };
        core::Client client;
        client.code = "NEW-1";
        client.displayName = "New client";
        CHECK(refusedAsDamage([&] { (void)vault.addClient(client); }));
        CHECK(refusedAsDamage([&] { vault.recordExport("", "", "test"); }));
        CHECK(refusedAsDamage([&] { vault.backupTo(dir / "copy.tessera"); }));
        CHECK(refusedAsDamage([&] { vault.changePassphrase(storage::Secret{"another passphrase"}); }));
        CHECK_FALSE(std::filesystem::exists(dir / "copy.tessera"));
    }
    CHECK(test::readFile(path) == before);
    CHECK(noSideFiles(path));
    // and the opening was not recorded (nothing was written)
    CHECK(storage::Vault::open(path, passphrase(), storage::Access::ReadOnly).auditLog().size() == auditBefore);
}

TEST_CASE("a sound vault: the page check passes, records the opening, and changes go through", "[errors]") {
    test::TempDir dir;
    const auto path = filledVault(dir);
    {
        // Threads that wait for the check at once (a backup on a worker, the UI asking) each get
        // its outcome; asking never waits.
        const auto vault = storage::Vault::open(path, passphrase());
        auto first = std::async(std::launch::async, [&] { vault.awaitPageCheck(); });
        auto second = std::async(std::launch::async, [&] { vault.awaitPageCheck(); });
        const auto state = vault.pageCheck().state;
        CHECK((state == storage::PageCheck::State::Running || state == storage::PageCheck::State::Passed));
        CHECK_NOTHROW(first.get());
        CHECK_NOTHROW(second.get());
        CHECK(vault.pageCheck().state == storage::PageCheck::State::Passed);
    }
    {
        auto vault = storage::Vault::open(path, passphrase());
        // A change made at once waits for the check instead of failing.
        core::Client client;
        client.code = "NEW-1";
        client.displayName = "New client";
        (void)vault.addClient(client);
        CHECK(vault.pageCheck().state == storage::PageCheck::State::Passed);
        CHECK_FALSE(vault.pageCheck().failure.has_value());
        const auto log = vault.auditLog();
        REQUIRE(log.size() >= 2);
        CHECK(log[log.size() - 2].event == storage::audit_event::kVaultOpened);
        CHECK(log.back().event == storage::audit_event::kClientAdded);
        CHECK(vault.verify().ok);
    }
    // A read-only vault runs no check (and changes nothing).
    const auto readOnly = storage::Vault::open(path, passphrase(), storage::Access::ReadOnly);
    CHECK(readOnly.pageCheck().state == storage::PageCheck::State::NotRun);
    CHECK(readOnly.findClient("NEW-1").has_value());
}

TEST_CASE("checking before open returns: a damaged page is refused by open itself, a sound vault is checked",
          "[errors]") {
    test::TempDir dir;
    const auto path = filledVault(dir);
    {
        const auto vault = storage::Vault::open(path, passphrase(), storage::Access::ReadWrite,
                                                storage::PageCheckTiming::BeforeReturning);
        CHECK(vault.pageCheck().state == storage::PageCheck::State::Passed);
        CHECK(vault.auditLog().back().event == storage::audit_event::kVaultOpened);
    }
    const auto size = std::filesystem::file_size(path);
    // A page in the middle: note data, not the audit log (written last) that is read below.
    test::flipByte(path, (size / 4096 / 2) * 4096 + 700);
    const auto before = test::readFile(path);
    try {
        (void)storage::Vault::open(path, passphrase(), storage::Access::ReadWrite,
                                   storage::PageCheckTiming::BeforeReturning);
        FAIL("a damaged vault opened");
    } catch (const storage::VaultError& error) {
        CHECK(error.kind() == Kind::Damaged);
    }
    CHECK(test::readFile(path) == before);
    CHECK(noSideFiles(path));
}

TEST_CASE("a vault from a newer Tessera is refused with a clear message and not touched", "[errors]") {
    test::TempDir dir;
    const auto path = filledVault(dir);
    {
        auto raw = test::openRaw(path);
        raw->exec("PRAGMA user_version = " + std::to_string(storage::kSchemaVersion + 1));
    }
    const auto before = test::readFile(path);
    const auto message = refusal(path, Kind::TooNew);
    CHECK_THAT(message, Catch::Contains("newer version of Tessera"));
    CHECK_THAT(message, Catch::Contains("Update Tessera"));
    CHECK(test::readFile(path) == before);
}

TEST_CASE("VaultError kinds have readable names", "[errors]") {
    CHECK(std::string{storage::toString(Kind::WrongPassphrase)} == "wrong passphrase");
    CHECK(std::string{storage::toString(Kind::Damaged)} == "damaged");
    CHECK(std::string{storage::toString(Kind::NotAVault)} == "not a vault");
}

namespace {

// A vault whose every page after the first holds data: a flipped byte anywhere in it is in a page
// that opening reads. (Free pages hold nothing and are not read; VACUUM leaves none.)
std::filesystem::path compactVault(const test::TempDir& dir) {
    auto path = dir / "v.tessera";
    test::writeCompactVault(path, 3, 10); // the caseload of filledVault
    REQUIRE(noSideFiles(path));
    return path;
}

} // namespace

TEST_CASE("a flipped byte anywhere on page 1 is damage, except in the salt, which looks like a wrong passphrase",
          "[errors][hostile]") {
    test::TempDir dir;
    const auto pristine = test::readFile(compactVault(dir));
    const auto path = dir / "flipped.tessera";
    // Every 16-byte block of the header area (a flip garbles its block and one byte of the next,
    // so these cover each header field), the reserved area (IV, HMAC), and seeded random offsets.
    std::vector<std::size_t> offsets{0, 7, 15, 16, 17, 20, 23, 31, 32, 47, 48, 56, 63, 64, 68, 71, 79, 80, 99};
    offsets.insert(offsets.end(), {4016, 4031, 4032, 4095});
    core::SplitMix64 random(20260107); // the same offsets with every standard library
    for (int i = 0; i < 6; ++i) {
        offsets.push_back(16 + random.next() % (4096 - 16));
    }
    for (const auto offset : offsets) {
        CAPTURE(offset);
        test::writeFile(path, pristine);
        test::flipByte(path, offset);
        const auto before = test::readFile(path);
        if (offset < 16) {
            // The salt: no passphrase derives the key from a changed salt. Indistinguishable from
            // a wrong passphrase, and the message says the file may be damaged.
            CHECK_THAT(refusal(path, Kind::WrongPassphrase), Catch::Contains("may be damaged"));
        } else {
            CHECK_THAT(refusal(path, Kind::Damaged), Catch::Contains("passphrase is right"));
        }
        CHECK(test::readFile(path) == before);
        CHECK(noSideFiles(path));
    }
    // and the same bytes with a wrong passphrase are still a wrong passphrase
    test::writeFile(path, pristine);
    test::flipByte(path, 2000);
    (void)refusal(path, Kind::WrongPassphrase, storage::Secret{"not the passphrase"});
}

TEST_CASE("flipped bytes at seeded random offsets in later pages: refused as damaged, never written",
          "[errors][hostile]") {
    test::TempDir dir;
    const auto pristine = test::readFile(compactVault(dir));
    const auto pages = pristine.size() / 4096;
    const auto path = dir / "flipped.tessera";
    core::SplitMix64 random(424242); // the same offsets with every standard library
    std::vector<std::size_t> offsets{4096, 4096 + 4095, (pages / 2) * 4096 + 2048, (pages - 1) * 4096,
                                     pristine.size() - 1};
    for (int i = 0; i < 6; ++i) {
        offsets.push_back(4096 + random.next() % (pristine.size() - 4096));
    }
    for (const auto offset : offsets) {
        CAPTURE(offset, offset / 4096 + 1);
        test::writeFile(path, pristine);
        test::flipByte(path, offset);
        const auto before = test::readFile(path);
        CHECK_THAT(refusal(path, Kind::Damaged), Catch::Contains("damaged"));
        CHECK(test::readFile(path) == before);
        CHECK(noSideFiles(path));
    }
}

TEST_CASE("a vault truncated at seeded random lengths is refused as damaged, never written", "[errors][hostile]") {
    test::TempDir dir;
    const auto pristine = test::readFile(compactVault(dir));
    const auto path = dir / "cut.tessera";
    core::SplitMix64 random(77); // the same offsets with every standard library
    std::vector<std::size_t> lengths{1, 15, 16, 100, 4095, 4096, 8192, pristine.size() - 4096, pristine.size() - 1};
    for (int i = 0; i < 6; ++i) {
        lengths.push_back(1 + random.next() % (pristine.size() - 1));
    }
    for (const auto length : lengths) {
        CAPTURE(length);
        test::writeFile(path, pristine.substr(0, length));
        try {
            (void)storage::Vault::open(path, passphrase());
            FAIL("a truncated vault opened");
        } catch (const storage::VaultError& error) {
            INFO(error.what());
            // A fragment of a few bytes may happen to be printable: then it is "not a vault".
            const bool tinyText = length < 32 && error.kind() == Kind::NotAVault;
            CHECK((error.kind() == Kind::Damaged || tinyText));
        }
        CHECK(test::readFile(path) == pristine.substr(0, length));
        CHECK(noSideFiles(path));
    }
}

TEST_CASE("a vault opened read-only writes nothing and refuses every change", "[errors][readonly]") {
    test::TempDir dir;
    const auto path = filledVault(dir);
    const auto before = test::readFile(path);
    {
        auto vault = storage::Vault::open(path, passphrase(), storage::Access::ReadOnly);
        CHECK(vault.readOnly());
        CHECK(vault.verify().ok);
        CHECK(vault.clients().size() == 3);
        const auto client = vault.clients().front().id;
        const auto expectRefused = [](auto&& attempt) {
            try {
                attempt();
                FAIL("a read-only vault accepted a change");
            } catch (const storage::VaultError& error) {
                CHECK(error.kind() == Kind::Refused);
                CHECK_THAT(error.what(), Catch::Contains("read-only"));
            }
        };
        expectRefused([&] { (void)vault.createSession(client, *core::Date::parse("2026-02-02"), "dap"); });
        expectRefused([&] { (void)vault.addClient({{}, "C-900", "", {}}); });
        expectRefused([&] { (void)vault.importCaseload(test::demoDocument(1, 1, 99)); });
        expectRefused([&] { vault.recordExport("", "", "interchange JSON"); });
        expectRefused([&] { vault.changePassphrase(storage::Secret{"another passphrase"}); });
        expectRefused([&] { vault.backupTo(dir / "copy.tessera"); });
    }
    CHECK(test::readFile(path) == before);
    CHECK(noSideFiles(path));
    CHECK_FALSE(std::filesystem::exists(dir / "copy.tessera"));
}
