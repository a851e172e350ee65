#pragma once

// Shared by tessera-crash-writer and the crash tests: random but valid note content, and a
// hash of everything a note holds, so that "the note is present and intact" is one comparison.

#include "tessera/core/codebook.hpp"
#include "tessera/core/model.hpp"
#include "tessera/core/random.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::test {

// core's SplitMix64 (the same numbers with every standard library), plus a range for delays.
class SplitMix : public core::SplitMix64 {
public:
    using core::SplitMix64::SplitMix64;
    int between(int low, int high) {
        return low + static_cast<int>(below(static_cast<std::uint64_t>(std::int64_t{high} - low + 1)));
    }
};

// FNV-1a 64 over length-prefixed fields: a fingerprint of a note's whole content.
class ContentHash {
public:
    void add(std::string_view field) {
        mix(std::to_string(field.size()) + ":");
        mix(field);
    }
    void add(std::int64_t value) { add(std::to_string(value)); }
    [[nodiscard]] std::string hex() const {
        constexpr std::string_view kDigits = "0123456789abcdef";
        std::string out(16, '0');
        for (int i = 0; i < 16; ++i) {
            out[static_cast<std::size_t>(15 - i)] = kDigits[(m_value >> (4 * i)) & 0xF];
        }
        return out;
    }

private:
    void mix(std::string_view bytes) {
        for (const char c : bytes) {
            m_value ^= static_cast<unsigned char>(c);
            m_value *= 0x100000001B3ULL;
        }
    }
    std::uint64_t m_value = 0xCBF29CE484222325ULL;
};

// Everything a note holds except its id and signature: date, duration, template, sections (by
// key), observations (by theme), stage of change, decisional balance, psychotherapy note, addenda.
inline std::string contentHash(const core::Session& session) {
    ContentHash hash;
    hash.add(session.date.toIso());
    hash.add(session.durationMinutes.value_or(-1));
    hash.add(session.templateName);
    auto sections = session.sections;
    std::sort(sections.begin(), sections.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
    for (const auto& section : sections) {
        hash.add(section.key);
        hash.add(section.text);
    }
    auto observations = session.observations;
    std::sort(observations.begin(), observations.end(),
              [](const auto& a, const auto& b) { return a.themeKey < b.themeKey; });
    for (const auto& observation : observations) {
        hash.add(observation.themeKey);
        hash.add(observation.intensity);
        hash.add(observation.quote);
        hash.add(observation.note);
    }
    hash.add(session.stageOfChange.leaving ? core::toString(*session.stageOfChange.leaving) : "-");
    hash.add(session.stageOfChange.safety ? core::toString(*session.stageOfChange.safety) : "-");
    for (const auto& item : session.decisionalBalance) {
        hash.add(core::toString(item.side));
        hash.add(item.reason);
        hash.add(item.weight);
    }
    hash.add(session.psychotherapyNote);
    for (const auto& addendum : session.addenda) {
        hash.add(addendum.at.toIso());
        hash.add(addendum.text);
    }
    return hash.hex();
}

inline constexpr std::array<std::string_view, 24> kWords{
    "client",   "described", "weekend", "argument", "partner",  "apologised", "again",   "felt",
    "confused", "blamed",    "herself", "money",    "custody",  "hearing",    "hope",    "change",
    "harbour",  "quietly",   "stayed",  "because",  "children", "fear",       "session", "explored"};

inline std::string randomText(SplitMix& random, int minLength, int maxLength) {
    const auto length = static_cast<std::size_t>(random.between(minLength, maxLength));
    std::string text;
    while (text.size() < length) {
        text += kWords[random.below(kWords.size())];
        text += random.below(9) == 0 ? ". " : " ";
    }
    return text;
}

// New content for a draft: fills the sections `session` already has (its template's), and
// replaces observations, stage, balance and the psychotherapy note. Always valid.
inline void fillDraft(core::Session& session, const core::Codebook& codebook, SplitMix& random) {
    for (auto& section : session.sections) {
        section.text = random.below(4) == 0 ? std::string{} : randomText(random, 40, 1800);
    }
    session.observations.clear();
    for (const auto& theme : codebook.themes()) {
        if (!theme.retired && random.below(5) == 0) {
            session.observations.push_back({theme.key, random.between(0, 3),
                                            random.below(2) == 0 ? randomText(random, 10, 80) : std::string{},
                                            random.below(4) == 0 ? randomText(random, 10, 60) : std::string{}});
        }
    }
    session.stageOfChange.leaving =
        random.below(3) == 0 ? std::nullopt : std::optional{core::kStages[random.below(core::kStages.size())]};
    session.decisionalBalance.clear();
    for (int i = random.between(0, 3); i > 0; --i) {
        session.decisionalBalance.push_back({random.below(2) == 0 ? core::BalanceSide::Stay : core::BalanceSide::Leave,
                                             randomText(random, 8, 40), random.between(1, 3)});
    }
    session.durationMinutes = random.below(3) == 0 ? std::nullopt : std::optional{random.between(30, 90)};
    session.psychotherapyNote = random.below(2) == 0 ? std::string{} : randomText(random, 20, 600);
}

} // namespace tessera::test
