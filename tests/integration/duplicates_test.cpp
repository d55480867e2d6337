// @brief Near-duplicate collapse end to end: the sample corpus plus the fixtures in
// tests/fixtures/near-duplicates, indexed, then searched collapsed, uncollapsed and
// cluster by cluster.
//
// The fixtures are invented sample material like corpus/documents: a wire report of an
// Arctic Council communiqué (north-wire); the same communiqué run by another outlet with
// its own headline, lead and closing paragraph and a word changed (polar-post, a
// near-duplicate); and the first report's text word for word under another id, title,
// date and source (syndicated, an exact duplicate). The sample corpus's three Arctic
// Council documents share the topic and many words but are not copies. The fixtures
// live outside corpus/documents so the sample corpus keeps its documented counts; that
// folder holds nothing else, since every file in it is indexed.
#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "diplosearch/diplosearch.hpp"
#include "results_json.hpp"
#include "schema.hpp"
#include "support/test_env.hpp"

using namespace diplosearch;
using diplosearch::test::sample_corpus;
using diplosearch::test::source_dir;
using diplosearch::test::TempDir;

namespace {

constexpr std::uint64_t kSampleDocuments = 74;
constexpr std::uint64_t kFixtures = 3;

const std::string kNorthWire = "arctic-2026-reykjavik-communique-north-wire";
const std::string kPolarPost = "arctic-2026-reykjavik-communique-polar-post";
const std::string kSyndicated = "arctic-2026-reykjavik-communique-syndicated";
const std::set<std::string> kCluster = {kNorthWire, kPolarPost, kSyndicated};
// The sample corpus's Arctic Council documents: same topic, not copies.
const std::set<std::string> kArcticSamples = {
    "arctic-2011-nuuk-ministerial", "arctic-2022-pause-statement", "arctic-2025-tromso-handover"};

std::string fixtures() {
    return (source_dir() / "tests" / "fixtures" / "near-duplicates").string();
}

// The sample corpus and the fixtures, indexed once per process. Extraction is off
// so facet counts are those of the documents' own metadata (corpus/README.md).
struct Corpus {
    TempDir dir;
    std::string db = (dir / "db").string();
    IndexStats stats;

    explicit Corpus(std::uint32_t batch_size = 2000) {
        IndexerOptions options;
        options.extract = false;
        options.batch_size = batch_size;
        Indexer indexer(db, options);
        indexer.add_source(sample_corpus().string());
        indexer.add_source(fixtures());
        stats = indexer.finish();
    }
};

const Corpus& corpus() {
    static const Corpus instance;
    return instance;
}

SearchResults search(SearchRequest request, const std::string& db = corpus().db) {
    Searcher searcher(db);
    return searcher.search(request);
}

SearchRequest everything(std::uint32_t limit = 200) {
    SearchRequest request;
    request.limit = limit;
    request.facet_size = 0;
    request.snippet_length = 0;
    return request;
}

std::set<std::string> ids_of(const SearchResults& results) {
    std::set<std::string> ids;
    for (const auto& hit : results.hits) ids.insert(hit.document.id);
    return ids;
}

std::set<std::string> in_cluster(const SearchResults& results) {
    std::set<std::string> ids;
    for (const auto& hit : results.hits) {
        if (kCluster.count(hit.document.id)) ids.insert(hit.document.id);
    }
    return ids;
}

const Hit& hit_of(const SearchResults& results, const std::string& id) {
    const auto it = std::find_if(results.hits.begin(), results.hits.end(),
                                 [&](const Hit& h) { return h.document.id == id; });
    REQUIRE(it != results.hits.end());
    return *it;
}

std::string cluster_key(const std::string& db, const std::string& id) {
    const Xapian::Database xdb(db);
    const std::string term = std::string(schema::prefix::kId) + id;
    REQUIRE(xdb.postlist_begin(term) != xdb.postlist_end(term));
    return xdb.get_document(*xdb.postlist_begin(term))
        .get_value(schema::slot(schema::ValueSlot::kDuplicateCluster));
}

std::uint64_t facet_count(const SearchResults& results, const std::string& field,
                          const std::string& value) {
    for (const auto& facet : results.facets) {
        if (facet.field != field) continue;
        for (const auto& v : facet.values) {
            if (v.value == value) return v.count;
        }
    }
    return 0;
}

}  // namespace

TEST_CASE("the sample corpus alone has no near-duplicates", "[integration][duplicates]") {
    TempDir dir;
    const std::string db = (dir / "db").string();
    {
        IndexerOptions options;
        options.extract = false;
        Indexer indexer(db, options);
        indexer.add_source(sample_corpus().string());
    }
    const SearchResults all = search(everything(), db);
    CHECK(all.total == kSampleDocuments);
    CHECK(all.collapsed == 0);
    for (const auto& hit : all.hits) CHECK(hit.duplicates == 0);
}

TEST_CASE("copies share one cluster key, the same topic does not", "[integration][duplicates]") {
    const std::string& db = corpus().db;
    const std::string key = cluster_key(db, kNorthWire);
    CHECK(key.size() == 16);
    CHECK(cluster_key(db, kPolarPost) == key);   // Near-duplicate from another outlet.
    CHECK(cluster_key(db, kSyndicated) == key);  // Exact duplicate under another id.
    for (const auto& id : kArcticSamples) CHECK(cluster_key(db, id) != key);
}

TEST_CASE("results are collapsed by default", "[integration][duplicates]") {
    REQUIRE(corpus().stats.indexed == kSampleDocuments + kFixtures);
    const SearchResults all = search(everything());
    CHECK(all.total == kSampleDocuments + 1);
    CHECK(all.collapsed == kFixtures - 1);
    CHECK(all.hits.size() == kSampleDocuments + 1);
    REQUIRE(in_cluster(all).size() == 1);
    const Hit& shown = hit_of(all, *in_cluster(all).begin());
    CHECK(shown.duplicates == 2);
    for (const auto& hit : all.hits) {
        if (hit.document.id != shown.document.id) CHECK(hit.duplicates == 0);
    }

    SECTION("totals stay exact when the page is smaller than the result list") {
        // Xapian's collapsed estimate is only exact when every result fits the page.
        for (const std::uint32_t limit : {0U, 1U, 5U}) {
            const SearchResults page = search(everything(limit));
            CHECK(page.total == kSampleDocuments + 1);
            CHECK(page.collapsed == kFixtures - 1);
        }
        SearchRequest request = everything(1);
        request.query = "Arctic rescue";
        request.match = MatchMode::kAllWords;
        CHECK(search(request).total == 2);
        request.offset = 1;
        const SearchResults second = search(request);
        CHECK(second.total == 2);
        CHECK(second.collapsed == 2);
        // Relaxed, the complete matches are counted once per cluster too.
        request.match = MatchMode::kMostWords;
        const SearchResults relaxed = search(request);
        CHECK(relaxed.all_words == 2);
        CHECK(relaxed.total > 2);
        CHECK(relaxed.collapsed == 2);
    }
    SECTION("a query shows the best copy with the count of the others") {
        SearchRequest request = everything();
        request.query = "Arctic rescue";
        const SearchResults r = search(request);
        REQUIRE(in_cluster(r).size() == 1);
        CHECK(hit_of(r, *in_cluster(r).begin()).duplicates == 2);
        CHECK(r.collapsed == 2);
        // The Arctic Council documents of the sample corpus are not folded in.
        for (const auto& id : kArcticSamples) {
            if (ids_of(r).count(id)) CHECK(hit_of(r, id).duplicates == 0);
        }
        CHECK(ids_of(r).count("arctic-2011-nuuk-ministerial") == 1);
    }
    SECTION("the best copy follows the sort order") {
        SearchRequest request = everything();
        request.topics = {"maritime"};
        request.sort = SortOrder::kDateDescending;
        const SearchResults r = search(request);
        REQUIRE_FALSE(r.hits.empty());
        CHECK(r.hits.front().document.id == kSyndicated);  // The newest copy, 2026-05-16.
        CHECK(r.hits.front().duplicates == 2);
        request.sort = SortOrder::kDateAscending;
        CHECK(hit_of(search(request), kNorthWire).duplicates == 2);  // The oldest, 2026-05-14.
    }
    SECTION("a copy that alone matches is shown alone") {
        SearchRequest request = everything();
        request.query = "rehearse";
        const SearchResults r = search(request);
        CHECK(ids_of(r) == std::set<std::string>{kPolarPost});
        CHECK(r.hits.front().duplicates == 0);
        CHECK(r.collapsed == 0);
    }
}

TEST_CASE("without collapsing every copy is shown", "[integration][duplicates]") {
    SearchRequest request = everything();
    request.collapse = false;
    const SearchResults all = search(request);
    CHECK(all.total == kSampleDocuments + kFixtures);
    CHECK(all.collapsed == 0);
    CHECK(in_cluster(all) == kCluster);
    for (const auto& hit : all.hits) CHECK(hit.duplicates == 0);
}

TEST_CASE("facets count every copy, collapsed or not", "[integration][duplicates]") {
    SearchRequest request = everything();
    request.facets = {"topic", "year"};
    const SearchResults collapsed = search(request);
    request.collapse = false;
    const SearchResults uncollapsed = search(request);
    // corpus/README.md: maritime 10, security 16, 2026 2; plus the three fixtures.
    CHECK(facet_count(collapsed, "topic", "maritime") == 13);
    CHECK(facet_count(collapsed, "topic", "security") == 19);
    CHECK(facet_count(collapsed, "year", "2026") == 5);
    CHECK(facet_count(uncollapsed, "topic", "maritime") == 13);
    CHECK(facet_count(uncollapsed, "year", "2026") == 5);
}

TEST_CASE("duplicates_of lists a cluster", "[integration][duplicates]") {
    SearchRequest request = everything();
    request.duplicates_of = kPolarPost;
    const SearchResults r = search(request);
    CHECK(ids_of(r) == kCluster);
    CHECK(r.total == 3);
    CHECK(r.duplicates_of == kPolarPost);
    CHECK(r.collapsed == 0);

    SECTION("filters apply") {
        request.date_to = "2026-05-15";
        CHECK(ids_of(search(request)) == std::set<std::string>{kNorthWire, kPolarPost});
    }
    SECTION("query text applies") {
        request.query = "rehearse";
        CHECK(ids_of(search(request)) == std::set<std::string>{kPolarPost});
    }
    SECTION("a document without copies is a cluster of one") {
        request.duplicates_of = "arctic-2011-nuuk-ministerial";
        CHECK(ids_of(search(request)) == std::set<std::string>{"arctic-2011-nuuk-ministerial"});
    }
    SECTION("an unknown id is a query error") {
        request.duplicates_of = "no-such-document";
        CHECK_THROWS_AS(search(request), QueryError);
    }
}

TEST_CASE("JSON carries duplicates per hit and the collapsed count", "[integration][duplicates]") {
    SearchRequest request = everything();
    request.query = "Reykjavik";
    const nlohmann::json j = searcher::results_to_json(search(request));
    CHECK(j["collapsed"] == 2);
    CHECK(j["duplicates_of"].is_null());
    REQUIRE(j["hits"].size() == 1);
    CHECK(j["hits"][0]["duplicates"] == 2);
}

TEST_CASE("clusters do not depend on batch boundaries", "[integration][duplicates]") {
    // One commit per document: every match is found in committed data instead of
    // in the open transaction.
    const Corpus one_by_one(1);
    CHECK(cluster_key(one_by_one.db, kPolarPost) == cluster_key(one_by_one.db, kNorthWire));
    CHECK(cluster_key(one_by_one.db, kSyndicated) == cluster_key(one_by_one.db, kNorthWire));
    CHECK(search(everything(), one_by_one.db).total == kSampleDocuments + 1);

    SECTION("re-indexing unchanged sources keeps the clusters") {
        IndexerOptions options;
        options.extract = false;
        Indexer indexer(one_by_one.db, options);
        indexer.add_source(sample_corpus().string());
        indexer.add_source(fixtures());
        const IndexStats again = indexer.finish();
        CHECK(again.indexed == 0);
        CHECK(search(everything(), one_by_one.db).collapsed == 2);
    }
}

TEST_CASE("diplo-search prints the count of similar reports", "[integration][duplicates]") {
    const std::string search = test::diplo_search_bin() + " --db " +
                               test::shell_quote(corpus().db) +
                               " --facets none --snippet-length 0 ";
    const test::CommandResult collapsed = test::run_command(search + "Reykjavik");
    REQUIRE(collapsed.exit_code == 0);
    CHECK_THAT(collapsed.out,
               Catch::StartsWith("1 result for \"Reykjavik\" (2 near-duplicates hidden)"));
    CHECK_THAT(collapsed.out, Catch::Contains("     and 2 similar reports (--duplicates-of " +
                                              kPolarPost + ")\n"));

    const test::CommandResult all = test::run_command(search + "--no-collapse Reykjavik");
    CHECK_THAT(all.out, Catch::StartsWith("3 results for \"Reykjavik\", showing 1-3"));
    CHECK_THAT(all.out, !Catch::Contains("similar report"));

    const test::CommandResult listed = test::run_command(search + "--duplicates-of " + kNorthWire);
    CHECK_THAT(listed.out, Catch::StartsWith("3 results for copies of " + kNorthWire));
}
