#include "ui/clipboard_guard.hpp"

#include <imgui.h>
#include <sodium.h>

#include <cstring>
#include <stdexcept>

namespace tessera::app {

ClipboardGuard::ClipboardGuard() {
    if (sodium_init() < 0) {
        throw std::runtime_error("libsodium could not start");
    }
    // A fingerprint keyed per process: one read from memory cannot be checked against guesses.
    randombytes_buf(m_key.data(), m_key.size());
}

ClipboardGuard::~ClipboardGuard() {
    if (m_context != nullptr && ImGui::GetCurrentContext() == m_context) {
        auto& io = ImGui::GetIO();
        if (io.ClipboardUserData == this) {
            io.SetClipboardTextFn = m_set;
            io.GetClipboardTextFn = m_get;
            io.ClipboardUserData = m_userData;
        }
    }
    sodium_memzero(m_key.data(), m_key.size());
}

void ClipboardGuard::attach() {
    auto* context = ImGui::GetCurrentContext();
    if (context == nullptr) {
        return;
    }
    auto& io = ImGui::GetIO();
    if (io.ClipboardUserData == this && context == m_context) {
        return;
    }
    m_context = context;
    m_set = io.SetClipboardTextFn;
    m_get = io.GetClipboardTextFn;
    m_userData = io.ClipboardUserData;
    io.SetClipboardTextFn = &ClipboardGuard::setText;
    io.GetClipboardTextFn = &ClipboardGuard::getText;
    io.ClipboardUserData = this;
    m_holdsOurs = false;
}

void ClipboardGuard::fingerprint(const char* text, std::array<unsigned char, 32>& out) const {
    const auto* bytes = reinterpret_cast<const unsigned char*>(text == nullptr ? "" : text);
    crypto_generichash(out.data(), out.size(), bytes, std::strlen(reinterpret_cast<const char*>(bytes)), m_key.data(),
                       m_key.size());
}

void ClipboardGuard::setText(void* guard, const char* text) {
    auto& self = *static_cast<ClipboardGuard*>(guard);
    if (self.m_set != nullptr) {
        self.m_set(self.m_userData, text);
    }
    self.fingerprint(text, self.m_copied);
    self.m_holdsOurs = text != nullptr && *text != '\0';
}

const char* ClipboardGuard::getText(void* guard) {
    const auto& self = *static_cast<ClipboardGuard*>(guard);
    return self.m_get != nullptr ? self.m_get(self.m_userData) : nullptr;
}

bool ClipboardGuard::clearIfOurs() {
    if (!m_holdsOurs || m_set == nullptr || m_get == nullptr) {
        return false;
    }
    m_holdsOurs = false;
    const char* text = m_get(m_userData);
    std::array<unsigned char, 32> current{};
    fingerprint(text, current);
    if (sodium_memcmp(current.data(), m_copied.data(), current.size()) != 0) {
        return false; // another program copied something since: not ours to clear
    }
    // While this app owns the clipboard, GLFW hands out its own copy of the text, which it would
    // release with free() (not zeroed) when the clipboard is set again: zero it where it lies
    // first. The pointer is GLFW's buffer and valid until the next clipboard call, which is the
    // one just below (docs/reliability.md, "Clipboard").
    sodium_memzero(const_cast<char*>(text), std::strlen(text));
    m_set(m_userData, "");
    return true;
}

} // namespace tessera::app
