#pragma once

// Helpers shared by the test executables: temporary directories that clean up after
// themselves, reading files byte for byte, and running our real executables.

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace tessera::test {

// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    [[nodiscard]] const std::filesystem::path& path() const { return m_path; }
    [[nodiscard]] std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

[[nodiscard]] std::string readFile(const std::filesystem::path& path);
void writeFile(const std::filesystem::path& path, const std::string& bytes);

// Waits (polling every 100 ms, bounded) until `done` holds; false when the time ran out. A
// condition, not a fixed sleep: a test is as fast as the machine allows, and a slow machine only
// waits longer.
bool waitFor(const std::function<bool()>& done, std::chrono::seconds limit = std::chrono::seconds(300));
// True when `needle` occurs anywhere in the file's raw bytes.
[[nodiscard]] bool fileContains(const std::filesystem::path& path, const std::string& needle);

// argv and envp for starting one of our executables: `program` and `args`, and a minimal
// environment (PATH, HOME, TMPDIR and the sanitizers' options of this process) plus `env`.
// Built before fork, since only async-signal-safe calls are allowed after it.
class ExecArguments {
public:
    ExecArguments(const std::filesystem::path& program, const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& env);
    ExecArguments(const ExecArguments&) = delete;
    ExecArguments& operator=(const ExecArguments&) = delete;

    [[nodiscard]] char* const* argv() { return m_argv.data(); }
    [[nodiscard]] char* const* envp() { return m_envp.data(); }

private:
    std::vector<std::string> m_args;
    std::vector<std::string> m_env;
    std::vector<char*> m_argv;
    std::vector<char*> m_envp;
};

struct RunResult {
    int exitCode = -1;
    std::string out;
    std::string err;
};

// Runs `program` with `args`, extra environment variables `env` (added to a minimal
// environment: PATH, HOME, TMPDIR), and `input` on standard input. Waits for it to finish.
[[nodiscard]] RunResult run(const std::filesystem::path& program, const std::vector<std::string>& args,
                            const std::map<std::string, std::string>& env = {}, const std::string& input = {});

} // namespace tessera::test
