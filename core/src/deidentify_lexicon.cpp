// The compiled-in word lists: see deidentify_lexicon.hpp and third_party/lexicons/lexgen.cpp.

#include "deidentify_lexicon.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace tessera::core::detail {

// Defined by the source tessera_lexgen generates at build time.
extern const std::string_view kLexiconChunks[];
extern const std::size_t kLexiconChunkCount;

namespace {

struct Entry {
    std::string_view key; // empty: a free slot
    std::uint8_t flags = 0;
};

std::uint64_t hashOf(std::string_view key) {
    std::uint64_t hash = 14695981039346656037ULL; // FNV-1a
    for (const char c : key) {
        hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    }
    return hash;
}

// An open-addressing hash table over the compiled-in entries, built on first use: every word of
// a summary is looked up once or twice, so lookups must not be a binary search of strings.
class Table {
public:
    Table() {
        std::size_t count = 0;
        for (std::size_t c = 0; c < kLexiconChunkCount; ++c) {
            count += static_cast<std::size_t>(std::count(kLexiconChunks[c].begin(), kLexiconChunks[c].end(), '\n'));
        }
        std::size_t capacity = 1024;
        while (capacity < count + count / 2) {
            capacity *= 2;
        }
        m_slots.resize(capacity);
        m_mask = capacity - 1;
        for (std::size_t c = 0; c < kLexiconChunkCount; ++c) {
            const std::string_view chunk = kLexiconChunks[c];
            std::size_t start = 0;
            while (start < chunk.size()) {
                const std::size_t end = chunk.find('\n', start);
                if (end == std::string_view::npos || end < start + 2) {
                    break;
                }
                insert(chunk.substr(start, end - start - 1), static_cast<std::uint8_t>(chunk[end - 1] - '0'));
                start = end + 1;
            }
        }
    }

    [[nodiscard]] std::uint8_t find(std::string_view key) const {
        for (std::size_t slot = hashOf(key) & m_mask;; slot = (slot + 1) & m_mask) {
            const Entry& entry = m_slots[slot];
            if (entry.key.empty()) {
                return 0;
            }
            if (entry.key == key) {
                return entry.flags;
            }
        }
    }

private:
    void insert(std::string_view key, std::uint8_t flags) {
        std::size_t slot = hashOf(key) & m_mask;
        while (!m_slots[slot].key.empty()) {
            slot = (slot + 1) & m_mask;
        }
        m_slots[slot] = {key, flags};
    }

    std::vector<Entry> m_slots;
    std::size_t m_mask = 0;
};

const Table& table() {
    static const Table instance;
    return instance;
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
    return table().find(std::string_view(buffer.data(), word.size()));
}

} // namespace tessera::core::detail
