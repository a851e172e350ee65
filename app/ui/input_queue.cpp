#include "ui/input_queue.hpp"

#include <algorithm>

namespace tessera::app::ui {
namespace {

// GLFW's values, repeated here so that this file needs no GLFW header.
constexpr int kKeySpace = 32;
constexpr int kKeyGraveAccent = 96; // printable keys are 32-96 (and the two "world" keys)
constexpr int kKeyWorld1 = 161;
constexpr int kKeyWorld2 = 162;
constexpr int kKeyLeftShift = 340;
constexpr int kKeyRightShift = 344;
constexpr int kModControl = 0x0002;
constexpr int kModAlt = 0x0004;
constexpr int kModSuper = 0x0008;

} // namespace

bool InputQueue::isCommand(const InputEvent& event) {
    if (event.kind == InputEvent::Kind::MouseButton) {
        return true;
    }
    if (event.kind != InputEvent::Kind::Key) {
        return false;
    }
    if ((event.mods & (kModControl | kModAlt | kModSuper)) != 0) {
        return true;
    }
    const bool printable = (event.code >= kKeySpace && event.code <= kKeyGraveAccent) || event.code == kKeyWorld1 ||
                           event.code == kKeyWorld2;
    const bool shift = event.code == kKeyLeftShift || event.code == kKeyRightShift;
    return !printable && !shift;
}

std::vector<InputEvent> InputQueue::takeFrame() {
    std::vector<InputEvent> frame;
    std::vector<int> keysChanged;
    std::vector<int> buttonsChanged;
    bool characters = false;
    bool command = false;
    while (!m_events.empty()) {
        const InputEvent& event = m_events.front();
        switch (event.kind) {
        case InputEvent::Kind::Char:
            if (command) {
                return frame;
            }
            characters = true;
            break;
        case InputEvent::Kind::Key:
        case InputEvent::Kind::MouseButton: {
            auto& changed = event.kind == InputEvent::Kind::Key ? keysChanged : buttonsChanged;
            const bool isCommandEvent = isCommand(event);
            // Plain typing may change its key twice in a frame: the characters carry the text.
            if ((isCommandEvent && std::find(changed.begin(), changed.end(), event.code) != changed.end()) ||
                (isCommandEvent && characters)) {
                return frame;
            }
            changed.push_back(event.code);
            command = command || isCommandEvent;
            break;
        }
        case InputEvent::Kind::Scroll: break;
        }
        frame.push_back(event);
        m_events.pop_front();
    }
    return frame;
}

} // namespace tessera::app::ui
