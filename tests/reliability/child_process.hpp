#pragma once

// A child process the reliability tests can watch line by line and kill at any moment, with
// limits set just for it (a maximum file size, to run out of "disk"; a maximum address space).

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace tessera::test {

struct ChildOptions {
    // Environment of the child: exactly PATH, HOME and TMPDIR of this process plus these.
    std::map<std::string, std::string> env;
    // RLIMIT_FSIZE for the child, with SIGXFSZ ignored, so that a write past it fails with EFBIG
    // as on a full disk.
    std::optional<long long> maxFileSize;
    // RLIMIT_CORE's soft limit raised to its hard limit for the child (a shell often sets the soft
    // limit to 0), so that a test sees whether the child lowers it itself.
    bool raiseCoreLimit = false;
    // RLIMIT_AS for the child: its whole address space (heap, stacks, libraries), so that taking
    // more memory than a test allows fails in the child (std::bad_alloc) instead of passing.
    std::optional<long long> maxAddressSpace = std::nullopt;
};

class Child {
public:
    Child(const std::filesystem::path& program, const std::vector<std::string>& args, const ChildOptions& options = {});
    ~Child(); // kills and reaps a child still running
    Child(const Child&) = delete;
    Child& operator=(const Child&) = delete;

    // The next line the child printed on stdout (without the newline), waiting at most `timeout`;
    // nullopt when the child closed stdout (exited) or the time ran out.
    [[nodiscard]] std::optional<std::string> readLine(std::chrono::milliseconds timeout);
    // Every complete line printed so far, without waiting.
    std::vector<std::string> drainLines();
    // Closes the child's stdin (a holding child then exits).
    void closeInput();
    void kill(); // SIGKILL
    // Waits for the child to end; its exit code, or 128 + signal.
    int wait();
    // False once the child has ended (without waiting for it).
    [[nodiscard]] bool running();
    [[nodiscard]] const std::string& errorOutput() const { return m_err; }
    [[nodiscard]] pid_t pid() const { return m_pid; }

private:
    void pump(int timeoutMs);

    pid_t m_pid = -1;
    int m_in = -1;
    int m_out = -1;
    int m_errFd = -1;
    std::string m_buffer;
    std::string m_err;
    std::optional<int> m_status;
};

// A named pipe (mode 0600) in a test's folder, given to a child as a file to read (a passphrase
// file, an import file): the child blocks in it until the test writes, so the test observes the
// child at a known point of its work instead of racing it.
class Fifo {
public:
    explicit Fifo(std::filesystem::path path);
    ~Fifo();
    Fifo(const Fifo&) = delete;
    Fifo& operator=(const Fifo&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
    // Returns once `reader` has opened the pipe for reading (it then waits for what write()
    // sends); throws if the child ends first.
    void awaitReader(Child& reader);
    // Writes `text` and closes the pipe: the reader reads it, then end of file.
    void writeAndClose(const std::string& text);

private:
    std::filesystem::path m_path;
    int m_fd = -1;
};

} // namespace tessera::test
