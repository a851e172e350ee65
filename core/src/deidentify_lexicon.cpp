// The compiled-in word lists: see deidentify_lexicon.hpp and third_party/lexicons/lexgen.cpp.

#include "deidentify_lexicon.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string>
#include <vector>

namespace tessera::core::detail {

// Defined by the source tessera_lexgen generates at build time.
extern const std::string_view kLexiconChunks[];
extern const std::size_t kLexiconChunkCount;

namespace {

struct Entry {
    std::string_view key;
    std::uint8_t flags;
};

// Indexed once, on first use: the chunks are sorted and entries never cross a chunk.
const std::vector<Entry>& entries() {
    static const std::vector<Entry> index = [] {
        std::vector<Entry> list;
        list.reserve(200000);
        for (std::size_t c = 0; c < kLexiconChunkCount; ++c) {
            const std::string_view chunk = kLexiconChunks[c];
            std::size_t start = 0;
            while (start < chunk.size()) {
                const std::size_t end = chunk.find('\n', start);
                if (end == std::string_view::npos || end < start + 2) {
                    break;
                }
                list.push_back({chunk.substr(start, end - start - 1), static_cast<std::uint8_t>(chunk[end - 1] - '0')});
                start = end + 1;
            }
        }
        return list;
    }();
    return index;
}

} // namespace

std::uint8_t lexiconFlags(std::string_view word) {
    if (word.empty() || word.size() > 40) {
        return 0;
    }
    std::array<char, 40> buffer{};
    for (std::size_t k = 0; k < word.size(); ++k) {
        const char c = word[k];
        buffer[k] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    const std::string_view key(buffer.data(), word.size());
    const auto& list = entries();
    const auto it = std::lower_bound(list.begin(), list.end(), key,
                                     [](const Entry& entry, std::string_view k) { return entry.key < k; });
    return (it != list.end() && it->key == key) ? it->flags : 0;
}

} // namespace tessera::core::detail
