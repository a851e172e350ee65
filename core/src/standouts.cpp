// "What stands out": the rule-based signals a supervision summary opens with and the Themes view
// shows beside the charts. Descriptive only: each signal says what the notes show and where, never
// what the client should do (see docs/summaries.md for the rules and their reasons).

#include "tessera/core/analytics.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>

namespace tessera::core {
namespace {

struct RiskWordRule {
    std::string_view names; // what a match names, as written in the summary
    std::array<std::string_view, 12> words;
};

// Whole words, lower case. Kept short and explicit: a supervisor must be able to tell from the
// list why a line appeared.
constexpr std::array kRiskWords{
    RiskWordRule{"a thrown object", {"threw", "thrown", "throw", "throws", "throwing", "hurled", "hurl"}},
    RiskWordRule{"a threat", {"threat", "threats", "threaten", "threatened", "threatening", "threatens"}},
    RiskWordRule{"a weapon",
                 {"weapon", "weapons", "gun", "guns", "knife", "knives", "firearm", "firearms", "pistol", "rifle"}},
    RiskWordRule{"strangling or choking",
                 {"strangle", "strangled", "strangling", "strangulation", "choke", "choked", "choking", "throttled"}},
    RiskWordRule{"stalking", {"stalk", "stalked", "stalking", "stalker", "stalks"}},
    RiskWordRule{"physical violence",
                 {"hit", "hits", "punched", "punch", "slapped", "slap", "kicked", "shoved", "beat", "beaten"}},
    RiskWordRule{"suicide or self-harm", {"suicide", "suicidal", "self-harm", "selfharm", "overdose"}},
};

bool isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || static_cast<unsigned char>(c) >= 0x80;
}

std::vector<std::string> lowerWords(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    const auto flush = [&] {
        while (!word.empty() && word.back() == '-') {
            word.pop_back();
        }
        if (!word.empty()) {
            words.push_back(std::move(word));
        }
        word.clear();
    };
    for (const char c : text) {
        if (isWordChar(c)) {
            word.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
        } else {
            flush();
        }
    }
    flush();
    return words;
}

std::string signedValue(int value) {
    return value > 0 ? "+" + std::to_string(value) : value < 0 ? "\u2212" + std::to_string(-value) : "0";
}

std::string joinWords(const std::vector<std::string>& words) {
    std::string text;
    for (std::size_t i = 0; i < words.size(); ++i) {
        text += i == 0 ? "" : i + 1 == words.size() ? " and " : ", ";
        text += words[i];
    }
    return text;
}

std::string joinValues(const std::vector<int>& values) {
    std::vector<std::string> words;
    words.reserve(values.size());
    for (const int value : values) {
        words.push_back(std::to_string(value));
    }
    return joinWords(words);
}

std::string_view targetWord(StageTarget target) {
    return target == StageTarget::Leaving ? "leaving" : "safety";
}

} // namespace

std::vector<std::string> findRiskWords(std::string_view text) {
    const auto words = lowerWords(text);
    std::vector<std::string> found;
    for (const auto& rule : kRiskWords) {
        const bool named = std::any_of(words.begin(), words.end(), [&](const std::string& word) {
            return std::find(rule.words.begin(), rule.words.end(), word) != rule.words.end();
        });
        bool phrase = false;
        if (rule.names == "suicide or self-harm") {
            // "kill myself", "end my life", "harm herself"...
            for (std::size_t i = 0; i + 1 < words.size() && !phrase; ++i) {
                const bool verb = words[i] == "kill" || words[i] == "harm" || words[i] == "hurt";
                const auto& next = words[i + 1];
                phrase = verb && (next == "myself" || next == "herself" || next == "himself" || next == "themself" ||
                                  next == "themselves");
                phrase = phrase || (words[i] == "end" && i + 2 < words.size() &&
                                    (words[i + 1] == "my" || words[i + 1] == "her" || words[i + 1] == "his") &&
                                    words[i + 2] == "life");
            }
        }
        if (named || phrase) {
            found.emplace_back(rule.names);
        }
    }
    return found;
}

std::vector<Standout> findStandouts(const ClientAnalysis& analysis, const ClientRecord& record,
                                    const StandoutOptions& options) {
    std::vector<Standout> out;
    const std::size_t count = analysis.sessions.size();
    if (count == 0) {
        return out;
    }
    const auto window = static_cast<std::size_t>(std::max(analysis.window, 2));
    const std::size_t recentFrom = count > window ? count - window : 0;
    const auto quiet = static_cast<int>(std::max(analysis.quietAfter, 1));

    // Risk words in the newest risk-and-safety entries, newest first.
    std::size_t entries = 0;
    for (std::size_t i = count; i > 0 && entries < options.latestRiskEntries; --i) {
        const auto recordIndex = analysis.sessions[i - 1].recordIndex;
        if (recordIndex >= record.sessions.size()) {
            continue;
        }
        const std::string* text = record.sessions[recordIndex].sectionText(options.riskSection);
        if (text == nullptr || text->find_first_not_of(" \t\r\n") == std::string::npos) {
            continue;
        }
        ++entries;
        if (auto words = findRiskWords(*text); !words.empty()) {
            Standout standout;
            standout.kind = StandoutKind::RiskWords;
            standout.sessions = {i - 1};
            standout.riskWords = std::move(words);
            out.push_back(std::move(standout));
        }
    }

    for (const auto& theme : analysis.themes) {
        if (theme.key == options.agendaTheme) {
            continue;
        }
        const auto& series = theme.stats.intensity;
        if (theme.stats.latest == kMaxIntensity && theme.stats.trend.trend == Trend::Rising) {
            Standout standout;
            standout.kind = StandoutKind::RisingToCentral;
            standout.themeIndex = theme.themeIndex;
            for (std::size_t i = count - theme.stats.trend.points; i < count; ++i) {
                standout.sessions.push_back(i);
                standout.values.push_back(series[i]);
            }
            out.push_back(std::move(standout));
        }
        const auto first = std::find_if(series.begin(), series.end(), [](int v) { return v > 0; });
        if (count > window && first != series.end() && static_cast<std::size_t>(first - series.begin()) >= recentFrom) {
            Standout standout;
            standout.kind = StandoutKind::NewTheme;
            standout.themeIndex = theme.themeIndex;
            standout.sessions = {static_cast<std::size_t>(first - series.begin())};
            standout.values = {*first};
            out.push_back(std::move(standout));
        }
        for (const Return& back : theme.stats.returns) {
            if (back.gap < quiet || back.sessionIndex < recentFrom) {
                continue;
            }
            const std::size_t before = back.sessionIndex - static_cast<std::size_t>(back.gap) - 1;
            Standout standout;
            standout.kind = StandoutKind::ReturnedTheme;
            standout.themeIndex = theme.themeIndex;
            standout.sessions = {before, back.sessionIndex};
            standout.values = {series[before], series[back.sessionIndex]};
            standout.gap = back.gap;
            out.push_back(std::move(standout));
        }
    }

    for (const auto& history : analysis.ambivalence.stages) {
        for (const StageChange& change : history.changes) {
            if (!change.from || change.sessionIndex < recentFrom) {
                continue;
            }
            Standout standout;
            standout.kind = change.to < *change.from ? StandoutKind::StageRegression : StandoutKind::StageMove;
            standout.sessions = {change.sessionIndex};
            standout.target = history.target;
            standout.from = change.from;
            standout.to = change.to;
            out.push_back(std::move(standout));
        }
    }

    const auto& balance = analysis.ambivalence.balance;
    for (std::size_t i = balance.size(); i > 1; --i) {
        const BalancePoint& before = balance[i - 2];
        const BalancePoint& after = balance[i - 1];
        if ((before.difference < 0 && after.difference > 0) || (before.difference > 0 && after.difference < 0)) {
            Standout standout;
            standout.kind = StandoutKind::BalanceCrossedZero;
            standout.sessions = {before.sessionIndex, after.sessionIndex};
            standout.values = {before.difference, after.difference};
            out.push_back(std::move(standout));
            break; // the latest crossing
        }
    }

    if (const ThemeAnalysis* agenda = analysis.theme(options.agendaTheme)) {
        Standout standout;
        standout.kind = StandoutKind::AgendaCheck;
        standout.themeIndex = agenda->themeIndex;
        for (std::size_t i = recentFrom; i < count; ++i) {
            if (agenda->stats.intensity[i] > 0) {
                standout.sessions.push_back(i);
                standout.values.push_back(agenda->stats.intensity[i]);
            }
        }
        if (!standout.sessions.empty()) {
            out.push_back(std::move(standout));
        }
    }
    return out;
}

std::string describeStandout(const Standout& standout, std::string_view themeLabel, const SessionsWording& sessions) {
    const std::string label{themeLabel};
    const auto at = [&](std::size_t k) { return sessions(std::span{standout.sessions}.subspan(k, 1)); };
    switch (standout.kind) {
    case StandoutKind::RiskWords:
        return "The risk and safety entry of " + at(0) + " names " + joinWords(standout.riskWords) + ".";
    case StandoutKind::RisingToCentral:
        return label + " rose to central (intensity 3), rising over the last " +
               std::to_string(standout.sessions.size()) + " sessions: " + joinValues(standout.values) + " in " +
               sessions(standout.sessions) + ".";
    case StandoutKind::NewTheme:
        return label + " appeared for the first time in this period in " + at(0) + ", intensity " +
               std::to_string(standout.values.at(0)) + ".";
    case StandoutKind::ReturnedTheme:
        return label + " returned in " + at(1) + ", intensity " + std::to_string(standout.values.at(1)) + ", after " +
               std::to_string(standout.gap) + " sessions without it; last seen in " + at(0) + ".";
    case StandoutKind::StageMove:
    case StandoutKind::StageRegression: {
        const bool back = standout.kind == StandoutKind::StageRegression;
        return "Stage of change for " + std::string{targetWord(standout.target)} + (back ? " moved back" : " moved") +
               " from " + std::string{stageName(standout.from.value_or(standout.to))} + " to " +
               std::string{stageName(standout.to)} + " in " + at(0) + ".";
    }
    case StandoutKind::BalanceCrossedZero: {
        const bool leave = standout.values.at(1) > 0;
        return "The decisional balance crossed zero: leave minus stay went from " + signedValue(standout.values.at(0)) +
               " in " + at(0) + " to " + signedValue(standout.values.at(1)) + " in " + at(1) +
               (leave ? "; the reasons to leave now weigh more for the client."
                      : "; the reasons to stay now weigh more for the client.");
    }
    case StandoutKind::AgendaCheck:
        return "The clinician noticed their own agenda (agenda check) in " + sessions(standout.sessions) + ".";
    }
    return {};
}

std::string_view nothingStandsOutText() {
    return "Nothing stands out by the rules this summary uses: no theme rose to central, appeared or returned after "
           "an absence in the recent sessions; no stage of change moved; the decisional balance did not cross zero; "
           "the latest risk and safety entries name none of the risk words; no agenda check was tagged recently.";
}

} // namespace tessera::core
