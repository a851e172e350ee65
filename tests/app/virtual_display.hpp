#pragma once

// A private Xvfb server for one test. Xvfb picks a free display number itself (-displayfd), so
// tests running in parallel never race for one, and nothing outside the test's own temporary
// directory is created or removed (xvfb-run's shared auth directory once failed to clean up
// under CI and turned a passing test into exit code 5).

#include <filesystem>
#include <string>
#include <sys/types.h>

namespace tessera::test {

class VirtualDisplay {
public:
    // Starts Xvfb with one screen of `width` × `height` × 24 bits, no TCP, and its output in
    // `log`. Throws when Xvfb is missing or does not announce its display within ten seconds.
    VirtualDisplay(int width, int height, const std::filesystem::path& log);
    ~VirtualDisplay();
    VirtualDisplay(const VirtualDisplay&) = delete;
    VirtualDisplay& operator=(const VirtualDisplay&) = delete;

    // The value for $DISPLAY, e.g. ":3".
    [[nodiscard]] const std::string& name() const { return m_name; }

private:
    pid_t m_pid = -1;
    std::string m_name;
};

} // namespace tessera::test
