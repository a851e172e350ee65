// No core dump can hold a note or a passphrase (issue 13): tessera-cli turns core dumps off at
// its start. The real executable is started with a core limit above 0 and observed while it
// waits for its passphrase in a named pipe, after main() began and before it read anything.

#include "child_process.hpp"
#include "reliability_support.hpp"

#include "tessera/storage/process_hardening.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace tessera;
using Catch::Matchers::Contains;

namespace {

struct CoreLimit {
    std::string soft;
    std::string hard;
};

// "Max core file size        0                    0                    bytes" of /proc/PID/limits.
CoreLimit coreLimitOf(pid_t pid) {
    std::ifstream limits("/proc/" + std::to_string(pid) + "/limits");
    std::string line;
    while (std::getline(limits, line)) {
        constexpr std::string_view kName = "Max core file size";
        if (line.rfind(kName, 0) == 0) {
            std::istringstream fields(line.substr(kName.size()));
            CoreLimit limit;
            fields >> limit.soft >> limit.hard;
            return limit;
        }
    }
    FAIL("no core limit in /proc/" << pid << "/limits");
    return {};
}

// The CoreDumping line of /proc/PID/status, and whether /proc/PID/environ may be read by the
// test's own user (root reads it anyway; another user cannot once the process is not dumpable).
std::string statusLine(pid_t pid, std::string_view name) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind(name, 0) == 0) {
            return line;
        }
    }
    return {};
}

// tessera-cli init, with a soft core limit raised to the hard one, blocked reading its
// passphrase from a pipe; `check` runs while it waits. Then it gets a passphrase and finishes.
template <typename Check> void whileWaiting(const std::map<std::string, std::string>& env, Check&& check) {
    test::TempDir dir;
    test::Fifo passphrase(dir / "passphrase");
    test::ChildOptions options{env, std::nullopt};
    options.raiseCoreLimit = true;
    test::Child cli(test::kCli,
                    {"--vault", (dir / "v.tessera").string(), "--passphrase-file", passphrase.path().string(), "init"},
                    options);
    passphrase.awaitReader(cli);
    check(cli);
    passphrase.writeAndClose(std::string{test::kPassphrase} + "\n");
    INFO(cli.errorOutput());
    CHECK(cli.wait() == 0);
}

} // namespace

TEST_CASE("tessera-cli runs with core dumps off: core limits 0, not dumpable", "[hardening][cli]") {
    rlimit own{};
    REQUIRE(::getrlimit(RLIMIT_CORE, &own) == 0);
    if (own.rlim_max == 0) {
        WARN("this test's hard core limit is already 0, so it cannot show that tessera-cli lowers it");
    }
    whileWaiting({}, [&](test::Child& cli) {
        const auto limit = coreLimitOf(cli.pid());
        CHECK(limit.soft == "0");
        CHECK(limit.hard == "0");
        CHECK(statusLine(cli.pid(), "CoreDumping:") == "CoreDumping:\t0");
        if (::geteuid() != 0) {
            // Not dumpable: its /proc entries belong to root, and this user cannot read its environment.
            struct stat info {};
            REQUIRE(::stat(("/proc/" + std::to_string(cli.pid()) + "/environ").c_str(), &info) == 0);
            CHECK(info.st_uid == 0);
        }
    });
}

TEST_CASE("TESSERA_ALLOW_CORE_DUMPS=1 leaves core dumps on for debugging, and says so", "[hardening][cli]") {
#if defined(TESSERA_ADDRESS_SANITIZER)
    WARN("SKIP: AddressSanitizer turns core dumps off itself (disable_coredump); run this test in the dev build");
    return;
#endif
    rlimit own{};
    REQUIRE(::getrlimit(RLIMIT_CORE, &own) == 0);
    if (own.rlim_max == 0) {
        WARN("this test's hard core limit is 0: nothing to leave on");
        return;
    }
    whileWaiting({{"TESSERA_ALLOW_CORE_DUMPS", "1"}}, [&](test::Child& cli) {
        const auto limit = coreLimitOf(cli.pid());
        CHECK(limit.soft != "0");
        CHECK(limit.hard != "0");
    });
    // The warning itself, from a command that ends at once.
    const auto result = test::run(test::kCli, {"--help"}, {{"TESSERA_ALLOW_CORE_DUMPS", "1"}});
    CHECK_THAT(result.err, Contains("TESSERA_ALLOW_CORE_DUMPS=1: core dumps are left on"));
    CHECK(test::run(test::kCli, {"--help"}, {}).err.empty());
}

TEST_CASE("hardenProcess sets both core limits to 0 and makes the process not dumpable", "[hardening]") {
    // In a child process of its own: the test process keeps its settings.
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        rlimit raised{};
        ::getrlimit(RLIMIT_CORE, &raised);
        raised.rlim_cur = raised.rlim_max;
        ::setrlimit(RLIMIT_CORE, &raised);
        ::unsetenv(storage::kAllowCoreDumpsVariable);
        const auto result = storage::hardenProcess();
        rlimit after{1, 1};
        ::getrlimit(RLIMIT_CORE, &after);
        const bool ok = result.coreDumpsDisabled && result.warning.empty() && after.rlim_cur == 0 &&
                        after.rlim_max == 0 && ::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0;
        ::_exit(ok ? 0 : 1);
    }
    int status = 0;
    REQUIRE(::waitpid(pid, &status, 0) == pid);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
}
