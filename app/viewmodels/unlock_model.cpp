#include "viewmodels/unlock_model.hpp"

#include <algorithm>
#include <exception>
#include <system_error>
#include <utility>

namespace tessera::app {

// ---- The screen

bool UnlockModel::update(const UnlockInputs& inputs) {
    bool arrived = false;
    if (!std::equal(inputs.recent.begin(), inputs.recent.end(), m_recentPaths.begin(), m_recentPaths.end())) {
        m_recentPaths.assign(inputs.recent.begin(), inputs.recent.end());
        m_recent.clear();
        for (const auto& path : m_recentPaths) {
            m_recent.push_back({path, std::filesystem::path(path).filename().string()});
        }
    }

    // Where to start: the most recent vault needs no look at the disk; without one, whether the
    // standard vault exists is checked on the worker.
    if (m_recentPaths.empty()) {
        m_startWanted = StartInputs{{}, storage::defaultVaultPath()};
    }
    if (m_startWanted) {
        // Also when a recent vault has appeared since: a check asked for earlier is taken.
        arrived |= m_startBuild.update(*m_startWanted, [](const StartInputs& start, TaskControl&) {
            return chooseStart(start.recent, start.standard);
        });
    }
    if (!m_recentPaths.empty()) {
        m_start = UnlockStart{m_recentPaths.front(), false};
    } else if (m_startBuild.shownInputs() != m_startWanted) {
        m_start.reset();
    } else if (const auto* start = m_startBuild.snapshot()) {
        m_start = *start;
    } else {
        m_start = UnlockStart{m_startWanted->standard.string(), false}; // the check failed: offer to unlock
    }

    // The strength of a new passphrase, estimated again only when it or the path was edited.
    if (!inputs.create || inputs.passphrase.empty()) {
        forgetPassphrase();
    } else {
        if (!m_strengthWanted || m_strengthWanted->edits != inputs.edits || m_strengthWanted->path != inputs.path) {
            m_strengthWanted = StrengthInputs{std::string{inputs.path}, inputs.edits,
                                              std::make_shared<const storage::Secret>(inputs.passphrase)};
        }
        arrived |= m_strength.update(*m_strengthWanted, [](const StrengthInputs& wanted, TaskControl&) {
            return passphraseStrength(wanted.passphrase->view(), wanted.path);
        });
    }
    return arrived;
}

const storage::PassphraseStrength* UnlockModel::strengthFor(std::string_view path, std::uint64_t edits) const {
    const auto& shown = m_strength.shownInputs();
    if (!m_strengthWanted || !shown || shown->edits != edits || shown->path != path) {
        return nullptr;
    }
    return m_strength.snapshot();
}

const storage::PassphraseStrength* UnlockModel::lastStrength() const {
    return m_strengthWanted ? m_strength.snapshot() : nullptr;
}

void UnlockModel::forgetPassphrase() {
    if (m_strengthWanted || m_strength.shownInputs() || m_strength.building()) {
        m_strength.clear(); // its copies of the inputs, and so the passphrase's, go with it
    }
    m_strengthWanted.reset();
}

storage::PassphraseStrength UnlockModel::passphraseStrength(std::string_view passphrase,
                                                            const std::filesystem::path& vault) {
    return storage::estimatePassphraseStrength(passphrase, vault);
}

UnlockStart UnlockModel::chooseStart(const std::vector<std::string>& recent, const std::filesystem::path& standard) {
    if (!recent.empty()) {
        return {recent.front(), false};
    }
    std::error_code error;
    return {standard.string(), !std::filesystem::exists(standard, error)};
}

// ---- Opening and closing

void UnlockModel::beginUnlock(const std::filesystem::path& path, storage::Secret passphrase) {
    request(false, path, std::move(passphrase));
}

void UnlockModel::beginCreate(const std::filesystem::path& path, storage::Secret passphrase) {
    request(true, path, std::move(passphrase));
}

void UnlockModel::request(bool create, const std::filesystem::path& path, storage::Secret passphrase) {
    if (isUnlocking()) {
        return;
    }
    m_error.reset();
    m_since = std::chrono::steady_clock::now();
    m_request = Request{create, path, std::move(passphrase)};
    advance();
}

void UnlockModel::advance() {
    if (m_closing.poll()) {
        // Closed. Nothing to report: where the clinician was is a convenience, and a close cannot
        // fail in a way they could act on.
    }
    if (!m_request || m_closing.running() || m_opening.isRunning()) {
        return;
    }
    auto request = std::exchange(m_request, std::nullopt);
    m_openingPath = request->path;
    // The passphrase moves into the worker and is wiped when it finishes.
    (void)m_opening.start([create = request->create, path = request->path,
                           secret = std::move(request->passphrase)](TaskControl&) {
        if (create) {
            std::error_code error;
            if (const auto folder = path.parent_path(); !folder.empty() && !std::filesystem::exists(folder, error)) {
                std::filesystem::create_directories(folder, error);
                std::filesystem::permissions(folder, std::filesystem::perms::owner_all, error);
            }
            return OpenedVault{storage::Vault::create(path, secret), {}, path};
        }
        auto vault = storage::Vault::open(path, secret);
        auto place = vault.lastPlace();
        return OpenedVault{std::move(vault), std::move(place), path};
    });
}

double UnlockModel::unlockingSeconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_since).count();
}

std::optional<OpenedVault> UnlockModel::takeOpened() {
    advance();
    auto outcome = m_opening.poll();
    if (!outcome) {
        return std::nullopt; // still deriving the key (or nothing asked)
    }
    if (!outcome->succeeded()) {
        m_error = outcome->error; // wrong passphrase, not a vault, damaged...
        return std::nullopt;
    }
    m_error.reset();
    return std::move(outcome->value);
}

void UnlockModel::close(storage::Vault vault, std::optional<storage::WorkspacePlace> place) {
    if (m_closing.running()) {
        // Only one vault is open at a time, and the next opens after this one has closed; this
        // is for safety only.
        m_closing.wait();
        (void)m_closing.poll();
    }
    // Shared, because the task's callable must be copyable; the worker drops the only reference.
    auto closing = std::make_shared<storage::Vault>(std::move(vault));
    (void)m_closing.start([closing = std::move(closing), place = std::move(place)]() mutable {
        if (place) {
            try {
                // Closing waits for the page check anyway; waiting first means that a lock right
                // after unlocking remembers the place too (rememberPlace skips while it runs).
                closing->awaitPageCheck();
                closing->rememberPlace(*place);
            } catch (const std::exception&) {
                // Where the clinician was is a convenience: locking never fails for it (a damaged
                // vault refuses the write, and is closed all the same).
            }
        }
        closing.reset(); // closes the vault: SQLite drops the key, Secret wipes the passphrase
    });
}

// ---- Waiting

bool UnlockModel::hasBackgroundWork() const {
    return isUnlocking() || closing() || m_startBuild.building() || m_strength.building();
}

void UnlockModel::waitForUnlock() {
    m_closing.wait();
    advance(); // takes the closing, and starts an unlock that waited for it
    m_opening.wait();
}

void UnlockModel::waitForBackgroundWork() {
    m_startBuild.wait();
    m_strength.wait();
    waitForUnlock();
}

} // namespace tessera::app
