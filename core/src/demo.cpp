#include "tessera/core/demo.hpp"
#include "tessera/core/random.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

namespace tessera::core {
namespace {

// The demo's draws, over SplitMix64 (tessera/core/random.hpp): the same caseload everywhere.
class Random {
public:
    explicit Random(std::uint64_t seed) : m_generator(seed) {}
    int below(int bound) { return static_cast<int>(m_generator.below(static_cast<std::uint64_t>(bound))); }
    double unit() { return m_generator.unit(); }
    bool chance(double probability) { return m_generator.chance(probability); }
    template <typename T, std::size_t N> const T& pick(const std::array<T, N>& items) {
        return items[static_cast<std::size_t>(below(static_cast<int>(N)))];
    }

private:
    SplitMix64 m_generator;
};

constexpr std::array kPartnerNames{"Marcus", "Daniel", "Elena", "Sofia", "Victor", "Helen", "Adrian", "Nora"};
constexpr std::array kChildNames{"Lily", "Tom", "Mia", "Ben", "Ava", "Sam"};
constexpr std::array kClientNames{"Anna K.", "Jonas R.", "Maria S.", "Leila B.", "Chris P.",
                                  "Ruth D.", "Omar T.",  "Ines V.",  "Paul W.",  "Dana F."};

struct ThemeCourse {
    const char* key;
    double start; // intensity expectation at the first session (0-3)
    double end;   // ... and at the last
};

// Each client follows one of these courses; noise is added per session.
constexpr std::array<std::array<ThemeCourse, 9>, 3> kCourses{{
    {{{"self-blame", 2.6, 0.8},
      {"am-i-the-bad-one", 2.2, 0.4},
      {"minimizing", 2.0, 0.3},
      {"hope-of-change", 2.4, 0.4},
      {"fear", 0.8, 2.3},
      {"custody", 1.0, 2.0},
      {"psychoeducation", 0.8, 1.8},
      {"agenda-check", 0.4, 0.6},
      {"chronic-asymmetry", 1.6, 1.9}}},
    {{{"self-doubt", 2.4, 1.2},
      {"keeping-the-peace", 2.6, 1.0},
      {"backstory-excuse", 1.8, 0.6},
      {"money", 1.2, 2.4},
      {"family-court", 0.2, 1.8},
      {"shared-history", 2.0, 1.4},
      {"angry-outbursts", 1.4, 1.6},
      {"agenda-check", 0.6, 0.3},
      {"psychoeducation", 1.2, 1.4}}},
    {{{"moral-injury", 1.0, 2.0},
      {"self-blame", 1.8, 1.6},
      {"duty-obligation", 2.4, 1.6},
      {"cultural-factors", 2.0, 2.0},
      {"lack-of-understanding", 2.6, 0.6},
      {"fear", 1.2, 1.0},
      {"hope-of-change", 1.6, 1.9},
      {"agenda-check", 0.8, 0.4},
      {"chronic-asymmetry", 2.0, 2.2}}},
}};

constexpr std::array kQuotes{
    std::pair{"am-i-the-bad-one", "Am I the bad one?"},
    std::pair{"am-i-the-bad-one", "Maybe I really am the difficult one."},
    std::pair{"am-i-the-bad-one", "I used to ask if I was the bad one. I ask less now."},
    std::pair{"self-blame", "If I had just stayed calm, it would not have happened."},
    std::pair{"self-blame", "It is always my fault somehow."},
    std::pair{"minimizing", "He just had a tough day at work."},
    std::pair{"minimizing", "It wasn't that bad, really."},
    std::pair{"backstory-excuse", "She had such a rough childhood."},
    std::pair{"keeping-the-peace", "I just want everyone to be calm at dinner."},
    std::pair{"hope-of-change", "When the stress at work is over, he will be himself again."},
    std::pair{"hope-of-change", "I keep waiting for the old version of her to come back."},
    std::pair{"fear", "I don't know what he would do if I left."},
    std::pair{"fear", "I'm scared of what happens at the handover."},
    std::pair{"custody", "I can't risk losing the kids."},
    std::pair{"family-court", "The court will believe whoever sounds calmer."},
    std::pair{"money", "I have no account of my own."},
    std::pair{"shared-history", "We built this house together."},
    std::pair{"self-doubt", "Maybe I'm remembering it wrong."},
    std::pair{"moral-injury", "I said things to my sister I never wanted to say."},
    std::pair{"duty-obligation", "I promised to stay in good times and bad."},
    std::pair{"cultural-factors", "In my family, you don't leave a marriage."},
    std::pair{"lack-of-understanding", "If I explain it better, he'll finally understand."},
    std::pair{"chronic-asymmetry", "Everything is about his moods."},
    std::pair{"angry-outbursts", "He threw the plate against the wall again."},
};

constexpr std::array kStayReasons{
    "the children need both parents", "the house",           "money",          "he is kind sometimes",
    "my family expects it",           "fear of being alone", "the good years", "court would be worse"};
constexpr std::array kLeaveReasons{"I feel like myself with my friends", "the children see the fights",
                                   "I want to sleep without fear",       "I have started saving money",
                                   "my sister offered a room",           "I no longer recognise myself"};

constexpr std::array kPresenting{
    "Client arrived on time, tired but engaged; said the week had been 'up and down'.",
    "Client arrived early and spoke quickly; described a difficult weekend.",
    "Client seemed calmer than last week and smiled when describing time with a friend.",
    "Client was tearful at the start and took a few minutes to settle.",
    "Client reported sleeping badly; affect flat at first, brighter later.",
};
constexpr std::array kContent{
    "We explored an argument about money that started over a small purchase and ended with the partner leaving the "
    "house for the night.",
    "Client described the partner's mood changes and how the household organises itself around them.",
    "We talked about the children's reactions to the tension at home and the client's wish to protect them.",
    "Client recounted a family visit where the partner was charming in public and cold at home afterwards.",
    "We looked at a recent text exchange and the client's doubt about their own memory of the evening.",
    "Client spoke about a friend who noticed changes in them and asked whether everything was alright.",
};
constexpr std::array kJustifications{
    "Client explained the partner's behaviour by stress at work.",
    "Client referred to the partner's difficult childhood when describing the outburst.",
    "Client said it was 'not that bad' and changed the subject.",
    "Fewer justifications today; client named the behaviour plainly for the first time.",
};
constexpr std::array kBarriers{
    "Money and the shared mortgage came up again.",
    "Client worries about how a family court would see them.",
    "The children remain the main reason to stay in the client's account.",
    "Client spoke of a duty to the family and what relatives would say.",
    "Client hopes the partner will change once the work situation improves.",
};
constexpr std::array kRisk{
    "No new incidents reported. Safety plan reviewed; client keeps a bag at a friend's flat.",
    "Client described an outburst with a thrown object; no injury. Safety plan updated, hotline numbers confirmed.",
    "No risk to self. Client feels safe at home this week.",
    "Client is unsure about the handover next week; we planned for it.",
};
constexpr std::array kInterventions{
    "Reflective listening and validation; psychoeducation on cycles of idealisation and devaluation.",
    "Explored the decisional balance together without steering.",
    "Grounding exercise at the start; normalised the confusion the client describes.",
    "Psychoeducation on how justification reduces dissonance.",
};
constexpr std::array kReflections{
    "Noticed a pull in myself to tell the client to leave; held it and returned to their pace.",
    "Felt protective when the children were mentioned; stayed curious instead of advising.",
    "No agenda noticed today; the session felt collaborative.",
    "I was more directive than I intended when discussing money; will watch for it.",
};
constexpr std::array kPlans{
    "Continue weekly. Client will note moments of self-doubt in a diary.",
    "Follow up on the handover arrangements; revisit the safety plan.",
    "Client will speak with a legal advice service before next session.",
    "Continue exploring the decisional balance; no homework.",
};

int clampIntensity(double value) {
    return std::clamp(static_cast<int>(std::lround(value)), 0, 3);
}

std::string fill(Random& random, std::string text, int minimumLength, const std::array<const char*, 6>& more) {
    while (static_cast<int>(text.size()) < minimumLength) {
        text += ' ';
        text += random.pick(more);
    }
    return text;
}

Stage stageFor(double progress, Stage start) {
    const int shift = progress < 0.3 ? 0 : progress < 0.65 ? 1 : 2;
    const int index = std::min(static_cast<int>(start) + shift, static_cast<int>(Stage::Maintenance));
    return kStages[static_cast<std::size_t>(index)];
}

} // namespace

std::vector<ClientRecord> makeDemoCaseload(const DemoOptions& options, const Codebook& codebook) {
    Random random(options.seed);
    std::vector<ClientRecord> records;
    const int sessions = std::max(0, options.sessionsPerClient);
    for (int c = 0; c < std::max(0, options.clients); ++c) {
        ClientRecord record;
        std::array<char, 16> code{};
        std::snprintf(code.data(), code.size(), "D-%03d", c + 1);
        record.client.code = code.data();
        record.client.displayName = kClientNames[static_cast<std::size_t>(c) % kClientNames.size()];
        const std::string partner = random.pick(kPartnerNames);
        const std::string child = random.pick(kChildNames);
        record.client.redactions = {{partner, "[partner]"}, {child, "[child]"}};

        const auto& course = kCourses[static_cast<std::size_t>(c) % kCourses.size()];
        const Stage startLeaving = random.chance(0.5) ? Stage::Precontemplation : Stage::Contemplation;
        const Date first = options.firstSession.plusDays(random.below(28));
        for (int s = 0; s < sessions; ++s) {
            Session session;
            const double progress = sessions > 1 ? static_cast<double>(s) / (sessions - 1) : 0.0;
            // Weekly, with the odd missed week.
            session.date = first.plusDays(7L * s + (s > 3 && random.chance(0.15) ? 7 : 0) + 7L * (s / 10));
            session.durationMinutes = random.chance(0.85) ? 50 : 80;
            session.templateName = "ambivalence-progress";
            session.templateVersion = 1;
            const int perSection = std::max(40, options.textLength / 8);
            auto mention = [&](std::string text) {
                if (random.chance(0.3)) {
                    text += " " + partner + " was mentioned by name several times.";
                }
                if (random.chance(0.2)) {
                    text += " " + child + " has been asking questions at bedtime.";
                }
                return text;
            };
            session.sections = {
                {"presenting", fill(random, random.pick(kPresenting), perSection, kContent)},
                {"session_content", mention(fill(random, random.pick(kContent), perSection * 2, kContent))},
                {"justifications", random.pick(kJustifications)},
                {"barriers", random.pick(kBarriers)},
                {"risk_and_safety", random.pick(kRisk)},
                {"interventions", random.pick(kInterventions)},
                {"clinician_reflection", random.pick(kReflections)},
                {"plan", random.pick(kPlans)},
            };
            for (const auto& theme : course) {
                if (codebook.find(theme.key) == nullptr) {
                    continue;
                }
                const double expected = theme.start + (theme.end - theme.start) * progress;
                const int intensity = clampIntensity(expected + (random.unit() - 0.5) * 1.4);
                if (intensity == 0 && random.chance(0.85)) {
                    continue; // usually an absent theme is simply not recorded
                }
                Observation observation{theme.key, intensity, {}, {}};
                if (intensity >= 2 && random.chance(0.4)) {
                    std::vector<const char*> candidates;
                    for (const auto& [key, quote] : kQuotes) {
                        if (std::string_view{key} == theme.key) {
                            candidates.push_back(quote);
                        }
                    }
                    if (!candidates.empty()) {
                        // Later sessions tend to use the later (changed) wording.
                        const auto slot = static_cast<std::size_t>(progress * static_cast<double>(candidates.size()));
                        observation.quote = candidates[std::min(slot, candidates.size() - 1)];
                    }
                }
                session.observations.push_back(std::move(observation));
            }
            if (random.chance(0.8)) {
                session.stageOfChange.leaving = stageFor(progress + (random.unit() - 0.5) * 0.1, startLeaving);
            }
            if (random.chance(0.6)) {
                session.stageOfChange.safety = stageFor(progress * 1.4, Stage::Contemplation);
            }
            if (s % 2 == 0) {
                const int stayCount = 1 + random.below(3);
                for (int i = 0; i < stayCount; ++i) {
                    const int weight = clampIntensity(3.0 - 2.0 * progress + (random.unit() - 0.5));
                    session.decisionalBalance.push_back(
                        {BalanceSide::Stay, random.pick(kStayReasons), std::max(1, weight)});
                }
                const int leaveCount = 1 + random.below(2) + (progress > 0.5 ? 1 : 0);
                for (int i = 0; i < leaveCount; ++i) {
                    const int weight = clampIntensity(1.0 + 2.0 * progress + (random.unit() - 0.5));
                    session.decisionalBalance.push_back(
                        {BalanceSide::Leave, random.pick(kLeaveReasons), std::max(1, weight)});
                }
            }
            if (random.chance(0.25)) {
                session.psychotherapyNote = "Process note: strong countertransference when " + partner +
                                            " was described; to bring to supervision.";
            }
            const bool draft = options.leaveLastDraft && s == sessions - 1;
            if (!draft) {
                session.signedAt =
                    Timestamp{session.date.days() + std::chrono::hours{18} + std::chrono::minutes{random.below(50)}};
                if (random.chance(0.08)) {
                    session.addenda.push_back(
                        {Timestamp{session.date.days() + std::chrono::days{2} + std::chrono::hours{9}},
                         "Addendum: client called to clarify that the incident happened on the Sunday, not the "
                         "Saturday."});
                }
            }
            record.sessions.push_back(std::move(session));
        }
        records.push_back(std::move(record));
    }
    return records;
}

} // namespace tessera::core
