// @brief Integration tests of extraction on the bundled corpus: documents that
// state no metadata get exact, reviewed facet values from their text; metadata the
// source gives is never replaced; the extracted values are searchable facets.
//
// Expected values were read off `diplo-index --explain` and checked by reading each
// document (e.g. the AMISOM report is about Somalia and the Ugandan contingent).
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "diplosearch/diplosearch.hpp"
#include "support/test_env.hpp"

using namespace diplosearch;
using diplosearch::test::sample_corpus;
using diplosearch::test::TempDir;
using Strings = std::vector<std::string>;

namespace {

struct ExtractedCorpus {
    TempDir dir;
    std::string db = (dir / "db").string();
    IndexStats stats;
    ExtractedCorpus() {
        Indexer indexer(db);  // Extraction is on by default.
        indexer.set_problem_handler([](const InputProblem&) {});
        indexer.add_source(sample_corpus().string());
        indexer.commit();
        stats = indexer.stats();
    }
};

const ExtractedCorpus& corpus() {
    static const ExtractedCorpus instance;
    return instance;
}

Document fetch(const std::string& id) {
    Searcher searcher(corpus().db);
    const auto doc = searcher.document(id);
    REQUIRE(doc.has_value());
    return *doc;
}

struct Expected {
    std::string id;
    Strings countries;
    Strings topics;
    std::string type;
    Strings extracted;
};

}  // namespace

TEST_CASE("documents without metadata get their facets from the text",
          "[integration][extraction]") {
    REQUIRE(corpus().stats.indexed == 74);
    const auto e = GENERATE(values<Expected>({
        {"documents/news/amisom-2007-mogadishu-landing.md",
         {"SOM", "UGA"},
         {"peace-process", "infrastructure", "security", "humanitarian"},
         "article",
         {"lang", "country", "topic", "type"}},
        {"documents/news/caspian-2018-aktau-convention.md",
         {"RUS", "IRN", "TKM", "AZE", "KAZ"},
         {"maritime", "energy", "climate", "water"},
         "article",
         {"lang", "country", "topic", "type"}},
        {"documents/news/cop15-copenhagen-finance-2009.md",
         {"DNK"},
         {"climate", "development"},
         "article",
         {"lang", "country", "topic", "type"}},
        {"documents/news/gulf-of-guinea-2013-yaounde-summit.md",
         {"CMR", "SOM", "NGA"},
         {"maritime"},
         "article",
         {"lang", "country", "topic", "type"}},
        {"documents/news/gwadar-residents-water-protest-2021.md",
         {"PAK", "CHN"},
         {"infrastructure", "maritime", "water"},
         "article",
         {"lang", "country", "topic", "type"}},
        {"documents/news/six-party-talks-2003-beijing.md",
         {"CHN", "PRK", "KOR", "USA", "JPN"},
         {"nuclear"},
         "article",
         {"lang", "country", "topic", "type"}},
        {"documents/press/russia-ukraine-gas-2006-deal.txt",
         {"RUS", "UKR"},
         {"energy", "trade"},
         "article",
         {"lang", "country", "topic", "type"}},
        {"documents/press/unsc-ukraine-grain-2023-statement.txt",
         {"UKR", "RUS"},
         {"infrastructure", "humanitarian", "maritime"},
         "speech",
         {"lang", "country", "topic", "type"}},
        {"documents/press/hrc-2006-inaugural-session.txt",
         {},
         {"human-rights"},
         "speech",
         {"lang", "topic", "type"}},
        {"documents/press/kashmir-earthquake-2005-donors.txt",
         {"PAK"},
         {"humanitarian"},
         "",
         {"lang", "country", "topic"}},
    }));
    INFO(e.id);
    const Document doc = fetch(e.id);
    CHECK(doc.countries == e.countries);
    CHECK(doc.topics == e.topics);
    CHECK(doc.type == e.type);
    CHECK(doc.extracted == e.extracted);
    // Principal countries are always among the mentions, which lead with them.
    for (std::size_t i = 0; i < doc.countries.size(); ++i) {
        REQUIRE(i < doc.mentions.size());
        CHECK(doc.mentions[i] == doc.countries[i]);
    }
}

TEST_CASE("metadata from the source always wins over extraction", "[integration][extraction]") {
    // Front matter says PAK and CHN, cpec/infrastructure/trade, article, 2015-04-20.
    const Document doc = fetch("pk-cn-2015-gwadar-talks");
    CHECK(doc.countries == Strings{"PAK", "CHN"});
    CHECK(doc.topics == Strings{"cpec", "infrastructure", "trade"});
    CHECK(doc.type == "article");
    CHECK(doc.date == "2015-04-20");
    CHECK(doc.extracted.empty());
    CHECK_FALSE(doc.mentions.empty());
}

TEST_CASE("extracted values are filters and facets like any other", "[integration][extraction]") {
    Searcher searcher(corpus().db);
    SearchRequest request;
    request.countries = {"Somalia"};
    request.facets = {"country"};
    request.limit = 100;
    const auto results = searcher.search(request);
    Strings ids;
    for (const auto& hit : results.hits) ids.push_back(hit.document.id);
    CHECK(std::find(ids.begin(), ids.end(), "documents/news/amisom-2007-mogadishu-landing.md") !=
          ids.end());
    CHECK(std::find(ids.begin(), ids.end(),
                    "documents/news/gulf-of-guinea-2013-yaounde-summit.md") != ids.end());

    SearchRequest mentions;
    mentions.query = "mentions:uganda";
    mentions.limit = 100;
    const auto mentioned = searcher.search(mentions);
    CHECK(mentioned.total >= 1);
    for (const auto& hit : mentioned.hits) {
        const auto& m = hit.document.mentions;
        CHECK(std::find(m.begin(), m.end(), "UGA") != m.end());
    }
}
