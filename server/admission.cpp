/// @file
/// @brief The worker pool's gate.
#include "admission.hpp"

#include <algorithm>

namespace diplosearch::server {

AdmissionControl::AdmissionControl(unsigned running, unsigned waiting)
    : m_max_running(std::max(running, 1U)), m_max_waiting(waiting) {}

AdmissionControl::Slot::~Slot() {
    if (m_owner) m_owner->release();
}

AdmissionControl::Slot AdmissionControl::admit(Clock::time_point deadline) {
    std::unique_lock lock(m_mutex);
    if (m_running < m_max_running && m_waiting == 0) {
        ++m_running;
        return Slot(*this);
    }
    if (m_waiting >= m_max_waiting) {
        throw ServiceUnavailable("every worker is busy and the queue is full");
    }
    ++m_waiting;
    const bool freed =
        m_freed.wait_until(lock, deadline, [&] { return m_running < m_max_running; });
    --m_waiting;
    if (!freed) throw ServiceUnavailable("the request waited past its deadline");
    ++m_running;
    return Slot(*this);
}

void AdmissionControl::release() {
    {
        const std::lock_guard lock(m_mutex);
        --m_running;
    }
    m_freed.notify_one();
}

unsigned AdmissionControl::running() const {
    const std::lock_guard lock(m_mutex);
    return m_running;
}

unsigned AdmissionControl::waiting() const {
    const std::lock_guard lock(m_mutex);
    return m_waiting;
}

}  // namespace diplosearch::server
