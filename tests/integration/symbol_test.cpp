// @brief Integration tests of UN document symbols (`S/RES/2334 (2016)`) on the sample
// corpus: the `XY` terms the indexer writes, the `symbol:` field, symbols typed in a
// plain query, and the `symbols` of hits in the JSON output.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "diplosearch/diplosearch.hpp"
#include "diplosearch/errors.hpp"
#include "results_json.hpp"
#include "support/test_env.hpp"
#include "symbol_rewriter.hpp"

using namespace diplosearch;
using diplosearch::test::sample_corpus;
using diplosearch::test::TempDir;

namespace {

constexpr const char* kSettlements = "unsc-2016-settlements-resolution";
constexpr const char* kGeneralDebate = "unga-2023-general-debate-note";

struct Corpus {
    TempDir dir;
    std::string db = (dir / "db").string();

    Corpus() {
        Indexer indexer(db, IndexerOptions{});
        indexer.add_source(sample_corpus().string());
        indexer.commit();
    }
};

const Corpus& corpus() {
    static const Corpus instance;
    return instance;
}

SearchResults search(const std::string& text) {
    Searcher searcher(corpus().db);
    SearchRequest request;
    request.query = text;
    request.limit = 100;
    request.facet_size = 0;
    return searcher.search(request);
}

std::set<std::string> ids(const std::string& text) {
    std::set<std::string> found;
    for (const auto& hit : search(text).hits) found.insert(hit.document.id);
    return found;
}

}  // namespace

TEST_CASE("the indexer writes one XY term per cited symbol, and the yearless form",
          "[integration][symbol]") {
    Xapian::Database db(corpus().db);
    std::set<std::string> terms;
    for (auto it = db.allterms_begin("XY"); it != db.allterms_end("XY"); ++it) terms.insert(*it);
    // Also a check that no other sample document is taken to cite a symbol.
    CHECK(terms == std::set<std::string>{"XYa/78/pv.5", "XYa/res/77/1", "XYs/res/2334",
                                         "XYs/res/2334(2016)"});
    CHECK(db.get_termfreq("XYs/res/2334(2016)") == 1);
    CHECK(db.get_termfreq("XYa/78/pv.5") == 1);
}

TEST_CASE("documents keep the symbols they cite, normalised, in order of mention",
          "[integration][symbol]") {
    Searcher searcher(corpus().db);
    const auto settlements = searcher.document(kSettlements);
    REQUIRE(settlements);
    CHECK(settlements->symbols == std::vector<std::string>{"S/RES/2334 (2016)"});
    const auto debate = searcher.document(kGeneralDebate);
    REQUIRE(debate);
    CHECK(debate->symbols == std::vector<std::string>{"A/78/PV.5", "A/RES/77/1"});
    const auto other = searcher.document("pk-cn-2015-gwadar-talks");
    REQUIRE(other);
    CHECK(other->symbols.empty());
}

TEST_CASE("a symbol typed in a query finds exactly the documents citing it",
          "[integration][symbol]") {
    const std::set<std::string> settlements{kSettlements};
    const std::set<std::string> debate{kGeneralDebate};
    CHECK(ids("S/RES/2334 (2016)") == settlements);
    CHECK(ids("S/RES/2334(2016)") == settlements);
    CHECK(ids("s/res/2334") == settlements);
    CHECK(ids("S/RES/2334") == settlements);
    CHECK(ids("A/78/PV.5") == debate);
    CHECK(ids("a/78/pv.5") == debate);
    CHECK(ids("A/RES/77/1") == debate);
    // With words: the symbol filters, the words rank.
    CHECK(ids("settlements S/RES/2334 (2016)") == settlements);
    CHECK(ids("revitalization A/RES/77/1") == debate);
    CHECK(ids("settlements A/RES/77/1").empty());
    CHECK(search("S/RES/2334 (2016)").total == 1);
}

TEST_CASE("the symbol: field takes quoted and bare symbols in any case", "[integration][symbol]") {
    const std::set<std::string> settlements{kSettlements};
    const std::set<std::string> debate{kGeneralDebate};
    CHECK(ids("symbol:A/RES/77/1") == debate);
    CHECK(ids("symbol:a/res/77/1") == debate);
    CHECK(ids("symbol:\"A/RES/77/1\"") == debate);
    CHECK(ids("symbol:\"S/RES/2334 (2016)\"") == settlements);
    CHECK(ids("symbol:\"s/res/2334(2016)\"") == settlements);
    CHECK(ids("symbol:S/RES/2334") == settlements);
    CHECK(ids("symbol:S/RES/2334 OR symbol:A/78/PV.5") ==
          std::set<std::string>{kSettlements, kGeneralDebate});
    // A year that the document does not give matches nothing.
    CHECK(ids("symbol:\"S/RES/2334 (2017)\"").empty());
}

TEST_CASE("a symbol nobody cites finds nothing, without an error", "[integration][symbol]") {
    SearchResults results;
    REQUIRE_NOTHROW(results = search("S/RES/9999 (2031)"));
    CHECK(results.total == 0);
    REQUIRE_NOTHROW(results = search("symbol:A/HRC/RES/52/1"));
    CHECK(results.total == 0);
    REQUIRE_NOTHROW(results = search("symbol:not-a-symbol"));
    CHECK(results.total == 0);
}

TEST_CASE("words around slashes that are not symbols are searched as words",
          "[integration][symbol]") {
    // "and/or" and "24/7" stay ordinary text: no symbol filter, no error.
    REQUIRE_NOTHROW(search("security and/or settlements"));
    CHECK(ids("settlements").count(kSettlements) == 1);
}

TEST_CASE("hits carry their symbols in the JSON output", "[integration][symbol]") {
    const nlohmann::json json = searcher::results_to_json(search("S/RES/2334"));
    REQUIRE(json["hits"].size() == 1);
    CHECK(json["hits"][0]["symbols"] == nlohmann::json::array({"S/RES/2334 (2016)"}));
    const nlohmann::json plain = searcher::results_to_json(search("CPEC Gwadar"));
    REQUIRE_FALSE(plain["hits"].empty());
    CHECK_FALSE(plain["hits"][0].contains("symbols"));
}

TEST_CASE("symbols in a query become symbol: filters, quoted and field text left alone",
          "[integration][symbol]") {
    using searcher::rewrite_document_symbols;
    CHECK(rewrite_document_symbols("S/RES/2334 (2016)") == "symbol:\"S/RES/2334 (2016)\"");
    CHECK(rewrite_document_symbols("settlements s/res/2334(2016) vote") ==
          "settlements symbol:\"S/RES/2334 (2016)\" vote");
    CHECK(rewrite_document_symbols("(A/RES/77/1 OR A/78/PV.5)") ==
          "(symbol:\"A/RES/77/1\" OR symbol:\"A/78/PV.5\")");
    for (const std::string unchanged :
         {"\"S/RES/2334 (2016)\"", "symbol:S/RES/2334", "symbol:\"S/RES/2334 (2016)\"",
          "title:\"A/78/PV.5\"", "and/or 24/7 12/05/2020", "url:https://example.org/S/2023/1", "",
          "CPEC Gwadar"}) {
        INFO(unchanged);
        CHECK(rewrite_document_symbols(unchanged) == unchanged);
    }
}
