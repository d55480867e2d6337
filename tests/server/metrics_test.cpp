// @brief The Prometheus text: counters by route and status, cumulative latency buckets,
// the index gauges.
#include <catch2/catch.hpp>

#include "metrics.hpp"

using diplosearch::server::Metrics;
using diplosearch::server::ServiceGauges;

TEST_CASE("metrics count requests and bucket their latencies", "[server][metrics]") {
    Metrics metrics;
    metrics.record("/search", 200, 0.0004);
    metrics.record("/search", 200, 0.003);
    metrics.record("/search", 400, 0.0002);
    metrics.record("/documents/{id}", 404, 3.0);
    ServiceGauges gauges;
    gauges.index.documents = 72;
    gauges.index.revision = 9;
    gauges.index.generation = 2;
    gauges.running = 1;
    const std::string text = metrics.prometheus_text(gauges);
    using Catch::Contains;
    CHECK_THAT(text, Contains("# TYPE diplosearch_http_requests_total counter\n"));
    CHECK_THAT(text,
               Contains("diplosearch_http_requests_total{route=\"/search\",status=\"200\"} 2\n"));
    CHECK_THAT(text,
               Contains("diplosearch_http_requests_total{route=\"/search\",status=\"400\"} 1\n"));
    CHECK_THAT(
        text,
        Contains("diplosearch_http_requests_total{route=\"/documents/{id}\",status=\"404\"} 1\n"));
    CHECK_THAT(text, Contains("# TYPE diplosearch_http_request_duration_seconds histogram\n"));
    CHECK_THAT(text, Contains("diplosearch_http_request_duration_seconds_bucket{route=\"/"
                              "search\",le=\"0.0005\"} 2\n"));
    CHECK_THAT(text, Contains("diplosearch_http_request_duration_seconds_bucket{route=\"/"
                              "search\",le=\"0.0025\"} 2\n"));
    CHECK_THAT(text, Contains("diplosearch_http_request_duration_seconds_bucket{route=\"/"
                              "search\",le=\"0.005\"} 3\n"));
    CHECK_THAT(text, Contains("diplosearch_http_request_duration_seconds_bucket{route=\"/documents/"
                              "{id}\",le=\"2.5\"} 0\n"));
    CHECK_THAT(text, Contains("diplosearch_http_request_duration_seconds_bucket{route=\"/documents/"
                              "{id}\",le=\"+Inf\"} 1\n"));
    CHECK_THAT(text,
               Contains("diplosearch_http_request_duration_seconds_count{route=\"/search\"} 3\n"));
    CHECK_THAT(text, Contains("diplosearch_index_documents 72\n"));
    CHECK_THAT(text, Contains("diplosearch_index_revision 9\n"));
    CHECK_THAT(text, Contains("diplosearch_index_generation 2\n"));
    CHECK_THAT(text, Contains("diplosearch_http_requests_running 1\n"));
}

TEST_CASE("a database without generations reports none", "[server][metrics]") {
    const std::string text = Metrics().prometheus_text(ServiceGauges{});
    CHECK_THAT(text, !Catch::Contains("diplosearch_index_generation"));
    CHECK_THAT(text, Catch::Contains("diplosearch_index_documents 0\n"));
}
