// @brief Unit tests of indexer/json_document.hpp: JSON objects to raw documents.
#include "json_document.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

using namespace diplosearch;
using diplosearch::indexer::document_from_json;
using nlohmann::json;
using Strings = std::vector<std::string>;
using Catch::Matchers::Contains;

TEST_CASE("json: every known field is mapped", "[unit][json]") {
    const Document doc = document_from_json(json::parse(R"({
        "id": "arc-1999-seattle", "title": "Seattle ministerial collapses",
        "date": "1999-12-03", "country": ["USA", "Brazil"], "topic": ["trade"],
        "type": "article", "lang": "en", "source": "Archive", "url": "https://example.org/s",
        "speaker": ["Mike Moore", "Charlene Barshefsky"], "text": "Talks ended.",
        "unknown": {"nested": true}, "path": "ignored"
    })"));
    CHECK(doc.id == "arc-1999-seattle");
    CHECK(doc.title == "Seattle ministerial collapses");
    CHECK(doc.date == "1999-12-03");
    CHECK(doc.countries == Strings{"USA", "Brazil"});
    CHECK(doc.topics == Strings{"trade"});
    CHECK(doc.type == "article");
    CHECK(doc.lang == "en");
    CHECK(doc.source == "Archive");
    CHECK(doc.url == "https://example.org/s");
    CHECK(doc.speaker == "Mike Moore; Charlene Barshefsky");
    CHECK(doc.text == "Talks ended.");
    CHECK(doc.path.empty());
}

TEST_CASE("json: list fields accept a string, a list or null", "[unit][json]") {
    SECTION("a string stays whole (the normaliser splits it)") {
        const Document doc = document_from_json(
            json{{"country", "PAK; CHN"}, {"topic", "human rights"}, {"speaker", "A, B"}});
        CHECK(doc.countries == Strings{"PAK; CHN"});
        CHECK(doc.topics == Strings{"human rights"});
        CHECK(doc.speaker == "A, B");
    }
    SECTION("null and missing are empty") {
        const Document doc = document_from_json(json{{"country", nullptr}, {"title", nullptr}});
        CHECK(doc.countries.empty());
        CHECK(doc.topics.empty());
        CHECK(doc.title.empty());
        CHECK(doc.speaker.empty());
    }
    SECTION("plural keys are used when the singular is absent or empty") {
        const Document doc = document_from_json(
            json{{"countries", {"IND"}}, {"topic", json::array()}, {"topics", {"water"}}});
        CHECK(doc.countries == Strings{"IND"});
        CHECK(doc.topics == Strings{"water"});
    }
    SECTION("symbols are taken as listed") {
        const Document doc = document_from_json(json{{"symbols", {"S/RES/2334 (2016)"}}});
        CHECK(doc.symbols == Strings{"S/RES/2334 (2016)"});
    }
    SECTION("the singular key wins over the plural") {
        const Document doc = document_from_json(json{{"country", {"PAK"}}, {"countries", {"IND"}}});
        CHECK(doc.countries == Strings{"PAK"});
    }
}

TEST_CASE("json: year stands in for a missing date", "[unit][json]") {
    CHECK(document_from_json(json{{"year", 2015}}).date == "2015");
    CHECK(document_from_json(json{{"year", "2015"}}).date == "2015");
    CHECK(document_from_json(json{{"date", ""}, {"year", 2015}}).date == "2015");
    CHECK(document_from_json(json{{"date", nullptr}, {"year", 2015}}).date == "2015");
    CHECK(document_from_json(json{{"date", "2016-05"}, {"year", 2015}}).date == "2016-05");
}

TEST_CASE("json: integer scalars become strings", "[unit][json]") {
    const Document doc = document_from_json(json{{"id", 12345}, {"date", 1999}});
    CHECK(doc.id == "12345");
    CHECK(doc.date == "1999");
}

TEST_CASE("json: wrong types are std::invalid_argument naming the field", "[unit][json]") {
    struct Case {
        const char* text;
        const char* field;
    };
    const auto c = GENERATE(values<Case>({
        {R"({"title": ["a", "b"]})", "'title'"},
        {R"({"title": {"en": "x"}})", "'title'"},
        {R"({"text": true})", "'text'"},
        {R"({"year": 2015.5})", "'year'"},
        {R"({"id": 1.0})", "'id'"},
        {R"({"country": 586})", "'country'"},
        {R"({"country": ["PAK", 586]})", "'country'"},
        {R"({"topics": {"a": 1}})", "'topics'"},
        {R"({"speaker": [null]})", "'speaker'"},
    }));
    INFO(c.text);
    CHECK_THROWS_AS(document_from_json(json::parse(c.text)), std::invalid_argument);
    CHECK_THROWS_WITH(document_from_json(json::parse(c.text)), Contains(c.field));
}

TEST_CASE("json: a value that is not an object is std::invalid_argument", "[unit][json]") {
    const std::string text =
        GENERATE(as<std::string>{}, "[]", "[{\"id\": \"x\"}]", "\"text\"", "42", "null");
    INFO(text);
    CHECK_THROWS_AS(document_from_json(json::parse(text)), std::invalid_argument);
}
