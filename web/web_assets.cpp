/// @file
/// @brief The page's files, embedded at build time by diplosearch_embed_text.
#include "web_assets.hpp"

#include <array>
#include <cstdint>
#include <string>

#include <zlib.h>

namespace diplosearch {
extern const std::string_view kWebIndexHtml;
extern const std::string_view kWebAppJs;
extern const std::string_view kWebStyleCss;
extern const std::string_view kWebFaviconSvg;
// The indexer's gazetteer: the page shows country names and flags from the same table.
extern const std::string_view kBuiltinCountriesTsv;
}  // namespace diplosearch

namespace diplosearch::web {

namespace {

// FNV-1a: the ETag only has to change when the body does (a new build), not resist forgery.
std::string etag_of(std::string_view body) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char c : body) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    std::string etag(18, '"');
    for (int i = 16; i >= 1; --i, hash >>= 4) etag[i] = "0123456789abcdef"[hash & 0xf];
    return etag;
}

// The files never change while the program runs: compressing each once spares every
// response the work (httplib would compress per response, with Brotli at its slowest
// setting when the browser accepts it: about 30 ms for app.js).
std::string gzip_of(std::string_view body) {
    z_stream stream{};
    if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) !=
        Z_OK) {
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

struct AssetTable {
    std::array<std::string, 6> etags;
    std::array<std::string, 6> gzip_bodies;
    std::array<WebAsset, 6> assets;

    AssetTable() {
        const std::array<std::array<std::string_view, 3>, 6> files = {{
            {"/", kWebIndexHtml, "text/html; charset=utf-8"},
            {"/index.html", kWebIndexHtml, "text/html; charset=utf-8"},
            {"/app.js", kWebAppJs, "text/javascript; charset=utf-8"},
            {"/style.css", kWebStyleCss, "text/css; charset=utf-8"},
            {"/favicon.svg", kWebFaviconSvg, "image/svg+xml"},
            {"/countries.tsv", kBuiltinCountriesTsv, "text/tab-separated-values; charset=utf-8"},
        }};
        for (std::size_t i = 0; i < files.size(); ++i) {
            etags[i] = etag_of(files[i][1]);
            // `/` and `/index.html` are one file, compressed once.
            gzip_bodies[i] = i > 0 && files[i][1].data() == files[i - 1][1].data()
                                 ? gzip_bodies[i - 1]
                                 : gzip_of(files[i][1]);
            assets[i] = {files[i][0], files[i][1], files[i][2], etags[i], gzip_bodies[i]};
        }
    }
};

const AssetTable& table() {
    static const AssetTable instance;
    return instance;
}

}  // namespace

std::span<const WebAsset> web_assets() {
    return table().assets;
}

const WebAsset* find_web_asset(std::string_view path) {
    for (const WebAsset& asset : table().assets) {
        if (asset.path == path) return &asset;
    }
    return nullptr;
}

}  // namespace diplosearch::web
