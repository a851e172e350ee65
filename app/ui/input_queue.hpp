#pragma once

// Keyboard and mouse events in the order they happened, handed to ImGui a frame at a time.
//
// ImGui 1.86 keeps typed characters in a queue but samples keys and mouse buttons once per frame,
// so when a burst of input arrives between two frames (a fast typist, xdotool, a busy machine) the
// order between characters and keys is lost: "Ctrl+Home, then type" could insert the text before
// the caret moved, a Tab could move focus before the characters typed ahead of it were taken, and
// a key pressed and released within one frame was never seen. This queue delivers, each frame, the
// longest run of events that ImGui can still see in order, and keeps the rest for the next frames
// (the approach of ImGui 1.87's "trickle" input queue, for the version Debian ships):
// - a command key or a button that already changed this frame waits (so a fast tap is seen down,
//   then up);
// - characters and "commands" (a click, or a key that is not plain typing: arrows, Home, Tab,
//   Enter, Backspace, Ctrl, Alt, anything with Ctrl or Alt held) are not mixed in one frame: what
//   comes second waits for the next frame.
// Plain typing (a letter's key going down and up, Shift) travels with its characters.
// It uses GLFW's codes but no GLFW call: the platform feeds it from GLFW's callbacks (platform.cpp);
// tests feed it directly.

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::app::ui {

struct InputEvent {
    enum class Kind { Key, Char, MouseButton, Scroll };
    Kind kind = Kind::Key;
    int code = 0;           // Key: the GLFW key; MouseButton: the button
    int scancode = 0;       // Key
    int action = 0;         // Key and MouseButton: GLFW_PRESS (1), GLFW_RELEASE (0) or GLFW_REPEAT (2)
    int mods = 0;           // Key and MouseButton: GLFW_MOD_* bits
    unsigned codepoint = 0; // Char
    double x = 0.0;         // Scroll
    double y = 0.0;         // Scroll
};

class InputQueue {
public:
    void push(const InputEvent& event) { m_events.push_back(event); }
    // The events for this frame, oldest first; the rest stay queued.
    [[nodiscard]] std::vector<InputEvent> takeFrame();
    // While input is held (a note opening), the releases of keys and buttons pressed before the
    // hold: delivered at once so that ImGui does not see a key held down (and repeat it, an
    // Enter becoming line breaks). Everything else stays queued, in order.
    [[nodiscard]] std::vector<InputEvent> takeEarlierReleases();
    [[nodiscard]] bool empty() const { return m_events.empty(); }
    [[nodiscard]] std::size_t size() const { return m_events.size(); }

    // True for a key event that is more than plain typing (see above).
    [[nodiscard]] static bool isCommand(const InputEvent& event);

    // ImGui 1.86 as Debian builds it keeps characters in 16 bits: an emoji or any other character
    // above U+FFFF reaches its queue as U+FFFD. The queue remembers the full code points of the
    // characters the last takeFrame handed out, so that ui::textArea can take them intact.
    // `imguiCharacters`: ImGui's own queue this frame. Returns it with each U+FFFD that stands for
    // a character above U+FFFF restored; when the two do not line up (characters that did not
    // come through this queue, such as a test's AddInputCharacter), `imguiCharacters` unchanged.
    // ImGui's own InputText fields still read U+FFFD.
    [[nodiscard]] std::u32string fullCharacters(std::u32string_view imguiCharacters) const;
    [[nodiscard]] const std::u32string& frameCharacters() const { return m_frameCharacters; }

private:
    std::deque<InputEvent> m_events;
    std::u32string m_frameCharacters; // the characters of the last takeFrame, in full
};

} // namespace tessera::app::ui
