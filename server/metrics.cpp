/// @file
/// @brief Prometheus text output.
#include "metrics.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace diplosearch::server {

namespace {

// Label values are escaped as the exposition format requires.
std::string label(const std::string& value) {
    std::string out;
    for (const char c : value) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

}  // namespace

void Metrics::record(const std::string& route, int status, double seconds) {
    const std::lock_guard lock(m_mutex);
    ++m_requests[{route, status}];
    Histogram& h = m_latency[route];
    const auto bucket = std::lower_bound(kBuckets.begin(), kBuckets.end(), seconds);
    if (bucket != kBuckets.end()) ++h.buckets[bucket - kBuckets.begin()];
    ++h.count;
    h.sum += seconds;
}

std::string Metrics::prometheus_text(const ServiceGauges& gauges) const {
    std::string out;
    auto append = [&out](std::string_view text) { out.append(text); };
    append(
        "# HELP diplosearch_http_requests_total HTTP requests answered, by route and status.\n"
        "# TYPE diplosearch_http_requests_total counter\n");
    {
        const std::lock_guard lock(m_mutex);
        for (const auto& [key, count] : m_requests) {
            append(fmt::format("diplosearch_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n",
                               label(key.first), key.second, count));
        }
        append(
            "# HELP diplosearch_http_request_duration_seconds Time from a request's arrival "
            "to its answer, by route.\n"
            "# TYPE diplosearch_http_request_duration_seconds histogram\n");
        for (const auto& [route, h] : m_latency) {
            std::uint64_t cumulative = 0;
            for (std::size_t i = 0; i < kBuckets.size(); ++i) {
                cumulative += h.buckets[i];
                append(fmt::format(
                    "diplosearch_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} "
                    "{}\n",
                    label(route), kBuckets[i], cumulative));
            }
            append(fmt::format(
                "diplosearch_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} "
                "{}\n",
                label(route), h.count));
            append(fmt::format("diplosearch_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n",
                               label(route), h.sum));
            append(
                fmt::format("diplosearch_http_request_duration_seconds_count{{route=\"{}\"}} {}\n",
                            label(route), h.count));
        }
    }
    append(
        fmt::format("# HELP diplosearch_http_requests_running Requests running now.\n"
                    "# TYPE diplosearch_http_requests_running gauge\n"
                    "diplosearch_http_requests_running {}\n"
                    "# HELP diplosearch_http_requests_waiting Requests waiting for a worker now.\n"
                    "# TYPE diplosearch_http_requests_waiting gauge\n"
                    "diplosearch_http_requests_waiting {}\n"
                    "# HELP diplosearch_index_documents Documents in the live index.\n"
                    "# TYPE diplosearch_index_documents gauge\n"
                    "diplosearch_index_documents {}\n"
                    "# HELP diplosearch_index_revision Xapian revision of the live generation.\n"
                    "# TYPE diplosearch_index_revision gauge\n"
                    "diplosearch_index_revision {}\n",
                    gauges.running, gauges.waiting, gauges.index.documents, gauges.index.revision));
    if (gauges.index.generation) {
        append(
            fmt::format("# HELP diplosearch_index_generation Live generation of the index "
                        "(docs/reindexing.md).\n"
                        "# TYPE diplosearch_index_generation gauge\n"
                        "diplosearch_index_generation {}\n",
                        *gauges.index.generation));
    }
    return out;
}

}  // namespace diplosearch::server
