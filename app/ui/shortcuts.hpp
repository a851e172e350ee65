#pragma once

#include <imgui.h>

namespace tessera::app::ui {

// Keyboard shortcuts. ImGui 1.86 indexes io.KeysDown with the platform's key codes; GLFW's codes
// for letters and digits are their ASCII upper-case characters ('S', '1'), which is also what
// the headless tests press. Named keys (Enter, Escape, arrows) go through ImGuiKey_ and KeyMap.
[[nodiscard]] inline bool pressedCtrl(char key) {
    const auto& io = ImGui::GetIO();
    return io.KeyCtrl && !io.KeyAlt && ImGui::IsKeyPressed(static_cast<unsigned char>(key), false);
}

[[nodiscard]] inline bool pressedCtrlShift(char key) {
    const auto& io = ImGui::GetIO();
    return io.KeyCtrl && io.KeyShift && !io.KeyAlt && ImGui::IsKeyPressed(static_cast<unsigned char>(key), false);
}

[[nodiscard]] inline bool pressedPlain(char key) {
    const auto& io = ImGui::GetIO();
    return !io.KeyCtrl && !io.KeyAlt && !io.KeySuper && ImGui::IsKeyPressed(static_cast<unsigned char>(key), false);
}

// A named key (ImGuiKey_Enter, ImGuiKey_DownArrow...) pressed this frame; with `repeat`, also
// each auto-repeat while it is held.
[[nodiscard]] inline bool pressedKey(ImGuiKey key, bool repeat) {
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), repeat);
}

} // namespace tessera::app::ui
