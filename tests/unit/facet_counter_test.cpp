// @brief Unit tests of searcher/facet_counter.hpp: exact, multi-valued facet counts
// over a match set, their order, limits and country labels.
#include "facet_counter.hpp"

#include <xapian.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "schema.hpp"
#include "unit_index.hpp"

using namespace diplosearch;
using namespace diplosearch::searcher;
using diplosearch::test::make_doc;

namespace {

std::vector<Document> corpus() {
    std::vector<Document> docs = {
        make_doc("d1", "Gwadar agreements", "2015-04-20", {"PAK", "CHN"}, {"cpec", "trade"},
                 "article", "gwadar"),
        make_doc("d2", "CPEC review", "2016", {"PAK"}, {"cpec"}, "article", "review"),
        make_doc("d3", "Border trade", "2015-11", {"CHN", "IND"}, {"trade"}, "speech", "border"),
        make_doc("d4", "Undated and untyped", "", {"IND"}, {}, "", "nothing"),
        make_doc("d5", "Indus waters", "2015", {}, {"water"}, "article", "water"),
        make_doc("d6", "Unknown code", "1999", {"XXX"}, {}, "letter", "old"),
    };
    docs[0].mentions = {"PAK", "CHN", "IND"};
    docs[2].mentions = {"IND", "CHN"};
    docs[4].mentions = {"IND", "PAK"};
    return docs;
}

// A value, its label and its count, for comparing whole facets at once.
struct Row {
    std::string value;
    std::string label;
    std::uint64_t count;
    bool operator==(const Row&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Row& r) {
    return os << "{" << r.value << ", " << r.label << ", " << r.count << "}";
}

std::vector<Row> rows(const Facet& facet) {
    std::vector<Row> out;
    for (const auto& v : facet.values) out.push_back({v.value, v.label, v.count});
    return out;
}

std::vector<const FacetField*> all_fields() {
    std::vector<const FacetField*> fields;
    for (const auto& f : facet_fields()) fields.push_back(&f);
    return fields;
}

// Runs @p query over the corpus with a counter for @p fields attached.
struct Counted {
    Xapian::WritableDatabase db = diplosearch::test::memory_db(corpus());
    FacetCounter counter;
    Xapian::doccount matches = 0;

    explicit Counted(const Xapian::Query& query,
                     std::vector<const FacetField*> fields = all_fields())
        : counter(db, std::move(fields)) {
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        enquire.add_matchspy(&counter);
        // Ask for one hit only but check every match, as the searcher does.
        const Xapian::MSet mset = enquire.get_mset(0, 1, db.get_doccount());
        matches = mset.get_matches_estimated();
    }

    Facet result(const std::string& name, std::uint32_t limit = 0) const {
        const FacetField* field = find_facet_field(name);
        REQUIRE(field != nullptr);
        return counter.result(*field, limit);
    }
};

}  // namespace

TEST_CASE("facet fields are country, topic, year, type, mentions and lang in that order",
          "[unit][facet_counter]") {
    const auto& fields = facet_fields();
    REQUIRE(fields.size() == 6);

    CHECK(fields[0].name == "country");
    CHECK(fields[0].encoding == FacetEncoding::kList);
    CHECK(fields[1].name == "topic");
    CHECK(fields[1].encoding == FacetEncoding::kList);
    CHECK(fields[2].name == "year");
    CHECK(fields[2].encoding == FacetEncoding::kYear);
    CHECK(fields[3].name == "type");
    CHECK(fields[3].encoding == FacetEncoding::kSingle);
    CHECK(fields[4].name == "mentions");
    CHECK(fields[4].encoding == FacetEncoding::kList);
    CHECK(fields[5].name == "lang");
    CHECK(fields[5].encoding == FacetEncoding::kSingle);
    for (const auto& field : fields) {
        INFO(field.name);
        const schema::FieldSpec* spec = schema::find_field(field.name);
        REQUIRE(spec != nullptr);
        REQUIRE(spec->slot.has_value());
        CHECK(field.slot == schema::slot(*spec->slot));
    }
    CHECK(find_facet_field("topic") == &fields[1]);
    CHECK(find_facet_field("date") == nullptr);
    CHECK(find_facet_field("") == nullptr);
}

TEST_CASE("facet counter counts a multi-valued document once under each value",
          "[unit][facet_counter]") {
    const Counted counted(Xapian::Query::MatchAll);
    REQUIRE(counted.matches == 6);
    const Facet country = counted.result("country");
    CHECK(country.field == "country");
    CHECK(country.distinct == 4);
    // Most frequent first, ties by value; labels are English short names.
    CHECK(rows(country) ==
          std::vector<Row>{
              {"CHN", "China", 2}, {"IND", "India", 2}, {"PAK", "Pakistan", 2}, {"XXX", "XXX", 1}});

    const Facet topic = counted.result("topic");
    CHECK(topic.distinct == 3);
    CHECK(rows(topic) ==
          std::vector<Row>{{"cpec", "cpec", 2}, {"trade", "trade", 2}, {"water", "water", 1}});
}

TEST_CASE("facet counter counts years from the year slot", "[unit][facet_counter]") {
    const Counted counted(Xapian::Query::MatchAll);
    const Facet year = counted.result("year");
    CHECK(year.distinct == 3);
    CHECK(rows(year) ==
          std::vector<Row>{{"2015", "2015", 3}, {"1999", "1999", 1}, {"2016", "2016", 1}});
}

TEST_CASE("facet counter counts mentions like countries, with country labels",
          "[unit][facet_counter]") {
    const Counted counted(Xapian::Query::MatchAll);
    const Facet mentions = counted.result("mentions");
    CHECK(mentions.field == "mentions");
    CHECK(mentions.distinct == 3);
    CHECK(rows(mentions) ==
          std::vector<Row>{{"IND", "India", 3}, {"CHN", "China", 2}, {"PAK", "Pakistan", 2}});
}

TEST_CASE("facet counter skips documents without a value", "[unit][facet_counter]") {
    const Counted counted(Xapian::Query::MatchAll);
    const Facet type = counted.result("type");
    CHECK(rows(type) == std::vector<Row>{{"article", "article", 3},
                                         {"letter", "letter", 1},
                                         {"speech", "speech", 1}});
    std::uint64_t total = 0;
    for (const auto& v : type.values) total += v.count;
    CHECK(total == 5);  // d4 has no type.
}

TEST_CASE("facet counter limit keeps the most frequent values and the distinct count",
          "[unit][facet_counter]") {
    const Counted counted(Xapian::Query::MatchAll);
    const Facet country = counted.result("country", 2);
    CHECK(country.distinct == 4);
    CHECK(rows(country) == std::vector<Row>{{"CHN", "China", 2}, {"IND", "India", 2}});
    CHECK(counted.result("year", 1).values.size() == 1);
    CHECK(counted.result("year", 10).values.size() == 3);
}

TEST_CASE("facet counter counts only the matching documents", "[unit][facet_counter]") {
    const Counted counted(Xapian::Query("XCpak"));
    REQUIRE(counted.matches == 2);
    CHECK(rows(counted.result("country")) ==
          std::vector<Row>{{"PAK", "Pakistan", 2}, {"CHN", "China", 1}});
    CHECK(rows(counted.result("year")) ==
          std::vector<Row>{{"2015", "2015", 1}, {"2016", "2016", 1}});

    const Counted none(Xapian::Query("XCnone"));
    CHECK(none.result("country").values.empty());
    CHECK(none.result("country").distinct == 0);
}

TEST_CASE("facet counter returns an empty facet for a field it was not given",
          "[unit][facet_counter]") {
    const Counted counted(Xapian::Query::MatchAll, {find_facet_field("topic")});
    const Facet country = counted.result("country");
    CHECK(country.field == "country");
    CHECK(country.values.empty());
    CHECK(country.distinct == 0);
    CHECK(counted.result("topic").distinct == 3);
}

TEST_CASE("facet counter has a stable MatchSpy name", "[unit][facet_counter]") {
    const Xapian::WritableDatabase db = diplosearch::test::memory_db(corpus());
    const FacetCounter counter(db, all_fields());
    CHECK(counter.name() == "diplosearch.FacetCounter");
}
