#pragma once

#include <string_view>

namespace tessera::bench {

// The synthetic vaults' passphrase (they hold invented notes only).
inline constexpr std::string_view kPassphrase = "benchmark career caseload";

// Search queries, as a clinician types them into the Search view. Words the demo notes use often,
// so that each query matches thousands of notes and ranking (bm25) has real work to do.
inline constexpr std::string_view kSearchOneWord = "handover";
inline constexpr std::string_view kSearchTwoWords = "money mortgage";
inline constexpr std::string_view kSearchPhrase = "\"safety plan\"";
inline constexpr int kSearchLimit = 50;

} // namespace tessera::bench
