// Hostile and damaged vault files through the command line: each case gives its documented
// error and exit code (docs/vault.md, docs/cli.md), never a crash, and never changes a byte of
// the file or leaves a file behind.

#include "note_content.hpp"
#include "reliability_support.hpp"
#include "storage_fixtures.hpp"

#include <catch2/catch.hpp>

#include <SQLiteCpp/Statement.h>

namespace fs = std::filesystem;
using namespace tessera;
using Catch::Matchers::Contains;

namespace {

struct Expected {
    int exitCode;
    std::string message;
};

// Runs `command` on `vault` and checks exit code, message, and that the vault's folder is exactly
// as it was (same files, same bytes).
void expectRefusal(const fs::path& vault, const std::string& command, const Expected& expected) {
    std::map<std::string, std::string> before;
    for (const auto& entry : fs::directory_iterator(vault.parent_path())) {
        before[entry.path().filename().string()] = test::readFile(entry.path());
    }
    const auto result =
        test::run(test::kCli, {"--vault", vault.string(), command}, {{"TESSERA_PASSPHRASE", test::kPassphrase}});
    INFO(command << " on " << vault.filename() << ": exit " << result.exitCode << "\nstderr: " << result.err
                 << "\nstdout: " << result.out);
    CHECK(result.exitCode == expected.exitCode);
    CHECK_THAT(result.err, Contains(expected.message));
    CHECK_THAT(result.err, !Contains("unexpected error"));
    std::map<std::string, std::string> after;
    for (const auto& entry : fs::directory_iterator(vault.parent_path())) {
        after[entry.path().filename().string()] = test::readFile(entry.path());
    }
    CHECK(after == before);
}

// A closed vault with a few hundred pages and no free page: any page of it is read on opening.
std::string compactVaultBytes(const test::TempDir& dir) {
    const auto path = dir / "source.tessera";
    test::writeCompactVault(path, 4, 12, test::vaultPassphrase());
    auto bytes = test::readFile(path);
    fs::remove(path);
    REQUIRE(bytes.size() % 4096 == 0);
    REQUIRE(bytes.size() / 4096 > 50);
    return bytes;
}

} // namespace

TEST_CASE("CLI: flipped bytes at seeded random offsets on page 1, in the middle and on the last page",
          "[hostile][cli]") {
    test::TempDir dir;
    const auto pristine = compactVaultBytes(dir);
    const auto pages = pristine.size() / 4096;
    test::SplitMix random(0xF11FULL);
    struct Case {
        std::size_t offset;
        Expected expected;
    };
    std::vector<Case> cases{
        {random.below(16), {2, "passphrase does not open"}}, // the salt: cannot be told from a wrong passphrase
        {16 + random.below(4080), {3, "damaged"}},           // the rest of page 1
        {68, {3, "damaged"}},                                // where the application id is
        {4096 * (pages / 2) + random.below(4096), {3, "damaged"}},
        {4096 * (1 + random.below(pages - 1)) + random.below(4096), {3, "damaged"}},
        {4096 * (pages - 1) + random.below(4096), {3, "damaged"}}, // the last page
        {pristine.size() - 1, {3, "damaged"}},
    };
    const auto path = dir / "v.tessera";
    for (const auto& [offset, expected] : cases) {
        CAPTURE(offset, offset / 4096 + 1);
        auto bytes = pristine;
        bytes[offset] = static_cast<char>(bytes[offset] ^ (1 << random.below(8)));
        test::writeFile(path, bytes);
        expectRefusal(path, "clients", expected);
        // verify opens read-only: it lists the damaged page (exit 3) or refuses as opening does
        expectRefusal(path, "verify", expected.exitCode == 2 ? expected : Expected{3, "backup"});
    }
}

TEST_CASE("CLI: a vault truncated at seeded random lengths is damaged (exit 3)", "[hostile][cli]") {
    test::TempDir dir;
    const auto pristine = compactVaultBytes(dir);
    test::SplitMix random(0x7C7ULL);
    std::vector<std::size_t> lengths{100, 4096, std::size_t{3} * 4096, pristine.size() - 4096, pristine.size() - 1};
    for (int i = 0; i < 4; ++i) {
        lengths.push_back(64 + random.below(pristine.size() - 64));
    }
    const auto path = dir / "v.tessera";
    for (const auto length : lengths) {
        CAPTURE(length);
        test::writeFile(path, pristine.substr(0, length));
        expectRefusal(path, "clients", {3, "damaged"});
        expectRefusal(path, "verify", {3, "damaged"});
    }
}

TEST_CASE("CLI: an empty file, a plain SQLite database and a vault from a newer Tessera are exit 2", "[hostile][cli]") {
    test::TempDir dir;
    SECTION("a zero-length file") {
        test::writeFile(dir / "empty.tessera", "");
        expectRefusal(dir / "empty.tessera", "clients", {2, "is empty"});
        expectRefusal(dir / "empty.tessera", "verify", {2, "is empty"});
    }
    SECTION("a plain SQLite database, with tables and rows") {
        {
            SQLite::Database plain((dir / "plain.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            plain.exec("PRAGMA journal_mode = WAL; CREATE TABLE notes(body TEXT); "
                       "INSERT INTO notes VALUES ('not encrypted')");
        }
        expectRefusal(dir / "plain.db", "clients", {2, "unencrypted SQLite"});
        expectRefusal(dir / "plain.db", "verify", {2, "unencrypted SQLite"});
    }
    SECTION("a vault written by a newer Tessera") {
        const auto path = dir / "newer.tessera";
        {
            auto vault = storage::Vault::create(path, test::vaultPassphrase());
            (void)vault.importCaseload(test::demoDocument(1, 2));
        }
        {
            auto raw = test::openRaw(path, test::vaultPassphrase());
            raw->exec("PRAGMA user_version = " + std::to_string(storage::kSchemaVersion + 1));
        }
        expectRefusal(path, "clients", {2, "newer version of Tessera"});
        expectRefusal(path, "verify", {2, "newer version of Tessera"});
        expectRefusal(path, "audit", {2, "newer version of Tessera"});
    }
}
