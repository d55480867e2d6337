/// @file
/// @brief The page's files, embedded at build time by diplosearch_embed_text.
#include "web_assets.hpp"

#include <array>
#include <cstdint>
#include <string>

#include <zlib.h>

#include "gzip_encoding.hpp"

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
            // The files never change while the program runs: each is compressed once,
            // as small as zlib makes it, instead of per response.
            gzip_bodies[i] = i > 0 && files[i][1].data() == files[i - 1][1].data()
                                 ? gzip_bodies[i - 1]
                                 : gzip_compress(files[i][1], Z_BEST_COMPRESSION);
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
