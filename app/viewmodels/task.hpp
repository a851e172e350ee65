#pragma once

// One piece of background work with its result collected on the UI thread (in the spirit of
// ImHex's TaskHolder). start() runs a callable on a worker thread; the view keeps drawing, shows
// isRunning() and progress(), and calls poll() each frame to take the outcome (the value, or the
// message of the exception the work threw) exactly once. cancel() asks the work to stop at its
// next check of TaskControl::cancelled(). The destructor cancels and waits for the worker, so
// the work may safely use objects that outlive the Task (declare the Task after them).

#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>

namespace tessera::app {

// What the work sees of its task: whether it should stop, and where to report progress.
class TaskControl {
public:
    [[nodiscard]] bool cancelled() const { return m_cancelled.load(); }
    void setProgress(float fraction) { m_progress.store(fraction); }

private:
    friend class TaskRunner;
    std::atomic<bool> m_cancelled{false};
    std::atomic<float> m_progress{0.0f};
};

// The thread and the flags, without the result type (task.cpp).
class TaskRunner {
public:
    TaskRunner() = default;
    ~TaskRunner();
    TaskRunner(const TaskRunner&) = delete;
    TaskRunner& operator=(const TaskRunner&) = delete;

    // True from start() until the outcome has been taken with poll().
    [[nodiscard]] bool isRunning() const { return m_thread.joinable() || m_finished.load(); }
    // True once the work has returned or thrown (the outcome is waiting for poll()).
    [[nodiscard]] bool isFinished() const { return m_finished.load(); }
    [[nodiscard]] float progress() const { return m_control ? m_control->m_progress.load() : 0.0f; }
    void cancel();
    // Blocks until the work has finished. For shutdown, a note being closed, and tests.
    void wait();

protected:
    // Runs `body` on a new thread; `body` must not throw (the template catches for it).
    void launch(std::function<void(TaskControl&)> body);
    // Joins a finished worker; false when there is none or it is still working.
    bool collect();

private:
    std::thread m_thread;
    std::unique_ptr<TaskControl> m_control;
    std::atomic<bool> m_finished{false};
};

template <typename Result> class Task : public TaskRunner {
public:
    struct Outcome {
        std::optional<Result> value; // set when the work returned
        std::string error;           // the exception's message when it threw
        bool cancelled = false;      // cancel() was called before the work ended
        [[nodiscard]] bool succeeded() const { return value.has_value(); }
    };

    ~Task() {
        // Before m_outcome goes: the worker writes into it.
        cancel();
        wait();
    }

    // Starts `work(TaskControl&) -> Result` on a worker. Refused (false) while one is running.
    template <typename Work> bool start(Work work) {
        if (isRunning()) {
            return false;
        }
        m_outcome = Outcome{};
        launch([this, work = std::move(work)](TaskControl& control) mutable {
            Outcome outcome;
            try {
                outcome.value.emplace(work(control));
            } catch (const std::exception& error) {
                outcome.error = error.what();
            } catch (...) {
                outcome.error = "An unexpected error stopped the work.";
            }
            outcome.cancelled = control.cancelled();
            const std::lock_guard<std::mutex> guard(m_mutex);
            m_outcome = std::move(outcome);
        });
        return true;
    }

    // On the UI thread, each frame: the outcome once the work has finished, then never again.
    [[nodiscard]] std::optional<Outcome> poll() {
        if (!collect()) {
            return std::nullopt;
        }
        const std::lock_guard<std::mutex> guard(m_mutex);
        return std::exchange(m_outcome, Outcome{});
    }

private:
    std::mutex m_mutex;
    Outcome m_outcome;
};

} // namespace tessera::app
