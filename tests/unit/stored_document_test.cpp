// @brief Unit tests of common/stored_document.hpp: the fields (JSON in a value slot)
// and the text (a zstd frame in the document data) kept with every Xapian document.
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

Xapian::Document stored(const Document& doc) {
    Xapian::Document xdoc;
    stored_document::store(doc, xdoc);
    return xdoc;
}

}  // namespace

TEST_CASE("stored_document round-trips every field", "[unit][stored_document]") {
    const Document doc = full_document();
    const Document back = stored_document::load(stored(doc));
    check_same_fields(back, doc);
    CHECK(back.text == doc.text);
}

TEST_CASE("stored_document load without text leaves text empty", "[unit][stored_document]") {
    const Document doc = full_document();
    const Document back = stored_document::load(stored(doc), false);
    check_same_fields(back, doc);
    CHECK(back.text.empty());
}

TEST_CASE("stored_document keeps the fields in the metadata slot and the text compressed",
          "[unit][stored_document]") {
    Document doc = full_document();
    // Quotes, a fake key, newlines and braces in the text are just text.
    doc.text = "He said \"title\":\"not this\" {\n} and left.\n\nEnd. ";
    for (int i = 0; i < 6; ++i) doc.text += doc.text;
    const Xapian::Document xdoc = stored(doc);
    const std::string metadata = xdoc.get_value(schema::slot(schema::ValueSlot::kMetadata));
    CHECK(metadata.find('\n') == std::string::npos);
    const auto j = nlohmann::json::parse(metadata);
    CHECK(j.at("id") == doc.id);
    CHECK_FALSE(j.contains("text"));
    // A zstd frame, much shorter than the repetitive text.
    const std::string data = xdoc.get_data();
    CHECK(data.compare(0, 4, "\x28\xB5\x2F\xFD") == 0);
    CHECK(data.size() < doc.text.size() / 4);
    const Document back = stored_document::load(xdoc);
    CHECK(back.title == doc.title);
    CHECK(back.text == doc.text);
}

TEST_CASE("stored_document omits empty fields from the JSON", "[unit][stored_document]") {
    Document doc;
    doc.id = "only-id";
    doc.title = "Only a title";
    const auto j = nlohmann::json::parse(stored_document::encode_metadata(doc));
    CHECK(j.size() == 2);
    CHECK(j.at("id") == "only-id");
    CHECK(j.at("title") == "Only a title");
    CHECK_FALSE(j.contains("countries"));
    CHECK_FALSE(j.contains("mentions"));
    CHECK_FALSE(j.contains("extracted"));
    CHECK_FALSE(j.contains("symbols"));
    CHECK_FALSE(j.contains("text"));

    const Xapian::Document xdoc = stored(doc);
    CHECK(xdoc.get_data().empty());  // No text, no frame.
    const Document back = stored_document::load(xdoc);
    CHECK(back.date.empty());
    CHECK(back.countries.empty());
    CHECK(back.text.empty());
}

TEST_CASE("stored_document cuts long text on a UTF-8 boundary", "[unit][stored_document]") {
    Document doc = full_document();
    // 'a' then 3-byte characters: the limit falls inside a character.
    doc.text = "a";
    while (doc.text.size() < schema::kStoredTextBytes + 100) doc.text += "€";
    const Document back = stored_document::load(stored(doc));
    CHECK(back.text.size() <= schema::kStoredTextBytes);
    CHECK(back.text.size() > schema::kStoredTextBytes - 3);
    CHECK((back.text.size() - 1) % 3 == 0);
    CHECK(doc.text.starts_with(back.text));
}

TEST_CASE("stored_document keeps text up to the limit whole", "[unit][stored_document]") {
    Document doc = full_document();
    doc.text = std::string(schema::kStoredTextBytes, 'x');
    CHECK(stored_document::load(stored(doc)).text == doc.text);
}

TEST_CASE("stored_document encode replaces invalid UTF-8 instead of throwing",
          "[unit][stored_document]") {
    Document doc = full_document();
    doc.title = "bad \xFF byte";
    std::string metadata;
    REQUIRE_NOTHROW(metadata = stored_document::encode_metadata(doc));
    CHECK(stored_document::decode_metadata(metadata).title == "bad \xEF\xBF\xBD byte");
}

TEST_CASE("stored_document load rejects a damaged text frame", "[unit][stored_document]") {
    Document doc = full_document();
    doc.text = "Some text to compress, some text to compress, some text to compress.";
    Xapian::Document xdoc = stored(doc);
    xdoc.set_data(xdoc.get_data().substr(0, xdoc.get_data().size() - 3));
    CHECK_THROWS_AS(stored_document::load(xdoc), IndexError);
    CHECK(stored_document::load(xdoc, false).id == doc.id);  // The fields still read.
    xdoc.set_data("raw text, not a frame");
    CHECK_THROWS_AS(stored_document::load(xdoc), IndexError);
}

TEST_CASE("stored_document decode rejects metadata that is not JSON", "[unit][stored_document]") {
    const std::string data = GENERATE(as<std::string>{}, "", "not json", "{\"id\": ", "{]");
    CHECK_THROWS_AS(stored_document::decode_metadata(data), IndexError);
    Xapian::Document xdoc;
    xdoc.add_value(schema::slot(schema::ValueSlot::kMetadata), data);
    CHECK_THROWS_AS(stored_document::load(xdoc, false), IndexError);
}

TEST_CASE("stored_document decode ignores unknown keys and non-string scalars",
          "[unit][stored_document]") {
    const Document doc = stored_document::decode_metadata(
        R"({"id": "x", "title": 42, "date": null, "extra": {"a": 1}, "countries": "PAK"})");
    CHECK(doc.id == "x");
    CHECK(doc.title.empty());
    CHECK(doc.date.empty());
    CHECK(doc.countries.empty());  // Not an array.
}

TEST_CASE("stored_document decode rejects non-object JSON and non-string list items",
          "[unit][stored_document]") {
    CHECK_THROWS_AS(stored_document::decode_metadata(R"({"id":"x","countries":[1,2]})"),
                    IndexError);
    CHECK_THROWS_AS(stored_document::decode_metadata("[1,2]"), IndexError);
}
