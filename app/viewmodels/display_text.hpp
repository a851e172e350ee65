#pragma once

// How dates, times and stages read on screen. Plain functions, no ImGui, so view-models can
// prepare their text once per rebuild instead of formatting on every frame.

#include "tessera/core/date.hpp"
#include "tessera/core/model.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace tessera::app {

// "Tue 3 Mar 2026": what a clinician scanning a list of sessions recognises fastest.
[[nodiscard]] std::string longDate(const core::Date& date);
// "3 Mar 2026"
[[nodiscard]] std::string mediumDate(const core::Date& date);
// "3 Mar" in the year of `today`, "3 Mar 2025" in any other.
[[nodiscard]] std::string shortDate(const core::Date& date, const core::Date& today);
// A stored UTC moment in the computer's local time: "3 Mar 2026, 14:05".
[[nodiscard]] std::string localDateTime(const core::Timestamp& at);
// The local wall-clock time now, "14:05" (for "Saved 14:05").
[[nodiscard]] std::string localClockNow();
// Today's date where the clinician is (not UTC: a note written at 00:30 belongs to today).
[[nodiscard]] core::Date localToday();

// "Precontemplation", "Contemplation", ...
[[nodiscard]] std::string stageLabel(core::Stage stage);
// "not recorded" for nullopt.
[[nodiscard]] std::string stageLabel(const std::optional<core::Stage>& stage);
// "Leaving", "Safety"
[[nodiscard]] std::string stageTargetLabel(core::StageTarget target);
// "absent", "mentioned", "clearly present", "central"
[[nodiscard]] std::string_view intensityLabel(int intensity);

// `text` without leading and trailing spaces, tabs and line breaks (what a form stores).
[[nodiscard]] std::string trimmed(std::string_view text);

// Case-insensitive (ASCII) substring test; an empty needle matches everything.
[[nodiscard]] bool containsFolded(std::string_view haystack, std::string_view needle);
// Where `needle` first occurs in `haystack`, compared without (ASCII) case; 0 for an empty needle.
[[nodiscard]] std::optional<std::size_t> findFolded(std::string_view haystack, std::string_view needle);

} // namespace tessera::app
