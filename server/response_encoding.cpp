/// @file
/// @brief JSON answers gzip-coded by the service, not by httplib.
#include "response_encoding.hpp"

#include <httplib.h>

#include <string>

#include "gzip_encoding.hpp"

namespace diplosearch::server {

namespace {

// Below this a gzip header and trailer cost about what compression saves.
constexpr std::size_t kMinimumToCompress = 1024;
constexpr int kFastest = 1;  // JSON still shrinks about fourfold at zlib's level 1.

}  // namespace

void encode_json_response(const httplib::Request& req, httplib::Response& res) {
    if (res.get_header_value("Content-Type") != kJsonContentType) return;
    res.set_header("Vary", "Accept-Encoding");
    if (res.body.size() < kMinimumToCompress ||
        !web::accepts_gzip(req.get_header_value("Accept-Encoding"))) {
        return;
    }
    std::string coded = web::gzip_compress(res.body, kFastest);
    if (coded.empty()) return;  // zlib failed: the body goes out as it is.
    res.body = std::move(coded);
    res.set_header("Content-Encoding", "gzip");
}

}  // namespace diplosearch::server
