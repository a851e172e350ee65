#include "views/note_widgets.hpp"

#include "ui/probe.hpp"
#include "ui/style.hpp"

#include <imgui_stdlib.h>

#include <algorithm>
#include <cctype>

namespace tessera::app::widgets {
namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";

float widthOf(ImFont* font, std::string_view text) {
    return font->CalcTextSizeA(font->FontSize, 1e9f, 0.0f, text.data(), text.data() + text.size()).x;
}

// The byte length of the longest prefix of `text` that ends on a UTF-8 character boundary and
// is at most `bytes` long.
std::size_t utf8Prefix(std::string_view text, std::size_t bytes) {
    while (bytes > 0 && bytes < text.size() && (static_cast<unsigned char>(text[bytes]) & 0xC0U) == 0x80U) {
        --bytes;
    }
    return bytes;
}

} // namespace

std::string fitText(std::string_view text, float maxWidth, ImFont* font) {
    font = font != nullptr ? font : ImGui::GetFont();
    if (widthOf(font, text) <= maxWidth) {
        return std::string{text};
    }
    const float room = maxWidth - widthOf(font, kEllipsis);
    // Binary search the longest prefix that fits beside the ellipsis.
    std::size_t low = 0;
    std::size_t high = text.size();
    while (low < high) {
        const std::size_t mid = (low + high + 1) / 2;
        if (widthOf(font, text.substr(0, utf8Prefix(text, mid))) <= room) {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    std::string result{text.substr(0, utf8Prefix(text, low))};
    while (!result.empty() && result.back() == ' ') {
        result.pop_back();
    }
    return result + std::string{kEllipsis};
}

void drawFitted(ImDrawList* drawList, ImVec2 pos, float maxWidth, ImU32 colour, std::string_view text, ImFont* font) {
    font = font != nullptr ? font : ImGui::GetFont();
    const std::string fitted = fitText(text, maxWidth, font);
    drawList->AddText(font, font->FontSize, pos, colour, fitted.c_str(), fitted.c_str() + fitted.size());
}

void mutedWrapped(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().mutedText);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

void muted(const char* text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().mutedText);
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
}

void boldText(const char* text) {
    ImGui::PushFont(ui::font(&ui::Fonts::bold));
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

ImU32 contrastingText(ImU32 background) {
    const ImVec4 c = ImGui::ColorConvertU32ToFloat4(background);
    const float luminance = 0.299f * c.x + 0.587f * c.y + 0.114f * c.z;
    return luminance > 0.6f ? IM_COL32(32, 34, 38, 255) : IM_COL32(255, 255, 255, 255);
}

void groupLabel(const char* text) {
    std::string upper{text};
    for (auto& c : upper) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    ImGui::PushFont(ui::font(&ui::Fonts::small));
    ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().mutedText);
    ImGui::TextUnformatted(upper.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

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
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
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
    ui::markItem(probe);
    return clicked || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
}

void dangerWrapped(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, ui::palette().danger);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
}

} // namespace tessera::app::widgets
