// @brief Unit tests of common/schema.hpp: the field table that configures both the
// indexer and the query parser.
#include "schema.hpp"

#include <catch2/catch.hpp>
#include <set>
#include <string>

using namespace diplosearch;
using schema::FieldKind;
using schema::ValueNormaliser;
using schema::ValueSlot;

TEST_CASE("schema value slots keep their numbers", "[unit][schema]") {
    // Renumbering a slot silently breaks every existing database.
    CHECK(schema::slot(ValueSlot::kDate) == 0);
    CHECK(schema::slot(ValueSlot::kYear) == 1);
    CHECK(schema::slot(ValueSlot::kCountries) == 2);
    CHECK(schema::slot(ValueSlot::kTopics) == 3);
    CHECK(schema::slot(ValueSlot::kType) == 4);
    CHECK(schema::slot(ValueSlot::kLang) == 5);
    CHECK(schema::slot(ValueSlot::kMentions) == 6);
    CHECK(schema::slot(ValueSlot::kContentHash) == 7);
    CHECK(schema::slot(ValueSlot::kDuplicateCluster) == 8);
    CHECK(schema::slot(ValueSlot::kMetadata) == 9);
}

TEST_CASE("schema find_field returns each field with its prefix, kind and normaliser",
          "[unit][schema]") {
    struct Case {
        const char* name;
        std::string_view prefix;
        FieldKind kind;
        ValueNormaliser normaliser;
    };
    const auto c = GENERATE(values<Case>({
        {"id", "Q", FieldKind::kBoolean, ValueNormaliser::kExact},
        {"title", "S", FieldKind::kFreeText, ValueNormaliser::kNone},
        {"text", "", FieldKind::kFreeText, ValueNormaliser::kNone},
        {"speaker", "A", FieldKind::kFreeText, ValueNormaliser::kNone},
        {"country", "XC", FieldKind::kBoolean, ValueNormaliser::kCountry},
        {"mentions", "XM", FieldKind::kBoolean, ValueNormaliser::kCountry},
        {"topic", "XT", FieldKind::kBoolean, ValueNormaliser::kSlug},
        {"type", "XK", FieldKind::kBoolean, ValueNormaliser::kSlug},
        {"source", "XS", FieldKind::kBoolean, ValueNormaliser::kSlug},
        {"lang", "L", FieldKind::kBoolean, ValueNormaliser::kLanguage},
        {"year", "Y", FieldKind::kBoolean, ValueNormaliser::kYear},
        {"date", "D", FieldKind::kBoolean, ValueNormaliser::kDate},
        {"url", "U", FieldKind::kBoolean, ValueNormaliser::kLower},
        {"symbol", "XY", FieldKind::kBoolean, ValueNormaliser::kSymbol},
        {"path", "", FieldKind::kStored, ValueNormaliser::kNone},
    }));
    INFO(c.name);
    const schema::FieldSpec* field = schema::find_field(c.name);
    REQUIRE(field != nullptr);
    CHECK(field->name == c.name);
    CHECK(field->prefix == c.prefix);
    CHECK(field->kind == c.kind);
    CHECK(field->normaliser == c.normaliser);
}

TEST_CASE("schema find_field returns nullptr for unknown or differently cased names",
          "[unit][schema]") {
    CHECK(schema::find_field("nope") == nullptr);
    CHECK(schema::find_field("") == nullptr);
    CHECK(schema::find_field("Title") == nullptr);
    CHECK(schema::find_field("countries") == nullptr);
}

TEST_CASE("schema fields have unique names, prefixes and slots", "[unit][schema]") {
    std::set<std::string_view> names;
    std::set<std::string_view> prefixes;
    std::set<Xapian::valueno> slots;
    for (const auto& field : schema::fields()) {
        INFO(field.name);
        CHECK(names.insert(field.name).second);
        if (!field.prefix.empty()) CHECK(prefixes.insert(field.prefix).second);
        if (field.slot) CHECK(slots.insert(schema::slot(*field.slot)).second);
        // Boolean filters need a prefix and a way to normalise query values.
        if (field.kind == FieldKind::kBoolean) {
            CHECK_FALSE(field.prefix.empty());
            CHECK(field.normaliser != ValueNormaliser::kNone);
            CHECK(field.unprefixed_weight == 0);
        }
    }
    CHECK(names.size() == schema::fields().size());
    // Prefixes must not collide with the month prefix used for dates either.
    CHECK(prefixes.count(schema::prefix::kMonth) == 0);
}

TEST_CASE("schema free-text title outweighs body text in the unprefixed index", "[unit][schema]") {
    CHECK(schema::find_field("title")->unprefixed_weight >
          schema::find_field("text")->unprefixed_weight);
    CHECK(schema::find_field("text")->unprefixed_weight > 0);
}

TEST_CASE("schema boolean_term joins prefix and value and caps the length", "[unit][schema]") {
    CHECK(schema::boolean_term("XC", "pak") == "XCpak");
    CHECK(schema::boolean_term("Q", "Some-ID") == "QSome-ID");
    CHECK(schema::boolean_term("XT", "") == "XT");

    const std::string long_value(1000, 'v');
    const std::string term = schema::boolean_term("XT", long_value);
    CHECK(term.size() == schema::kMaxTermBytes);
    CHECK(term.starts_with("XTvvv"));
}

TEST_CASE("schema version metadata is set", "[unit][schema]") {
    CHECK_FALSE(schema::kVersion.empty());
    CHECK(schema::kVersionKey == "diplosearch.schema_version");
}
