#pragma once

// Records for the supervision-summary tests (tests/core/summary_test.cpp and
// tests/report/pdf_renderer_test.cpp): a small hand-made client whose summary is known line by
// line, and clients with generated names, phone numbers, e-mail addresses and street addresses
// planted in every kind of text a summary can show.

#include "tessera/core/model.hpp"

#include <algorithm>
#include <chrono>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::test::summary {

inline core::Date day(const char* iso) {
    return *core::Date::parse(iso);
}

inline core::Timestamp at(const char* iso) {
    return *core::Timestamp::parse(iso);
}

inline core::Session sessionOn(const char* date) {
    core::Session session;
    session.date = day(date);
    session.templateName = "ambivalence-progress";
    session.templateVersion = 1;
    return session;
}

// C-014, "Grace Holloway", partner Marcus, child Lily. Four sessions, the first before 2026.
//   2025-12-01  outside the period of most tests
//   2026-01-07  self-blame 3 ("Am I the bad one?"), fear 1, agenda-check 1; leaving precontemplation;
//               balance stay 3 / leave 1; psychotherapy note; signed
//   2026-01-14  self-blame 2 ("am I  the bad one?" again), fear 2 (quote naming Marcus);
//               leaving contemplation; signed, with an addendum two days later naming a date
//   2026-01-28  self-blame 1, fear 3; leaving contemplation, safety preparation; balance stay 1 /
//               leave 3; no plan; draft
inline core::ClientRecord sampleRecord() {
    core::ClientRecord record;
    record.client.code = "C-014";
    record.client.displayName = "Grace Holloway";
    record.client.redactions = {{"Marcus", "[partner]"}, {"Lily", "[child]"}};

    core::Session before = sessionOn("2025-12-01");
    before.sections = {{"risk_and_safety", "Intake: no risk reported."}};
    before.observations = {{"money", 2, "He keeps the cards.", {}}};
    before.signedAt = at("2025-12-01T18:00:00Z");

    core::Session first = sessionOn("2026-01-07");
    first.sections = {{"presenting", "Tired."},
                      {"risk_and_safety", "No incidents this week. Marcus was calm."},
                      {"clinician_reflection", "I felt a pull to advise her to leave."},
                      {"plan", "Continue weekly."}};
    first.observations = {{"self-blame", 3, "Am I the bad one?", {}},
                          {"fear", 1, {}, {}},
                          {"agenda-check", 1, {}, "Noticed my own agenda when Lily was mentioned."}};
    first.stageOfChange.leaving = core::Stage::Precontemplation;
    first.decisionalBalance = {{core::BalanceSide::Stay, "the house", 3},
                               {core::BalanceSide::Leave, "Lily's school is calmer", 1}};
    first.psychotherapyNote = "Process note: strong countertransference about Marcus.";
    first.signedAt = at("2026-01-07T18:00:00Z");

    core::Session second = sessionOn("2026-01-14");
    second.sections = {{"risk_and_safety", "Marcus threw a plate; safety plan updated."},
                       {"clinician_reflection", "Stayed with her pace."},
                       {"plan", "Review the safety plan."}};
    second.observations = {{"self-blame", 2, "am I  the bad one?", {}},
                           {"fear", 2, "I'm scared of Marcus's temper.", {}}};
    second.stageOfChange.leaving = core::Stage::Contemplation;
    second.signedAt = at("2026-01-14T18:00:00Z");
    second.addenda = {{at("2026-01-16T09:00:00Z"), "Correction: the incident was on 12 January 2026."}};

    core::Session third = sessionOn("2026-01-28");
    third.sections = {{"risk_and_safety", "Client feels safer; bag packed at a friend's."},
                      {"clinician_reflection", "No agenda noticed."}};
    third.observations = {{"self-blame", 1, {}, {}}, {"fear", 3, "I don't know what he would do.", {}}};
    third.stageOfChange.leaving = core::Stage::Contemplation;
    third.stageOfChange.safety = core::Stage::Preparation;
    third.decisionalBalance = {{core::BalanceSide::Stay, "the house", 1},
                               {core::BalanceSide::Leave, "calm evenings", 3}};

    record.sessions = {before, first, second, third};
    return record;
}

// C-021: ten weekly sessions (2026-02-02 ...), all signed, whose "What stands out" is known:
//   fear      1 0 0 1 1 1 2 2 3 3  rises to central (latest 3, rising over the last 6)
//   money     2 0 0 0 0 2 0 0 0 0  returns in session 6 after 4 sessions without it
//   leaving   contemplation x6, preparation (7), action (8), contemplation (9, a regression), (10)
//   balance   session 3: stay 3 / leave 1 (-2); session 9: stay 1 / leave 3 (+2): crosses zero
//   risk      session 10: "He threw a mug at the wall." (a thrown object)
inline core::ClientRecord signalRecord() {
    core::ClientRecord record;
    record.client.code = "C-021";
    const int fear[] = {1, 0, 0, 1, 1, 1, 2, 2, 3, 3};
    const int money[] = {2, 0, 0, 0, 0, 2, 0, 0, 0, 0};
    const core::Stage stages[] = {core::Stage::Contemplation, core::Stage::Contemplation, core::Stage::Contemplation,
                                  core::Stage::Contemplation, core::Stage::Contemplation, core::Stage::Contemplation,
                                  core::Stage::Preparation,   core::Stage::Action,        core::Stage::Contemplation,
                                  core::Stage::Contemplation};
    auto date = day("2026-02-02");
    for (std::size_t i = 0; i < 10; ++i) {
        core::Session session;
        session.date = date;
        date = date.plusDays(7);
        session.templateName = "ambivalence-progress";
        session.templateVersion = 1;
        if (fear[i] > 0) {
            session.observations.push_back({"fear", fear[i], {}, {}});
        }
        if (money[i] > 0) {
            session.observations.push_back({"money", money[i], {}, {}});
        }
        session.stageOfChange.leaving = stages[i];
        if (i == 2) {
            session.decisionalBalance = {{core::BalanceSide::Stay, "the house", 3},
                                         {core::BalanceSide::Leave, "calm", 1}};
        }
        if (i == 8) {
            session.decisionalBalance = {{core::BalanceSide::Stay, "the house", 1},
                                         {core::BalanceSide::Leave, "calm", 3}};
        }
        session.sections = {{"risk_and_safety", i == 9 ? "He threw a mug at the wall." : "No incidents this week."}};
        session.signedAt = core::Timestamp{session.date.days() + std::chrono::hours{18}};
        record.sessions.push_back(std::move(session));
    }
    return record;
}

// A record with generated identifiers planted in every text a summary shows.
struct Planted {
    core::ClientRecord record;
    std::vector<std::string> names;     // each must never appear as a word, in any case
    std::vector<std::string> verbatims; // each must never appear as written
    std::vector<std::string> digitRuns; // runs of 4+ digits from phone numbers and house numbers
};

class Generator {
public:
    explicit Generator(std::uint64_t seed) : m_random(seed) {}

    int below(int bound) { return std::uniform_int_distribution<int>(0, bound - 1)(m_random); }
    template <typename T> const T& pick(const std::vector<T>& items) {
        return items[static_cast<std::size_t>(below(static_cast<int>(items.size())))];
    }
    // Invented names from syllables that make no English word ("Zarvokel", "Quithmor").
    std::string name() {
        static const std::vector<std::string> kSyllables{"zar", "vok", "quil", "thu", "mor",  "dax", "rix", "kez",
                                                         "yor", "fen", "gal",  "wix", "brun", "sel", "ox",  "vur"};
        std::string out;
        const int parts = 2 + below(2);
        for (int i = 0; i < parts; ++i) {
            out += pick(kSyllables);
        }
        out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
        return out;
    }
    std::string digits(int count, bool nonZeroFirst = false) {
        std::string out;
        for (int i = 0; i < count; ++i) {
            out.push_back(static_cast<char>('0' + (i == 0 && nonZeroFirst ? 2 + below(8) : below(10))));
        }
        return out;
    }
    std::string phone() {
        switch (below(8)) {
        case 0: return "+44 20 " + digits(4) + " " + digits(4);
        case 1: return "(" + digits(3, true) + ") " + digits(3) + "-" + digits(4);
        case 2: return digits(3, true) + "-" + digits(3) + "-" + digits(4);
        case 3: return "0" + digits(3) + " " + digits(3) + " " + digits(4);
        case 4: return "+49 30 " + digits(7);
        case 5: return "+1 (" + digits(3, true) + ") " + digits(3) + "-" + digits(4);
        case 6: return "07" + digits(3) + " " + digits(6);
        default: return "+33 1 " + digits(2) + " " + digits(2) + " " + digits(2) + " " + digits(2);
        }
    }
    std::string email(const std::string& person) {
        static const std::vector<std::string> kDomains{"example.org", "mail.example.com", "clinic.de",
                                                       "post.example.uk"};
        std::string local = person + "." + name();
        std::transform(local.begin(), local.end(), local.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return local + (below(2) == 0 ? "" : digits(2)) + "@" + pick(kDomains);
    }
    // The address, and the invented street name in it.
    std::pair<std::string, std::string> address() {
        const std::string street = name();
        const std::string number = std::to_string(1 + below(400));
        switch (below(5)) {
        case 0: return {number + " " + street + " Street", street};
        case 1: return {number + "B " + street + " Road", street};
        case 2: return {street + "stra\u00dfe " + number, street + "stra\u00dfe"};
        case 3: return {number + " rue de " + street, street};
        default: return {number + " " + street + " Lane", street};
        }
    }

private:
    std::mt19937_64 m_random;
};

inline void addDigitRuns(Planted& planted, const std::string& text) {
    std::string run;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
            run.push_back(text[i]);
            continue;
        }
        if (run.size() >= 4) {
            planted.digitRuns.push_back(run);
        }
        run.clear();
    }
}

inline Planted plantedRecord(std::uint64_t seed, int sessions = 6) {
    Generator g(seed);
    Planted planted;
    auto& record = planted.record;
    const std::string first = g.name();
    const std::string last = g.name();
    const std::string partner = g.name();
    const std::string child = g.name();
    record.client.code = "P-" + std::to_string(seed);
    record.client.displayName = first + " " + last;
    record.client.redactions = {{partner, "[partner]"}, {child, "[child]"}};
    planted.names = {first, last, partner, child};

    const auto remember = [&](const std::string& text) {
        planted.verbatims.push_back(text);
        addDigitRuns(planted, text);
        return text;
    };
    const auto rememberAddress = [&] {
        auto [address, street] = g.address();
        planted.names.push_back(street);
        return remember(address);
    };
    core::Date date = day("2026-02-02");
    for (int s = 0; s < sessions; ++s) {
        // Every generated value is drawn in its own statement, in reading order: the operands of
        // a chain of std::string + are evaluated in an order the compiler chooses (GCC right to
        // left, clang left to right), and the same seed must give the same record with both.
        const std::string riskPhone = remember(g.phone());
        const std::string riskAddress = rememberAddress();
        const std::string reflectionEmail = remember(g.email(first));
        const std::string planAddress = rememberAddress();
        const std::string planPhone = remember(g.phone());
        const std::string fearPhone = remember(g.phone());
        const std::string teacherEmail = remember(g.email(child));
        const int fearIntensity = 1 + g.below(3);
        const int hopeIntensity = 1 + g.below(3);
        const auto stage = core::kStages[static_cast<std::size_t>(g.below(5))];
        const std::string stayAddress = rememberAddress();
        const int stayWeight = 1 + g.below(3);
        const int leaveWeight = 1 + g.below(3);
        const std::string countertransferenceEmail = remember(g.email(partner));
        const std::string addendumPhone = remember(g.phone());

        core::Session session;
        session.date = date;
        date = date.plusDays(7);
        session.templateName = "ambivalence-progress";
        session.templateVersion = 1;
        session.sections = {
            {"risk_and_safety",
             partner + " shouted again; call " + riskPhone + " if needed. " + child + " stays at " + riskAddress + "."},
            {"clinician_reflection", "Spoke with " + first + " about " + partner + "'s messages to " + reflectionEmail +
                                         "; I noticed my agenda."},
            {"plan", "Meet at " + planAddress + "; " + last + " family to call " + planPhone + "."},
        };
        session.observations = {
            {"fear", fearIntensity, partner + " said: " + first + ", you are the bad one. Call me on " + fearPhone,
             child + "'s teacher wrote from " + teacherEmail},
            {"hope-of-change", hopeIntensity, "I still hope " + partner + " will change.",
             "Hope of change; I will leave if " + child + " is at risk."},
            {"agenda-check", 1, {}, "Felt protective of " + child + "."},
        };
        session.stageOfChange.leaving = stage;
        session.decisionalBalance = {
            {core::BalanceSide::Stay, partner + "'s family at " + stayAddress, stayWeight},
            {core::BalanceSide::Leave, child + " deserves calm; " + last + " offered a room", leaveWeight},
        };
        session.psychotherapyNote =
            "Countertransference: " + partner + " reminds me of someone; " + countertransferenceEmail + ".";
        session.signedAt = core::Timestamp{session.date.days() + std::chrono::hours{18}};
        session.addenda = {{core::Timestamp{session.date.days() + std::chrono::days{1}},
                            first + " " + last + " called from " + addendumPhone + " about " + child + "."}};
        record.sessions.push_back(std::move(session));
    }
    return planted;
}

inline std::string lower(std::string_view text) {
    std::string out{text};
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// True when `word` occurs in `text` as a whole word (ASCII letters and digits delimit words),
// ignoring ASCII case.
inline bool containsWord(std::string_view text, std::string_view word) {
    const std::string haystack = lower(text);
    const std::string needle = lower(word);
    const auto isWord = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
    for (std::size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) {
        const bool startOk = at == 0 || !isWord(haystack[at - 1]);
        const std::size_t end = at + needle.size();
        const bool endOk = end >= haystack.size() || !isWord(haystack[end]);
        if (startOk && endOk) {
            return true;
        }
    }
    return false;
}

// Describes the first planted identifier found in `text`, or returns an empty string.
inline std::string findLeak(const Planted& planted, std::string_view text) {
    for (const auto& name : planted.names) {
        if (containsWord(text, name)) {
            return "name " + name;
        }
    }
    for (const auto& verbatim : planted.verbatims) {
        if (text.find(verbatim) != std::string_view::npos) {
            return "identifier " + verbatim;
        }
    }
    for (const auto& run : planted.digitRuns) {
        if (containsWord(text, run)) {
            return "digits " + run;
        }
    }
    return {};
}

// The full path of a program on $PATH, or empty.
inline std::filesystem::path findProgram(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::string_view rest = path != nullptr ? path : "/usr/bin:/bin";
    while (!rest.empty()) {
        const auto colon = rest.find(':');
        const auto directory = rest.substr(0, colon);
        auto candidate = std::filesystem::path{std::string{directory}} / name;
        std::error_code error;
        if (std::filesystem::exists(candidate, error)) {
            return candidate;
        }
        rest = colon == std::string_view::npos ? std::string_view{} : rest.substr(colon + 1);
    }
    return {};
}

} // namespace tessera::test::summary
