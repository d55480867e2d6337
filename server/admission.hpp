/// @file
/// @brief The bounded worker pool's gate: at most N requests run, at most Q wait, and a
/// request that cannot start before its deadline is turned away.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "diplosearch/errors.hpp"

namespace diplosearch::server {

/// The service is busy: the request was not run (HTTP 503 with Retry-After).
class ServiceUnavailable : public Error {
  public:
    using Error::Error;
};

/// Admits requests to run. Connection threads call admit(); the returned Slot is
/// held for as long as the request runs.
class AdmissionControl {
  public:
    using Clock = std::chrono::steady_clock;

    /// @param running requests that run at once (at least 1); @param waiting requests
    /// that may wait for one of them.
    AdmissionControl(unsigned running, unsigned waiting);
    AdmissionControl(const AdmissionControl&) = delete;
    AdmissionControl& operator=(const AdmissionControl&) = delete;

    /// A place among the running requests, given back when destroyed.
    class Slot {
      public:
        explicit Slot(AdmissionControl& owner) : m_owner(&owner) {}
        Slot(Slot&& other) noexcept : m_owner(other.m_owner) { other.m_owner = nullptr; }
        Slot(const Slot&) = delete;
        Slot& operator=(const Slot&) = delete;
        Slot& operator=(Slot&&) = delete;
        ~Slot();

      private:
        AdmissionControl* m_owner;
    };

    /// Waits for a place until @p deadline.
    /// @throws ServiceUnavailable at once when the waiting line is full, or when
    /// @p deadline passes first.
    Slot admit(Clock::time_point deadline);

    unsigned running() const;  ///< Requests running now.
    unsigned waiting() const;  ///< Requests waiting now.

  private:
    void release();

    const unsigned m_max_running;
    const unsigned m_max_waiting;
    mutable std::mutex m_mutex;
    std::condition_variable m_freed;
    unsigned m_running = 0;
    unsigned m_waiting = 0;
};

}  // namespace diplosearch::server
