#include "viewmodels/task.hpp"

namespace tessera::app {

TaskRunner::~TaskRunner() {
    cancel();
    wait();
}

void TaskRunner::cancel() {
    if (m_control) {
        m_control->m_cancelled.store(true);
    }
}

void TaskRunner::wait() {
    if (m_thread.joinable() && m_thread.get_id() != std::this_thread::get_id()) {
        m_thread.join();
    }
}

void TaskRunner::launch(std::function<void(TaskControl&)> body) {
    m_finished.store(false);
    m_control = std::make_unique<TaskControl>();
    m_thread = std::thread([this, body = std::move(body), control = m_control.get()] {
        body(*control);
        m_finished.store(true);
    });
}

bool TaskRunner::collect() {
    if (!m_finished.load()) {
        return false;
    }
    if (m_thread.joinable()) { // not yet joined by wait()
        m_thread.join();
    }
    m_finished.store(false);
    return true;
}

} // namespace tessera::app
