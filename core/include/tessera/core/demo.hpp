#pragma once

// A synthetic but clinically plausible caseload for demonstrations, tests and benchmarks.
// Every name and sentence is invented. The same options always give the same caseload.

#include "tessera/core/codebook.hpp"
#include "tessera/core/model.hpp"

#include <cstdint>
#include <vector>

namespace tessera::core {

struct DemoOptions {
    int clients = 6;
    int sessionsPerClient = 24;
    std::uint64_t seed = 1;
    Date firstSession = Date{std::chrono::year{2025} / std::chrono::January / 6};
    // Roughly how much text each session's sections hold together (characters).
    int textLength = 900;
    // The last session of each client is left as a draft; all earlier ones are signed.
    bool leaveLastDraft = true;
};

// Clients "D-001", "D-002", ... each with a course over weekly sessions: some themes fade
// (hope of change, minimizing), some rise (fear, psychoeducation), stages move, decisional
// balance shifts, quotes recur and change, a few signed notes carry addenda.
[[nodiscard]] std::vector<ClientRecord> makeDemoCaseload(const DemoOptions& options, const Codebook& codebook);

} // namespace tessera::core
