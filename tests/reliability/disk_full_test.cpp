// A full disk: an import into a vault on a filesystem that runs out of space fails cleanly
// (exit 5, "disk is full" / "could not be written") and leaves the vault as it was.
// Two ways to run out: a file-size limit for the child (RLIMIT_FSIZE, works everywhere), and a
// real small tmpfs (needs permission to mount; skipped with a message where there is none).

#include "child_process.hpp"
#include "reliability_support.hpp"
#include "storage_fixtures.hpp"

#include "tessera/core/demo.hpp"

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sys/mount.h>

namespace fs = std::filesystem;
using namespace tessera;
using Catch::Matchers::Contains;

namespace {

// A caseload too large for the room left: 30 clients with 30 sessions (about 4 MB in a vault).
fs::path writeLargeCaseload(const fs::path& path) {
    core::DemoOptions demo;
    demo.clients = 30;
    demo.sessionsPerClient = 30;
    demo.seed = 5;
    core::CaseloadDocument document;
    document.clients = core::makeDemoCaseload(demo, core::defaultCodebook());
    for (auto& record : document.clients) {
        record.client.code[0] = 'L'; // D-001 -> L-001: not the codes of the vault's own demo clients
    }
    test::writeFile(path, core::writeCaseload(document));
    return path;
}

// What the vault holds (its clinical content and its audit events), opened for reading.
struct Snapshot {
    std::string content;
    std::vector<std::string> events;
};

Snapshot snapshot(const fs::path& vault) {
    const auto opened = storage::Vault::open(vault, test::vaultPassphrase(), storage::Access::ReadOnly);
    const auto report = opened.verify();
    INFO((report.problems.empty() ? std::string{} : report.problems.front()));
    CHECK(report.ok);
    Snapshot result{test::contentOf(opened), {}};
    for (const auto& entry : opened.auditLog()) {
        result.events.push_back(entry.event);
    }
    return result;
}

void expectDiskFull(const test::RunResult& result) {
    INFO("exit " << result.exitCode << "; stderr: " << result.err);
    CHECK(result.exitCode == 5);
    CHECK_THAT(result.err, Contains("disk is full") || Contains("could not be written"));
    CHECK_THAT(result.err, Contains("as it was") || Contains("Nothing was"));
    CHECK_THAT(result.err, !Contains("unexpected error"));
}

// A tmpfs mounted for the life of the object; `mounted` false (with the reason) when not allowed.
class SmallFilesystem {
public:
    SmallFilesystem(const fs::path& at, const std::string& size) : m_at(at) {
        fs::create_directory(at);
        const auto options = "size=" + size + ",mode=0700";
        if (::mount("tessera-test", at.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) == 0) {
            m_mounted = true;
        } else {
            m_reason = std::strerror(errno);
        }
    }
    ~SmallFilesystem() {
        if (m_mounted) {
            ::umount2(m_at.c_str(), MNT_DETACH);
        }
    }
    SmallFilesystem(const SmallFilesystem&) = delete;
    SmallFilesystem& operator=(const SmallFilesystem&) = delete;
    [[nodiscard]] bool mounted() const { return m_mounted; }
    [[nodiscard]] const std::string& reason() const { return m_reason; }

private:
    fs::path m_at;
    bool m_mounted = false;
    std::string m_reason;
};

} // namespace

TEST_CASE("an import that hits the file-size limit fails with exit 5 and leaves the vault as it was", "[diskfull]") {
    test::TempDir dir;
    const auto vault = dir / "v.tessera";
    {
        auto created = storage::Vault::create(vault, test::vaultPassphrase());
        (void)created.importCaseload(test::demoDocument(3, 8));
    }
    const auto caseload = writeLargeCaseload(dir / "large.json");
    const auto before = snapshot(vault);
    // Room for the vault to grow by 1 MB: its log needs about 4 MB for this import.
    const auto limit = static_cast<long long>(fs::file_size(vault)) + 1024LL * 1024;
    test::Child import(test::kCli, {"--vault", vault.string(), "import", caseload.string()},
                       {{{"TESSERA_PASSPHRASE", test::kPassphrase}}, limit});
    const auto status = import.wait();
    expectDiskFull({status, {}, import.errorOutput()});
    // The vault opens, verifies, and holds exactly what it held (the refused import's opening is
    // the one new audit entry).
    auto after = snapshot(vault);
    CHECK(after.content == before.content);
    REQUIRE(after.events.size() == before.events.size() + 1);
    CHECK(after.events.back() == "vault opened");
    CHECK(std::count(after.events.begin(), after.events.end(), "import") == 1);
    CHECK_FALSE(fs::exists(vault.string() + "-wal"));
    // And with room again, the same import goes through.
    const auto retry = test::run(test::kCli, {"--vault", vault.string(), "import", caseload.string()},
                                 {{"TESSERA_PASSPHRASE", test::kPassphrase}});
    INFO(retry.err);
    CHECK(retry.exitCode == 0);
}

TEST_CASE("on a full filesystem, import, backup and export fail with exit 5 and the vault is as it was", "[diskfull]") {
    test::TempDir dir;
    const SmallFilesystem small(dir / "small", "3m");
    if (!small.mounted()) {
        WARN("SKIP: cannot mount a small tmpfs here (" << small.reason()
                                                       << "); the file-size-limit test covers the same path.");
        return;
    }
    const auto vault = dir / "small" / "v.tessera";
    const std::map<std::string, std::string> env{{"TESSERA_PASSPHRASE", test::kPassphrase}};
    const auto run = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"--vault", vault.string()});
        return test::run(test::kCli, args, env);
    };
    REQUIRE(run({"init"}).exitCode == 0);
    const auto content = dir / "content.json";
    test::writeFile(content, core::writeCaseload(test::demoDocument(6, 20)));
    REQUIRE(run({"import", content.string()}).exitCode == 0);
    const auto before = snapshot(vault);

    SECTION("import") {
        expectDiskFull(run({"import", writeLargeCaseload(dir / "large.json").string()}));
    }
    SECTION("backup and export onto the same filesystem, filled to leave room for opening only") {
        // Opening for writing needs a little room (the -shm and the audit entry for the opening);
        // a backup needs the vault's size and the export more than is left.
        const auto probe = dir / "probe.json";
        REQUIRE(test::run(test::kCli, {"--vault", vault.string(), "export", probe.string()}, env).exitCode == 0);
        const auto exportSize = fs::file_size(probe);
        constexpr std::uintmax_t kRoomToOpen = std::uintmax_t{160} * 1024;
        REQUIRE(exportSize > 2 * kRoomToOpen);
        const auto filler = dir / "small" / "filler";
        const auto available = fs::space(dir / "small").available;
        REQUIRE(available > kRoomToOpen);
        test::writeFile(filler, std::string(available - kRoomToOpen, 'x'));

        const auto backup = run({"backup", (dir / "small" / "b.tessera").string()});
        INFO(backup.err);
        CHECK(backup.exitCode == 5);
        CHECK_THAT(backup.err, Contains("backup") && Contains("could not be written"));
        CHECK_FALSE(fs::exists(dir / "small" / "b.tessera"));
        // The export is plain text: refused the same way, nothing left behind.
        const auto exported = run({"export", (dir / "small" / "e.json").string()});
        INFO(exported.err);
        CHECK(exported.exitCode == 5);
        CHECK_THAT(exported.err, Contains("Could not write") && Contains("Nothing was written"));
        CHECK_FALSE(fs::exists(dir / "small" / "e.json"));
        fs::remove(filler);
    }
    SECTION("a completely full filesystem: opening says the disk is full, not that the vault is damaged") {
        // SQLite needs a small -shm file beside a vault in WAL mode, even to read it.
        const auto filler = dir / "small" / "filler";
        test::writeFile(filler, std::string(fs::space(dir / "small").available, 'x'));
        const auto bytes = test::readFile(vault);
        for (const char* command : {"clients", "verify"}) {
            CAPTURE(command);
            expectDiskFull(run({command}));
            CHECK(test::readFile(vault) == bytes);
        }
        fs::remove(filler);
    }
    // Nothing but the vault is left on the small filesystem, and it holds what it held.
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir / "small")) {
        names.push_back(entry.path().filename().string());
    }
    CHECK(names == std::vector<std::string>{"v.tessera"});
    const auto after = snapshot(vault);
    CHECK(after.content == before.content);
    CHECK(run({"verify"}).exitCode == 0);
}
