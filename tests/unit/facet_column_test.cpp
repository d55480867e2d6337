// @brief Unit tests of searcher/facet_column.hpp: per-docid value ids, documents
// without a value, docid gaps, and sharing one column per database revision.
#include "facet_column.hpp"

#include <xapian.h>

#include <unistd.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "facet_counter.hpp"
#include "schema.hpp"
#include "value_list.hpp"

using namespace diplosearch;
using namespace diplosearch::searcher;

namespace {

Xapian::Document with_countries(const std::vector<std::string>& codes) {
    Xapian::Document doc;
    doc.add_boolean_term("Q" + std::to_string(codes.size()));
    if (!codes.empty()) doc.add_value(find_facet_field("country")->slot, value_list::encode(codes));
    return doc;
}

// The decoded values of document @p did, through count().
std::vector<std::string> values_of(const FacetColumn& column, Xapian::docid did) {
    std::vector<std::uint32_t> counts(column.values().size(), 0);
    column.count(did, counts);
    std::vector<std::string> out;
    for (std::size_t id = 0; id < counts.size(); ++id) {
        for (std::uint32_t k = 0; k < counts[id]; ++k) out.push_back(column.values()[id]);
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("facet column maps each document to its values, gaps and all", "[unit][facet_column]") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    db.add_document(with_countries({"PAK", "CHN"}));         // 1
    db.add_document(with_countries({}));                     // 2: no value
    db.replace_document(5, with_countries({"IND"}));         // 5: docids 3 and 4 never used
    db.replace_document(7, with_countries({"CHN", "IND"}));  // 7
    const FacetColumn column(db, *find_facet_field("country"));

    CHECK(column.values().size() == 3);
    CHECK(values_of(column, 1) == std::vector<std::string>{"CHN", "PAK"});
    CHECK(values_of(column, 2).empty());
    CHECK(values_of(column, 3).empty());
    CHECK(values_of(column, 5) == std::vector<std::string>{"IND"});
    CHECK(values_of(column, 6).empty());
    CHECK(values_of(column, 7) == std::vector<std::string>{"CHN", "IND"});
    // Past the last docid (a newer revision's document): nothing, no overrun.
    CHECK(values_of(column, 8).empty());
    CHECK(values_of(column, 1000).empty());
}

TEST_CASE("facet column decodes years and single values", "[unit][facet_column]") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::Document doc;
    doc.add_value(find_facet_field("year")->slot, Xapian::sortable_serialise(2015));
    doc.add_value(find_facet_field("type")->slot, "speech");
    db.add_document(doc);
    CHECK(FacetColumn(db, *find_facet_field("year")).values() == std::vector<std::string>{"2015"});
    CHECK(FacetColumn(db, *find_facet_field("type")).values() ==
          std::vector<std::string>{"speech"});
}

TEST_CASE("facet columns are shared per revision and read again after a commit",
          "[unit][facet_column]") {
    const auto dir = std::filesystem::temp_directory_path() /
                     ("diplosearch-facet-column-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    const FacetField& country = *find_facet_field("country");
    {
        Xapian::WritableDatabase writer(dir.string(), Xapian::DB_CREATE);
        writer.add_document(with_countries({"PAK"}));
        writer.commit();

        Xapian::Database reader(dir.string());
        const auto first = FacetColumn::of(reader, country);
        CHECK(FacetColumn::of(Xapian::Database(dir.string()), country) == first);
        CHECK(FacetColumn::of(reader, *find_facet_field("topic")) != first);

        writer.add_document(with_countries({"IND"}));
        writer.commit();
        CHECK(FacetColumn::of(reader, country) == first);  // Not reopened: same revision.
        reader.reopen();
        const auto second = FacetColumn::of(reader, country);
        CHECK(second != first);
        CHECK(values_of(*second, 2) == std::vector<std::string>{"IND"});
        CHECK(values_of(*first, 2).empty());
    }
    std::filesystem::remove_all(dir);
}
