#pragma once

#include <array>
#include <string>

namespace tessera::app {

class Application;

// The first screen: unlock an existing vault or create a new one. The passphrase is typed into
// a fixed buffer that is wiped as soon as it has been handed to the vault.
class UnlockView {
public:
    enum class Mode { Unlock, Create };

    UnlockView();
    ~UnlockView();
    UnlockView(const UnlockView&) = delete;
    UnlockView& operator=(const UnlockView&) = delete;

    void draw(Application& app);

    // A rough strength hint for a new passphrase: 0 too short, 1 weak, 2 fair, 3 strong.
    [[nodiscard]] static int passphraseStrength(const char* passphrase);

    [[nodiscard]] Mode mode() const { return m_mode; }

private:
    void submit(Application& app);
    void wipeBuffers();

    Mode m_mode = Mode::Unlock;
    std::array<char, 1024> m_path{};
    std::array<char, 256> m_passphrase{};
    std::array<char, 256> m_repeat{};
    std::string m_localError;
    bool m_focusPassphrase = true;
    bool m_initialised = false;
};

} // namespace tessera::app
