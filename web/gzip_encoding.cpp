/// @file
/// @brief gzip content coding with zlib.
#include "gzip_encoding.hpp"

#include <zlib.h>

namespace diplosearch::web {

std::string gzip_compress(std::string_view body, int level) {
    z_stream stream{};
    // Window bits 15 + 16: a gzip header and trailer rather than zlib's.
    constexpr int kGzipWindowBits = 15 + 16;
    constexpr int kMemoryLevel = 9;
    if (deflateInit2(&stream, level, Z_DEFLATED, kGzipWindowBits, kMemoryLevel,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
        return {};
    }
    std::string out(deflateBound(&stream, static_cast<uLong>(body.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
    stream.avail_in = static_cast<uInt>(body.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int result = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return result == Z_STREAM_END ? out : std::string();
}

bool accepts_gzip(std::string_view accept_encoding) {
    const auto at = accept_encoding.find("gzip");
    return at != std::string_view::npos && accept_encoding.substr(at, 8) != "gzip;q=0";
}

}  // namespace diplosearch::web
