#include "virtual_display.hpp"

#include "test_support.hpp"

#include <catch2/catch.hpp>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace tessera::test {

namespace {

constexpr const char* kXvfb = "/usr/bin/Xvfb";

// Reads the display number Xvfb writes, a line of digits, before `deadline`. Empty when Xvfb
// closed the pipe (it exited) or the time ran out.
std::string readDisplayNumber(int fd, std::chrono::steady_clock::time_point deadline) {
    std::string line;
    while (line.find('\n') == std::string::npos) {
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0) {
            return {};
        }
        pollfd ready{fd, POLLIN, 0};
        const int polled = ::poll(&ready, 1, static_cast<int>(left));
        if (polled < 0 && errno == EINTR) {
            continue;
        }
        if (polled <= 0) {
            return {};
        }
        char buffer[32];
        const auto n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return {};
        }
        line.append(buffer, static_cast<std::size_t>(n));
    }
    line.erase(line.find('\n'));
    return line;
}

} // namespace

VirtualDisplay::VirtualDisplay(int width, int height, const std::filesystem::path& log) {
    if (::access(kXvfb, X_OK) != 0) {
        throw std::runtime_error(std::string{kXvfb} + " is missing: install the xvfb package");
    }
    int fds[2] = {-1, -1};
    if (::pipe(fds) != 0) {
        throw std::runtime_error("pipe failed");
    }
    // Only the write end goes to Xvfb; the read end stays with us.
    ::fcntl(fds[0], F_SETFD, FD_CLOEXEC);

    const std::string fd = std::to_string(fds[1]);
    const std::string screen = std::to_string(width) + "x" + std::to_string(height) + "x24";
    ExecArguments exec(kXvfb, {"-displayfd", fd, "-screen", "0", screen, "-nolisten", "tcp"}, {});

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    const int spawned = ::posix_spawn(&m_pid, kXvfb, &actions, nullptr, exec.argv(), exec.envp());
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    if (spawned != 0) {
        ::close(fds[0]);
        throw std::runtime_error("cannot start Xvfb");
    }

    const auto number = readDisplayNumber(fds[0], std::chrono::steady_clock::now() + std::chrono::seconds(10));
    ::close(fds[0]);
    if (number.empty() || number.find_first_not_of("0123456789") != std::string::npos) {
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, nullptr, 0);
        std::string output;
        try {
            output = readFile(log);
        } catch (const std::exception&) {
        }
        throw std::runtime_error("Xvfb did not start a display: " + output);
    }
    m_name = ":" + number;
}

VirtualDisplay::~VirtualDisplay() {
    if (m_pid > 0) {
        ::kill(m_pid, SIGTERM);
        while (::waitpid(m_pid, nullptr, 0) < 0 && errno == EINTR) {
        }
    }
}

namespace {
const std::filesystem::path kXdotool{"/usr/bin/xdotool"};
}

std::string Xdotool::operator()(const std::vector<std::string>& args) const {
    const auto result = run(kXdotool, args, {{"DISPLAY", m_display}});
    INFO("xdotool " << (args.empty() ? std::string{} : args.front()) << ": " << result.err);
    REQUIRE(result.exitCode == 0);
    return result.out;
}

void Xdotool::ctrl(const std::string& key) const {
    (*this)({"keydown", "ctrl"});
    (*this)({"key", key});
    (*this)({"keyup", "ctrl"});
}

std::string Xdotool::focusWindow(const std::string& name) const {
    auto window = (*this)({"search", "--sync", "--onlyvisible", "--name", name});
    window = window.substr(0, window.find('\n'));
    (*this)({"windowfocus", "--sync", window});
    return window;
}

bool Xdotool::available() {
    return std::filesystem::exists(kXdotool);
}

} // namespace tessera::test
