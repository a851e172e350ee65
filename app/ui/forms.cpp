#include "ui/forms.hpp"

#include "ui/probe.hpp"
#include "ui/widgets.hpp"

#include <algorithm>

namespace tessera::app::ui {

EscapeKeepsText::EscapeKeepsText() {
    // Escape reaches a text field twice: as the key, and as keyboard navigation's "cancel".
    auto& io = ImGui::GetIO();
    m_navDuration = io.NavInputsDownDuration[ImGuiNavInput_Cancel];
    io.NavInputsDownDuration[ImGuiNavInput_Cancel] = -1.0f;
    const int key = ImGui::GetKeyIndex(ImGuiKey_Escape);
    if (key >= 0 && key < static_cast<int>(IM_ARRAYSIZE(io.KeysDownDuration))) {
        m_key = key;
        m_duration = io.KeysDownDuration[key];
        io.KeysDownDuration[key] = -1.0f; // "not down" for IsKeyPressed
    }
}

EscapeKeepsText::~EscapeKeepsText() {
    auto& io = ImGui::GetIO();
    io.NavInputsDownDuration[ImGuiNavInput_Cancel] = m_navDuration;
    if (m_key >= 0) {
        io.KeysDownDuration[m_key] = m_duration;
    }
}

void readOnlyText(const char* id, const std::string& text) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        ImGui::TextDisabled("\xE2\x80\x94");
        return;
    }
    {
        const ScopedTextWrap wrap;
        ImGui::TextUnformatted(text.c_str());
    }
    if (ImGui::BeginPopupContextItem(id)) {
        if (ImGui::MenuItem("Copy")) {
            ImGui::SetClipboardText(text.c_str());
        }
        ImGui::EndPopup();
    }
}

float growingHeight(const std::string& text, int minLines, int maxLines) {
    const int lines = 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
    const int shown = std::clamp(lines + 1, minLines, maxLines);
    return static_cast<float>(shown) * ImGui::GetTextLineHeight() + ImGui::GetStyle().FramePadding.y * 2.0f;
}

bool beginDialog(const char* name, float widthInEm) {
    const auto* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos({viewport->Pos.x + viewport->Size.x * 0.5f, viewport->Pos.y + viewport->Size.y * 0.35f},
                            ImGuiCond_Appearing, {0.5f, 0.5f});
    const float width = ImGui::GetFontSize() * widthInEm;
    ImGui::SetNextWindowSizeConstraints({width, 0.0f}, {width, FLT_MAX});
    return ImGui::BeginPopupModal(name, nullptr, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
}

bool dialogCancel(const char* probe) {
    const bool clicked = ImGui::Button("Cancel");
    markItem(probe);
    return clicked || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
}

} // namespace tessera::app::ui
