#pragma once

// The caseload overview: which themes are present across every client, in how many sessions, and
// for which clients each is rising or falling (docs/analytics.md, "Caseload").
//
// Its input is CaseloadObservations, the few facts the overview reads (each session's date, each
// observation's theme and intensity) held in a handful of contiguous arrays: a career of 24,000
// sessions and 144,000 observations is a few vectors, where whole ClientRecords would be 168,000
// objects on the heap (docs/performance.md).

#include "tessera/core/analytics.hpp"
#include "tessera/core/codebook.hpp"
#include "tessera/core/date.hpp"
#include "tessera/core/model.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace tessera::core {

// Column-oriented: clients own consecutive runs of sessions; observations name their session by
// its index and their theme by its index in themeKeys() (every key stored once). Built by adding
// clients, then each client's sessions, then observations of any session added so far, in any
// order. Intensities are kept clamped to 0-3, as the analysis reads them.
class CaseloadObservations {
public:
    void reserve(std::size_t clients, std::size_t sessions, std::size_t observations);

    // A client; the sessions added next are its own.
    void addClient(std::string_view code);
    // A session of the client added last, in the order the overview should see sessions of the
    // same day (it orders by date itself). Returns the session's index. Throws std::logic_error
    // when no client has been added.
    std::size_t addSession(Date date);
    // An observation of the session at `session` (an index addSession returned). A theme
    // observed twice in one session counts with its highest intensity. Throws std::out_of_range
    // for a session not added.
    void addObservation(std::size_t session, std::string_view themeKey, int intensity);

    // The same facts from whole records: their clients, sessions and observations in order.
    [[nodiscard]] static CaseloadObservations fromRecords(const std::vector<ClientRecord>& records);

    [[nodiscard]] std::size_t clientCount() const { return m_clientCodes.size(); }
    [[nodiscard]] const std::string& clientCode(std::size_t client) const { return m_clientCodes[client]; }
    // The client's sessions are the indices [firstSession(client), endSession(client)).
    [[nodiscard]] std::size_t firstSession(std::size_t client) const { return m_clientFirstSession[client]; }
    [[nodiscard]] std::size_t endSession(std::size_t client) const;

    [[nodiscard]] std::size_t sessionCount() const { return m_sessionDays.size(); }
    // Days since 1970-01-01.
    [[nodiscard]] std::int32_t sessionDay(std::size_t session) const { return m_sessionDays[session]; }
    [[nodiscard]] Date sessionDate(std::size_t session) const;

    [[nodiscard]] std::size_t observationCount() const { return m_observationSession.size(); }
    [[nodiscard]] std::span<const std::uint32_t> observationSessions() const { return m_observationSession; }
    [[nodiscard]] std::span<const std::uint32_t> observationThemes() const { return m_observationTheme; }
    [[nodiscard]] std::span<const std::uint8_t> observationIntensities() const { return m_observationIntensity; }
    // Every theme key observed, in the order first seen; observationThemes() index into it.
    [[nodiscard]] const std::vector<std::string>& themeKeys() const { return m_themeKeys; }

private:
    // Finds a key given as a string_view without building a std::string per observation.
    struct KeyHash {
        using is_transparent = void;
        [[nodiscard]] std::size_t operator()(std::string_view key) const { return std::hash<std::string_view>{}(key); }
    };

    std::vector<std::string> m_clientCodes;
    std::vector<std::uint32_t> m_clientFirstSession;
    std::vector<std::int32_t> m_sessionDays;
    std::vector<std::uint32_t> m_observationSession;
    std::vector<std::uint32_t> m_observationTheme;
    std::vector<std::uint8_t> m_observationIntensity;
    std::vector<std::string> m_themeKeys;
    std::unordered_map<std::string, std::uint32_t, KeyHash, std::equal_to<>> m_themeIndex;
};

struct CaseloadThemeRow {
    std::size_t themeIndex = 0;
    std::string key;
    int clients = 0;  // clients with the theme present in >= 1 session in the range
    int sessions = 0; // sessions with the theme present, over all clients
    // Trend over each client's own last `window` sessions in the range; codes only, in the
    // order of the input.
    std::vector<std::string> risingClients;
    std::vector<std::string> fallingClients;

    [[nodiscard]] int clientsRising() const { return static_cast<int>(risingClients.size()); }
    [[nodiscard]] int clientsFalling() const { return static_cast<int>(fallingClients.size()); }

    friend bool operator==(const CaseloadThemeRow&, const CaseloadThemeRow&) = default;
};

struct CaseloadAnalysis {
    int clients = 0;                      // clients given
    int clientsWithSessions = 0;          // clients with >= 1 session in the range
    int sessions = 0;                     // sessions in the range, over all clients
    std::vector<CaseloadThemeRow> themes; // every codebook theme, codebook order

    friend bool operator==(const CaseloadAnalysis&, const CaseloadAnalysis&) = default;
};

// Every client's sessions inside [options.from, options.to], each theme's series as analyseClient
// sees it (observations of keys not in the codebook ignored, the highest intensity of a theme in a
// session counting), and the same trend rule over each client's last `window` sessions. Linear in
// the observations plus sessions times themes; the only allocations are a grid of one byte per
// session and theme and the result.
[[nodiscard]] CaseloadAnalysis analyseCaseload(const CaseloadObservations& caseload, const Codebook& codebook,
                                               const AnalysisOptions& options = {});

} // namespace tessera::core
