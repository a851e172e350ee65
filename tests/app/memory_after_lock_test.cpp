// Nothing readable after locking (issue 13, item 2): the real app under Xvfb is unlocked by a
// typed passphrase, a client's note is opened with the keyboard, Ctrl+L locks, and a core of the
// process (gcore) must hold no note text, psychotherapy note, display name or passphrase.
//
// Every step is confirmed in the app's memory (read from /proc/PID/mem, cheaper than a core)
// before the next one: the passphrase is in the unlock field before Enter; the client list is
// drawn; the note's text appears only once the note is opened. So the silence of the core after
// locking means the app really wiped what it had shown, not that it never had it.

#include "child_process.hpp"
#include "test_support.hpp"
#include "virtual_display.hpp"

#include "tessera/core/codebook.hpp"
#include "tessera/core/demo.hpp"
#include "tessera/core/interchange.hpp"
#include "tessera/storage/vault.hpp"

#include <catch2/catch.hpp>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <functional>
#include <sstream>
#include <string_view>
#include <thread>
#include <unistd.h>

using namespace tessera;
namespace fs = std::filesystem;
using test::waitFor;

namespace {

const fs::path kApp{TESSERA_APP_PATH};
const fs::path kGcore{"/usr/bin/gcore"};
const fs::path kGdb{"/usr/bin/gdb"};

// Markers no other text in the process could contain by chance.
constexpr const char* kPassphrase = "quartzlanternmeridianseven"; // letters only: typed by xdotool
constexpr const char* kNoteMarker = "NOTEMARKER-q7Z3vX";
constexpr const char* kPsychotherapyMarker = "PSYMARKER-k2W9pL";
constexpr const char* kDisplayName = "Quenby Marchetti-Oyelaran";

// The memory of another process, read through /proc/PID/mem: every mapping a core would hold
// (the heap, anonymous memory, stacks, writable data), not the read-only files the program and
// its libraries are mapped from. The app makes itself non-dumpable, so this needs root (or
// CAP_SYS_PTRACE), as gcore does.
class ProcessMemory {
public:
    explicit ProcessMemory(pid_t pid) : m_pid(pid) {
        m_fd = ::open(("/proc/" + std::to_string(pid) + "/mem").c_str(), O_RDONLY | O_CLOEXEC);
        m_error = m_fd < 0 ? errno : 0;
    }
    ~ProcessMemory() {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
    }
    ProcessMemory(const ProcessMemory&) = delete;
    ProcessMemory& operator=(const ProcessMemory&) = delete;

    [[nodiscard]] bool readable() const { return m_fd >= 0; }
    [[nodiscard]] int error() const { return m_error; }

    // How many times `needle` occurs in the process's memory now.
    [[nodiscard]] std::size_t count(std::string_view needle) const {
        std::size_t found = 0;
        std::string chunk;
        for (const auto& [begin, end] : regions()) {
            // In pieces of 4 MiB, each overlapping the previous by the needle's length less one
            // byte, so that a match across two pieces is counted once.
            constexpr std::size_t kPiece = std::size_t{4} << 20U;
            for (auto at = begin; at < end;) {
                const auto length = std::min<std::size_t>(kPiece, end - at);
                chunk.resize(length);
                const auto got = ::pread(m_fd, chunk.data(), length, static_cast<off_t>(at));
                if (got <= 0) {
                    break; // a mapping that went away meanwhile, or a guard page
                }
                chunk.resize(static_cast<std::size_t>(got));
                for (auto hit = chunk.find(needle); hit != std::string::npos; hit = chunk.find(needle, hit + 1)) {
                    ++found;
                }
                if (static_cast<std::size_t>(got) < length || at + length >= end) {
                    break;
                }
                at += length - (needle.size() - 1);
            }
        }
        return found;
    }

    [[nodiscard]] bool holds(std::string_view needle) const { return count(needle) > 0; }

private:
    // [begin, end) of each mapping worth reading, from /proc/PID/maps.
    [[nodiscard]] std::vector<std::pair<std::uintptr_t, std::uintptr_t>> regions() const {
        std::vector<std::pair<std::uintptr_t, std::uintptr_t>> result;
        std::ifstream maps("/proc/" + std::to_string(m_pid) + "/maps");
        std::string line;
        while (std::getline(maps, line)) {
            std::istringstream fields(line);
            std::string range;
            std::string permissions;
            std::string offset;
            std::string device;
            std::string inode;
            std::string path;
            fields >> range >> permissions >> offset >> device >> inode;
            std::getline(fields >> std::ws, path);
            const bool readableMapping = permissions.size() >= 2 && permissions[0] == 'r';
            const bool writable = permissions.size() >= 2 && permissions[1] == 'w';
            const bool fromAFile = !path.empty() && path.front() == '/';
            const bool deviceMemory = path.rfind("/dev/", 0) == 0; // a GPU's, say: not plain memory
            if (!readableMapping || path == "[vvar]" || path == "[vsyscall]" || deviceMemory ||
                (fromAFile && !writable)) {
                continue;
            }
            const auto dash = range.find('-');
            result.emplace_back(std::stoull(range.substr(0, dash), nullptr, 16),
                                std::stoull(range.substr(dash + 1), nullptr, 16));
        }
        return result;
    }

    pid_t m_pid;
    int m_fd = -1;
    int m_error = 0;
};

void writeVault(const fs::path& path, const std::string& noteText = kNoteMarker,
                const std::string& psychotherapyText = kPsychotherapyMarker) {
    auto vault = storage::Vault::create(path, storage::Secret{kPassphrase});
    core::DemoOptions options;
    options.clients = 1;
    options.sessionsPerClient = 3;
    core::CaseloadDocument document;
    document.clients = core::makeDemoCaseload(options, core::defaultCodebook());
    auto& record = document.clients.front();
    record.client.displayName = kDisplayName;
    for (auto& session : record.sessions) {
        session.sections.front().text += " " + noteText;
        session.psychotherapyNote = "Countertransference. " + psychotherapyText;
    }
    (void)vault.importCaseload(document);
}

} // namespace

TEST_CASE("after Ctrl+L a core of the app holds no note, psychotherapy note, display name or passphrase",
          "[app][smoke][lock][memory]") {
    if (!fs::exists(kGcore) || !test::Xdotool::available()) {
        WARN("SKIP: gcore (gdb) or xdotool is not installed (scripts/install-deps.sh)");
        return;
    }
    test::TempDir dir;
    test::VirtualDisplay display(1440, 900, dir / "xvfb.log");
    const auto vault = dir / "clinic.tessera";
    writeVault(vault);

    // The idle lock after one minute is the fallback, should Ctrl+L not reach the window.
    fs::create_directories(dir / "config" / "tessera");
    test::writeFile(dir / "config" / "tessera" / "settings.json", R"({"auto_lock_minutes": 1})");
    test::ChildOptions options;
    options.env = {{"XDG_CONFIG_HOME", (dir / "config").string()}, {"DISPLAY", display.name()}};
    test::Child app(kApp, {"--vault", vault.string()}, options);
    const test::Xdotool xdotool(display);
    const auto ctrl = [&](const std::string& key) { xdotool.ctrl(key); };
    // The process's memory as a core file (gcore writes core.PID).
    const auto coreOfApp = [&] {
        const auto core = dir / "core";
        const auto dumped = test::run(kGcore, {"-o", core.string(), std::to_string(app.pid())});
        INFO("gcore: " << dumped.err);
        REQUIRE(dumped.exitCode == 0);
        const auto coreFile = fs::path{core.string() + "." + std::to_string(app.pid())};
        REQUIRE(fs::exists(coreFile));
        auto bytes = test::readFile(coreFile);
        fs::remove(coreFile);
        return bytes;
    };
    (void)xdotool.focusWindow("Tessera");
    // Opened once the app runs (its window is up): before its exec, /proc/PID/mem would be this
    // test's own memory, forked.
    const ProcessMemory memory(app.pid());
    if (!memory.readable()) {
        WARN("SKIP: the app's memory cannot be read (" << std::strerror(memory.error())
                                                       << "): the app is not dumpable, so reading it "
                                                          "(and gcore) needs root or CAP_SYS_PTRACE");
        return;
    }

    // The unlock screen gives its passphrase field the keyboard on its first frame; characters
    // typed before that frame are dropped. So: select all and type the passphrase again until the
    // field holds all of it (seen in memory). Events arrive in order, so whatever an earlier round
    // left behind, the last Ctrl+A and typing make the field exactly the passphrase.
    bool typed = false;
    for (int round = 0; round < 10 && !typed; ++round) {
        ctrl("a");
        xdotool({"type", "--delay", "30", kPassphrase});
        typed = waitFor([&] { return memory.holds(kPassphrase); }, std::chrono::seconds(30));
    }
    REQUIRE(typed);
    xdotool({"key", "Return"});
    // Unlocked when the vault's write-ahead log exists (the app holds it open).
    const auto wal = fs::path{vault.string() + "-wal"};
    REQUIRE(waitFor([&] { return fs::exists(wal); }));

    // The main screen: the client list shows the display name. No note is open, so its text is
    // nowhere in memory once the background check of every page has let go of the pages it read
    // (the session list's rows do hold the psychotherapy note, in SQLite's page cache).
    {
        INFO("after unlocking, the note's text stays in memory although no note is open");
        REQUIRE(waitFor([&] { return memory.holds(kDisplayName) && !memory.holds(kNoteMarker); }));
    }
    const auto psychotherapyCopiesBefore = memory.count(kPsychotherapyMarker);

    // The keyboard opens the note: after unlocking the client list has it, and Enter opens the
    // first client's newest note in the editor, which shows its sections and psychotherapy note.
    xdotool({"key", "Return"});
    {
        INFO("Enter in the client list did not open the note (its text never appeared in memory)");
        REQUIRE(waitFor([&] {
            return memory.holds(kNoteMarker) && memory.count(kPsychotherapyMarker) > psychotherapyCopiesBefore;
        }));
    }

    // Ctrl+L; should it not arrive, the idle lock (one minute, set above) runs the same
    // Application::lock().
    ctrl("l");
    // Locked when the vault is closed: SQLite removes the log with its last connection.
    REQUIRE(waitFor([&] { return !fs::exists(wal); }));

    const auto bytes = coreOfApp();
    app.kill();
    CHECK(bytes.find(kNoteMarker) == std::string::npos);
    CHECK(bytes.find(kPsychotherapyMarker) == std::string::npos);
    CHECK(bytes.find(kDisplayName) == std::string::npos);
    CHECK(bytes.find(kPassphrase) == std::string::npos);
}

// The same protection in tessera-cli (platform/secure_heap.cpp and SQLite's zeroing allocator are
// linked into it too): stopped by gdb as it exits, after exporting every note, the process holds
// none of them. The texts are long: what a copy leaves in vector registers and the stack is at
// most 64 bytes at a time and out of reach of any allocator (docs/reliability.md).
TEST_CASE("tessera-cli holds no note or psychotherapy note once it has used them", "[cli][memory]") {
    if (!fs::exists(kGdb)) {
        WARN("SKIP: gdb is not installed (scripts/install-deps.sh)");
        return;
    }
    const std::string note = std::string{kNoteMarker} +
                             " she described the harbour at dusk, the ferry timetable kept folded in her coat "
                             "and the letters from her brother that she has not opened since March";
    const std::string psychotherapy = std::string{kPsychotherapyMarker} +
                                      " I noticed my wish to rescue her from the harbour story and kept quiet; "
                                      "bring the pull to reassure to supervision on Thursday";
    test::TempDir dir;
    const auto vault = dir / "clinic.tessera";
    writeVault(vault, note, psychotherapy);
    const auto exported = dir / "export.json";
    const auto core = dir / "cli.core";
    const auto result =
        test::run(kGdb,
                  {"-q", "-batch", "-ex", "catch syscall exit_group", "-ex", "run", "-ex", "gcore " + core.string(),
                   "-ex", "kill", "--args", TESSERA_CLI_PATH, "--vault", vault.string(), "export", exported.string()},
                  {{"TESSERA_PASSPHRASE", kPassphrase}});
    INFO("gdb: " << result.out << result.err);
    REQUIRE(fs::exists(core));
    // The command did read both texts: they are in the file it wrote.
    const auto written = test::readFile(exported);
    REQUIRE(written.find(note) != std::string::npos);
    REQUIRE(written.find(psychotherapy) != std::string::npos);
    const auto bytes = test::readFile(core);
    CHECK(bytes.find(note) == std::string::npos);
    CHECK(bytes.find(psychotherapy) == std::string::npos);
}
