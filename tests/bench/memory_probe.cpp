#include "memory_probe.hpp"

#include "bench_constants.hpp"
#include "headless_app.hpp"

#include "ui/workspace.hpp"
#include "views/main_view.hpp"
#include "views/search_view.hpp"

#include "tessera/core/caseload.hpp"
#include "tessera/storage/import_file.hpp"

#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <vector>

extern char** environ;

namespace tessera::bench {
namespace {

// The peak resident set size of this process's address space: VmHWM, what getrusage's ru_maxrss
// reports too, except that ru_maxrss carries over the peak of the process that started this one
// (Linux keeps it across fork and exec, so a probe spawned by the benchmark would report the
// benchmark's own peak).
double peakResidentMb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) {
            return std::stod(line.substr(6)) / 1024.0; // kB
        }
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

constexpr std::array kTabs{app::MainTab::Notes,    app::MainTab::Themes,    app::MainTab::Search,
                           app::MainTab::Codebook, app::MainTab::Templates, app::MainTab::Settings};

} // namespace

int runMemoryProbe(const std::filesystem::path& vault, const std::filesystem::path& settingsFile) {
    try {
        HeadlessApp headless(settingsFile);
        const double baseline = peakResidentMb();
        headless.unlock(vault, kPassphrase);
        auto& workspace = headless.workspace();
        const auto clients = workspace.vault().clients();
        if (clients.empty()) {
            throw std::runtime_error("the vault has no clients");
        }
        const auto busiest = std::max_element(clients.begin(), clients.end(),
                                              [](const auto& a, const auto& b) { return a.sessions < b.sessions; });
        headless.openNewestSession(busiest->id);
        if (auto* main = headless.application().mainView()) {
            main->search().setQuery(kSearchOneWord);
        }
        for (const auto tab : kTabs) {
            headless.showTab(tab);
            headless.frames(4);
        }
        // Browse every client's heatmap and session list: each rebuild replaces the last one's
        // view-models, so the peak shows what the largest client costs plus any growth.
        for (const auto& client : clients) {
            workspace.selectedClient = client.id;
            headless.showTab(app::MainTab::Themes);
            headless.frames(2);
            headless.showTab(app::MainTab::Notes);
            headless.frames(2);
        }
        headless.openNewestSession(busiest->id);
        headless.frames(2);
        const double app = peakResidentMb();
        // Not in the app today: every record at once, as a caseload-wide view would need them.
        const auto records = workspace.vault().allRecords();
        const auto overview =
            core::analyseCaseload(workspace.vault().caseloadObservations(), workspace.vault().codebook());
        const double all = peakResidentMb();
        std::cout << "baseline_mb " << baseline << "\napp_mb " << app << "\nall_records_mb " << all << "\nclients "
                  << clients.size() << "\nbusiest_sessions " << busiest->sessions << "\noverview_sessions "
                  << overview.sessions << "\n";
        return 0;
    } catch (const std::exception& error) {
        std::cerr << "memory probe: " << error.what() << "\n";
        return 1;
    }
}

namespace {

// Runs `self args...` and returns what it printed on stdout; throws if it did not exit with 0.
std::string runProbe(const std::filesystem::path& self, std::vector<std::string> args) {
    std::array<int, 2> pipeFds{};
    if (pipe(pipeFds.data()) != 0) {
        throw std::runtime_error("pipe failed");
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, pipeFds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipeFds[0]);
    args.insert(args.begin(), self.string());
    std::vector<char*> argv;
    argv.reserve(args.size() + 1);
    for (auto& arg : args) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    pid_t child = 0;
    const int spawned = posix_spawn(&child, self.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipeFds[1]);
    if (spawned != 0) {
        close(pipeFds[0]);
        throw std::runtime_error("cannot start " + self.string());
    }
    std::string output;
    std::array<char, 4096> buffer{};
    for (ssize_t got = 0; (got = read(pipeFds[0], buffer.data(), buffer.size())) > 0;) {
        output.append(buffer.data(), static_cast<std::size_t>(got));
    }
    close(pipeFds[0]);
    int status = 0;
    waitpid(child, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        throw std::runtime_error("the memory probe " + args.at(1) + " failed (see its message above)");
    }
    return output;
}

} // namespace

MemoryFigures measureMemory(const std::filesystem::path& self, const std::filesystem::path& vault,
                            const std::filesystem::path& settingsFile) {
    const auto output = runProbe(self, {"--memory-probe", vault.string(), settingsFile.string()});
    MemoryFigures figures;
    std::istringstream lines(output);
    std::string key;
    double value = 0.0;
    int clients = 0;
    int sessions = 0;
    while (lines >> key >> value) {
        if (key == "baseline_mb") {
            figures.baselineMb = value;
        } else if (key == "app_mb") {
            figures.appMb = value;
        } else if (key == "all_records_mb") {
            figures.allRecordsMb = value;
        } else if (key == "clients") {
            clients = static_cast<int>(value);
        } else if (key == "busiest_sessions") {
            sessions = static_cast<int>(value);
        }
    }
    figures.loaded = "unlocked; every tab drawn (client list of " + std::to_string(clients) + ", a client with " +
                     std::to_string(sessions) +
                     " sessions: session list, its newest note in the editor, heatmap and analysis; search \"" +
                     std::string{kSearchOneWord} +
                     "\", codebook, templates, settings); then every client's "
                     "heatmap and session list browsed in turn";
    return figures;
}

int runImportProbe(const std::filesystem::path& file, const std::filesystem::path& vaultPath) {
    try {
        auto vault = storage::Vault::create(vaultPath, storage::Secret{kPassphrase});
        vault.awaitPageCheck();
        std::string outcome;
        try {
            // As tessera-cli import does it.
            auto document = storage::readCaseloadFile(file);
            const auto report = vault.importCaseload(std::move(document));
            outcome = "imported " + std::to_string(report.sessions) + " sessions";
        } catch (const core::ValidationError& error) {
            outcome = "refused: " + error.problems().front().where + ": " + error.problems().front().what;
        }
        std::cout << "peak_mb " << peakResidentMb() << "\noutcome " << outcome << "\n";
        return 0;
    } catch (const std::exception& error) {
        std::cerr << "import probe: " << error.what() << "\n";
        return 1;
    }
}

ImportMemory measureImportMemory(const std::filesystem::path& self, const std::filesystem::path& file,
                                 const std::filesystem::path& vault) {
    const auto output = runProbe(self, {"--import-probe", file.string(), vault.string()});
    ImportMemory figures;
    figures.fileMb = static_cast<double>(std::filesystem::file_size(file)) / (1024.0 * 1024.0);
    std::istringstream lines(output);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.rfind("peak_mb ", 0) == 0) {
            figures.peakMb = std::stod(line.substr(8));
        } else if (line.rfind("outcome ", 0) == 0) {
            figures.outcome = line.substr(8);
        }
    }
    return figures;
}

} // namespace tessera::bench
