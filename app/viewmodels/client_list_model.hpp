#pragma once

// The client list of the left pane, as plain data: read from the vault on a worker
// (BackgroundBuild) when its revision changes, filtered on the UI thread only when the filter
// text or the data changes. Until a read arrives the previous list stays. No ImGui here.

#include "viewmodels/background_build.hpp"

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
    // Each frame: takes a finished read, starts one on a worker when the vault's revision differs
    // from the last read, and applies the filter; returns true when anything was rebuilt.
    // While `namesHidden`, the filter matches codes only: typing part of a hidden name must not
    // reveal which client carries it. `vault` must outlive the model.
    bool update(const storage::Vault& vault, std::string_view filter, bool namesHidden = false);
    // Blocks until the read running has finished and takes it (tests, automation).
    void waitForRead(const storage::Vault& vault);
    // False until the first read has arrived (the view says "Reading…" meanwhile).
    [[nodiscard]] bool ready() const { return m_read.shownInputs().has_value(); }
    // True while a read runs (the list shown may be the previous one).
    [[nodiscard]] bool reading() const { return m_read.building(); }
    // Why the last read failed, if it did (not retried until the revision changes).
    [[nodiscard]] const std::optional<std::string>& readError() const { return m_read.error(); }
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

    // How many reads arrived and how often the filter was applied (tests assert that frames
    // cost neither).
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
    BackgroundBuild<std::uint64_t, std::vector<storage::ClientSummary>> m_read; // last: joined first
};

} // namespace tessera::app
