// Every way opening a vault can fail: each has its own error and message, and none of them
// changes a byte of the file.

#include "storage_fixtures.hpp"

#include <catch2/catch.hpp>

#include <SQLiteCpp/Statement.h>

using namespace tessera;
using test::passphrase;
using Kind = storage::VaultError::Kind;

namespace {

// Opens `path` expecting a refusal of `kind`; returns the message.
std::string refusal(const std::filesystem::path& path, Kind kind, const storage::Secret& secret = passphrase()) {
    try {
        const auto vault = storage::Vault::open(path, secret);
        FAIL("the vault opened");
    } catch (const storage::VaultError& error) {
        INFO(error.what());
        CHECK(error.kind() == kind);
        return error.what();
    }
    return {};
}

// A vault with enough content to span many pages, closed.
std::filesystem::path filledVault(const test::TempDir& dir) {
    const auto path = dir / "v.tessera";
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
    REQUIRE(size >= 16 * 4096);

    SECTION("bytes flipped inside the first page (right passphrase)") {
        test::flipByte(path, 2000);
        const auto before = test::readFile(path);
        CHECK_THAT(refusal(path, Kind::Damaged), Catch::Contains("damaged"));
        CHECK(test::readFile(path) == before);
    }
    SECTION("bytes flipped in a later page: verify finds it, reading it fails as damaged") {
        const std::size_t page = (size / 4096) / 2;
        test::flipByte(path, page * 4096 + 100);
        const auto before = test::readFile(path);
        {
            const auto vault = storage::Vault::open(path, passphrase());
            const auto report = vault.verify();
            CHECK_FALSE(report.ok);
            REQUIRE_FALSE(report.problems.empty());
            bool readFailedAsDamage = false;
            try {
                (void)vault.allRecords();
                (void)vault.search({"court", std::nullopt, std::nullopt, 50});
                (void)vault.exportCaseload();
            } catch (const storage::VaultError& error) {
                readFailedAsDamage = error.kind() == Kind::Damaged;
            }
            CHECK(readFailedAsDamage);
        }
        CHECK(test::readFile(path) == before);
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
