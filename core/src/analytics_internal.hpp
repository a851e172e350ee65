#pragma once

// Rules shared by one client's analysis (analytics.cpp) and the caseload overview (caseload.cpp),
// so that both read a series the same way.

#include "tessera/core/analytics.hpp"

#include <cstddef>
#include <span>

namespace tessera::core::detail {

// Intensities outside 0-3 count as the nearest of them.
[[nodiscard]] int clampIntensity(int intensity);
// The trend window actually used: values < 2 are treated as 2.
[[nodiscard]] std::size_t effectiveWindow(int window);
// The trend of the last `window` values of `series`; Absent when all of them are 0.
[[nodiscard]] TrendFit windowTrend(std::span<const int> series, std::size_t window);

} // namespace tessera::core::detail
