#pragma once

// A private Xvfb server for one test. Xvfb picks a free display number itself (-displayfd), so
// tests running in parallel never race for one, and nothing outside the test's own temporary
// directory is created or removed (xvfb-run's shared auth directory once failed to clean up
// under CI and turned a passing test into exit code 5).

#include <filesystem>
#include <string>
#include <vector>
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

// xdotool on one display: a person's keyboard, mouse and window manager for the real app.
class Xdotool {
public:
    explicit Xdotool(const VirtualDisplay& display) : m_display(display.name()) {}

    // Runs `xdotool ARGS...` on the display; the test fails when it does not succeed.
    std::string operator()(const std::vector<std::string>& args) const;
    // Ctrl+`key`. ImGui samples modifiers once per frame, so Ctrl goes down and up as events of
    // their own around the key.
    void ctrl(const std::string& key) const;
    // Waits until a window named `name` is visible, gives it the focus, and returns its id.
    [[nodiscard]] std::string focusWindow(const std::string& name) const;

    // Whether xdotool is installed (scripts/install-deps.sh).
    [[nodiscard]] static bool available();

private:
    std::string m_display;
};

} // namespace tessera::test
