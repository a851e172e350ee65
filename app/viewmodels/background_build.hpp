#pragma once

// What a view-model shows, built on a worker (Task) whenever the view's inputs change, so that
// the UI thread never waits for the vault. The newest inputs win: a build for inputs that have
// since changed is asked to stop and its result is dropped. Until the build for the current
// inputs arrives, the previous snapshot stays available (the view decides whether it may still
// be shown, e.g. only while the client is the same). A build that throws leaves its message in
// error() and is not retried until the inputs change.

#include "viewmodels/task.hpp"

#include <functional>
#include <optional>
#include <string>
#include <utility>

namespace tessera::app {

template <typename Inputs, typename Snapshot> class BackgroundBuild {
public:
    // Runs on the worker; must only read what outlives this object (the vault, the inputs copy).
    using Builder = std::function<Snapshot(const Inputs&, TaskControl&)>;

    // Each frame, on the UI thread. Takes a finished build and starts one for `inputs` when they
    // differ from those of the snapshot (or of the build running). Returns true when a new
    // snapshot (or a new error) arrived in this call.
    bool update(const Inputs& inputs, const Builder& build) {
        bool arrived = false;
        if (auto outcome = m_task.poll()) {
            if (m_building && *m_building == inputs && !outcome->cancelled) {
                m_shown = *m_building;
                m_snapshot = std::move(outcome->value);
                m_error = outcome->succeeded() ? std::nullopt : std::optional{outcome->error};
                ++m_builds;
                arrived = true;
            }
            m_building.reset();
        }
        if (m_building && !(*m_building == inputs)) {
            m_task.cancel(); // stale: its result will be dropped when it ends
        }
        if (!m_task.isRunning() && !(m_shown && *m_shown == inputs)) {
            m_building = inputs;
            m_task.start([build, copy = inputs](TaskControl& control) { return build(copy, control); });
        }
        return arrived;
    }

    // The newest snapshot taken (nullptr before the first, or after a failed build).
    [[nodiscard]] const Snapshot* snapshot() const { return m_snapshot ? &*m_snapshot : nullptr; }
    // The inputs of the snapshot or error shown.
    [[nodiscard]] const std::optional<Inputs>& shownInputs() const { return m_shown; }
    [[nodiscard]] const std::optional<std::string>& error() const { return m_error; }
    // True while a build for inputs other than the shown ones runs.
    [[nodiscard]] bool building() const { return m_building.has_value(); }
    // How many builds arrived (for tests and diagnostics).
    [[nodiscard]] int builds() const { return m_builds; }

    // Blocks until the running build has finished (the next update takes it). For tests, and
    // for the owner's destruction (the Task's destructor also waits).
    void wait() { m_task.wait(); }
    // For tests and automation: waits for each build and lets `takeWith` (the owner's update)
    // take it, until none runs (a take may start the next build, for inputs changed meanwhile).
    template <typename TakeWith> void settle(TakeWith takeWith) {
        while (building()) {
            wait();
            takeWith();
        }
    }

    // Forgets the snapshot (on lock); a running build is stopped and dropped.
    void clear() {
        m_task.cancel();
        m_task.wait();
        (void)m_task.poll();
        m_building.reset();
        m_shown.reset();
        m_snapshot.reset();
        m_error.reset();
    }

private:
    std::optional<Inputs> m_shown;
    std::optional<Inputs> m_building;
    std::optional<Snapshot> m_snapshot;
    std::optional<std::string> m_error;
    int m_builds = 0;
    Task<Snapshot> m_task; // last: destroyed (cancelled and joined) first
};

} // namespace tessera::app
