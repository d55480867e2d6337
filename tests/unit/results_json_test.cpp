// @brief Unit tests of searcher/results_json.hpp: the versioned JSON contract of
// search results (docs/json-output.md).
#include "results_json.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

using namespace diplosearch;
using diplosearch::searcher::results_to_json;
using nlohmann::json;

namespace {

SearchResults sample_results() {
    SearchResults results;
    results.query = "gwadar country:PAK";
    results.total = 42;
    results.offset = 10;
    results.limit = 5;
    results.suggestion = "gwadar country:PAK";

    Hit full;
    full.rank = 11;
    full.score = 3.5;
    full.document.id = "gwadar-2015";
    full.document.title = "Gwadar port agreements";
    full.document.date = "2015-04";
    full.document.countries = {"PAK", "CHN"};
    full.document.topics = {"cpec"};
    full.document.type = "article";
    full.document.lang = "en";
    full.document.source = "Dawn";
    full.document.speaker = "Nawaz Sharif";
    full.document.url = "https://example.org/g";
    full.document.path = "docs/a.md";
    full.document.text = "not part of the output";
    full.document.mentions = {"PAK", "CHN", "IND"};
    full.document.extracted = {"topic"};
    full.document.symbols = {"S/RES/2334 (2016)"};
    full.snippet = "<b>Gwadar</b> port";
    results.hits.push_back(full);

    Hit bare;
    bare.rank = 12;
    bare.document.id = "bare";
    bare.document.title = "Bare";
    results.hits.push_back(bare);

    results.facets.push_back(Facet{"country", {{"PAK", "Pakistan", 2}, {"CHN", "China", 1}}, 7});
    results.facets.push_back(Facet{"year", {}, 0});
    return results;
}

}  // namespace

TEST_CASE("results json: top-level fields and format version", "[unit][results_json]") {
    const json j = results_to_json(sample_results());
    CHECK(j.at("format_version") == 2);
    CHECK(j.at("format_version") == searcher::kJsonFormatVersion);
    CHECK(j.at("query") == "gwadar country:PAK");
    CHECK(j.at("total") == 42);
    CHECK(j.at("offset") == 10);
    CHECK(j.at("limit") == 5);
    CHECK(j.at("suggestion") == "gwadar country:PAK");
    CHECK(j.at("hits").size() == 2);
    CHECK(j.at("collapsed") == 0);
    CHECK(j.at("duplicates_of").is_null());
    CHECK(j.at("all_words") == 0);
    CHECK(j.size() == 13);
}

TEST_CASE("results json: a hit carries every stored field but not the text",
          "[unit][results_json]") {
    const json hit = results_to_json(sample_results()).at("hits").at(0);
    CHECK(hit.at("rank") == 11);
    CHECK(hit.at("score") == 3.5);
    CHECK(hit.at("all_words") == true);
    CHECK(hit.at("id") == "gwadar-2015");
    CHECK(hit.at("title") == "Gwadar port agreements");
    CHECK(hit.at("date") == "2015-04");
    CHECK(hit.at("year") == 2015);
    CHECK(hit.at("countries") == json::array({"PAK", "CHN"}));
    CHECK(hit.at("topics") == json::array({"cpec"}));
    CHECK(hit.at("mentions") == json::array({"PAK", "CHN", "IND"}));
    CHECK(hit.at("extracted") == json::array({"topic"}));
    CHECK(hit.at("symbols") == json::array({"S/RES/2334 (2016)"}));
    CHECK(hit.at("type") == "article");
    CHECK(hit.at("lang") == "en");
    CHECK(hit.at("source") == "Dawn");
    CHECK(hit.at("speaker") == "Nawaz Sharif");
    CHECK(hit.at("url") == "https://example.org/g");
    CHECK(hit.at("path") == "docs/a.md");
    CHECK(hit.at("snippet") == "<b>Gwadar</b> port");
    CHECK(hit.at("duplicates") == 0);
    CHECK_FALSE(hit.contains("text"));
}

TEST_CASE("results json: empty optional fields are null, empty lists are arrays",
          "[unit][results_json]") {
    const json hit = results_to_json(sample_results()).at("hits").at(1);
    for (const char* key : {"date", "year", "type", "lang", "source", "speaker", "url", "path"}) {
        INFO(key);
        CHECK(hit.at(key).is_null());
    }
    CHECK(hit.at("countries") == json::array());
    CHECK(hit.at("topics") == json::array());
    CHECK(hit.at("mentions") == json::array());
    CHECK(hit.at("extracted") == json::array());
    // Added to format 2 later: present only when the document cites symbols.
    CHECK_FALSE(hit.contains("symbols"));
    CHECK(hit.at("snippet") == "");
    CHECK(hit.at("score") == 0.0);
}

TEST_CASE("results json: facets are an object keyed by field", "[unit][results_json]") {
    const json facets = results_to_json(sample_results()).at("facets");
    REQUIRE(facets.is_object());
    CHECK(facets.at("country").at("distinct") == 7);
    CHECK(facets.at("country").at("values") ==
          json::parse(R"([{"value": "PAK", "label": "Pakistan", "count": 2},
                          {"value": "CHN", "label": "China", "count": 1}])"));
    CHECK(facets.at("year").at("values") == json::array());
    CHECK(facets.at("year").at("distinct") == 0);
}

TEST_CASE("results json: no suggestion is null and no hits is an empty array",
          "[unit][results_json]") {
    SearchResults empty;
    const json j = results_to_json(empty);
    CHECK(j.at("suggestion").is_null());
    CHECK(j.at("corrected_query").is_null());
    CHECK(j.at("like").is_null());
    CHECK(j.at("hits") == json::array());
    CHECK(j.at("facets") == json::object());
    CHECK(j.at("total") == 0);
}
