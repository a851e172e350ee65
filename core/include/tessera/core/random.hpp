#pragma once

// SplitMix64: a small, fully specified random number generator. std::uniform_int_distribution
// and friends differ between standard libraries, and a seed must give the same demo caseload,
// benchmark caseload and test offsets everywhere.

#include <cstdint>

namespace tessera::core {

class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) : m_state(seed) {}

    [[nodiscard]] std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31U);
    }
    // In [0, bound) (uniform enough for demo data and tests); 0, drawing nothing, when bound is 0.
    [[nodiscard]] std::uint64_t below(std::uint64_t bound) { return bound == 0 ? 0 : next() % bound; }
    // In [0, 1), from the top 53 bits.
    [[nodiscard]] double unit() { return static_cast<double>(next() >> 11U) / 9007199254740992.0; }
    [[nodiscard]] bool chance(double probability) { return unit() < probability; }

private:
    std::uint64_t m_state;
};

} // namespace tessera::core
