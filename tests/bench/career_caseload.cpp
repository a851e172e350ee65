#include "career_caseload.hpp"

#include "tessera/core/demo.hpp"
#include "tessera/core/random.hpp"

#include <algorithm>

namespace tessera::bench {
namespace {

// The demo generator records about 8.3 observations per note, quotes in 85% of the notes and a
// stage of change in 92%. Issue 7 describes a career as about 6 observations per note, a quote in
// a third of the notes and stages (and decisional balance, already so) in half: thin the
// caseload to that, at random but reproducibly.
void thinToSpec(std::vector<core::ClientRecord>& records, std::uint64_t seed) {
    core::SplitMix64 random(seed ^ 0x7E55E4AULL); // the same numbers with every standard library
    const auto before = describe(records);
    const double keepObservation = before.observations > 6.0 ? 6.0 / before.observations : 1.0;
    for (auto& record : records) {
        for (auto& session : record.sessions) {
            std::erase_if(session.observations,
                          [&](const core::Observation&) { return !random.chance(keepObservation); });
        }
    }
    const auto thinned = describe(records);
    const double keepQuotes = thinned.notesWithQuote > 1.0 / 3.0 ? (1.0 / 3.0) / thinned.notesWithQuote : 1.0;
    const double keepStages = thinned.notesWithStage > 0.5 ? 0.5 / thinned.notesWithStage : 1.0;
    for (auto& record : records) {
        for (auto& session : record.sessions) {
            if (!random.chance(keepQuotes)) {
                for (auto& observation : session.observations) {
                    observation.quote.clear();
                }
            }
            if (!random.chance(keepStages)) {
                session.stageOfChange = {};
            }
        }
    }
}

} // namespace

std::vector<core::ClientRecord> makeCareerCaseload(const CaseloadSpec& spec, const core::Codebook& codebook) {
    core::DemoOptions options;
    options.clients = spec.clients;
    options.sessionsPerClient = spec.sessionsPerClient;
    options.seed = spec.seed;
    options.textLength = spec.textLength;
    options.leaveLastDraft = false;
    auto records = core::makeDemoCaseload(options, codebook);
    thinToSpec(records, spec.seed);
    return records;
}

CaseloadShape describe(const std::vector<core::ClientRecord>& records) {
    CaseloadShape shape;
    double chars = 0.0;
    double observations = 0.0;
    double quoted = 0.0;
    int withQuote = 0;
    int withStage = 0;
    int withBalance = 0;
    for (const auto& record : records) {
        ++shape.clients;
        for (const auto& session : record.sessions) {
            ++shape.sessions;
            shape.signedSessions += session.signedAt ? 1 : 0;
            for (const auto& section : session.sections) {
                chars += static_cast<double>(section.text.size());
            }
            observations += static_cast<double>(session.observations.size());
            const auto quotes = std::count_if(session.observations.begin(), session.observations.end(),
                                              [](const core::Observation& o) { return !o.quote.empty(); });
            quoted += static_cast<double>(quotes);
            withQuote += quotes > 0 ? 1 : 0;
            withStage += session.stageOfChange.empty() ? 0 : 1;
            withBalance += session.decisionalBalance.empty() ? 0 : 1;
            shape.addenda += static_cast<int>(session.addenda.size());
        }
    }
    if (shape.sessions > 0) {
        const auto notes = static_cast<double>(shape.sessions);
        shape.sectionChars = chars / notes;
        shape.observations = observations / notes;
        shape.notesWithQuote = withQuote / notes;
        shape.notesWithStage = withStage / notes;
        shape.notesWithBalance = withBalance / notes;
    }
    shape.observationsQuoted = observations > 0.0 ? quoted / observations : 0.0;
    return shape;
}

} // namespace tessera::bench
