#include "commands.hpp"

#include "cli_errors.hpp"
#include "file_output.hpp"
#include "passphrase_input.hpp"

#include "tessera/core/demo.hpp"
#include "tessera/core/interchange.hpp"
#include "tessera/storage/import_file.hpp"
#include "tessera/storage/vault.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <sys/stat.h>

namespace tessera::cli {
namespace {

using Json = nlohmann::ordered_json;

storage::Vault createVault(const GlobalOptions& global);

} // namespace

storage::Vault openVault(const GlobalOptions& global, storage::Access access) {
    // Check for the file first, so that nobody is asked for a passphrase for a vault that is not there.
    std::error_code error;
    if (!std::filesystem::exists(global.vault, error)) {
        throw storage::VaultError(storage::VaultError::Kind::NotFound,
                                  "There is no vault at " + global.vault.string() +
                                      ". Create one with 'tessera-cli init' or name it with --vault PATH.");
    }
    const auto passphrase = obtainPassphrase({"TESSERA_PASSPHRASE", global.passphraseFile},
                                             "Passphrase for " + global.vault.string(), false);
    // A command runs once and exits: it checks every page before doing anything and reports a
    // damaged vault first (the app shows the vault at once and checks in the background).
    return storage::Vault::open(global.vault, passphrase, access, storage::PageCheckTiming::BeforeReturning);
}

Period parsePeriod(const std::optional<std::string>& from, const std::optional<std::string>& to) {
    const auto parse = [](const std::optional<std::string>& text,
                          std::string_view option) -> std::optional<core::Date> {
        if (!text) {
            return std::nullopt;
        }
        auto date = core::Date::parse(*text);
        if (!date) {
            throw UsageError(
                fmt::format("{} \"{}\" is not a date; write it as YYYY-MM-DD (e.g. 2026-01-07).", option, *text));
        }
        return date;
    };
    Period period{parse(from, "--from"), parse(to, "--to")};
    if (period.from && period.to && *period.from > *period.to) {
        throw UsageError(fmt::format("--from {} is after --to {}; the period would be empty.", period.from->toIso(),
                                     period.to->toIso()));
    }
    return period;
}

core::Client requireClient(const storage::Vault& vault, const std::string& code) {
    auto client = vault.findClient(code);
    if (!client) {
        throw UsageError("There is no client " + code + " in this vault.");
    }
    return std::move(*client);
}

namespace {

// Creates each missing folder of `directory`, from the outermost, with mode 0700: the folders
// of a vault are the owner's alone (create_directories would make them 0777 less the umask,
// usually 0755, and show other users the vault's name). Existing folders are left as they are.
void createMissingFolders(const std::filesystem::path& directory) {
    if (directory.empty()) {
        return;
    }
    std::filesystem::path path;
    for (const auto& part : directory) {
        path /= part;
        if (::mkdir(path.c_str(), 0700) == 0) {
            ::chmod(path.c_str(), 0700); // whatever the umask
        } else if (errno != EEXIST) {
            throw UsageError("Cannot create the folder " + path.string() + ": " + std::strerror(errno) + ".");
        }
    }
    std::error_code error;
    if (!std::filesystem::is_directory(directory, error)) {
        throw UsageError(directory.string() + " is not a folder; choose another path with --vault.");
    }
}

storage::Vault createVault(const GlobalOptions& global) {
    std::error_code error;
    if (std::filesystem::exists(std::filesystem::symlink_status(global.vault, error))) {
        throw storage::VaultError(storage::VaultError::Kind::AlreadyExists,
                                  "A file already exists at " + global.vault.string() +
                                      "; Tessera never overwrites it. Choose another path with --vault.");
    }
    createMissingFolders(global.vault.parent_path());
    const auto passphrase = obtainPassphrase({"TESSERA_PASSPHRASE", global.passphraseFile},
                                             "New passphrase for " + global.vault.string(), true);
    checkNewPassphrase(passphrase, global.vault);
    return storage::Vault::create(global.vault, passphrase, storage::PageCheckTiming::BeforeReturning);
}

std::string lowerCase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string dateOrDash(const std::optional<core::Date>& date) {
    return date ? date->toIso() : "-";
}
Json dateOrNull(const std::optional<core::Date>& date) {
    return date ? Json(date->toIso()) : Json(nullptr);
}

} // namespace

int runInit(const GlobalOptions& global) {
    const auto vault = createVault(global);
    fmt::print("Created a new vault at {}\n", vault.path().string());
    fmt::print("Keep your passphrase safe: it cannot be recovered. Back up with 'tessera-cli backup FILE'.\n");
    return kExitOk;
}

int runImport(const GlobalOptions& global, const std::filesystem::path& file, bool replaceCodebook) {
    // Read and check the file completely before asking for the passphrase.
    auto document = storage::readCaseloadFile(file); // bounded: docs/interchange.md, Limits
    auto vault = openVault(global);
    const auto report = vault.importCaseload(std::move(document), core::ImportOptions{replaceCodebook});
    fmt::print("Imported {} clients, {} sessions and {} observations", report.clients, report.sessions,
               report.observations);
    if (report.themesAdded + report.themesReplaced + report.templatesAdded > 0) {
        fmt::print(" ({} new themes, {} themes replaced, {} new template versions)", report.themesAdded,
                   report.themesReplaced, report.templatesAdded);
    }
    fmt::print(".\n");
    return kExitOk;
}

int runExport(const GlobalOptions& global, const std::filesystem::path& file, bool force) {
    std::error_code error;
    if (!force && std::filesystem::exists(std::filesystem::symlink_status(file, error))) {
        throw UsageError(file.string() + " already exists; use --force to replace it.");
    }
    auto vault = openVault(global);
    const auto document = vault.exportCaseload();
    // Recorded before the plain text is written: the log never misses an export that happened
    // (an export whose file then fails to be written still shows as attempted).
    vault.recordExport("", "", "interchange JSON");
    writeFileAtomically(file, core::writeCaseload(document), force);
    std::size_t sessions = 0;
    for (const auto& record : document.clients) {
        sessions += record.sessions.size();
    }
    fmt::print("Exported {} clients and {} sessions to {}\n", document.clients.size(), sessions, file.string());
    std::cerr << "Note: the export is NOT encrypted. It holds every note in plain text; keep it as safe as the "
                 "notes themselves and delete it when done.\n";
    return kExitOk;
}

int runClients(const GlobalOptions& global, bool json, bool names) {
    const auto vault = openVault(global);
    const auto clients = vault.clients();
    if (json) {
        Json out = Json::array();
        for (const auto& client : clients) {
            Json item;
            item["code"] = client.code;
            if (names) {
                item["display_name"] = client.displayName;
            }
            item["sessions"] = client.sessions;
            item["first_session"] = dateOrNull(client.firstSession);
            item["last_session"] = dateOrNull(client.lastSession);
            out.push_back(std::move(item));
        }
        fmt::print("{}\n", out.dump(2));
        return kExitOk;
    }
    if (clients.empty()) {
        fmt::print("No clients yet. Add some with 'tessera-cli import FILE' or try 'tessera-cli demo'.\n");
        return kExitOk;
    }
    fmt::print("{:<12} {:>8} {:>6}  {:<10}  {:<10}{}\n", "CLIENT", "SESSIONS", "DRAFTS", "FIRST", "LAST",
               names ? "  NAME" : "");
    for (const auto& client : clients) {
        fmt::print("{:<12} {:>8} {:>6}  {:<10}  {:<10}{}\n", client.code, client.sessions, client.drafts,
                   dateOrDash(client.firstSession), dateOrDash(client.lastSession),
                   names ? "  " + client.displayName : "");
    }
    return kExitOk;
}

int runSearch(const GlobalOptions& global, const SearchOptions& options) {
    const auto vault = openVault(global);
    if (options.client) {
        (void)requireClient(vault, *options.client);
    }
    if (options.theme && vault.codebook().find(*options.theme) == nullptr) {
        throw UsageError("There is no theme " + *options.theme + " in the codebook.");
    }
    const auto hits = vault.search({options.query, options.client, options.theme, options.limit});
    if (options.json) {
        Json out = Json::array();
        for (const auto& hit : hits) {
            out.push_back({{"client", hit.clientCode},
                           {"date", hit.date.toIso()},
                           {"field", hit.field},
                           {"snippet", hit.snippet}});
        }
        fmt::print("{}\n", out.dump(2));
        return kExitOk;
    }
    if (hits.empty()) {
        fmt::print("Nothing matches \"{}\".\n", options.query);
        return kExitOk;
    }
    for (const auto& hit : hits) {
        fmt::print("{}  {}  {}\n    {}\n", hit.clientCode, hit.date.toIso(), hit.field, hit.snippet);
    }
    return kExitOk;
}

int runDemo(const GlobalOptions& global, const DemoCommandOptions& options) {
    if (options.clients < 1 || options.clients > 999 || options.sessions < 1 || options.sessions > 2000) {
        throw UsageError("--clients must be 1-999 and --sessions 1-2000.");
    }
    std::error_code error;
    const bool fresh = !std::filesystem::exists(global.vault, error);
    auto vault = fresh ? createVault(global) : openVault(global);
    core::DemoOptions demo;
    demo.clients = options.clients;
    demo.sessionsPerClient = options.sessions;
    demo.seed = options.seed;
    core::CaseloadDocument document;
    document.clients = core::makeDemoCaseload(demo, vault.codebook());
    const auto report = vault.importCaseload(std::move(document));
    fmt::print("{} {} with {} demo clients and {} sessions (seed {}).\n", fresh ? "Created" : "Filled",
               vault.path().string(), report.clients, report.sessions, options.seed);
    return kExitOk;
}

int runVerify(const GlobalOptions& global, const std::optional<std::string>& expectedHead) {
    if (expectedHead && !isAuditHash(*expectedHead)) {
        throw UsageError("--expect-head takes the 64 hexadecimal digits that 'tessera-cli audit --head' printed; \"" +
                         *expectedHead + "\" is not such a hash.");
    }
    // Read-only: verify changes nothing, and lists the problems of a vault that opening for
    // writing would refuse as damaged.
    const auto vault = openVault(global, storage::Access::ReadOnly);
    auto report = vault.verify();
    if (expectedHead) {
        const auto log = vault.auditLog();
        const bool found = std::any_of(log.begin(), log.end(), [&](const storage::AuditEntry& entry) {
            return entry.hash == lowerCase(*expectedHead);
        });
        if (!found) {
            report.ok = false;
            report.problems.push_back("audit log: no entry has the hash " + *expectedHead +
                                      " that you kept: the log was rewritten or cut short since (or the hash "
                                      "is from another vault)");
        }
    }
    if (report.ok) {
        fmt::print("ok ({} clients, {} sessions, vault format {})\n", report.clients, report.sessions,
                   report.schemaVersion);
        return kExitOk;
    }
    for (const auto& problem : report.problems) {
        fmt::print("{}\n", problem);
    }
    std::cerr << "The vault has problems (listed above). Restore your latest backup and keep this file for "
                 "recovery.\n";
    return kExitDamaged;
}

int runBackup(const GlobalOptions& global, const std::filesystem::path& out) {
    // A mistake in OUT is a usage error (exit 1), found before anyone is asked for a passphrase.
    std::error_code error;
    if (std::filesystem::exists(std::filesystem::symlink_status(out, error))) {
        throw UsageError(out.string() + " already exists; a backup never overwrites. Choose a new name.");
    }
    if (const auto folder = out.parent_path(); !folder.empty() && !std::filesystem::is_directory(folder, error)) {
        throw UsageError("The folder " + folder.string() + " does not exist.");
    }
    const auto vault = openVault(global);
    vault.backupTo(out);
    fmt::print("Wrote an encrypted backup to {} (same passphrase) and checked that it opens.\n", out.string());
    return kExitOk;
}

int runPassphrase(const GlobalOptions& global, const std::optional<std::filesystem::path>& newPassphraseFile) {
    auto vault = openVault(global);
    const auto fresh = obtainPassphrase({"TESSERA_NEW_PASSPHRASE", newPassphraseFile}, "New passphrase", true);
    checkNewPassphrase(fresh, vault.path());
    vault.changePassphrase(fresh);
    fmt::print("The passphrase of {} was changed. Backups made before keep the old passphrase.\n",
               vault.path().string());
    return kExitOk;
}

} // namespace tessera::cli
