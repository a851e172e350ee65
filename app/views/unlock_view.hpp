#pragma once

#include "tessera/storage/passphrase_strength.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>

namespace tessera::app {

class Application;

// The first screen: unlock an existing vault or create a new one. The passphrase is typed into
// a fixed buffer that is wiped as soon as it has been handed to the vault. What touches the disk
// or may be slow (which vault to offer, the strength estimate, opening the vault) is the unlock
// model's (Application::unlockModel), on workers.
class UnlockView {
public:
    enum class Mode { Unlock, Create };

    UnlockView();
    ~UnlockView();
    UnlockView(const UnlockView&) = delete;
    UnlockView& operator=(const UnlockView&) = delete;

    void draw(Application& app);

    // The estimate the meter shows for the passphrase typed (Create mode, once something is typed;
    // made on a worker, so it may be that of the previous keystroke for a frame or two).
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
    bool m_submitted = false; // an unlock or create was asked for and its outcome not yet seen
    bool m_initialised = false;
    // Edits of the passphrase or the path: the model estimates again only when this changes.
    std::uint64_t m_edits = 0;
    // Create was asked for (Enter) while the estimate for what is typed was still being made:
    // submitted once it arrives, unless the passphrase or path is edited meanwhile.
    std::optional<std::uint64_t> m_submitWhenEstimated;
    // The meter's estimate (a copy of the model's newest); holds no part of the passphrase.
    std::optional<storage::PassphraseStrength> m_strength;
};

} // namespace tessera::app
