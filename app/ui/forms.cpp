#include "ui/forms.hpp"
#include "ui/widgets.hpp"

#include "ui/probe.hpp"

#include <imgui_stdlib.h>

#include <algorithm>

namespace tessera::app::ui {
namespace {

struct WrapContext {
    float width = 0.0f;
};

int reflowWhileTyping(ImGuiInputTextCallbackData* data) {
    if (data->EventFlag == ImGuiInputTextFlags_CallbackEdit && data->UserData != nullptr &&
        reflowLines(data->Buf, data->BufTextLen, static_cast<const WrapContext*>(data->UserData)->width)) {
        data->BufDirty = true;
    }
    return 0;
}

// The width a text field of `fieldWidth` has for its lines.
float lineWidth(float fieldWidth) {
    const auto& style = ImGui::GetStyle();
    return fieldWidth - style.FramePadding.x * 2.0f - style.ScrollbarSize - ImGui::GetFontSize() * 0.5f;
}

} // namespace

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

bool reflowLines(char* text, int length, float width) {
    if (width <= 0.0f) {
        return false;
    }
    ImFont* font = ImGui::GetFont();
    const auto measure = [font](const char* begin, const char* end) {
        return font->CalcTextSizeA(font->FontSize, 1e9f, 0.0f, begin, end).x;
    };
    const float space = measure(" ", " " + 1);
    bool changed = false;
    int i = 0;
    while (i < length) {
        float lineWidth = 0.0f;
        int lastSpace = -1;
        int j = i;
        bool broke = false;
        while (j < length && text[j] != '\n') {
            int k = j;
            while (k < length && text[k] != ' ' && text[k] != '\n') {
                ++k;
            }
            const float word = measure(text + j, text + k);
            if (lineWidth + word > width && lastSpace >= 0) {
                text[lastSpace] = '\n';
                changed = true;
                i = lastSpace + 1;
                broke = true;
                break;
            }
            lineWidth += word;
            if (k < length && text[k] == ' ') {
                lastSpace = k;
                lineWidth += space;
                j = k + 1;
            } else {
                j = k;
            }
        }
        if (!broke) {
            i = j + 1;
        }
    }
    return changed;
}

bool wrappedTextField(const char* id, std::string& text, float height) {
    const float width = ImGui::GetContentRegionAvail().x;
    WrapContext wrap{lineWidth(width)};
    // Text written elsewhere (an import, an older version) is wrapped for display as well.
    if (!text.empty()) {
        (void)reflowLines(text.data(), static_cast<int>(text.size()), wrap.width);
    }
    const EscapeKeepsText keep;
    return ImGui::InputTextMultiline(id, &text, {-FLT_MIN, height}, ImGuiInputTextFlags_CallbackEdit, reflowWhileTyping,
                                     &wrap);
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
