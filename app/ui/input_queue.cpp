#include "ui/input_queue.hpp"

// GLFW's key and modifier codes only (the events themselves come from the platform); no OpenGL.
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>

#include <algorithm>

namespace tessera::app::ui {
bool InputQueue::isCommand(const InputEvent& event) {
    if (event.kind == InputEvent::Kind::MouseButton) {
        return true;
    }
    if (event.kind != InputEvent::Kind::Key) {
        return false;
    }
    if ((event.mods & (GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SUPER)) != 0) {
        return true;
    }
    const bool printable = (event.code >= GLFW_KEY_SPACE && event.code <= GLFW_KEY_GRAVE_ACCENT) ||
                           event.code == GLFW_KEY_WORLD_1 || event.code == GLFW_KEY_WORLD_2;
    const bool shift = event.code == GLFW_KEY_LEFT_SHIFT || event.code == GLFW_KEY_RIGHT_SHIFT;
    return !printable && !shift;
}

std::u32string InputQueue::fullCharacters(std::u32string_view imguiCharacters) const {
    constexpr char32_t kReplacement = 0xFFFD;
    constexpr char32_t kLastSixteenBit = 0xFFFF;
    const bool linedUp = imguiCharacters.size() == m_frameCharacters.size() &&
                         std::equal(imguiCharacters.begin(), imguiCharacters.end(), m_frameCharacters.begin(),
                                    [&](char32_t narrow, char32_t full) {
                                        return narrow == full || (narrow == kReplacement && full > kLastSixteenBit);
                                    });
    return linedUp ? m_frameCharacters : std::u32string{imguiCharacters};
}

std::vector<InputEvent> InputQueue::takeEarlierReleases() {
    std::vector<InputEvent> released;
    std::vector<int> pressedKeys; // pressed within the queue: their releases keep their place
    std::vector<int> pressedButtons;
    for (auto it = m_events.begin(); it != m_events.end();) {
        if (it->kind == InputEvent::Kind::Key || it->kind == InputEvent::Kind::MouseButton) {
            auto& pressed = it->kind == InputEvent::Kind::Key ? pressedKeys : pressedButtons;
            const bool pressedHere = std::find(pressed.begin(), pressed.end(), it->code) != pressed.end();
            if (it->action == GLFW_RELEASE && !pressedHere) {
                released.push_back(*it);
                it = m_events.erase(it);
                continue;
            }
            if (it->action != GLFW_RELEASE && !pressedHere) {
                pressed.push_back(it->code);
            }
        }
        ++it;
    }
    return released;
}

std::vector<InputEvent> InputQueue::takeFrame() {
    m_frameCharacters.clear();
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
            m_frameCharacters.push_back(static_cast<char32_t>(event.codepoint));
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
