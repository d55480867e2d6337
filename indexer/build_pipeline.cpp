/// @file
/// @brief The build worker thread and its two queues.
#include "build_pipeline.hpp"

namespace diplosearch::indexer {

BuildPipeline::BuildPipeline(Build build, std::size_t max_jobs, std::uint64_t max_bytes)
    : m_build(std::move(build)),
      m_max_jobs(max_jobs == 0 ? 1 : max_jobs),
      m_max_bytes(max_bytes),
      m_worker([this] { run(); }) {}

BuildPipeline::~BuildPipeline() {
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_work_ready.notify_all();
    m_worker.join();
}

void BuildPipeline::submit(BuildJob job) {
    {
        const std::lock_guard lock(m_mutex);
        ++m_in_flight;
        m_in_flight_bytes += job.bytes;
        m_waiting.push_back(std::move(job));
    }
    m_work_ready.notify_one();
}

std::optional<BuildJob> BuildPipeline::take(bool wait) {
    std::unique_lock lock(m_mutex);
    if (m_in_flight == 0) return std::nullopt;
    if (wait) {
        m_result_ready.wait(lock, [this] { return !m_built.empty(); });
    } else if (m_built.empty()) {
        return std::nullopt;
    }
    BuildJob job = std::move(m_built.front());
    m_built.pop_front();
    --m_in_flight;
    m_in_flight_bytes -= job.bytes;
    return job;
}

bool BuildPipeline::full() const {
    const std::lock_guard lock(m_mutex);
    // One job always fits, however large: a document bigger than the byte
    // bound must still go through.
    return m_in_flight >= m_max_jobs || (m_in_flight > 0 && m_in_flight_bytes >= m_max_bytes);
}

bool BuildPipeline::empty() const {
    const std::lock_guard lock(m_mutex);
    return m_in_flight == 0;
}

void BuildPipeline::run() {
    for (;;) {
        BuildJob job;
        {
            std::unique_lock lock(m_mutex);
            m_work_ready.wait(lock, [this] { return m_stopping || !m_waiting.empty(); });
            if (m_stopping) return;
            job = std::move(m_waiting.front());
            m_waiting.pop_front();
        }
        try {
            m_build(job);
        } catch (...) {
            // Handed back to the writer, which rejects the document or fails
            // the job as building it inline would have.
            job.error = std::current_exception();
        }
        {
            const std::lock_guard lock(m_mutex);
            m_built.push_back(std::move(job));
        }
        m_result_ready.notify_one();
    }
}

}  // namespace diplosearch::indexer
