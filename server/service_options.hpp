/// @file
/// @brief What diplo-serve is configured with: where it listens, how many requests it
/// runs and queues, how long one may take, and the caps on what a request may ask.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace diplosearch::server {

/// Caps on one request. The defaults keep a single request's cost bounded on a
/// corpus of a few hundred thousand documents; wildcard expansion is capped inside
/// the query builder.
struct RequestLimits {
    std::uint32_t max_limit = 100;            ///< Hits per page.
    std::uint32_t max_offset = 10000;         ///< Hits skipped.
    std::size_t max_query_bytes = 1024;       ///< Length of `q` (and of a suggest prefix).
    std::size_t max_query_terms = 32;         ///< Whitespace-separated words in `q`.
    std::uint32_t max_facet_size = 1000;      ///< Values per facet (0, meaning all, is refused).
    std::uint32_t max_snippet_length = 2000;  ///< Snippet characters.
    std::uint32_t max_suggestions = 50;       ///< Suggestions per request.
    std::size_t max_header_bytes = 16384;     ///< All header names and values together.
    std::size_t max_header_count = 64;        ///< Header lines.
    std::size_t max_body_bytes = 0;           ///< The service is read-only: no request bodies.
};

/// Everything HttpService needs besides the Searcher.
struct ServiceOptions {
    std::string host = "127.0.0.1";  ///< Loopback unless told otherwise.
    int port = 8080;                 ///< 0 picks a free port (tests).
    unsigned threads = 2;            ///< Requests that run at once.
    unsigned queue = 64;             ///< Requests that may wait for a thread; more get 503.
    /// Time from a request's arrival within which it must have started; what is left
    /// of it bounds the search's match counting.
    std::chrono::milliseconds deadline{2000};
    std::string token;        ///< Bearer token every request but /healthz must carry; "" for none.
    std::string cors_origin;  ///< Value of Access-Control-Allow-Origin; "" for no CORS.
    std::chrono::seconds read_timeout{5};        ///< Slow clients are dropped after this.
    std::chrono::seconds keep_alive_timeout{5};  ///< Idle keep-alive connections close after this.
    std::size_t keep_alive_max_requests = 100;   ///< Requests per connection.
    RequestLimits limits;
};

/// `HOST:PORT` (`[v6]:PORT` for IPv6) split into its parts.
struct ListenAddress {
    std::string host;
    int port = 0;
};

/// @throws UsageError naming --listen when @p text is not HOST:PORT with a port 0-65535.
ListenAddress parse_listen_address(const std::string& text);

}  // namespace diplosearch::server
