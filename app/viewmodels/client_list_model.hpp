#pragma once

// The client list of the left pane, as plain data: read from the vault only when its revision
// changes, filtered only when the filter text or the data changes. No ImGui here.

#include "tessera/core/model.hpp"
#include "tessera/storage/vault.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::app {

struct ClientRow {
    core::ClientId id;
    std::string code;
    std::string displayName;
    int sessions = 0;
    int drafts = 0;
    std::optional<core::Date> lastSession;
    std::string detail; // "24 sessions · last 16 Jun 2025", prepared once per rebuild
};

class ClientListModel {
public:
    // Brings the model up to date with the vault and the filter; returns true when anything was
    // rebuilt. Reads the vault only when its revision differs from the last read.
    // While `namesHidden`, the filter matches codes only: typing part of a hidden name must not
    // reveal which client carries it.
    bool update(const storage::Vault& vault, std::string_view filter, bool namesHidden = false);
    // The pure half of update(): takes the clients as the vault lists them (ordered by code).
    void setClients(const std::vector<storage::ClientSummary>& clients, std::uint64_t revision);
    // Applies a filter (words; every word must occur in the code or the display name).
    void setFilter(std::string_view filter, bool namesHidden = false);

    [[nodiscard]] const std::vector<ClientRow>& all() const { return m_rows; }
    // Indices into all() of the clients that pass the filter, in code order.
    [[nodiscard]] const std::vector<std::size_t>& visible() const { return m_visible; }
    [[nodiscard]] const ClientRow* find(core::ClientId id) const;
    // Position of a client in visible(), if it passes the filter.
    [[nodiscard]] std::optional<std::size_t> visibleIndex(core::ClientId id) const;
    [[nodiscard]] bool hasCode(std::string_view code) const;

    // How often the vault was read and the filter applied (tests assert that frames cost neither).
    [[nodiscard]] int loads() const { return m_loads; }
    [[nodiscard]] int filterPasses() const { return m_filterPasses; }

    [[nodiscard]] static bool matches(const ClientRow& row, std::string_view filter, bool namesHidden = false);

private:
    void applyFilter();

    std::vector<ClientRow> m_rows;
    std::vector<std::size_t> m_visible;
    std::optional<std::uint64_t> m_revision;
    std::string m_filter;
    bool m_namesHidden = false;
    int m_loads = 0;
    int m_filterPasses = 0;
};

} // namespace tessera::app
