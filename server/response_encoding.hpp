/// @file
/// @brief How JSON answers go out: gzip-coded by the service when the client
/// accepts it, never left to httplib's own compression.
#pragma once

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace diplosearch::server {

/// The Content-Type of every JSON answer. httplib compresses a body on its own
/// only when its type is exactly `application/json` (or text/...), with Brotli
/// at its slowest setting whenever a browser offers `br`: about 28 ms for one
/// /search answer that takes 2 ms to compute. Naming the charset (which JSON
/// recipients ignore) keeps httplib out of it.
inline constexpr const char* kJsonContentType = "application/json; charset=utf-8";

/// Gzip-codes a JSON answer (one of kJsonContentType) at zlib's fastest level
/// when it is large enough and the client accepts gzip; leaves other answers be.
void encode_json_response(const httplib::Request& req, httplib::Response& res);

}  // namespace diplosearch::server
