/// @file
/// @brief The search page's routes.
#include "web_routes.hpp"

#include <httplib.h>

#include <algorithm>
#include <string>

#include "gzip_encoding.hpp"
#include "web_assets.hpp"

namespace diplosearch::server {

namespace {

// Nothing inline and nothing from elsewhere: the page is one HTML, one script, one style
// sheet and an icon, and talks only to this service. Framing is refused (clickjacking).
constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// httplib route patterns are regular expressions; asset paths hold dots.
std::string exact_pattern(std::string_view path) {
    std::string pattern;
    for (const char c : path) {
        if (c == '.') pattern += '\\';
        pattern += c;
    }
    return pattern;
}

bool matches_etag(const std::string& if_none_match, std::string_view etag) {
    return if_none_match == "*" || if_none_match.find(etag) != std::string::npos;
}

void serve_asset(const web::WebAsset& asset, const httplib::Request& req, httplib::Response& res) {
    res.set_header("Content-Security-Policy", kContentSecurityPolicy);
    res.set_header("X-Content-Type-Options", "nosniff");
    // Page URLs carry the analyst's queries; links out must not leak them.
    res.set_header("Referrer-Policy", "no-referrer");
    // Revalidated on every load, so a new build's files are never mixed with an old
    // one's; unchanged files cost a 304.
    res.set_header("Cache-Control", "no-cache");
    res.set_header("ETag", std::string(asset.etag));
    res.set_header("Vary", "Accept-Encoding");
    if (matches_etag(req.get_header_value("If-None-Match"), asset.etag)) {
        res.status = 304;
        return;
    }
    std::string_view body = asset.body;
    if (!asset.gzip_body.empty() && web::accepts_gzip(req.get_header_value("Accept-Encoding"))) {
        body = asset.gzip_body;
        res.set_header("Content-Encoding", "gzip");
    }
    // A provider of known length goes out as it is: httplib compresses only plain
    // bodies, and this one is compressed already.
    res.set_content_provider(
        body.size(), std::string(asset.content_type),
        [body](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
            sink.write(body.data() + offset, std::min(length, body.size() - offset));
            return true;
        });
}

}  // namespace

bool is_web_page_path(std::string_view path) {
    return web::find_web_asset(path) != nullptr;
}

void mount_web_routes(httplib::Server& server) {
    for (const web::WebAsset& asset : web::web_assets()) {
        server.Get(exact_pattern(asset.path),
                   [&asset](const httplib::Request& req, httplib::Response& res) {
                       serve_asset(asset, req, res);
                   });
    }
}

}  // namespace diplosearch::server
