// @brief Unit tests of common/stored_document.hpp: the JSON document data kept with
// every Xapian document.
#include "stored_document.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "diplosearch/errors.hpp"
#include "schema.hpp"

using namespace diplosearch;

namespace {

Document full_document() {
    Document doc;
    doc.id = "pk-cn-2015-gwadar-talks";
    doc.title = "Pakistan and China sign Gwadar port agreements";
    doc.date = "2015-04-20";
    doc.countries = {"PAK", "CHN"};
    doc.topics = {"cpec", "trade"};
    doc.type = "article";
    doc.lang = "en";
    doc.source = "Dawn (sample)";
    doc.url = "https://example.org/gwadar";
    doc.speaker = "Nawaz Sharif; Xi Jinping";
    doc.path = "documents/news/pk-cn-2015-gwadar-talks.md";
    doc.text = "ISLAMABAD — Pakistan and China signed agreements.\n\nSecond paragraph.";
    doc.mentions = {"PAK", "CHN", "IND"};
    doc.extracted = {"topic", "type"};
    doc.symbols = {"S/RES/2334 (2016)", "A/78/PV.5"};
    return doc;
}

void check_same_fields(const Document& a, const Document& b) {
    CHECK(a.id == b.id);
    CHECK(a.title == b.title);
    CHECK(a.date == b.date);
    CHECK(a.countries == b.countries);
    CHECK(a.topics == b.topics);
    CHECK(a.type == b.type);
    CHECK(a.lang == b.lang);
    CHECK(a.source == b.source);
    CHECK(a.url == b.url);
    CHECK(a.speaker == b.speaker);
    CHECK(a.path == b.path);
    CHECK(a.mentions == b.mentions);
    CHECK(a.extracted == b.extracted);
    CHECK(a.symbols == b.symbols);
}

}  // namespace

TEST_CASE("stored_document round-trips every field", "[unit][stored_document]") {
    const Document doc = full_document();
    const Document back = stored_document::decode(stored_document::encode(doc));
    check_same_fields(back, doc);
    CHECK(back.text == doc.text);
}

TEST_CASE("stored_document decode without text leaves text empty", "[unit][stored_document]") {
    const Document doc = full_document();
    const Document back = stored_document::decode(stored_document::encode(doc), false);
    check_same_fields(back, doc);
    CHECK(back.text.empty());
}

TEST_CASE("stored_document keeps the text compressed after the JSON line",
          "[unit][stored_document]") {
    Document doc = full_document();
    // Quotes, a fake key, newlines and braces in the text are just text.
    doc.text = "He said \"title\":\"not this\" {\n} and left.\n\nEnd. ";
    for (int i = 0; i < 6; ++i) doc.text += doc.text;
    const std::string data = stored_document::encode(doc);
    const auto separator = data.find('\n');
    REQUIRE(separator != std::string::npos);
    CHECK(nlohmann::json::parse(data.substr(0, separator)).at("id") == doc.id);
    // A zstd frame, much shorter than the repetitive text.
    CHECK(data.compare(separator + 1, 4, "\x28\xB5\x2F\xFD") == 0);
    CHECK(data.size() - separator - 1 < doc.text.size() / 4);
    const Document back = stored_document::decode(data);
    CHECK(back.title == doc.title);
    CHECK(back.text == doc.text);
    CHECK(stored_document::decode(data, false).text.empty());
}

TEST_CASE("stored_document omits empty fields from the JSON", "[unit][stored_document]") {
    Document doc;
    doc.id = "only-id";
    doc.title = "Only a title";
    const auto j = nlohmann::json::parse(stored_document::encode(doc));
    CHECK(j.size() == 2);
    CHECK(j.at("id") == "only-id");
    CHECK(j.at("title") == "Only a title");
    CHECK_FALSE(j.contains("countries"));
    CHECK_FALSE(j.contains("mentions"));
    CHECK_FALSE(j.contains("extracted"));
    CHECK_FALSE(j.contains("symbols"));
    CHECK_FALSE(j.contains("text"));

    const Document back = stored_document::decode(stored_document::encode(doc));
    CHECK(back.date.empty());
    CHECK(back.countries.empty());
    CHECK(back.text.empty());
}

TEST_CASE("stored_document cuts long text on a UTF-8 boundary", "[unit][stored_document]") {
    Document doc = full_document();
    // 'a' then 3-byte characters: the limit falls inside a character.
    doc.text = "a";
    while (doc.text.size() < schema::kStoredTextBytes + 100) doc.text += "€";
    const Document back = stored_document::decode(stored_document::encode(doc));
    CHECK(back.text.size() <= schema::kStoredTextBytes);
    CHECK(back.text.size() > schema::kStoredTextBytes - 3);
    CHECK((back.text.size() - 1) % 3 == 0);
    CHECK(doc.text.starts_with(back.text));
}

TEST_CASE("stored_document keeps text up to the limit whole", "[unit][stored_document]") {
    Document doc = full_document();
    doc.text = std::string(schema::kStoredTextBytes, 'x');
    CHECK(stored_document::decode(stored_document::encode(doc)).text == doc.text);
}

TEST_CASE("stored_document encode replaces invalid UTF-8 instead of throwing",
          "[unit][stored_document]") {
    Document doc = full_document();
    doc.title = "bad \xFF byte";
    std::string data;
    REQUIRE_NOTHROW(data = stored_document::encode(doc));
    const Document back = stored_document::decode(data);
    CHECK(back.title == "bad \xEF\xBF\xBD byte");
}

TEST_CASE("stored_document decode rejects a damaged text frame", "[unit][stored_document]") {
    Document doc = full_document();
    doc.text = "Some text to compress, some text to compress, some text to compress.";
    std::string data = stored_document::encode(doc);
    const std::string cut = data.substr(0, data.size() - 3);
    CHECK_THROWS_AS(stored_document::decode(cut), IndexError);
    CHECK(stored_document::decode(cut, false).id == doc.id);  // Metadata still reads.
    CHECK_THROWS_AS(stored_document::decode(data.substr(0, data.find('\n') + 1) + "raw text"),
                    IndexError);
}

TEST_CASE("stored_document decode rejects data that is not JSON", "[unit][stored_document]") {
    const std::string data = GENERATE(as<std::string>{}, "", "not json", "{\"id\": ", "{]");
    CHECK_THROWS_AS(stored_document::decode(data), IndexError);
}

TEST_CASE("stored_document decode ignores unknown keys and non-string scalars",
          "[unit][stored_document]") {
    const Document doc = stored_document::decode(
        R"({"id": "x", "title": 42, "date": null, "extra": {"a": 1}, "countries": "PAK"})");
    CHECK(doc.id == "x");
    CHECK(doc.title.empty());
    CHECK(doc.date.empty());
    CHECK(doc.countries.empty());  // Not an array.
}

TEST_CASE("stored_document decode rejects non-object JSON and non-string list items",
          "[unit][stored_document]") {
    CHECK_THROWS_AS(stored_document::decode(R"({"id":"x","countries":[1,2]})"), IndexError);
    CHECK_THROWS_AS(stored_document::decode("[1,2]"), IndexError);
}
