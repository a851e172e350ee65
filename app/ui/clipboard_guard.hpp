#pragma once

// Locking clears the clipboard when it still holds text this app put there (issue 13, item 3):
// copied note text must not outlive the unlocked vault. The guard sits between ImGui and the
// system clipboard (ImGuiIO's clipboard functions, set by the GLFW backend or by a test), and
// remembers only a keyed fingerprint of what it passed on, never the text itself.

#include <array>
#include <cstddef>

struct ImGuiContext;

namespace tessera::app {

class ClipboardGuard {
public:
    ClipboardGuard();
    ~ClipboardGuard(); // gives the context its own functions back
    ClipboardGuard(const ClipboardGuard&) = delete;
    ClipboardGuard& operator=(const ClipboardGuard&) = delete;

    // Puts the guard between the current ImGui context and its clipboard (once per context).
    void attach();
    // Empties the system clipboard if it still holds the text this app last put there; text
    // another program copied since is left alone. Returns whether it cleared it.
    bool clearIfOurs();

private:
    static void setText(void* guard, const char* text);
    static const char* getText(void* guard);
    void fingerprint(const char* text, std::array<unsigned char, 32>& out) const;

    ImGuiContext* m_context = nullptr;
    void (*m_set)(void*, const char*) = nullptr;
    const char* (*m_get)(void*) = nullptr;
    void* m_userData = nullptr;
    std::array<unsigned char, 32> m_key{};
    std::array<unsigned char, 32> m_copied{};
    bool m_holdsOurs = false;
};

} // namespace tessera::app
