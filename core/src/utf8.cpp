#include "tessera/core/utf8.hpp"

#include <algorithm>

namespace tessera::core::utf8 {
namespace {

bool isSurrogate(char32_t value) {
    return value >= 0xD800 && value <= 0xDFFF;
}

} // namespace

CodePoint decode(std::string_view text, std::size_t at) {
    const auto lead = static_cast<unsigned char>(text[at]);
    if (lead < 0x80U) {
        return {lead, 1, true};
    }
    std::size_t length = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if ((lead & 0xE0U) == 0xC0U) {
        length = 2;
        value = lead & 0x1FU;
        minimum = 0x80;
    } else if ((lead & 0xF0U) == 0xE0U) {
        length = 3;
        value = lead & 0x0FU;
        minimum = 0x800;
    } else if ((lead & 0xF8U) == 0xF0U) {
        length = 4;
        value = lead & 0x07U;
        minimum = 0x10000;
    } else {
        return {};
    }
    if (at + length > text.size()) {
        return {};
    }
    for (std::size_t i = 1; i < length; ++i) {
        const char byte = text[at + i];
        if (!isContinuation(byte)) {
            return {};
        }
        value = (value << 6U) | (static_cast<unsigned char>(byte) & 0x3FU);
    }
    if (value < minimum || value > 0x10FFFF || isSurrogate(value)) {
        return {};
    }
    return {value, length, true};
}

void encode(char32_t value, std::string& out) {
    if (value > 0x10FFFF || isSurrogate(value)) {
        value = kReplacementCharacter;
    }
    const auto byte = [&out](char32_t bits) { out.push_back(static_cast<char>(static_cast<unsigned char>(bits))); };
    if (value < 0x80) {
        byte(value);
    } else if (value < 0x800) {
        byte(0xC0U | (value >> 6U));
        byte(0x80U | (value & 0x3FU));
    } else if (value < 0x10000) {
        byte(0xE0U | (value >> 12U));
        byte(0x80U | ((value >> 6U) & 0x3FU));
        byte(0x80U | (value & 0x3FU));
    } else {
        byte(0xF0U | (value >> 18U));
        byte(0x80U | ((value >> 12U) & 0x3FU));
        byte(0x80U | ((value >> 6U) & 0x3FU));
        byte(0x80U | (value & 0x3FU));
    }
}

std::size_t previousCodePoint(std::string_view text, std::size_t at) {
    std::size_t p = at - 1;
    // At most three continuation bytes belong to one sequence.
    for (int i = 0; i < 3 && p > 0 && isContinuation(text[p]); ++i) {
        --p;
    }
    // Continuation bytes without a lead byte each decode as one U+FFFD.
    return decode(text, p).length == at - p ? p : at - 1;
}

std::size_t floorBoundary(std::string_view text, std::size_t at) {
    at = std::min(at, text.size());
    while (at > 0 && at < text.size() && isContinuation(text[at])) {
        --at;
    }
    return at;
}

std::size_t ceilBoundary(std::string_view text, std::size_t at) {
    while (at < text.size() && isContinuation(text[at])) {
        ++at;
    }
    return std::min(at, text.size());
}

std::size_t countCodePoints(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return !isContinuation(c); }));
}

} // namespace tessera::core::utf8
