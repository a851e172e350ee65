// No plaintext of a note reaches the disk, through the command line and a realistic workload:
// import, search, analytics, a writer killed mid-work (its -wal and -shm left behind), verify,
// export (plain text by design, then deleted), backup, passphrase change, audit. Afterwards no
// file in the vault's folder or in $TMPDIR holds any marker, and nothing was ever created in
// $TMPDIR. And the passphrase given in the environment does not stay readable there.

#include "child_process.hpp"
#include "file_watch.hpp"
#include "reliability_support.hpp"

#include "tessera/core/demo.hpp"
#include "tessera/core/interchange.hpp"

#include <catch2/catch.hpp>

#include <csignal>
#include <fstream>
#include <iterator>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace tessera;
using namespace std::chrono_literals;
using Catch::Matchers::Contains;

namespace {

const std::vector<std::string> kMarkers{"MKSECTION7f3a",  "MKQUOTE91bc",   "MKPSYCHO55de",
                                        "MKADDENDUMc0aa", "MKNAMEe2e2",    "MKREDACT4b4b",
                                        "MKBALANCE1d1d",  "MKOBSNOTE8888", "MKWRITER3c3c"};

// A caseload with a marker in every kind of field a note has.
std::string markedCaseload() {
    core::DemoOptions demo;
    demo.clients = 3;
    demo.sessionsPerClient = 10;
    core::CaseloadDocument document;
    document.clients = core::makeDemoCaseload(demo, core::defaultCodebook());
    auto& client = document.clients.front();
    client.client.displayName = "Client " + kMarkers[4];
    client.client.redactions.push_back({kMarkers[5], ""});
    for (auto& session : client.sessions) {
        session.sections.front().text += " " + kMarkers[0];
        session.psychotherapyNote += " " + kMarkers[2];
        session.observations.push_back({"moral-injury", 2, "She said " + kMarkers[1], kMarkers[7]});
        session.decisionalBalance.push_back({core::BalanceSide::Leave, kMarkers[6], 2});
        if (session.isSigned()) {
            session.addenda.push_back({*session.signedAt, kMarkers[3]});
        }
    }
    return core::writeCaseload(document);
}

// Every file under `folder` (recursively) that holds a marker, with the marker.
std::vector<std::string> filesWithMarkers(const fs::path& folder, const fs::path& except = {}) {
    std::vector<std::string> found;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        if (!entry.is_regular_file() || entry.path() == except) {
            continue;
        }
        const auto bytes = test::readFile(entry.path());
        for (const auto& marker : kMarkers) {
            if (bytes.find(marker) != std::string::npos) {
                found.push_back(entry.path().filename().string() + ": " + marker);
            }
        }
    }
    return found;
}

} // namespace

TEST_CASE("CLI workload: no marker in any file of the vault's folder or $TMPDIR, nothing created in $TMPDIR",
          "[secrets][cli]") {
    test::TempDir dir;
    const auto folder = dir / "vault";
    const auto tmp = dir / "tmp";
    const auto input = dir / "input";
    for (const auto& path : {folder, tmp, input}) {
        fs::create_directory(path);
    }
    const auto vault = folder / "v.tessera";
    const std::map<std::string, std::string> env{{"TESSERA_PASSPHRASE", test::kPassphrase},
                                                 {"TESSERA_NEW_PASSPHRASE", "the second passphrase"},
                                                 {"TMPDIR", tmp.string()}};
    auto secret = std::string{test::kPassphrase};
    const auto cli = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"--vault", vault.string()});
        auto environment = env;
        environment["TESSERA_PASSPHRASE"] = secret;
        const auto result = test::run(test::kCli, args, environment);
        INFO(args[2] << ": " << result.err);
        CHECK(result.exitCode == 0);
        return result.out;
    };
    test::FileWatch watchTmp(tmp);

    cli({"init"});
    const auto caseload = input / "caseload.json";
    test::writeFile(caseload, markedCaseload());
    cli({"import", caseload.string()});
    CHECK_THAT(cli({"search", kMarkers[0], "--json"}), Contains(kMarkers[0])); // it is there, decrypted
    CHECK_THAT(cli({"search", kMarkers[1]}), Contains(kMarkers[1]));
    CHECK_THAT(cli({"clients", "--names"}), Contains(kMarkers[4]));
    (void)cli({"themes", "--client", "D-001", "--json"});
    (void)cli({"caseload"});

    // A writer killed in the middle of its work leaves its -wal and -shm: encrypted too.
    test::writeFile(input / "w.json",
                    R"({"format": "tessera.caseload", "version": 1, "clients": [{"code": "W-001"}]})");
    cli({"import", (input / "w.json").string()});
    CHECK(filesWithMarkers(folder).empty());
    {
        test::Child writer(
            test::kCrashWriter,
            {"--vault", vault.string(), "--client", "W-001", "--ops", "12", "--marker", kMarkers[8], "--hold"},
            {env, std::nullopt});
        std::optional<std::string> line;
        while ((line = writer.readLine(20s)) && *line != "done") {
        }
        REQUIRE(line == std::optional<std::string>{"done"});
        writer.kill();
        CHECK(writer.wait() == 128 + SIGKILL);
    }
    REQUIRE(fs::exists(vault.string() + "-wal"));
    CHECK(fs::file_size(vault.string() + "-wal") > 0);
    CHECK(filesWithMarkers(folder).empty());
    CHECK_THAT(cli({"verify"}), Contains("ok"));
    CHECK_THAT(cli({"search", kMarkers[8]}), Contains(kMarkers[8])); // recovered from the log

    // The export is plain text by design: it holds the markers; nothing else does. Then it goes.
    const auto exported = folder / "export.json";
    cli({"export", exported.string()});
    const auto inExport = test::readFile(exported);
    for (const auto& marker : kMarkers) {
        CHECK(inExport.find(marker) != std::string::npos);
    }
    CHECK(filesWithMarkers(folder, exported).empty());
    fs::remove(exported);

    cli({"backup", (folder / "backup.tessera").string()});
    cli({"passphrase"});
    secret = "the second passphrase";
    const auto audit = cli({"audit", "--json"});
    CHECK_THAT(audit, Contains("\"event\": \"export\""));
    for (const auto& marker : kMarkers) {
        CHECK_THAT(audit, !Contains(marker)); // the audit log names objects, never content
    }
    cli({"verify"});

    const auto leaks = filesWithMarkers(folder);
    CHECK(leaks.empty());
    for (const auto& leak : leaks) {
        FAIL_CHECK("plaintext on disk: " << leak);
    }
    CHECK(filesWithMarkers(tmp).empty());
    // Nothing was ever created in $TMPDIR, not even a file deleted straight after.
    CHECK(watchTmp.events().empty());
    CHECK(fs::directory_iterator(tmp) == fs::directory_iterator{});
    // What is left in the vault's folder: the vault and its backup.
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(folder)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"backup.tessera", "v.tessera"});
}

TEST_CASE("a passphrase given in the environment is removed from the process once it is read", "[secrets][cli]") {
    test::TempDir dir;
    const auto vault = dir / "v.tessera";
    const std::string passphrase = "environ-passphrase-4e1f9a";
    REQUIRE(test::run(test::kCli, {"--vault", vault.string(), "init"}, {{"TESSERA_PASSPHRASE", passphrase}}).exitCode ==
            0);
    // 'passphrase' takes the old passphrase from the environment, opens the vault, then reads the
    // new one from a pipe: while it waits there, the test reads its environment.
    test::Fifo newPassphrase(dir / "new-passphrase");
    test::Child change(
        test::kCli, {"--vault", vault.string(), "passphrase", "--new-passphrase-file", newPassphrase.path().string()},
        {{{"TESSERA_PASSPHRASE", passphrase}, {"TESSERA_TEST_VISIBLE", "visible-7d2c"}}, std::nullopt});
    newPassphrase.awaitReader(change);
    const fs::path environment = "/proc/" + std::to_string(change.pid()) + "/environ";
    std::ifstream in(environment, std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (::geteuid() == 0) {
        // Root reads any process's environment: the other variable is there, so the reading
        // works, and neither the passphrase nor the variable's name is.
        CHECK(text.find("TESSERA_TEST_VISIBLE=visible-7d2c") != std::string::npos);
        CHECK(text.find(passphrase) == std::string::npos);
        CHECK(text.find("TESSERA_PASSPHRASE") == std::string::npos);
    } else {
        // Another process of the same user cannot read it at all: the process is not dumpable.
        CHECK(text.empty());
    }
    newPassphrase.writeAndClose("a fresh kettle orbits seven lanterns\n");
    INFO(change.errorOutput());
    CHECK(change.wait() == 0);
}
