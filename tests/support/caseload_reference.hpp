#pragma once

// The caseload overview computed the long way, as a reference for core::analyseCaseload: every
// client's whole record through core::analyseClient, whose per-theme series, sessions present and
// trend are what the overview adds up. The overview over ClientRecords (before issue 14) was
// checked against this same sum; the compact overview must give the identical result.
// Header-only: include it from a test executable that links tessera_core.

#include "tessera/core/analytics.hpp"
#include "tessera/core/caseload.hpp"

#include <string>
#include <vector>

namespace tessera::test {

inline core::CaseloadAnalysis caseloadByClientAnalyses(const std::vector<core::ClientRecord>& records,
                                                       const core::Codebook& codebook,
                                                       const core::AnalysisOptions& options = {}) {
    core::CaseloadAnalysis result;
    result.clients = static_cast<int>(records.size());
    result.themes.resize(codebook.size());
    for (std::size_t t = 0; t < codebook.size(); ++t) {
        result.themes[t].themeIndex = t;
        result.themes[t].key = codebook.themes()[t].key;
    }
    for (const auto& record : records) {
        const core::ClientAnalysis analysis = core::analyseClient(record, codebook, options);
        if (analysis.sessions.empty()) {
            continue;
        }
        ++result.clientsWithSessions;
        result.sessions += static_cast<int>(analysis.sessions.size());
        for (std::size_t t = 0; t < codebook.size(); ++t) {
            const core::SeriesStats& stats = analysis.themes[t].stats;
            if (stats.sessionsPresent == 0) {
                continue;
            }
            auto& row = result.themes[t];
            ++row.clients;
            row.sessions += stats.sessionsPresent;
            if (stats.trend.trend == core::Trend::Rising) {
                row.risingClients.push_back(record.client.code);
            } else if (stats.trend.trend == core::Trend::Falling) {
                row.fallingClients.push_back(record.client.code);
            }
        }
    }
    return result;
}

} // namespace tessera::test
