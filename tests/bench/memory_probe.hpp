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

} // namespace tessera::bench
