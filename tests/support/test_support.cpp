#include "test_support.hpp"

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <poll.h>
#include <random>
#include <thread>
#include <signal.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace tessera::test {

TempDir::TempDir() {
    std::random_device random;
    const auto base = std::filesystem::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
        auto candidate = base / ("tessera-test-" + std::to_string(random()));
        std::error_code error;
        if (std::filesystem::create_directory(candidate, error)) {
            m_path = std::move(candidate);
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
}

std::string readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + path.string());
    }
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeFile(const std::filesystem::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
        throw std::runtime_error("cannot write " + path.string());
    }
}

bool fileContains(const std::filesystem::path& path, const std::string& needle) {
    return readFile(path).find(needle) != std::string::npos;
}

namespace {

struct Pipe {
    std::array<int, 2> fds{-1, -1};
    Pipe() {
        if (::pipe(fds.data()) != 0) {
            throw std::runtime_error("pipe failed");
        }
    }
    ~Pipe() {
        closeRead();
        closeWrite();
    }
    Pipe(const Pipe&) = delete;
    Pipe& operator=(const Pipe&) = delete;
    void closeRead() {
        if (fds[0] >= 0) {
            ::close(fds[0]);
            fds[0] = -1;
        }
    }
    void closeWrite() {
        if (fds[1] >= 0) {
            ::close(fds[1]);
            fds[1] = -1;
        }
    }
};

} // namespace

ExecArguments::ExecArguments(const std::filesystem::path& program, const std::vector<std::string>& args,
                             const std::map<std::string, std::string>& env) {
    std::map<std::string, std::string> environment;
    for (const char* name : {"PATH", "HOME", "TMPDIR", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"}) {
        if (const char* value = std::getenv(name)) {
            environment[name] = value;
        }
    }
    for (const auto& [name, value] : env) {
        environment[name] = value;
    }
    for (const auto& [name, value] : environment) {
        m_env.push_back(name + "=" + value);
    }
    m_args.push_back(program.string());
    m_args.insert(m_args.end(), args.begin(), args.end());
    // The strings are complete: pointers into them stay valid from here on.
    for (auto& entry : m_env) {
        m_envp.push_back(entry.data());
    }
    m_envp.push_back(nullptr);
    for (auto& arg : m_args) {
        m_argv.push_back(arg.data());
    }
    m_argv.push_back(nullptr);
}

RunResult run(const std::filesystem::path& program, const std::vector<std::string>& args,
              const std::map<std::string, std::string>& env, const std::string& input) {
    Pipe in;
    Pipe out;
    Pipe err;

    ExecArguments exec(program, args, env);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in.fds[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out.fds[1], 1);
    posix_spawn_file_actions_adddup2(&actions, err.fds[1], 2);
    for (const auto* pipe : {&in, &out, &err}) {
        posix_spawn_file_actions_addclose(&actions, pipe->fds[0]);
        posix_spawn_file_actions_addclose(&actions, pipe->fds[1]);
    }
    // setsid: no controlling terminal, so a passphrase prompt cannot block the test.
    posix_spawnattr_t attributes;
    posix_spawnattr_init(&attributes);
    posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETSID);
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, program.c_str(), &actions, &attributes, exec.argv(), exec.envp());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    if (spawned != 0) {
        throw std::runtime_error("cannot start " + program.string() + ": " + std::strerror(spawned));
    }
    in.closeRead();
    out.closeWrite();
    err.closeWrite();

    // Feed stdin and drain stdout/stderr together so that neither side can block.
    RunResult result;
    std::size_t written = 0;
    if (input.empty()) {
        in.closeWrite();
    }
    ::signal(SIGPIPE, SIG_IGN);
    while (out.fds[0] >= 0 || err.fds[0] >= 0) {
        std::vector<pollfd> fds;
        if (in.fds[1] >= 0) {
            fds.push_back({in.fds[1], POLLOUT, 0});
        }
        if (out.fds[0] >= 0) {
            fds.push_back({out.fds[0], POLLIN, 0});
        }
        if (err.fds[0] >= 0) {
            fds.push_back({err.fds[0], POLLIN, 0});
        }
        if (::poll(fds.data(), fds.size(), -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        for (const auto& fd : fds) {
            if (fd.revents == 0) {
                continue;
            }
            if (fd.fd == in.fds[1]) {
                const auto n = ::write(fd.fd, input.data() + written, input.size() - written);
                if (n <= 0) {
                    in.closeWrite();
                } else {
                    written += static_cast<std::size_t>(n);
                    if (written == input.size()) {
                        in.closeWrite();
                    }
                }
                continue;
            }
            std::array<char, 65536> buffer{};
            const auto n = ::read(fd.fd, buffer.data(), buffer.size());
            auto& target = fd.fd == out.fds[0] ? result.out : result.err;
            if (n <= 0) {
                (fd.fd == out.fds[0] ? out : err).closeRead();
            } else {
                target.append(buffer.data(), static_cast<std::size_t>(n));
            }
        }
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

bool waitFor(const std::function<bool()>& done, std::chrono::seconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) {
            return false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return true;
}

} // namespace tessera::test
