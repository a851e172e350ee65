#include "child_process.hpp"

#include "test_support.hpp"

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tessera::test {

Child::Child(const std::filesystem::path& program, const std::vector<std::string>& args, const ChildOptions& options) {
    // Everything the child needs is prepared before fork: after it, only async-signal-safe calls.
    ExecArguments exec(program, args, options.env);

    std::array<int, 2> in{};
    std::array<int, 2> out{};
    std::array<int, 2> err{};
    if (::pipe2(in.data(), O_CLOEXEC) != 0 || ::pipe2(out.data(), O_CLOEXEC) != 0 ||
        ::pipe2(err.data(), O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe failed");
    }
    ::signal(SIGPIPE, SIG_IGN);
    const auto limit = options.maxFileSize;
    const bool raiseCoreLimit = options.raiseCoreLimit;
    const auto addressSpace = options.maxAddressSpace;
    m_pid = ::fork();
    if (m_pid < 0) {
        throw std::runtime_error("fork failed");
    }
    if (m_pid == 0) {
        ::setsid(); // no controlling terminal: nothing can prompt
        ::dup2(in[0], STDIN_FILENO);
        ::dup2(out[1], STDOUT_FILENO);
        ::dup2(err[1], STDERR_FILENO);
        if (limit) {
            const rlimit size{static_cast<rlim_t>(*limit), static_cast<rlim_t>(*limit)};
            ::setrlimit(RLIMIT_FSIZE, &size);
            ::signal(SIGXFSZ, SIG_IGN); // inherited across exec: write() returns EFBIG instead
        }
        if (raiseCoreLimit) {
            rlimit core{};
            ::getrlimit(RLIMIT_CORE, &core);
            core.rlim_cur = core.rlim_max;
            ::setrlimit(RLIMIT_CORE, &core);
        }
        if (addressSpace) {
            const rlimit space{static_cast<rlim_t>(*addressSpace), static_cast<rlim_t>(*addressSpace)};
            ::setrlimit(RLIMIT_AS, &space);
        }
        ::signal(SIGPIPE, SIG_DFL);
        ::execve(exec.argv()[0], exec.argv(), exec.envp());
        ::_exit(127);
    }
    ::close(in[0]);
    ::close(out[1]);
    ::close(err[1]);
    m_in = in[1];
    m_out = out[0];
    m_errFd = err[0];
}

Child::~Child() {
    if (!m_status) {
        kill();
        (void)wait();
    }
    for (const int fd : {m_in, m_out, m_errFd}) {
        if (fd >= 0) {
            ::close(fd);
        }
    }
}

void Child::pump(int timeoutMs) {
    std::vector<pollfd> fds;
    if (m_out >= 0) {
        fds.push_back({m_out, POLLIN, 0});
    }
    if (m_errFd >= 0) {
        fds.push_back({m_errFd, POLLIN, 0});
    }
    if (fds.empty()) {
        return;
    }
    if (::poll(fds.data(), fds.size(), timeoutMs) <= 0) {
        return;
    }
    for (const auto& fd : fds) {
        if (fd.revents == 0) {
            continue;
        }
        std::array<char, 65536> chunk{};
        const auto n = ::read(fd.fd, chunk.data(), chunk.size());
        auto& target = fd.fd == m_out ? m_buffer : m_err;
        if (n <= 0) {
            ::close(fd.fd);
            (fd.fd == m_out ? m_out : m_errFd) = -1;
        } else {
            target.append(chunk.data(), static_cast<std::size_t>(n));
        }
    }
}

std::optional<std::string> Child::readLine(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
        if (const auto end = m_buffer.find('\n'); end != std::string::npos) {
            auto line = m_buffer.substr(0, end);
            m_buffer.erase(0, end + 1);
            return line;
        }
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (m_out < 0 || left.count() <= 0) {
            return std::nullopt;
        }
        pump(static_cast<int>(left.count()));
    }
}

std::vector<std::string> Child::drainLines() {
    pump(0);
    std::vector<std::string> lines;
    while (true) {
        const auto end = m_buffer.find('\n');
        if (end == std::string::npos) {
            return lines;
        }
        lines.push_back(m_buffer.substr(0, end));
        m_buffer.erase(0, end + 1);
    }
}

void Child::closeInput() {
    if (m_in >= 0) {
        ::close(m_in);
        m_in = -1;
    }
}

void Child::kill() {
    if (!m_status && m_pid > 0) {
        ::kill(m_pid, SIGKILL);
    }
}

int Child::wait() {
    if (!m_status) {
        // Drain the pipes while waiting, so a child blocked on a full pipe can finish.
        int status = 0;
        while (true) {
            const auto done = ::waitpid(m_pid, &status, WNOHANG);
            if (done == m_pid) {
                break;
            }
            if (done < 0 && errno != EINTR) {
                break;
            }
            pump(20);
        }
        while (m_out >= 0 || m_errFd >= 0) {
            pump(100);
        }
        m_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    return *m_status;
}

bool Child::running() {
    if (m_status) {
        return false;
    }
    int status = 0;
    if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
        while (m_out >= 0 || m_errFd >= 0) {
            pump(100);
        }
        m_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return false;
    }
    pump(0);
    return true;
}

Fifo::Fifo(std::filesystem::path path) : m_path(std::move(path)) {
    if (::mkfifo(m_path.c_str(), 0600) != 0) {
        throw std::runtime_error("mkfifo failed: " + std::string{std::strerror(errno)});
    }
}

Fifo::~Fifo() {
    if (m_fd >= 0) {
        ::close(m_fd);
    }
}

void Fifo::awaitReader(Child& reader) {
    // Opening the writing end without blocking fails (ENXIO) until a reader has the pipe open;
    // the child is polled meanwhile, so a child that ends without reading fails the test.
    while (m_fd < 0) {
        m_fd = ::open(m_path.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (m_fd >= 0) {
            break;
        }
        if (errno != ENXIO && errno != EINTR) {
            throw std::runtime_error("cannot open the pipe: " + std::string{std::strerror(errno)});
        }
        if (!reader.running()) {
            throw std::runtime_error("the child ended without opening the pipe; stderr: " + reader.errorOutput());
        }
        ::poll(nullptr, 0, 1);
    }
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) & ~O_NONBLOCK);
}

void Fifo::writeAndClose(const std::string& text) {
    std::size_t written = 0;
    while (written < text.size()) {
        const auto n = ::write(m_fd, text.data() + written, text.size() - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        written += static_cast<std::size_t>(n);
    }
    ::close(m_fd);
    m_fd = -1;
}

} // namespace tessera::test
