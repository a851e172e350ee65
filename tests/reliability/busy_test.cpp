// Two processes, one vault: the second is refused with a clear message (exit 4) instead of
// interleaving writes, and changes nothing; once the first is done, the vault opens again.

#include "child_process.hpp"
#include "reliability_support.hpp"
#include "storage_fixtures.hpp"

#include <catch2/catch.hpp>

namespace fs = std::filesystem;
using namespace tessera;
using namespace std::chrono_literals;
using Catch::Matchers::Contains;

TEST_CASE("a vault held open by another process is refused with exit 4, for every command", "[busy]") {
    test::TempDir dir;
    const auto path = dir / "v.tessera";
    {
        auto vault = storage::Vault::create(path, test::vaultPassphrase());
        (void)vault.importCaseload(test::demoDocument(1, 3));
        (void)vault.addClient({{}, "W-001", "", {}});
    }
    const std::map<std::string, std::string> env{{"TESSERA_PASSPHRASE", test::kPassphrase},
                                                 {"TESSERA_NEW_PASSPHRASE", "another long passphrase"}};
    // The first process: opens the vault, writes a few notes, and keeps it open.
    test::Child holder(test::kCrashWriter, {"--vault", path.string(), "--client", "W-001", "--ops", "5", "--hold"},
                       {env, std::nullopt});
    std::string line;
    while (line != "done") {
        const auto next = holder.readLine(20s);
        INFO(holder.errorOutput());
        REQUIRE(next.has_value());
        line = *next;
    }
    const auto caseload = dir / "caseload.json";
    test::writeFile(caseload, core::writeCaseload(test::demoDocument(1, 2, 3)));
    const auto before = test::readFile(path);
    const auto wal = test::readFile(path.string() + "-wal");
    for (const std::vector<std::string>& command :
         std::vector<std::vector<std::string>>{{"clients"},
                                               {"verify"},
                                               {"audit"},
                                               {"import", caseload.string()},
                                               {"passphrase"},
                                               {"backup", (dir / "b.tessera").string()},
                                               {"export", (dir / "e.json").string()}}) {
        CAPTURE(command);
        auto args = command;
        args.insert(args.begin(), {"--vault", path.string()});
        const auto result = test::run(test::kCli, args, env);
        CHECK(result.exitCode == 4);
        CHECK_THAT(result.err, Contains("open in another Tessera window or command"));
        CHECK(result.out.empty());
    }
    // Nothing was written by the refused processes, and they left nothing behind.
    CHECK(test::readFile(path) == before);
    CHECK(test::readFile(path.string() + "-wal") == wal);
    CHECK_FALSE(fs::exists(dir / "b.tessera"));
    CHECK_FALSE(fs::exists(dir / "e.json"));
    // A second writer is refused too.
    test::Child second(test::kCrashWriter, {"--vault", path.string(), "--client", "W-001", "--ops", "1"},
                       {env, std::nullopt});
    CHECK(second.wait() == 4);
    CHECK_THAT(second.errorOutput(), Contains("busy"));

    holder.closeInput();
    CHECK(holder.readLine(20s) == std::optional<std::string>{"released"});
    CHECK(holder.wait() == 0);
    const auto after = test::run(test::kCli, {"--vault", path.string(), "clients"}, env);
    CHECK(after.exitCode == 0);
    CHECK_THAT(after.out, Contains("W-001"));
}
