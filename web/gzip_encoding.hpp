/// @file
/// @brief gzip as an HTTP content coding: compressing a body, and whether a
/// client accepts it.
#pragma once

#include <string>
#include <string_view>

namespace diplosearch::web {

/// @p body as a gzip stream at zlib @p level (1 fastest, 9 smallest); empty
/// when zlib fails, so the caller sends the body as it is.
std::string gzip_compress(std::string_view body, int level);

/// Whether an Accept-Encoding header value lets the response be gzip-coded.
/// Enough for browsers and HTTP libraries, which all offer gzip; `gzip;q=0` refuses it.
bool accepts_gzip(std::string_view accept_encoding);

}  // namespace diplosearch::web
