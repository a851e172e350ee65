#pragma once

// The synthetic "career caseload" of issue 7: core's seeded demo generator at the scale of a
// whole working life, and the measured shape of what it produced (stated in the output, so a
// reader knows exactly what the figures were measured on).

#include "tessera/core/codebook.hpp"
#include "tessera/core/model.hpp"

#include <cstdint>
#include <vector>

namespace tessera::bench {

struct CaseloadSpec {
    int clients = 150;
    int sessionsPerClient = 160;
    std::uint64_t seed = 20'260'107;
    // core::DemoOptions::textLength only sets the length of the two long sections; 2,500 gives
    // about 1,500 characters of section text per note in all (measured: CaseloadShape).
    int textLength = 2'500;
};

struct CaseloadShape {
    int clients = 0;
    int sessions = 0;
    int signedSessions = 0;
    double sectionChars = 0.0;       // characters of section text per note, mean
    double observations = 0.0;       // observations per note, mean
    double notesWithQuote = 0.0;     // share of notes with at least one quote
    double observationsQuoted = 0.0; // share of observations carrying a quote
    double notesWithStage = 0.0;     // share of notes with a stage of change (either target)
    double notesWithBalance = 0.0;   // share of notes with a decisional balance
    int addenda = 0;
};

// core::makeDemoCaseload with every note signed (DemoOptions::leaveLastDraft = false), thinned at
// random to the description (about 6 observations per note, a quote in a third of the
// notes, stages of change in half). The same spec always gives the same caseload.
[[nodiscard]] std::vector<core::ClientRecord> makeCareerCaseload(const CaseloadSpec& spec,
                                                                 const core::Codebook& codebook);
[[nodiscard]] CaseloadShape describe(const std::vector<core::ClientRecord>& records);

} // namespace tessera::bench
