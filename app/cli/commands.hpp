#pragma once

#include "tessera/core/date.hpp"
#include "tessera/storage/vault.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace tessera::cli {

struct GlobalOptions {
    std::filesystem::path vault;
    std::optional<std::filesystem::path> passphraseFile;
};

// Opens the vault named by the global options, asking for the passphrase when needed.
// Read-only for commands that show no clinical content and must change nothing (verify, audit).
[[nodiscard]] storage::Vault openVault(const GlobalOptions& global,
                                       storage::Access access = storage::Access::ReadWrite);

// --from and --to of a command: each a YYYY-MM-DD date or absent, and --from not after --to.
// Checked before the passphrase is asked for; a mistake is a UsageError that says what to write.
struct Period {
    std::optional<core::Date> from;
    std::optional<core::Date> to;
};
[[nodiscard]] Period parsePeriod(const std::optional<std::string>& from, const std::optional<std::string>& to);

// The client with `code`, or a UsageError "There is no client CODE in this vault."
[[nodiscard]] core::Client requireClient(const storage::Vault& vault, const std::string& code);

// Each command returns its exit code; errors are thrown and mapped to codes by main().
int runInit(const GlobalOptions& global);
int runImport(const GlobalOptions& global, const std::filesystem::path& file, bool replaceCodebook);
int runExport(const GlobalOptions& global, const std::filesystem::path& file, bool force);
int runClients(const GlobalOptions& global, bool json, bool names);

struct SearchOptions {
    std::string query;
    std::optional<std::string> client;
    std::optional<std::string> theme;
    int limit = 20;
    bool json = false;
};
int runSearch(const GlobalOptions& global, const SearchOptions& options);

struct DemoCommandOptions {
    int clients = 6;
    int sessions = 24;
    std::uint64_t seed = 1;
};
int runDemo(const GlobalOptions& global, const DemoCommandOptions& options);
// --expect-head HASH: also fail (exit 3) when the audit log holds no entry with that hash.
int runVerify(const GlobalOptions& global, const std::optional<std::string>& expectedHead);
int runBackup(const GlobalOptions& global, const std::filesystem::path& out);
int runPassphrase(const GlobalOptions& global, const std::optional<std::filesystem::path>& newPassphraseFile);

// Theme analytics (app/cli/analytics_commands.cpp).
struct ThemesOptions {
    std::string client;
    std::optional<std::string> from;
    std::optional<std::string> to;
    int window = 6;
    bool json = false;
};
int runThemes(const GlobalOptions& global, const ThemesOptions& options);
int runCaseload(const GlobalOptions& global, bool json);

// Supervision summaries (app/cli/summary_command.cpp).
struct SummaryOptions {
    std::string client;
    std::optional<std::string> from;
    std::optional<std::string> to;
    std::string format;
    std::filesystem::path out;
    bool exactDates = false;
    bool includePsychotherapyNotes = false;
    std::optional<std::filesystem::path> questions;
    std::vector<std::string> sections; // --sections: extra template sections by key
    bool force = false;
    // Print every replacement and suspected identifier in context; write nothing.
    bool review = false;
    // Refuse to write while suspected identifiers remain that were not marked reviewed.
    bool strict = false;
    // Words the clinician reviewed and found not identifying (for --strict and --review).
    std::vector<std::string> notIdentifying;
};
int runSummary(const GlobalOptions& global, const SummaryOptions& options);

// The vault's audit log (app/cli/audit_command.cpp).
// --head: only the hash of the newest entry (the anchor to keep outside the vault).
int runAudit(const GlobalOptions& global, bool json, bool head);
// 64 hexadecimal digits: what an audit entry's hash looks like.
[[nodiscard]] bool isAuditHash(const std::string& text);

} // namespace tessera::cli
