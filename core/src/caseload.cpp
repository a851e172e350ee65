#include "tessera/core/caseload.hpp"

#include "analytics_internal.hpp"

#include <algorithm>
#include <limits>
#include <optional>
#include <stdexcept>

namespace tessera::core {

namespace {

// Sessions and observations are named by 32-bit indices: four billion is far beyond any caseload
// (a career is 24,000 sessions), and half the size of std::size_t.
std::uint32_t narrowIndex(std::size_t index, const char* what) {
    if (index > std::numeric_limits<std::uint32_t>::max()) {
        throw std::length_error(std::string{"CaseloadObservations: more "} + what + " than it can index");
    }
    return static_cast<std::uint32_t>(index);
}

std::int32_t dayNumber(const Date& date) {
    return static_cast<std::int32_t>(date.days().time_since_epoch().count());
}

} // namespace

void CaseloadObservations::reserve(std::size_t clients, std::size_t sessions, std::size_t observations) {
    m_clientCodes.reserve(clients);
    m_clientFirstSession.reserve(clients);
    m_sessionDays.reserve(sessions);
    m_observationSession.reserve(observations);
    m_observationTheme.reserve(observations);
    m_observationIntensity.reserve(observations);
}

void CaseloadObservations::addClient(std::string_view code) {
    m_clientCodes.emplace_back(code);
    m_clientFirstSession.push_back(narrowIndex(m_sessionDays.size(), "sessions"));
}

std::size_t CaseloadObservations::addSession(Date date) {
    if (m_clientCodes.empty()) {
        throw std::logic_error("CaseloadObservations::addSession: add the session's client first");
    }
    (void)narrowIndex(m_sessionDays.size(), "sessions");
    m_sessionDays.push_back(dayNumber(date));
    return m_sessionDays.size() - 1;
}

void CaseloadObservations::addObservation(std::size_t session, std::string_view themeKey, int intensity) {
    if (session >= m_sessionDays.size()) {
        throw std::out_of_range("CaseloadObservations::addObservation: session " + std::to_string(session) +
                                " has not been added (there are " + std::to_string(m_sessionDays.size()) + ")");
    }
    auto found = m_themeIndex.find(themeKey);
    if (found == m_themeIndex.end()) {
        found = m_themeIndex.emplace(std::string{themeKey}, narrowIndex(m_themeKeys.size(), "theme keys")).first;
        m_themeKeys.emplace_back(themeKey);
    }
    m_observationSession.push_back(narrowIndex(session, "sessions"));
    m_observationTheme.push_back(found->second);
    m_observationIntensity.push_back(static_cast<std::uint8_t>(detail::clampIntensity(intensity)));
}

CaseloadObservations CaseloadObservations::fromRecords(const std::vector<ClientRecord>& records) {
    CaseloadObservations caseload;
    std::size_t sessions = 0;
    std::size_t observations = 0;
    for (const auto& record : records) {
        sessions += record.sessions.size();
        for (const auto& session : record.sessions) {
            observations += session.observations.size();
        }
    }
    caseload.reserve(records.size(), sessions, observations);
    for (const auto& record : records) {
        caseload.addClient(record.client.code);
        for (const auto& session : record.sessions) {
            const std::size_t index = caseload.addSession(session.date);
            for (const auto& observation : session.observations) {
                caseload.addObservation(index, observation.themeKey, observation.intensity);
            }
        }
    }
    return caseload;
}

std::size_t CaseloadObservations::endSession(std::size_t client) const {
    return client + 1 < m_clientFirstSession.size() ? m_clientFirstSession[client + 1] : m_sessionDays.size();
}

Date CaseloadObservations::sessionDate(std::size_t session) const {
    return Date{std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{m_sessionDays[session]}}}};
}

CaseloadAnalysis analyseCaseload(const CaseloadObservations& caseload, const Codebook& codebook,
                                 const AnalysisOptions& options) {
    CaseloadAnalysis result;
    result.clients = static_cast<int>(caseload.clientCount());
    const std::size_t themeCount = codebook.size();
    result.themes.resize(themeCount);
    for (std::size_t t = 0; t < themeCount; ++t) {
        result.themes[t].themeIndex = t;
        result.themes[t].key = codebook.themes()[t].key;
    }
    const std::size_t window = detail::effectiveWindow(options.window);

    // Each interned key's codebook index, looked up once; keys not in the codebook are ignored.
    std::vector<std::optional<std::size_t>> codebookIndex;
    codebookIndex.reserve(caseload.themeKeys().size());
    for (const auto& key : caseload.themeKeys()) {
        codebookIndex.push_back(codebook.indexOf(key));
    }
    // The intensity of every theme in every session of the caseload, one byte each, session-major
    // (24,000 sessions x 20 themes: 480 KB for a career): observations arrive in any order.
    std::vector<std::uint8_t> grid(caseload.sessionCount() * themeCount, 0);
    const auto sessionOf = caseload.observationSessions();
    const auto themeOf = caseload.observationThemes();
    const auto intensityOf = caseload.observationIntensities();
    for (std::size_t o = 0; o < caseload.observationCount(); ++o) {
        if (const auto theme = codebookIndex[themeOf[o]]) {
            auto& cell = grid[sessionOf[o] * themeCount + *theme];
            cell = std::max(cell, intensityOf[o]);
        }
    }

    // Reused for every client: no allocation per client once the largest has been seen.
    std::vector<std::size_t> order;
    std::vector<int> series;
    // An open end of the range is the first or last day a day number can name.
    const std::int32_t from = options.from ? dayNumber(*options.from) : std::numeric_limits<std::int32_t>::min();
    const std::int32_t to = options.to ? dayNumber(*options.to) : std::numeric_limits<std::int32_t>::max();
    for (std::size_t client = 0; client < caseload.clientCount(); ++client) {
        order.clear();
        for (std::size_t s = caseload.firstSession(client); s < caseload.endSession(client); ++s) {
            const std::int32_t day = caseload.sessionDay(s);
            if (day >= from && day <= to) {
                order.push_back(s);
            }
        }
        if (order.empty()) {
            continue;
        }
        // Sessions come in date order from the store; same-day sessions keep the order given.
        const auto byDate = [&](std::size_t a, std::size_t b) {
            return caseload.sessionDay(a) < caseload.sessionDay(b);
        };
        if (!std::is_sorted(order.begin(), order.end(), byDate)) {
            std::stable_sort(order.begin(), order.end(), byDate);
        }
        ++result.clientsWithSessions;
        result.sessions += static_cast<int>(order.size());
        for (std::size_t t = 0; t < themeCount; ++t) {
            series.clear();
            int present = 0;
            for (const std::size_t s : order) {
                const int value = grid[s * themeCount + t];
                series.push_back(value);
                present += value >= 1 ? 1 : 0;
            }
            if (present == 0) {
                continue;
            }
            CaseloadThemeRow& theme = result.themes[t];
            ++theme.clients;
            theme.sessions += present;
            const Trend trend = detail::windowTrend(series, window).trend;
            if (trend == Trend::Rising) {
                theme.risingClients.push_back(caseload.clientCode(client));
            } else if (trend == Trend::Falling) {
                theme.fallingClients.push_back(caseload.clientCode(client));
            }
        }
    }
    return result;
}

} // namespace tessera::core
