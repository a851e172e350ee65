#pragma once

// One piece of vault work at a time on a worker (a Task): a change (a save), or the read a dialog
// opens with. The view starts it and keeps drawing, shows "Saving…" while running(), and each
// frame takes the outcome once: the result, or the message of what went wrong. Every view that
// writes uses this rather than a hand-written Task, so that "a change waits on a worker, never on
// the UI thread" (right after unlocking a change waits for the vault's page check) is written
// once.

#include "viewmodels/task.hpp"

#include <optional>
#include <string>
#include <type_traits>
#include <utility>

namespace tessera::app {

// What a change without a result returns.
struct Written {};

template <typename Result = Written> class VaultTask {
public:
    struct Outcome {
        std::optional<Result> value; // set when the change was made
        std::string error;           // what went wrong otherwise (nothing was changed then)
        [[nodiscard]] bool ok() const { return value.has_value(); }
    };

    // Starts `change()` on a worker; it may return Result (or nothing, for VaultTask<>).
    // Refused (false) while another change of this writer runs. `change` must only use what
    // outlives the writer (the vault, its own copies).
    template <typename Change> bool start(Change change) {
        return m_task.start([change = std::move(change)](TaskControl&) mutable -> Result {
            if constexpr (std::is_void_v<decltype(change())>) {
                change();
                return Result{};
            } else {
                return change();
            }
        });
    }

    [[nodiscard]] bool running() const { return m_task.isRunning(); }

    // On the UI thread, each frame: the outcome once the change has finished, then never again.
    [[nodiscard]] std::optional<Outcome> poll() {
        auto outcome = m_task.poll();
        if (!outcome) {
            return std::nullopt;
        }
        return Outcome{std::move(outcome->value), outcome->succeeded() ? std::string{} : outcome->error};
    }

    // poll() for views: the result once the work has finished; a failure goes to `onError`
    // (the message) instead, and nothing is returned for it.
    template <typename OnError> [[nodiscard]] std::optional<Result> take(OnError onError) {
        auto outcome = poll();
        if (!outcome) {
            return std::nullopt;
        }
        if (!outcome->ok()) {
            onError(outcome->error);
        }
        return std::move(outcome->value);
    }

    // Blocks until the change running has finished (poll() still takes its outcome). For
    // tests, and for a view closing with a change in flight.
    void wait() { m_task.wait(); }

private:
    Task<Result> m_task;
};

} // namespace tessera::app
