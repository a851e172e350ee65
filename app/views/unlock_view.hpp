#pragma once

#include "tessera/storage/passphrase_strength.hpp"

#include <array>
#include <filesystem>
#include <optional>
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

    // The strength of a new passphrase for the vault at `vault`: the estimate tessera-cli applies
    // too (storage::estimatePassphraseStrength, zxcvbn).
    [[nodiscard]] static storage::PassphraseStrength passphraseStrength(const char* passphrase,
                                                                        const std::filesystem::path& vault);
    // The estimate the meter shows for the passphrase typed (Create mode, once something is typed).
    [[nodiscard]] const std::optional<storage::PassphraseStrength>& strength() const { return m_strength; }

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
    bool m_wasBusy = false; // an unlock was running in the last frame
    bool m_initialised = false;
    // Estimated again only when the passphrase or the path is edited (not every frame); holds no
    // part of the passphrase.
    std::optional<storage::PassphraseStrength> m_strength;
};

} // namespace tessera::app
