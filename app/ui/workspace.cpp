#include "ui/workspace.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <string_view>
#include <utility>

namespace tessera::app {

Workspace::Workspace(storage::Vault vault) : m_vault(std::move(vault)) {}

void Workspace::openNote(core::ClientId client, core::SessionId session) {
    selectedClient = client;
    openSession = session;
    tab = MainTab::Notes;
}

namespace {

constexpr std::array<std::pair<MainTab, std::string_view>, 6> kTabKeys{{{MainTab::Notes, "notes"},
                                                                        {MainTab::Themes, "themes"},
                                                                        {MainTab::Search, "search"},
                                                                        {MainTab::Codebook, "codebook"},
                                                                        {MainTab::Templates, "templates"},
                                                                        {MainTab::Settings, "settings"}}};

} // namespace

storage::WorkspacePlace Workspace::place() const {
    storage::WorkspacePlace place;
    place.client = selectedClient;
    place.session = selectedClient ? openSession : std::nullopt;
    for (const auto& [key, name] : kTabKeys) {
        if (key == tab) {
            place.tab = name;
        }
    }
    return place;
}

void Workspace::restore(const storage::WorkspacePlace& place) {
    selectedClient = place.client;
    openSession = place.client ? place.session : std::nullopt;
    for (const auto& [key, name] : kTabKeys) {
        if (name == place.tab) {
            tab = key;
        }
    }
}

namespace {
double now() {
    return ImGui::GetCurrentContext() != nullptr ? ImGui::GetTime() : 0.0;
}
} // namespace

void Workspace::inform(std::string text) {
    m_notices.push_back({Notice::Kind::Info, std::move(text), now()});
}

void Workspace::reportError(std::string text) {
    m_notices.push_back({Notice::Kind::Error, std::move(text), now()});
}

void Workspace::watchPageCheck() {
    if (m_pageCheckSettled) {
        return;
    }
    const auto check = m_vault.pageCheck();
    if (check.state == storage::PageCheck::State::Running) {
        return;
    }
    m_pageCheckSettled = true;
    if (check.failure) {
        reportError(std::string{check.failure->what()} + " Tessera will not save changes to this vault.");
    }
}

void Workspace::dismissNotice(std::size_t index) {
    if (index < m_notices.size()) {
        m_notices.erase(m_notices.begin() + static_cast<std::ptrdiff_t>(index));
    }
}

void Workspace::expireNotices(double time) {
    // Errors stay until dismissed; confirmations fade after five seconds.
    std::erase_if(m_notices,
                  [time](const Notice& n) { return n.kind == Notice::Kind::Info && time - n.shownAt > 5.0; });
}

} // namespace tessera::app
