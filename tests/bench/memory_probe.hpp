#pragma once

// Peak resident memory of the app with the career caseload open, measured in a fresh process
// (this program started again with --memory-probe), so that the benchmark's own copy of the
// caseload does not count.

#include <filesystem>
#include <string>

namespace tessera::bench {

struct MemoryFigures {
    double baselineMb = 0.0;   // the process before unlocking: program, libraries, ImGui and fonts
    double appMb = 0.0;        // peak after every view was drawn and every client's themes browsed
    double allRecordsMb = 0.0; // peak after also loading every record (Vault::allRecords) + overview
    std::string loaded;        // what the app had loaded, in words
};

// In the parent: runs `self --memory-probe ...` and reads what it reports.
[[nodiscard]] MemoryFigures measureMemory(const std::filesystem::path& self, const std::filesystem::path& vault,
                                          const std::filesystem::path& settingsFile);

// In the child: unlocks `vault` in a headless app, draws every tab, browses every client, then
// loads the whole caseload; prints the peaks. Returns the exit code.
int runMemoryProbe(const std::filesystem::path& vault, const std::filesystem::path& settingsFile);

// Peak resident memory of importing a caseload file (as tessera-cli import does: bounded reading,
// then one transaction) into a new vault, in a fresh process (issue 13: at most twice the file's
// size plus 64 MB, valid or hostile).
struct ImportMemory {
    double fileMb = 0.0;
    double peakMb = 0.0;
    std::string outcome; // "imported N sessions" or "refused: where: what"
};

// In the parent: runs `self --import-probe FILE VAULT` and reads what it reports.
[[nodiscard]] ImportMemory measureImportMemory(const std::filesystem::path& self, const std::filesystem::path& file,
                                               const std::filesystem::path& vault);

// In the child: creates `vault`, imports `file` into it, prints the peak. Returns the exit code.
int runImportProbe(const std::filesystem::path& file, const std::filesystem::path& vault);

} // namespace tessera::bench
