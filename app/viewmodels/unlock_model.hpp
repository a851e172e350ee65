#pragma once

// The unlock screen's model, and the owner of the vault's opening and closing. Everything that
// touches the disk or may be slow runs on a worker, so the screen keeps drawing: which vault to
// offer first (does the standard vault exist yet?), the strength estimate of a new passphrase
// (zxcvbn, the estimate tessera-cli applies too), key derivation and opening or creating the
// vault, and, when the vault locks, remembering where the clinician was and closing it (the
// checkpoint, waiting for the page check). An unlock asked for while the previous vault still
// closes starts once it has closed: the file is the same, and its lock is held until then. No
// ImGui here.

#include "viewmodels/background_build.hpp"
#include "viewmodels/task.hpp"
#include "viewmodels/vault_task.hpp"

#include "tessera/storage/passphrase_strength.hpp"
#include "tessera/storage/secret.hpp"
#include "tessera/storage/vault.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::app {

// A vault opened on the worker, with where the clinician was when it last locked.
struct OpenedVault {
    storage::Vault vault;
    storage::WorkspacePlace place;
    std::filesystem::path path; // as the clinician named it (remembered as a recent vault)
};

// What the unlock screen offers first: the most recent vault, else the standard path; and the
// create screen when there is no recent vault and nothing at the standard path yet.
struct UnlockStart {
    std::string path;
    bool create = false;
};

// A recent vault as the screen lists it.
struct RecentVault {
    std::string path;
    std::string name; // the file name, the button's label
};

// What the screen passes each frame.
struct UnlockInputs {
    std::span<const std::string> recent = {}; // the settings' recent vaults, newest first
    bool create = false;                      // the create screen is shown
    std::string_view path = {};               // the vault file as typed
    // The new passphrase as typed (read only on the create screen, and copied, into locked
    // memory, only when it or the path changed), and a count the view bumps at each edit of
    // either: the estimate is keyed on it, so no copy of the passphrase is kept to compare.
    std::string_view passphrase = {};
    std::uint64_t edits = 0;
};

class UnlockModel {
public:
    UnlockModel() = default;
    // Waits for the workers: a vault being closed is closed (and its place written) first.
    ~UnlockModel() = default;
    UnlockModel(const UnlockModel&) = delete;
    UnlockModel& operator=(const UnlockModel&) = delete;

    // ---- The screen, each frame
    // Takes finished work and starts what the inputs need (the first choice of vault, an
    // estimate for a passphrase edited since the last). Returns true when something arrived.
    bool update(const UnlockInputs& inputs);
    // Where the screen starts; nullopt until known (the view draws no form meanwhile).
    [[nodiscard]] const std::optional<UnlockStart>& start() const { return m_start; }
    [[nodiscard]] const std::vector<RecentVault>& recent() const { return m_recent; }
    // The estimate for the passphrase as it stands after `edits` edits, for the vault at `path`;
    // nullptr while it is made (or when nothing is typed).
    [[nodiscard]] const storage::PassphraseStrength* strengthFor(std::string_view path, std::uint64_t edits) const;
    // The newest estimate made, possibly for an earlier edit (the meter shows it meanwhile).
    [[nodiscard]] const storage::PassphraseStrength* lastStrength() const;
    [[nodiscard]] bool estimating() const { return m_strength.building(); }
    // Drops the estimate and the copy of the passphrase it was made from (after submitting,
    // leaving the create screen, locking).
    void forgetPassphrase();
    // The same estimate as tessera-cli's (storage::estimatePassphraseStrength); runs on the
    // worker, and in tests.
    [[nodiscard]] static storage::PassphraseStrength passphraseStrength(std::string_view passphrase,
                                                                        const std::filesystem::path& vault);
    // What the screen offers first with these recent vaults (checks whether the standard vault
    // exists when there is none): runs on the worker.
    [[nodiscard]] static UnlockStart chooseStart(const std::vector<std::string>& recent,
                                                 const std::filesystem::path& standard);

    // ---- Opening and closing the vault
    // Key derivation and opening (or creating, with its folder) on a worker. Ignored while an
    // unlock is already asked for. The passphrase moves to the worker and is wiped with it.
    void beginUnlock(const std::filesystem::path& path, storage::Secret passphrase);
    void beginCreate(const std::filesystem::path& path, storage::Secret passphrase);
    // True from beginUnlock/beginCreate until takeOpened() has taken the outcome (also while the
    // previous vault is still closing).
    [[nodiscard]] bool isUnlocking() const { return m_request.has_value() || m_opening.isRunning(); }
    [[nodiscard]] double unlockingSeconds() const;
    // Why the last unlock failed (wrong passphrase, not a vault, damaged...).
    [[nodiscard]] const std::optional<std::string>& unlockError() const { return m_error; }
    // Records why a vault that opened could not be shown (the application's part failed).
    void failUnlock(std::string message) { m_error = std::move(message); }
    // On the UI thread, each frame: the vault once it is open, then never again. Takes a closing
    // that has finished first, and starts an unlock that waited for it.
    [[nodiscard]] std::optional<OpenedVault> takeOpened();

    // Closes `vault` on a worker, after remembering `place` in it (once its page check has ended,
    // so that a lock right after unlocking remembers it too). The caller has already dropped
    // everything else that showed the vault's data.
    void close(storage::Vault vault, std::optional<storage::WorkspacePlace> place);
    [[nodiscard]] bool closing() const { return m_closing.running(); }

    // True while anything runs on a worker (the platform then keeps drawing frames).
    [[nodiscard]] bool hasBackgroundWork() const;
    // Blocks until the vault being closed is closed and an opening running or waiting for it has
    // finished (takeOpened() then has it). For automation and tests.
    void waitForUnlock();
    // Blocks until the screen's work (the first choice, an estimate), a closing and an opening
    // have finished; the next update() and takeOpened() take them. For tests.
    void waitForBackgroundWork();

private:
    struct Request {
        bool create = false;
        std::filesystem::path path;
        storage::Secret passphrase;
    };
    struct StartInputs {
        std::vector<std::string> recent;
        std::filesystem::path standard;
        friend bool operator==(const StartInputs&, const StartInputs&) = default;
    };
    // An estimate is keyed on the path and the edit count; the passphrase rides along, shared, so
    // that the build's copy of its inputs is the only copy.
    struct StrengthInputs {
        std::string path;
        std::uint64_t edits = 0;
        std::shared_ptr<const storage::Secret> passphrase;
        friend bool operator==(const StrengthInputs& a, const StrengthInputs& b) {
            return a.path == b.path && a.edits == b.edits;
        }
    };

    void request(bool create, const std::filesystem::path& path, storage::Secret passphrase);
    // Takes a finished closing and starts the unlock that waited for it.
    void advance();

    std::optional<UnlockStart> m_start;
    std::vector<RecentVault> m_recent;
    std::vector<std::string> m_recentPaths;         // what m_recent was made from
    std::optional<StartInputs> m_startWanted;       // the newest first choice asked for
    std::optional<StrengthInputs> m_strengthWanted; // the estimate the screen needs now

    std::optional<Request> m_request; // waiting for the previous vault to close
    std::filesystem::path m_openingPath;
    std::chrono::steady_clock::time_point m_since;
    std::optional<std::string> m_error;

    // Workers last: destroyed (and so joined) first, the closing before anything else goes.
    BackgroundBuild<StartInputs, UnlockStart> m_startBuild;
    BackgroundBuild<StrengthInputs, storage::PassphraseStrength> m_strength;
    Task<OpenedVault> m_opening;
    VaultTask<> m_closing;
};

} // namespace tessera::app
