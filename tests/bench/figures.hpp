#pragma once

// The figures tessera-bench reports: each named in words, with its target and PASS or MISS,
// printed as a table and written as JSON.

#include "career_caseload.hpp"

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace tessera::bench {

enum class Goal { AtMost, AtLeast, ReportOnly };

struct Figure {
    std::string key;             // stable identifier for the JSON, e.g. "unlock.after_key_derivation"
    std::string name;            // in words, e.g. "unlock: opening after key derivation, to the client list"
    std::optional<double> value; // nullopt: not measured in this run (filtered out, or failed)
    std::string unit;            // "ms", "notes/s", "MB", "x"
    Goal goal = Goal::ReportOnly;
    double target = 0.0;
    int runs = 0;     // how many runs the median is over
    double cv = 0.0;  // coefficient of variation over the runs (0.05 = 5%); 0 when unknown
    std::string note; // anything a reader needs to interpret the figure
    // Yardsticks measured in the same run, so that a slower machine is told from a slower
    // Tessera: the same work on the unencrypted copy of the caseload (same code, same data), when
    // there is one. The key derivation (pure CPU) is the machine's yardstick for every time.
    std::optional<double> unencrypted;

    // nullopt for a figure without a target or without a value.
    [[nodiscard]] std::optional<bool> pass() const;
};

struct RunInfo {
    std::string mode;  // "full" or "quick"
    std::string build; // "Release" when compiled with NDEBUG, else "Debug"
    CaseloadShape shape;
    std::string client; // the client of the per-client figures
    double encryptedMb = 0.0;
    double plainMb = 0.0;
    std::vector<std::string> notes;        // extra lines for the header (load average, search matches...)
    std::optional<double> keyDerivationMs; // the machine's yardstick: PBKDF2's 256,000 iterations
};

void printFigures(std::ostream& out, const RunInfo& info, const std::vector<Figure>& figures);
void writeJson(const std::filesystem::path& path, const RunInfo& info, const std::vector<Figure>& figures);

} // namespace tessera::bench
