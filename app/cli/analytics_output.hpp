#pragma once

// How `tessera-cli themes` and `tessera-cli caseload` present the analytics of
// tessera/core/analytics.hpp: JSON documents and terminal tables. Formatting only; every number
// comes from the core. The JSON shapes are documented in docs/analytics.md
// ("tessera-cli themes and caseload").

#include "tessera/core/analytics.hpp"
#include "tessera/core/caseload.hpp"
#include "tessera/core/codebook.hpp"
#include "tessera/core/model.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace tessera::cli {

// ---- Text helpers for terminal tables (UTF-8) -------------------------------------------------

// Width in terminal cells, counted as Unicode code points: labels such as "„Bin ich schuld?“"
// must line up with plain ASCII ones, so padding cannot count bytes.
[[nodiscard]] std::size_t displayWidth(std::string_view text);
// `text` cut to at most `width` code points, ending in "…" when it was cut.
[[nodiscard]] std::string truncateToWidth(std::string_view text, std::size_t width);
// `text` followed (padRight) or preceded (padLeft) by spaces up to `width` code points.
[[nodiscard]] std::string padRight(std::string_view text, std::size_t width);
[[nodiscard]] std::string padLeft(std::string_view text, std::size_t width);
// One glyph per intensity: 0 "·", 1 "▂", 2 "▅", 3 "█" (values outside 0-3 are clamped).
[[nodiscard]] std::string sparkline(std::span<const int> series);

// ---- themes -------------------------------------------------------------------------------------

// `record` is the record that was analysed (for each session's signed/draft status);
// `options` the options asked for (the period is echoed as given).
[[nodiscard]] nlohmann::ordered_json themesJson(const core::ClientAnalysis& analysis, const core::ClientRecord& record,
                                                const core::AnalysisOptions& options);
[[nodiscard]] std::string themesTable(const core::ClientAnalysis& analysis, const core::ClientRecord& record,
                                      const core::AnalysisOptions& options);

// ---- caseload -----------------------------------------------------------------------------------

[[nodiscard]] nlohmann::ordered_json caseloadJson(const core::CaseloadAnalysis& caseload,
                                                  const core::Codebook& codebook, int window);
[[nodiscard]] std::string caseloadTable(const core::CaseloadAnalysis& caseload, const core::Codebook& codebook,
                                        int window);

} // namespace tessera::cli
