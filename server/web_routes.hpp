/// @file
/// @brief The analyst search page (web/) on the HTTP service: GET / and its files.
#pragma once

#include <string_view>

namespace httplib {
class Server;
}

namespace diplosearch::server {

/// True for the page's own files, which are served without a bearer token: they hold no
/// data, and the page asks for the token before it calls the API.
bool is_web_page_path(std::string_view path);

/// Routes GET (and HEAD) of `/`, `/index.html`, `/app.js`, `/style.css`, `/favicon.svg`
/// and `/countries.tsv` to the embedded files, with their media type, an ETag
/// (If-None-Match answers 304), `Cache-Control: no-cache` and a Content-Security-Policy
/// that lets the page load and call only its own origin.
void mount_web_routes(httplib::Server& server);

}  // namespace diplosearch::server
