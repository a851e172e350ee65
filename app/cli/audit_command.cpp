// tessera-cli audit: the vault's audit log (docs/cli.md, docs/vault.md).

#include "commands.hpp"

#include "cli_errors.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <iostream>

namespace tessera::cli {

bool isAuditHash(const std::string& text) {
    return text.size() == 64 && text.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
}

int runAudit(const GlobalOptions& global, bool json, bool head) {
    // Read-only: reading the log must not add to it, and it stays readable in a damaged vault.
    const auto vault = openVault(global, storage::Access::ReadOnly);
    const auto log = vault.auditLog();
    if (head) {
        if (log.empty()) {
            throw UsageError("This vault (format " + std::to_string(vault.schemaVersion()) +
                             ") has no audit log yet; it starts when the vault is next opened for writing.");
        }
        fmt::print("{}\n", log.back().hash);
        return kExitOk;
    }
    if (json) {
        auto out = nlohmann::ordered_json::array();
        for (const auto& entry : log) {
            out.push_back({{"at", entry.at}, {"event", entry.event}, {"object", entry.object}});
        }
        fmt::print("{}\n", out.dump(2));
        return kExitOk;
    }
    if (vault.schemaVersion() < 3) {
        fmt::print("This vault (format {}) has no audit log yet; it starts when the vault is next opened for "
                   "writing.\n",
                   vault.schemaVersion());
        return kExitOk;
    }
    fmt::print("{:<20}  {:<18}  {}\n", "AT", "EVENT", "OBJECT");
    for (const auto& entry : log) {
        auto line = fmt::format("{:<20}  {:<18}  {}", entry.at, entry.event, entry.object);
        line.erase(line.find_last_not_of(' ') + 1);
        fmt::print("{}\n", line);
    }
    // The last hash anchors the log outside the vault: keep it, and a later log that does not
    // contain it unchanged was rewritten. ('verify' checks the chain inside the vault.)
    fmt::print("{} entries; latest hash {}\n", log.size(), log.empty() ? std::string{"-"} : log.back().hash);
    return kExitOk;
}

} // namespace tessera::cli
