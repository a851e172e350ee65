#include "tessera/storage/secret.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <new>
#include <stdexcept>
#include <utility>

namespace tessera::storage {
namespace {

void ensureSodium() {
    // sodium_init is idempotent and thread-safe; it returns 1 when already initialised.
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium could not be initialised");
    }
}

} // namespace

Secret::Secret() {
    ensureSodium();
}

Secret::Secret(std::string_view text) : Secret() {
    reserve(text.size());
    std::memcpy(m_data, text.data(), text.size());
    m_size = text.size();
}

Secret::~Secret() {
    sodium_free(m_data);
}

Secret::Secret(const Secret& other) : Secret(other.view()) {}

Secret& Secret::operator=(const Secret& other) {
    if (this != &other) {
        Secret copy(other);
        *this = std::move(copy);
    }
    return *this;
}

Secret::Secret(Secret&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)),
      m_capacity(std::exchange(other.m_capacity, 0)) {}

Secret& Secret::operator=(Secret&& other) noexcept {
    if (this != &other) {
        sodium_free(m_data);
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
        m_capacity = std::exchange(other.m_capacity, 0);
    }
    return *this;
}

Secret Secret::takeFrom(std::string& text) {
    Secret secret(text);
    sodium_memzero(text.data(), text.size());
    text.clear();
    text.shrink_to_fit();
    return secret;
}

void Secret::append(char c) {
    if (m_size == m_capacity) {
        reserve(std::max<std::size_t>(64, m_capacity * 2));
    }
    m_data[m_size++] = c;
}

void Secret::clear() {
    if (m_data != nullptr) {
        sodium_memzero(m_data, m_capacity);
    }
    m_size = 0;
}

void Secret::reserve(std::size_t capacity) {
    if (capacity <= m_capacity && m_data != nullptr) {
        return;
    }
    // sodium_malloc places the buffer against a guard page and mlocks it; a zero-size
    // request is still a valid, freeable allocation.
    auto* fresh = static_cast<char*>(sodium_malloc(std::max<std::size_t>(capacity, 1)));
    if (fresh == nullptr) {
        throw std::bad_alloc();
    }
    if (m_data != nullptr) {
        std::memcpy(fresh, m_data, m_size);
        sodium_free(m_data); // wipes the old buffer
    }
    m_data = fresh;
    m_capacity = std::max<std::size_t>(capacity, 1);
}

bool operator==(const Secret& a, const Secret& b) {
    return a.m_size == b.m_size && (a.m_size == 0 || sodium_memcmp(a.m_data, b.m_data, a.m_size) == 0);
}

void wipe(void* data, std::size_t size) {
    if (data != nullptr && size > 0) {
        sodium_memzero(data, size);
    }
}

} // namespace tessera::storage
