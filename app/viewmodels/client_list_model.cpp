#include "viewmodels/client_list_model.hpp"

#include "viewmodels/display_text.hpp"

#include <algorithm>

namespace tessera::app {
namespace {

std::string describe(const storage::ClientSummary& client) {
    if (client.sessions == 0) {
        return "no sessions yet";
    }
    std::string text = std::to_string(client.sessions) + (client.sessions == 1 ? " session" : " sessions");
    if (client.lastSession) {
        text += " \xC2\xB7 last " + mediumDate(*client.lastSession);
    }
    return text;
}

} // namespace

bool ClientListModel::update(const storage::Vault& vault, std::string_view filter, bool namesHidden) {
    bool rebuilt = false;
    const auto read = [&vault](const std::uint64_t&, TaskControl&) { return vault.clients(); };
    if (m_read.update(vault.revision(), read)) {
        ++m_loads;
        if (const auto* clients = m_read.snapshot()) {
            setClients(*clients, *m_read.shownInputs());
        }
        rebuilt = true;
    }
    if (filter != m_filter || namesHidden != m_namesHidden) {
        setFilter(filter, namesHidden);
        rebuilt = true;
    }
    return rebuilt;
}

void ClientListModel::waitForRead(const storage::Vault& vault) {
    m_read.settle([&] { (void)update(vault, m_filter, m_namesHidden); });
}

void ClientListModel::setClients(const std::vector<storage::ClientSummary>& clients, std::uint64_t revision) {
    m_rows.clear();
    m_rows.reserve(clients.size());
    for (const auto& client : clients) {
        m_rows.push_back({client.id, client.code, client.displayName, client.sessions, client.drafts,
                          client.lastSession, describe(client)});
    }
    m_revision = revision;
    applyFilter();
}

void ClientListModel::setFilter(std::string_view filter, bool namesHidden) {
    m_filter = std::string{filter};
    m_namesHidden = namesHidden;
    applyFilter();
}

void ClientListModel::applyFilter() {
    ++m_filterPasses;
    m_visible.clear();
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (matches(m_rows[i], m_filter, m_namesHidden)) {
            m_visible.push_back(i);
        }
    }
}

bool ClientListModel::matches(const ClientRow& row, std::string_view filter, bool namesHidden) {
    std::size_t start = 0;
    while (start < filter.size()) {
        const std::size_t space = filter.find(' ', start);
        const std::size_t end = space == std::string_view::npos ? filter.size() : space;
        const auto word = filter.substr(start, end - start);
        if (!word.empty() && !containsFolded(row.code, word) &&
            (namesHidden || !containsFolded(row.displayName, word))) {
            return false;
        }
        start = end + 1;
    }
    return true;
}

const ClientRow* ClientListModel::find(core::ClientId id) const {
    const auto it = std::find_if(m_rows.begin(), m_rows.end(), [id](const ClientRow& row) { return row.id == id; });
    return it == m_rows.end() ? nullptr : &*it;
}

std::optional<std::size_t> ClientListModel::visibleIndex(core::ClientId id) const {
    for (std::size_t i = 0; i < m_visible.size(); ++i) {
        if (m_rows[m_visible[i]].id == id) {
            return i;
        }
    }
    return std::nullopt;
}

bool ClientListModel::hasCode(std::string_view code) const {
    return std::any_of(m_rows.begin(), m_rows.end(), [code](const ClientRow& row) { return row.code == code; });
}

} // namespace tessera::app
