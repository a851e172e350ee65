#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tessera::storage {

// A passphrase (or other key material) in memory that is locked against swapping, guarded
// against overflow, and wiped when the object goes away (libsodium's sodium_malloc).
class Secret {
public:
    Secret();
    explicit Secret(std::string_view text);
    ~Secret();
    Secret(const Secret& other);
    Secret& operator=(const Secret& other);
    Secret(Secret&& other) noexcept;
    Secret& operator=(Secret&& other) noexcept;

    // Takes the characters of `text` and wipes the string, so that no copy lingers in ordinary memory.
    [[nodiscard]] static Secret takeFrom(std::string& text);

    [[nodiscard]] const char* data() const { return m_data; }
    [[nodiscard]] std::size_t size() const { return m_size; }
    [[nodiscard]] bool empty() const { return m_size == 0; }
    [[nodiscard]] std::string_view view() const { return {m_data, m_size}; }
    void append(char c);
    void clear();

    friend bool operator==(const Secret& a, const Secret& b);

private:
    void reserve(std::size_t capacity);

    char* m_data = nullptr;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
};

// Overwrites `size` bytes at `data` with zeros in a way the compiler cannot optimise away
// (for text-entry buffers that held a passphrase).
void wipe(void* data, std::size_t size);

} // namespace tessera::storage
