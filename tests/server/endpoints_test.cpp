// @brief The service in process on an ephemeral loopback port: every endpoint, its JSON,
// every error path with its JSON body, limits, bearer auth, CORS and the 503 of a full pool.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "service_harness.hpp"

using diplosearch::server::ServiceOptions;
using diplosearch::test::InProcessService;
using diplosearch::test::run_command;
using diplosearch::test::shared_sample_index;
using diplosearch::test::shell_quote;
using nlohmann::json;

namespace {

const std::string kGwadarId = "pk-cn-2015-gwadar-talks";

httplib::Result get(const InProcessService& service, const std::string& target,
                    const httplib::Headers& headers = {}) {
    auto client = service.client();
    auto result = client.Get(target.c_str(), headers);
    REQUIRE(result);
    return result;
}

// The error object of a JSON error response with @p status.
json error_of(const httplib::Result& r, int status) {
    INFO(r->body);
    REQUIRE(r->status == status);
    CHECK(r->get_header_value("Content-Type") == "application/json; charset=utf-8");
    const json body = json::parse(r->body);
    CHECK(body["error"]["status"] == status);
    CHECK(body["error"]["message"].is_string());
    return body["error"];
}

std::string diplo_search_json(const std::string& args) {
    const auto r = run_command(shell_quote(diplosearch::test::diplo_search_bin()) + " --db " +
                               shell_quote(shared_sample_index().db()) + " --format json " + args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return r.out;
}

}  // namespace

TEST_CASE("GET /search is byte for byte diplo-search --format json", "[server][http]") {
    const InProcessService service(shared_sample_index().db());
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"/search?q=gwadar+port", "gwadar port"},
        {"/search", ""},
        {"/search?q=water&country=EGY,ETH&year=2015..2025&sort=-date&limit=3&offset=1",
         "water --country EGY,ETH --year 2015..2025 --sort -date --limit 3 --offset 1"},
        {"/search?q=nuclear&facets=country,mentions&facet-size=3&snippet-length=80&match=all",
         "nuclear --facets country,mentions --facet-size 3 --snippet-length 80 --match all"},
        {"/search?q=%22joint+statement%22&no-collapse&no-fuzzy&prefer-recent&title-boost=2",
         "'\"joint statement\"' --no-collapse --no-fuzzy --prefer-recent --title-boost 2"},
        {"/search?like=" + kGwadarId + "&limit=3", "--like " + kGwadarId + " --limit 3"},
        {"/search?q=Pakistn&auto-correct&no-synonyms", "Pakistn --auto-correct --no-synonyms"},
    };
    for (const auto& [target, args] : cases) {
        INFO(target);
        const auto r = get(service, target);
        CHECK(r->status == 200);
        CHECK(r->get_header_value("Content-Type") == "application/json; charset=utf-8");
        CHECK(r->body == diplo_search_json(args));
    }
}

TEST_CASE("GET /documents/{id} and /documents/{id}/similar", "[server][http]") {
    const InProcessService service(shared_sample_index().db());
    const auto doc = get(service, "/documents/" + kGwadarId);
    REQUIRE(doc->status == 200);
    const json d = json::parse(doc->body)["document"];
    CHECK(d["id"] == kGwadarId);
    CHECK_THAT(d["title"].get<std::string>(), Catch::Contains("Gwadar"));
    CHECK_THAT(d["text"].get<std::string>(), Catch::Contains("Gwadar"));
    CHECK(d["countries"].is_array());

    const auto similar = get(service, "/documents/" + kGwadarId + "/similar?limit=3");
    REQUIRE(similar->status == 200);
    CHECK(similar->body == diplo_search_json("--like " + kGwadarId + " --limit 3"));
    const json s = json::parse(similar->body);
    CHECK(s["like"] == kGwadarId);
    CHECK(s["hits"].size() == 3);

    // An id with slashes (derived from its path) travels percent-encoded.
    const json all = json::parse(get(service, "/search?limit=100&facets=none")->body);
    std::string slashed;
    for (const auto& hit : all["hits"]) {
        if (hit["id"].get<std::string>().find('/') != std::string::npos) slashed = hit["id"];
    }
    REQUIRE_FALSE(slashed.empty());
    const auto by_path = get(service, "/documents/" + httplib::detail::encode_query_param(slashed));
    REQUIRE(by_path->status == 200);
    CHECK(json::parse(by_path->body)["document"]["id"] == slashed);

    CHECK(error_of(get(service, "/documents/no-such-id"), 404)["code"] == "not_found");
    CHECK(error_of(get(service, "/documents/no-such-id/similar"), 404)["code"] == "not_found");
    CHECK(error_of(get(service, "/documents/" + kGwadarId + "/similar?like=x"), 400)["parameter"] ==
          "like");
    CHECK(error_of(get(service, "/documents/" + kGwadarId + "?limit=1"), 400)["parameter"] ==
          "limit");
}

TEST_CASE("GET /suggest, /facets, /stats and /healthz", "[server][http]") {
    const InProcessService service(shared_sample_index().db());
    const auto suggest = get(service, "/suggest?q=security+co&limit=4");
    REQUIRE(suggest->status == 200);
    CHECK(suggest->body == diplo_search_json("--suggest 'security co' --limit 4"));

    const auto facets = get(service, "/facets?q=water&facets=country,year&facet-size=2");
    REQUIRE(facets->status == 200);
    const json f = json::parse(facets->body);
    const json full = json::parse(diplo_search_json("water --facets country,year --facet-size 2"));
    CHECK_FALSE(f.contains("hits"));
    CHECK(f["facets"] == full["facets"]);
    CHECK(f["total"] == full["total"]);
    CHECK(f["format_version"] == full["format_version"]);

    const auto stats = get(service, "/stats");
    REQUIRE(stats->status == 200);
    const json st = json::parse(stats->body);
    CHECK(st["documents"] == json::parse(diplo_search_json("--limit 0 --facets none"))["total"]);
    CHECK(st["documents"].get<int>() > 50);
    CHECK(st["generation"] == 1);
    CHECK(st["revision"].get<int>() >= 1);
    CHECK(st["schema_version"].is_string());

    const auto health = get(service, "/healthz");
    CHECK(health->status == 200);
    CHECK(json::parse(health->body)["status"] == "ok");
}

TEST_CASE("GET /metrics counts what was answered", "[server][http]") {
    const InProcessService service(shared_sample_index().db());
    get(service, "/search?q=gwadar");
    get(service, "/search?limit=oops");
    get(service, "/nowhere");
    // A request is counted once its answer is written, so the client may see the
    // answer a moment before the count: read the metrics until all three are in.
    auto metrics = get(service, "/metrics");
    for (int attempt = 0; attempt < 100; ++attempt) {
        const auto& body = metrics->body;
        if (body.find("status=\"200\"} 1") != std::string::npos &&
            body.find("status=\"400\"} 1") != std::string::npos &&
            body.find("status=\"404\"} 1") != std::string::npos) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        metrics = get(service, "/metrics");
    }
    REQUIRE(metrics->status == 200);
    CHECK_THAT(metrics->get_header_value("Content-Type"), Catch::StartsWith("text/plain"));
    const std::string& text = metrics->body;
    using Catch::Contains;
    CHECK_THAT(text,
               Contains("diplosearch_http_requests_total{route=\"/search\",status=\"200\"} 1\n"));
    CHECK_THAT(text,
               Contains("diplosearch_http_requests_total{route=\"/search\",status=\"400\"} 1\n"));
    CHECK_THAT(text,
               Contains("diplosearch_http_requests_total{route=\"other\",status=\"404\"} 1\n"));
    CHECK_THAT(text,
               Contains("diplosearch_http_request_duration_seconds_count{route=\"/search\"} 2\n"));
    CHECK_THAT(text, Contains("diplosearch_index_generation 1\n"));
    CHECK_THAT(text, Contains("diplosearch_index_documents "));
}

TEST_CASE("bad requests get a JSON error naming the parameter", "[server][http]") {
    const InProcessService service(shared_sample_index().db());
    struct Case {
        std::string target;
        std::string parameter;
    };
    const std::vector<Case> cases = {
        {"/search?limit=1000", "limit"},
        {"/search?offset=20000", "offset"},
        {"/search?q=" + std::string(1100, 'a'), "q"},
        {"/search?sort=best", "sort"},
        {"/search?year=soon", "year"},
        {"/search?colour=red", "colour"},
        {"/search?q=year:abc", "q"},
        {"/search?country=Narnia", "country"},
        {"/search?like=no-such-id", "like"},
        {"/search?duplicates-of=no-such-id", "duplicates-of"},
        {"/suggest", "q"},
        {"/suggest?q=x&limit=500", "limit"},
        {"/facets?limit=3", "limit"},
        {"/stats?verbose=1", "verbose"},
    };
    for (const auto& c : cases) {
        INFO(c.target);
        const json error = error_of(get(service, c.target), 400);
        CHECK(error["parameter"] == c.parameter);
        CHECK_THAT(error["code"].get<std::string>(), Catch::StartsWith("bad_"));
    }
}

TEST_CASE("the service is read-only and bounds requests", "[server][http]") {
    const InProcessService service(shared_sample_index().db());
    auto client = service.client();
    CHECK(error_of(get(service, "/nowhere"), 404)["code"] == "not_found");

    auto post = client.Post("/search", "", "application/json");
    REQUIRE(post);
    CHECK(error_of(post, 405)["code"] == "method_not_allowed");
    CHECK(post->get_header_value("Allow") == "GET, HEAD");
    auto del = client.Delete("/documents/x");
    REQUIRE(del);
    CHECK(del->status == 405);

    // No request bodies at all.
    auto body = client.Post("/search", std::string(64, 'x'), "text/plain");
    REQUIRE(body);
    CHECK(error_of(body, 413)["code"] == "payload_too_large");

    // Request line and headers.
    CHECK(error_of(get(service, "/search?q=" + std::string(9000, 'a')), 414)["code"] ==
          "uri_too_long");
    httplib::Headers many;
    for (int i = 0; i < 70; ++i) many.emplace("X-Filler-" + std::to_string(i), "1");
    CHECK(error_of(get(service, "/healthz", many), 431)["code"] == "headers_too_large");
    CHECK(get(service, "/healthz", {{"X-Filler", "1"}})->status == 200);

    // Without --cors-origin, no CORS headers and no preflight.
    CHECK_FALSE(get(service, "/healthz")->has_header("Access-Control-Allow-Origin"));
    auto options = client.Options("/search");
    REQUIRE(options);
    CHECK(options->status == 405);
}

TEST_CASE("CORS only when configured", "[server][http]") {
    ServiceOptions options;
    options.cors_origin = "https://example.org";
    const InProcessService service(shared_sample_index().db(), options);
    CHECK(get(service, "/search?q=gwadar")->get_header_value("Access-Control-Allow-Origin") ==
          "https://example.org");
    auto preflight = service.client().Options("/search");
    REQUIRE(preflight);
    CHECK(preflight->status == 204);
    CHECK(preflight->get_header_value("Access-Control-Allow-Origin") == "https://example.org");
    CHECK_THAT(preflight->get_header_value("Access-Control-Allow-Headers"),
               Catch::Contains("Authorization"));
}

TEST_CASE("a bearer token guards every endpoint but /healthz", "[server][http][auth]") {
    ServiceOptions options;
    options.token = "tok-3f9a";
    const InProcessService service(shared_sample_index().db(), options);
    for (const std::string& target :
         std::vector<std::string>{"/search?q=gwadar", "/documents/" + kGwadarId, "/suggest?q=gw",
                                  "/facets", "/stats", "/metrics", "/nowhere"}) {
        INFO(target);
        const auto none = get(service, target);
        CHECK(error_of(none, 401)["code"] == "unauthorized");
        CHECK(none->get_header_value("WWW-Authenticate") == "Bearer realm=\"diplosearch\"");
        CHECK(get(service, target, {{"Authorization", "Bearer tok-3f9b"}})->status == 401);
        CHECK(get(service, target, {{"Authorization", "Bearer tok-3f9"}})->status == 401);
        CHECK(get(service, target, {{"Authorization", "tok-3f9a"}})->status == 401);
        CHECK(get(service, target, {{"Authorization", "Bearer tok-3f9a"}})->status != 401);
    }
    CHECK(get(service, "/healthz")->status == 200);
}

TEST_CASE("a full worker pool answers 503 with Retry-After", "[server][http][limits]") {
    ServiceOptions options;
    options.threads = 1;
    options.queue = 0;
    const InProcessService service(shared_sample_index().db(), options);
    // Eight clients against one worker and no queue: requests that overlap one running
    // are refused. Keep going until one has been (bounded by time, not by luck).
    std::atomic<int> ok = 0, refused = 0, other = 0;
    std::atomic<bool> seen = false;
    std::string refusal;
    std::mutex refusal_mutex;
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    std::vector<std::thread> clients;
    for (int t = 0; t < 8; ++t) {
        clients.emplace_back([&] {
            auto client = service.client();
            while (!seen && std::chrono::steady_clock::now() < give_up) {
                const auto r = client.Get("/search?q=security+council&facet-size=50");
                if (!r) {
                    ++other;
                } else if (r->status == 200) {
                    ++ok;
                } else if (r->status == 503 && r->get_header_value("Retry-After") == "1") {
                    ++refused;
                    const std::lock_guard lock(refusal_mutex);
                    refusal = r->body;
                    seen = true;
                } else {
                    ++other;
                }
            }
        });
    }
    for (auto& c : clients) c.join();
    CHECK(refused > 0);
    CHECK(ok > 0);
    CHECK(other == 0);
    CHECK(json::parse(refusal)["error"]["code"] == "unavailable");
    // /healthz and /metrics stay outside the pool.
    CHECK(get(service, "/healthz")->status == 200);
}

TEST_CASE("answers are gzip-coded when the client accepts gzip and never Brotli-coded",
          "[server][http]") {
    const InProcessService service(shared_sample_index().db());
    const std::string target = "/search?q=trade";
    auto raw = service.client();
    raw.set_decompress(false);  // See the bytes as sent.

    const auto plain = raw.Get(target.c_str(), {{"Accept-Encoding", "identity"}});
    REQUIRE(plain);
    REQUIRE(plain->status == 200);
    CHECK_FALSE(plain->has_header("Content-Encoding"));
    CHECK(plain->get_header_value("Content-Type") == "application/json; charset=utf-8");
    REQUIRE(plain->body.size() > 1024);

    // What browsers offer: Brotli first. Debian's httplib would spend ~28 ms on it.
    const auto coded = raw.Get(target.c_str(), {{"Accept-Encoding", "br, gzip, deflate"}});
    REQUIRE(coded);
    CHECK(coded->get_header_value("Content-Encoding") == "gzip");
    CHECK(coded->get_header_value("Vary") == "Accept-Encoding");
    REQUIRE(coded->body.size() > 2);
    CHECK(static_cast<unsigned char>(coded->body[0]) == 0x1f);
    CHECK(static_cast<unsigned char>(coded->body[1]) == 0x8b);
    CHECK(coded->body.size() * 2 < plain->body.size());

    const auto brotli_only = raw.Get(target.c_str(), {{"Accept-Encoding", "br"}});
    REQUIRE(brotli_only);
    CHECK_FALSE(brotli_only->has_header("Content-Encoding"));
    CHECK(brotli_only->body == plain->body);

    const auto refused = raw.Get(target.c_str(), {{"Accept-Encoding", "gzip;q=0"}});
    REQUIRE(refused);
    CHECK_FALSE(refused->has_header("Content-Encoding"));

    // A decompressing client gets the very same JSON.
    auto decoding = service.client();
    const auto decoded = decoding.Get(target.c_str(), {{"Accept-Encoding", "gzip"}});
    REQUIRE(decoded);
    CHECK(decoded->body == plain->body);

    // Small answers go out as they are.
    const auto health = raw.Get("/healthz", {{"Accept-Encoding", "gzip"}});
    REQUIRE(health);
    CHECK_FALSE(health->has_header("Content-Encoding"));
}
