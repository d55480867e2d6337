/// @file
/// @brief Request counters and latency histograms, written in the Prometheus text format.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "diplosearch/searcher.hpp"

namespace diplosearch::server {

/// What /metrics reports besides the request counters, read when it is asked for.
struct ServiceGauges {
    IndexInfo index;
    unsigned running = 0;  ///< Requests running now.
    unsigned waiting = 0;  ///< Requests waiting for a worker now.
};

/// Counts requests by route and status and their latencies by route. Thread-safe.
class Metrics {
  public:
    /// Upper bounds of the latency buckets, in seconds (+Inf is implied).
    static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                        0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

    /// One answered request. @p route is the route's pattern (`/documents/{id}`), never
    /// the raw path, so the number of series stays bounded.
    void record(const std::string& route, int status, double seconds);

    /// Every series in the Prometheus text exposition format (version 0.0.4).
    std::string prometheus_text(const ServiceGauges& gauges) const;

  private:
    struct Histogram {
        std::array<std::uint64_t, kBuckets.size()> buckets{};  ///< Not cumulative.
        std::uint64_t count = 0;
        double sum = 0;
    };

    mutable std::mutex m_mutex;
    std::map<std::pair<std::string, int>, std::uint64_t> m_requests;
    std::map<std::string, Histogram> m_latency;
};

}  // namespace diplosearch::server
