/// @file
/// @brief A second thread that extracts metadata and builds Xapian documents
/// while the job's own thread reads input and writes the database.
///
/// Why one worker and not a pool: on the two-core machines we target, the
/// writer (Xapian's in-memory buffer and its flush) keeps one core busy, and
/// extraction plus tokenising keeps the other about as busy. Results come back
/// in submission order, so documents get the same docids, batches and
/// checkpoints as when built inline.
#pragma once

#include <xapian.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "diplosearch/document.hpp"
#include "near_duplicate.hpp"

namespace diplosearch::indexer {

/// A document on its way through the pipeline: what the writer needs to
/// finish and report it, and (once built) its Xapian document.
struct BuildJob {
    unsigned shard = 0;  ///< The shard it is written to (0 when unsharded).
    Document document;
    std::string origin;  ///< Where it came from, to report a rejection.
    std::uint64_t line = 0;
    std::string origin_key;
    std::string id_term;
    std::string hash;
    std::uint64_t bytes = 0;  ///< Title and text bytes: the job's weight in the queue.
    bool replaces = false;    ///< Whether a document with this id is indexed already.
    Xapian::Document xdoc;
    /// For the near-duplicate check, which the writer finishes against the database.
    near_duplicate::TextFingerprint fingerprint;
    std::exception_ptr error;  ///< Set when building threw; xdoc is then empty.
};

class BuildPipeline {
  public:
    /// Runs on the worker thread: fills in the job's xdoc and fingerprint from
    /// its document; must not touch anything the writer uses.
    using Build = std::function<void(BuildJob&)>;

    /// @param max_jobs, @param max_bytes how much may be queued or built but
    /// not yet taken back, so memory stays bounded by bytes, not by corpus size.
    BuildPipeline(Build build, std::size_t max_jobs, std::uint64_t max_bytes);
    /// Stops the worker; jobs not taken back are dropped.
    ~BuildPipeline();
    BuildPipeline(const BuildPipeline&) = delete;
    BuildPipeline& operator=(const BuildPipeline&) = delete;

    void submit(BuildJob job);

    /// The oldest job if it is built; with @p wait, waits for it. nullopt when
    /// nothing is in flight (or, without @p wait, the oldest is not built yet).
    std::optional<BuildJob> take(bool wait);

    /// Whether submit() should wait for a take() first.
    bool full() const;
    bool empty() const;

  private:
    void run();

    Build m_build;
    std::size_t m_max_jobs;
    std::uint64_t m_max_bytes;
    mutable std::mutex m_mutex;
    std::condition_variable m_work_ready;
    std::condition_variable m_result_ready;
    std::deque<BuildJob> m_waiting;  // Submitted, not started.
    std::deque<BuildJob> m_built;    // Built, in submission order.
    std::size_t m_in_flight = 0;     // Submitted and not taken back.
    std::uint64_t m_in_flight_bytes = 0;
    bool m_stopping = false;
    std::thread m_worker;  // Last: started once everything above exists.
};

}  // namespace diplosearch::indexer
