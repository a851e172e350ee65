// tessera-cli: the command-line front end. See docs/cli.md.

#include "cli_errors.hpp"
#include "commands.hpp"

#include "tessera/core/validation.hpp"
#include "tessera/storage/process_hardening.hpp"
#include "tessera/storage/secure_memory.hpp"
#include "tessera/storage/vault.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

namespace {

using namespace tessera;

int exitCodeFor(storage::VaultError::Kind kind) {
    using Kind = storage::VaultError::Kind;
    switch (kind) {
    case Kind::NotFound:
    case Kind::WrongPassphrase:
    case Kind::NotAVault:
    case Kind::TooNew: return cli::kExitCannotOpen;
    case Kind::Damaged: return cli::kExitDamaged;
    case Kind::Busy: return cli::kExitBusy;
    case Kind::DiskFull:
    case Kind::Io: return cli::kExitIo;
    case Kind::AlreadyExists:
    case Kind::Refused: return cli::kExitUsage;
    }
    return cli::kExitUsage;
}

int run(int argc, char** argv) {
    CLI::App app{"tessera-cli: the command line of Tessera, an encrypted journal for session notes.\n"
                 "Exit codes: 0 ok, 1 usage or invalid input, 2 wrong passphrase or not a vault,\n"
                 "3 damaged vault, 4 vault in use, 5 disk full or write refused.",
                 "tessera-cli"};
    app.require_subcommand(1);
    app.fallthrough();

    cli::GlobalOptions global;
    std::string vaultPath;
    std::string passphraseFile;
    app.add_option("--vault", vaultPath,
                   "Vault file (default: $TESSERA_VAULT, else $XDG_DATA_HOME/tessera/vault.tessera)");
    app.add_option("--passphrase-file", passphraseFile,
                   "Passphrase from the first line of FILE, when $TESSERA_PASSPHRASE is not set");

    auto* init = app.add_subcommand("init", "Create a new, empty vault with the default codebook and templates");

    std::string importFile;
    bool replaceCodebook = false;
    auto* import = app.add_subcommand("import", "Import a caseload file (all or nothing)");
    import->add_option("FILE", importFile, "Interchange file (tessera.caseload v1 JSON)")->required();
    import->add_flag("--replace-codebook", replaceCodebook,
                     "Let the file's theme definitions replace existing ones with the same key");

    std::string exportFile;
    bool force = false;
    auto* exportCommand = app.add_subcommand("export", "Export everything to an interchange file (NOT encrypted)");
    exportCommand->add_option("FILE", exportFile, "Where to write the JSON")->required();
    exportCommand->add_flag("--force", force, "Replace FILE if it exists");

    bool clientsJson = false;
    bool clientsNames = false;
    auto* clients = app.add_subcommand("clients", "List clients with their number of sessions");
    clients->add_flag("--json", clientsJson, "Print JSON");
    clients->add_flag("--names", clientsNames, "Also show display names (they identify the client)");

    cli::SearchOptions search;
    auto* searchCommand = app.add_subcommand("search", "Full-text search in notes, quotes and addenda");
    searchCommand->add_option("QUERY", search.query, "Words, \"a phrase\", or prefix*")->required();
    searchCommand->add_option("--client", search.client, "Only this client's notes (code)");
    searchCommand->add_option("--theme", search.theme, "Only sessions where this theme is present (key)");
    searchCommand->add_option("--limit", search.limit, "At most this many results (default 20)")
        ->check(CLI::Range(1, 1000));
    searchCommand->add_flag("--json", search.json, "Print JSON");

    cli::DemoCommandOptions demo;
    auto* demoCommand = app.add_subcommand("demo", "Fill a vault (new or existing) with a synthetic demo caseload");
    demoCommand->add_option("--clients", demo.clients, "Number of clients (default 6)");
    demoCommand->add_option("--sessions", demo.sessions, "Sessions per client (default 24)");
    demoCommand->add_option("--seed", demo.seed, "Seed; the same seed gives the same caseload (default 1)");

    std::optional<std::string> expectedHead;
    auto* verify = app.add_subcommand("verify", "Check the encryption and integrity of every page; prints ok");
    verify->add_option("--expect-head", expectedHead,
                       "Also fail unless the audit log still holds the entry with HASH (from 'audit --head')");

    std::string backupFile;
    auto* backup = app.add_subcommand("backup", "Write an encrypted copy (same passphrase) and check that it opens");
    backup->add_option("OUT", backupFile, "Backup file (must not exist)")->required();

    std::string newPassphraseFile;
    auto* passphrase = app.add_subcommand("passphrase", "Change the vault's passphrase");
    passphrase->add_option("--new-passphrase-file", newPassphraseFile,
                           "New passphrase from FILE, when $TESSERA_NEW_PASSPHRASE is not set");

    cli::ThemesOptions themes;
    auto* themesCommand = app.add_subcommand("themes", "How each theme moves over one client's sessions");
    themesCommand->add_option("--client", themes.client, "Client code")->required();
    themesCommand->add_option("--from", themes.from, "First date to include (YYYY-MM-DD)");
    themesCommand->add_option("--to", themes.to, "Last date to include (YYYY-MM-DD)");
    themesCommand->add_option("--window", themes.window, "Sessions the trend looks back over (default 6)")
        ->check(CLI::Range(2, 1000));
    themesCommand->add_flag("--json", themes.json, "Print JSON");

    bool caseloadJson = false;
    auto* caseload = app.add_subcommand("caseload", "Each theme across all clients (by code only)");
    caseload->add_flag("--json", caseloadJson, "Print JSON");

    cli::SummaryOptions summary;
    auto* summaryCommand =
        app.add_subcommand("summary", "Write a de-identified supervision summary of one client (NOT encrypted)");
    summaryCommand->add_option("--client", summary.client, "Client code")->required();
    summaryCommand->add_option("--from", summary.from, "First date to include (YYYY-MM-DD)");
    summaryCommand->add_option("--to", summary.to, "Last date to include (YYYY-MM-DD)");
    summaryCommand->add_option("--format", summary.format, "md, html or pdf (required unless --review)");
    summaryCommand->add_option("--out", summary.out, "Where to write the summary (required unless --review)");
    summaryCommand->add_flag("--exact-dates", summary.exactDates,
                             "Show calendar dates (default: session numbers and weeks; dates in notes replaced)");
    summaryCommand->add_flag("--include-psychotherapy-notes", summary.includePsychotherapyNotes,
                             "Include the psychotherapy (process) notes under their own heading");
    summaryCommand->add_option("--questions", summary.questions, "Questions for supervision, one per line");
    summaryCommand
        ->add_option("--sections", summary.sections,
                     "Other template sections to include, by key (e.g. presenting,interventions); de-identified")
        ->delimiter(',');
    summaryCommand->add_flag("--force", summary.force, "Replace the output file if it exists");
    summaryCommand->add_flag("--review", summary.review,
                             "Print every replacement and suspected identifier in context; write nothing");
    summaryCommand->add_flag("--strict", summary.strict,
                             "Refuse to write while suspected identifiers remain unreviewed");
    summaryCommand->add_option("--not-identifying", summary.notIdentifying,
                               "A suspected word reviewed and found not identifying (repeatable)");

    bool auditJson = false;
    auto* audit = app.add_subcommand("audit", "Print the vault's audit log (what was done when; never note content)");
    audit->add_flag("--json", auditJson, "Print JSON");
    bool auditHead = false;
    audit->add_flag("--head", auditHead, "Print only the newest entry's hash: keep it outside the vault");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return app.exit(help);
    } catch (const CLI::CallForAllHelp& help) {
        return app.exit(help);
    } catch (const CLI::ParseError& error) {
        app.exit(error);
        return cli::kExitUsage;
    }

    global.vault = vaultPath.empty() ? storage::defaultVaultPath() : std::filesystem::path{vaultPath};
    if (!passphraseFile.empty()) {
        global.passphraseFile = passphraseFile;
    }
    if (*init) {
        return cli::runInit(global);
    }
    if (*import) {
        return cli::runImport(global, importFile, replaceCodebook);
    }
    if (*exportCommand) {
        return cli::runExport(global, exportFile, force);
    }
    if (*clients) {
        return cli::runClients(global, clientsJson, clientsNames);
    }
    if (*searchCommand) {
        return cli::runSearch(global, search);
    }
    if (*demoCommand) {
        return cli::runDemo(global, demo);
    }
    if (*verify) {
        return cli::runVerify(global, expectedHead);
    }
    if (*backup) {
        return cli::runBackup(global, backupFile);
    }
    if (*themesCommand) {
        return cli::runThemes(global, themes);
    }
    if (*caseload) {
        return cli::runCaseload(global, caseloadJson);
    }
    if (*summaryCommand) {
        return cli::runSummary(global, summary);
    }
    if (*audit) {
        return cli::runAudit(global, auditJson, auditHead);
    }
    if (*passphrase) {
        return cli::runPassphrase(
            global, newPassphraseFile.empty() ? std::nullopt : std::optional<std::filesystem::path>{newPassphraseFile});
    }
    return cli::kExitUsage;
}

} // namespace

int main(int argc, char** argv) {
    // Before any passphrase or note is in memory: no core dump can hold them (docs/reliability.md).
    if (const auto hardening = storage::hardenProcess(); !hardening.warning.empty()) {
        std::cerr << "tessera-cli: " << hardening.warning << "\n";
    }
    // SQLite zeroes what it frees, before its first use; the C++ heap is zeroed as it is freed
    // (platform/secure_heap.cpp, linked in): decrypted notes do not outlive their use.
    (void)storage::installZeroingSqliteAllocator();
    try {
        return run(argc, argv);
    } catch (const storage::VaultError& error) {
        std::cerr << "tessera-cli: " << error.what() << "\n";
        return exitCodeFor(error.kind());
    } catch (const core::ValidationError& error) {
        std::cerr << "tessera-cli: the input is invalid; nothing was written.\n" << error.what() << "\n";
        return cli::kExitUsage;
    } catch (const cli::UsageError& error) {
        std::cerr << "tessera-cli: " << error.what() << "\n";
        return cli::kExitUsage;
    } catch (const cli::IoError& error) {
        std::cerr << "tessera-cli: " << error.what() << "\n";
        return cli::kExitIo;
    } catch (const std::exception& error) {
        std::cerr << "tessera-cli: unexpected error: " << error.what() << "\n";
        return cli::kExitIo;
    }
}
