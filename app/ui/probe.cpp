#include "ui/probe.hpp"

namespace tessera::app::ui {

const ItemRect* ItemProbe::find(const std::string& name) const {
    const auto it = m_items.find(name);
    return it == m_items.end() ? nullptr : &it->second;
}

UiContext* uiContext() {
    if (ImGui::GetCurrentContext() == nullptr) {
        return nullptr;
    }
    return static_cast<UiContext*>(ImGui::GetIO().UserData);
}

ImFont* font(ImFont* Fonts::*which) {
    if (const auto* context = uiContext(); context != nullptr && context->fonts.*which != nullptr) {
        return context->fonts.*which;
    }
    return ImGui::GetFont();
}

void markItem(const char* name) {
    if (const auto* context = uiContext(); context != nullptr && context->probe != nullptr) {
        context->probe->record(name, {ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
    }
}

void markItem(const std::string& name) {
    markItem(name.c_str());
}

bool probing() {
    const auto* context = uiContext();
    return context != nullptr && context->probe != nullptr;
}

void markRect(const std::string& name, ImVec2 min, ImVec2 max) {
    if (const auto* context = uiContext(); context != nullptr && context->probe != nullptr) {
        context->probe->record(name, {min, max});
    }
}

} // namespace tessera::app::ui
