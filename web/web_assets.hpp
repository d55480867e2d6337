/// @file
/// @brief The analyst search page's files (web/README.md), compiled into the binary.
#pragma once

#include <span>
#include <string_view>

namespace diplosearch::web {

/// One file of the page, as served.
struct WebAsset {
    std::string_view path;          ///< URL path, `/app.js`; `/` is index.html.
    std::string_view body;          ///< The file's bytes.
    std::string_view content_type;  ///< Media type with charset where it has one.
    std::string_view etag;          ///< Quoted strong validator derived from the body.
    std::string_view gzip_body;     ///< The body gzip-compressed (empty if zlib failed).
};

/// Every file of the page, `/` first.
std::span<const WebAsset> web_assets();

/// The file served at @p path (`/` and `/index.html` are the page), or null.
const WebAsset* find_web_asset(std::string_view path);

}  // namespace diplosearch::web
