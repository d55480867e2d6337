/// @file
/// @brief Hostile requests to the HTTP service, in process over loopback: oversized,
/// deeply nested and malformed `q`, NUL bytes and invalid UTF-8, absurd paging. Each
/// gets a JSON 400 naming the parameter (or a 414 for a request line over the
/// limit), or a bounded 200; the service keeps answering afterwards.
#include <chrono>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "server/service_harness.hpp"
#include "torture_profile.hpp"

using namespace diplosearch;

namespace {

std::string repeated(const std::string& piece, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i) out += piece;
    return out;
}

// Percent-encodes every byte but letters and digits, so NUL and invalid UTF-8 reach
// the service as the bytes they stand for.
std::string encoded(const std::string& value) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9')) {
            out += c;
        } else {
            out += '%';
            out += kHex[u >> 4];
            out += kHex[u & 15];
        }
    }
    return out;
}

}  // namespace

TEST_CASE("hostile requests get a 400 naming the parameter or a bounded answer",
          "[torture][hostile-queries]") {
    test::InProcessService service(test::shared_sample_index().db());
    auto client = service.client();

    struct Case {
        std::string path;
        int status;
        std::string parameter;  // Named in the error body; "" for a 200.
    };
    const Case cases[] = {
        {"/search?q=" + repeated("gwadar", 200), 400, "q"},
        {"/search?q=" + encoded(repeated("w ", 100)), 400, "q"},
        {"/search?q=" + encoded(repeated("(", 500) + "gwadar" + repeated(")", 500)), 400, "q"},
        {"/search?q=" + encoded(repeated("(", 100) + "gwadar" + repeated(")", 100)), 400, "q"},
        {"/search?q=" + encoded("\"joint statement"), 200, ""},
        {"/search?q=" + encoded(std::string("cpec\0gwadar", 11)), 200, ""},
        {"/search?q=" + encoded("\xff\xfe gwadar \xc3"), 200, ""},
        {"/search?q=" + encoded("a* b* c*"), 200, ""},
        {"/search?q=port&limit=99999999999999999999999", 400, "limit"},
        {"/search?q=port&limit=4294967295", 400, "limit"},
        {"/search?q=port&offset=-1", 400, "offset"},
        {"/search?q=port&offset=4294967295", 400, "offset"},
        {"/search?q=port&offset=10000&limit=100", 200, ""},
        {"/search?q=port&facet-size=0", 400, "facet-size"},
        {"/search?q=port&snippet-length=1e9", 400, "snippet-length"},
        {"/search?q=port&title-boost=nan", 400, "title-boost"},
        {"/search?q=port&title-boost=-1e308", 400, "title-boost"},
        {"/search?q=port&phrase-boost=inf", 400, "phrase-boost"},
        {"/search?q=port&year=99999999999", 400, "year"},
        {"/search?q=port&from=" + encoded("\xff"), 400, "from"},
        {"/search?q=port&from=2015&to=2015-99", 400, "to"},
        {"/suggest?q=" + encoded(repeated("a", 5000)), 400, "q"},
        {"/suggest?q=sec&limit=4294967296", 400, "limit"},
    };
    for (const auto& c : cases) {
        INFO(c.path.substr(0, 120));
        const auto start = std::chrono::steady_clock::now();
        const auto res = client.Get(c.path);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        REQUIRE(res);
        CHECK(seconds < 5.0 * test::kTimeBoundFactor);
        CHECK(res->status == c.status);
        const auto body = nlohmann::json::parse(res->body, nullptr, false);
        REQUIRE_FALSE(body.is_discarded());
        if (!c.parameter.empty()) {
            INFO(res->body);
            CHECK(body["error"]["parameter"] == c.parameter);
        }
    }
    // A request line far over httplib's limit is cut off with a 414, not read whole.
    const auto huge = client.Get("/search?q=" + repeated("a", 100 * 1024));
    REQUIRE(huge);
    CHECK(huge->status == 414);
    // And the service still answers.
    const auto after = client.Get("/search?q=gwadar");
    REQUIRE(after);
    CHECK(after->status == 200);
}
