// The wording of supervision summaries shared by the document model and the output layer:
// numbers, trends, session labels (drafts marked) and the de-identification report.

#include "tessera/core/summary.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <string>
#include <vector>

namespace tessera::core {
namespace {

constexpr std::array<std::string_view, 4> kBars{"\u00b7", "\u2583", "\u2585", "\u2588"};

} // namespace

std::string formatDecimal(double value, int decimals) {
    std::array<char, 32> buffer{};
    const auto result =
        std::to_chars(buffer.data(), buffer.data() + buffer.size(), value, std::chars_format::fixed, decimals);
    std::string text(buffer.data(), result.ptr);
    if (text.starts_with("-") && text.find_first_not_of("-0.") == std::string::npos) {
        text.erase(0, 1); // "-0.00"
    }
    return text;
}

std::string formatSlope(double slope) {
    std::string text = formatDecimal(slope, 2);
    if (text.starts_with("-")) {
        return "\u2212" + text.substr(1);
    }
    return text == "0.00" ? text : "+" + text;
}

std::string sparkline(std::span<const int> series) {
    std::string out;
    out.reserve(series.size() * 3);
    for (const int value : series) {
        out.append(kBars[static_cast<std::size_t>(std::clamp(value, 0, 3))]);
    }
    return out;
}

std::string_view trendName(Trend trend) {
    switch (trend) {
    case Trend::Absent: return "Absent";
    case Trend::Falling: return "Falling";
    case Trend::Steady: return "Steady";
    case Trend::Rising: return "Rising";
    }
    return "Absent";
}

std::string introText(const SummaryDocument& document) {
    std::string text = "De-identified for clinical supervision. The client appears only under a code; the client's "
                       "name, the names on the client's redaction list and direct identifiers (e-mail addresses, "
                       "phone numbers, web addresses, street addresses, ID numbers";
    text +=
        document.header.exactDates ? ") have been replaced. " : ", dates written in the notes) have been replaced. ";
    text += document.header.exactDates
                ? "Calendar dates are shown as the clinician asked. "
                : "Sessions are numbered within the period and weeks are counted from its first session. ";
    text += "The report at the end counts every replacement.";
    return text;
}

std::string themesLegend(const SummaryDocument& document) {
    return "Strongest and fastest-moving first. Intensity: 0 absent, 1 mentioned, 2 clearly present, 3 central. "
           "Trend over the last " +
           std::to_string(document.trendWindow) +
           " sessions: rising at +0.15 intensity points per session or more, falling at \u22120.15 or less.";
}

std::string trendText(Trend trend, double slope, std::string_view per) {
    std::string text{toString(trend)};
    if (trend != Trend::Absent) {
        text += ", " + formatSlope(slope) + " per " + std::string{per};
    }
    return text;
}

std::string sessionsText(const SummaryDocument& document, std::span<const std::size_t> sessions) {
    if (sessions.empty()) {
        return {};
    }
    if (sessions.size() == 1) {
        const SessionLabel& label = document.session(sessions.front());
        return label.draft ? label.text + ", draft, not signed" : label.text;
    }
    std::string text = "Sessions ";
    std::vector<std::size_t> drafts;
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        text += i == 0 ? "" : i + 1 == sessions.size() ? " and " : ", ";
        text += std::to_string(document.session(sessions[i]).number);
        if (document.session(sessions[i]).draft) {
            drafts.push_back(document.session(sessions[i]).number);
        }
    }
    const auto [low, high] = std::minmax_element(sessions.begin(), sessions.end());
    const SessionLabel& first = document.session(*low);
    const SessionLabel& last = document.session(*high);
    if (first.date && last.date) {
        text += " (" + first.date->toIso() + " to " + last.date->toIso();
    } else if (first.week == last.week) {
        text += " (week " + std::to_string(first.week);
    } else {
        text += " (weeks " + std::to_string(first.week) + " to " + std::to_string(last.week);
    }
    if (!drafts.empty()) {
        text += drafts.size() == 1 ? "; Session " : "; Sessions ";
        for (std::size_t i = 0; i < drafts.size(); ++i) {
            text += i == 0 ? "" : i + 1 == drafts.size() ? " and " : ", ";
            text += std::to_string(drafts[i]);
        }
        text += drafts.size() == 1 ? " is a draft, not signed" : " are drafts, not signed";
    }
    return text + ")";
}

std::string presenceText(const SummaryDocument& document, int sessionsPresent) {
    return std::to_string(sessionsPresent) + " of " + std::to_string(document.header.sessions) + " sessions";
}

std::string seenText(const SummaryDocument& document, const ThemeSummary& theme) {
    if (!theme.firstSeen || !theme.lastSeen) {
        return "not tagged in this period";
    }
    if (*theme.firstSeen == *theme.lastSeen) {
        return document.session(*theme.firstSeen).text;
    }
    return document.session(*theme.firstSeen).text + " to " + document.session(*theme.lastSeen).text;
}

std::string balanceTrendText(const SummaryDocument& document) {
    const auto& balance = document.balance;
    if (balance.points.empty()) {
        return {};
    }
    const auto points = std::to_string(balance.trend.points);
    std::string text = "Leave minus stay (the summed weights of the reasons) over the last " + points +
                       (balance.trend.points == 1 ? " balance: " : " balances: ") +
                       trendText(balance.trend.trend, balance.trend.slope, "balance") + ". ";
    switch (balance.trend.trend) {
    case Trend::Rising: text += "The reasons to leave are gaining weight for the client."; break;
    case Trend::Falling: text += "The reasons to stay are gaining weight for the client."; break;
    default: text += "The balance is holding."; break;
    }
    return text;
}

std::string agendaCheckText(const SummaryDocument& document) {
    if (!document.agendaCheck) {
        return "Agenda check (the clinician noticed their own agenda): not tagged in this period.";
    }
    const ThemeSummary& theme = document.themes[*document.agendaCheck];
    return "Agenda check (the clinician noticed their own agenda): tagged in " +
           presenceText(document, theme.sessionsPresent) + ", " + trendText(theme.trend, theme.slope) + ", latest " +
           std::to_string(theme.latest) + ".";
}

std::string planNote(const SummaryDocument& document) {
    if (!document.plan) {
        return {};
    }
    const SessionLabel& label = document.session(document.plan->session);
    if (document.planFromLastSession) {
        return label.draft ? "This plan comes from a draft (" + label.text + ", not signed)." : std::string{};
    }
    return "The last session has no plan; this is the most recent one, from " + label.text +
           (label.draft ? ", a draft, not signed." : ".");
}

std::vector<ReportLine> reportReplacementLines(const SummaryDocument& document) {
    const auto& report = document.deidentification;
    std::vector<ReportLine> lines;
    for (const auto kind : kReplacementKinds) {
        if (kind == ReplacementKind::Date && document.header.exactDates) {
            continue; // kept as written; see the handling lines
        }
        ReportLine line{std::string{displayName(kind)}, std::to_string(report.count(kind)), {}};
        if (kind == ReplacementKind::RedactionTerm) {
            for (const auto& [label, count] : report.byLabel) {
                line.detail += (line.detail.empty() ? "" : ", ") + label + " " + std::to_string(count);
            }
            if (report.byLabel.empty()) {
                line.detail = "the client's redaction list is empty";
            }
        } else if (report.count(kind) > 0) {
            line.detail = "replaced by " + std::string{placeholder(kind)};
        }
        lines.push_back(std::move(line));
    }
    lines.push_back({"Total", std::to_string(report.total()), {}});
    return lines;
}

std::vector<ReportLine> reportHandlingLines(const SummaryDocument& document) {
    const bool exact = document.header.exactDates;
    return {
        {"Client", "shown by code only", {}},
        {"Session dates", exact ? "calendar dates (exact dates requested)" : "session number and week only", {}},
        {"Dates in the notes", exact ? "kept as written (exact dates requested)" : "replaced by [date]", {}},
        {"Psychotherapy notes",
         document.header.psychotherapyNotesIncluded ? "included at the clinician's request" : "not included",
         {}},
    };
}

std::string reportCaveat() {
    return "The replaced words are not shown anywhere in this document. Automatic de-identification cannot "
           "recognise everything: names that are not on the client's redaction list, nicknames, places, workplaces "
           "and rare details can still identify someone. Read the whole summary before sharing it.";
}

} // namespace tessera::core
