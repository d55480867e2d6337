// @brief Integration tests on the multilingual sample corpus (corpus/multilingual): each
// document is found by a query in its own language, and its detected language and
// extracted countries are right.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "diplosearch/diplosearch.hpp"
#include "support/test_env.hpp"

using namespace diplosearch;
using diplosearch::test::source_dir;
using diplosearch::test::TempDir;

namespace {

constexpr std::uint64_t kDocuments = 14;

// The corpus indexed once per process, with extraction (the default).
struct Corpus {
    TempDir dir;
    std::string db = (dir / "db").string();
    IndexStats stats;

    Corpus() {
        Indexer indexer(db, IndexerOptions{});
        indexer.add_source((source_dir() / "corpus" / "multilingual").string());
        indexer.commit();
        stats = indexer.stats();
    }
};

const Corpus& corpus() {
    static const Corpus instance;
    return instance;
}

std::vector<std::string> ids(const SearchResults& results) {
    std::vector<std::string> out;
    for (const auto& hit : results.hits) out.push_back(hit.document.id);
    return out;
}

SearchResults search(const std::string& query, std::vector<std::string> langs = {}) {
    Searcher searcher(corpus().db);
    SearchRequest request;
    request.query = query;
    request.langs = std::move(langs);
    request.limit = 20;
    request.facets = {"lang", "country"};
    return searcher.search(request);
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace

TEST_CASE("multilingual corpus: every document is indexed", "[integration][language]") {
    CHECK(corpus().stats.indexed == kDocuments);
    CHECK(corpus().stats.rejected == 0);
}

TEST_CASE("multilingual corpus: languages are kept or detected, countries extracted",
          "[integration][language]") {
    struct Expected {
        std::string id;
        std::string lang;
        std::vector<std::string> countries;
        bool detected;
    };
    const auto e = GENERATE(values<Expected>({
        {"fr-sn-2024-dakar-commerce", "fr", {"SEN", "FRA"}, false},
        {"fr-ml-2023-bamako-securite", "fr", {"MLI", "BFA"}, true},
        {"fr-ca-ht-2024-reconstruction", "fr", {"CAN", "HTI"}, false},
        {"es-ar-cl-2022-litio", "es", {"CHL", "ARG"}, false},
        {"es-mx-gt-2024-migracion", "es", {"GTM", "MEX"}, true},
        {"es-pe-bo-2023-lago-titicaca", "es", {"PER", "BOL"}, false},
        {"ru-kz-2021-kaspiy", "ru", {"KAZ", "RUS"}, false},
        {"ru-in-2023-energetika", "ru", {"IND", "RUS"}, true},
        {"ar-eg-sd-2023-nil", "ar", {"SDN", "EGY"}, false},
        {"ar-jo-2024-laji", "ar", {"JOR"}, true},
        {"zh-cn-pk-2024-gwadar", "zh", {"PAK", "CHN"}, false},
        {"zh-cn-kz-2022-tielu", "zh", {"KAZ", "CHN"}, true},
        {"en-ng-gh-2024-cocoa-trade", "en", {"GHA", "NGA"}, true},
        {"cn-pk-2025-joint-communique-bilingual", "zh", {"PAK", "CHN"}, true},
    }));
    INFO(e.id);
    Searcher searcher(corpus().db);
    const auto doc = searcher.document(e.id);
    REQUIRE(doc);
    CHECK(doc->lang == e.lang);
    CHECK(contains(doc->extracted, "lang") == e.detected);
    CHECK(doc->countries == e.countries);
}

TEST_CASE("multilingual corpus: a query in each language finds its documents",
          "[integration][language]") {
    const auto [query, id] = GENERATE(table<std::string, std::string>({
        // French: plural query, singular in the text.
        {"négociations", "fr-sn-2024-dakar-commerce"},
        {"sécuritaires", "fr-ml-2023-bamako-securite"},
        // Spanish: accented singular query, plural in the text.
        {"negociación", "es-ar-cl-2022-litio"},
        {"memorandos", "es-ar-cl-2022-litio"},
        // Russian: nominative query, prepositional case in the text.
        {"переговоры", "ru-kz-2021-kaspiy"},
        {"соглашения", "ru-in-2023-energetika"},
        // Arabic: with and without the article.
        {"مفاوضات", "ar-eg-sd-2023-nil"},
        {"اللاجئين", "ar-jo-2024-laji"},
        // Chinese: no spaces, n-grams.
        {"中国", "zh-cn-pk-2024-gwadar"},
        {"巴基斯坦", "zh-cn-pk-2024-gwadar"},
        {"巴基斯坦", "cn-pk-2025-joint-communique-bilingual"},
        {"中国", "cn-pk-2025-joint-communique-bilingual"},
        {"瓜达尔港", "cn-pk-2025-joint-communique-bilingual"},
        // English, in the bilingual communiqué too.
        {"Gwadar Port", "cn-pk-2025-joint-communique-bilingual"},
        {"inspections", "en-ng-gh-2024-cocoa-trade"},
    }));
    INFO(query << " -> " << id);
    CHECK(contains(ids(search(query)), id));
}

TEST_CASE("multilingual corpus: --lang filters and counts", "[integration][language]") {
    const SearchResults all = search("");
    REQUIRE(all.total == kDocuments);
    const auto lang_facet = std::find_if(all.facets.begin(), all.facets.end(),
                                         [](const Facet& f) { return f.field == "lang"; });
    REQUIRE(lang_facet != all.facets.end());
    std::vector<std::pair<std::string, std::uint64_t>> counts;
    for (const auto& v : lang_facet->values) counts.emplace_back(v.value, v.count);
    CHECK(counts == std::vector<std::pair<std::string, std::uint64_t>>{
                        {"es", 3}, {"fr", 3}, {"zh", 3}, {"ar", 2}, {"ru", 2}, {"en", 1}});

    CHECK(lang_facet->values.front().label == "Spanish");

    const SearchResults french = search("", {"French"});
    CHECK(french.total == 3);
    CHECK(search("lang:fr").total == 3);
    CHECK(ids(search("négociations", {"fr"})) ==
          std::vector<std::string>{"fr-sn-2024-dakar-commerce"});
    CHECK_THROWS_AS(search("", {"klingon"}), QueryError);
}

TEST_CASE("multilingual corpus: quoted words match exactly, unstemmed", "[integration][language]") {
    // The text says "négociation": the plural in quotes is not there.
    CHECK_FALSE(contains(ids(search("\"négociations\"")), "fr-sn-2024-dakar-commerce"));
    CHECK(contains(ids(search("\"négociation\"")), "fr-sn-2024-dakar-commerce"));
}

TEST_CASE("multilingual corpus: snippets highlight Chinese text", "[integration][language]") {
    const SearchResults results = search("巴基斯坦");
    REQUIRE_FALSE(results.hits.empty());
    for (const auto& hit : results.hits) {
        INFO(hit.document.id);
        CHECK(hit.snippet.find("巴基斯坦") != std::string::npos);
    }
}

TEST_CASE("multilingual corpus: French and Spanish documents get topics from their own words",
          "[integration][language]") {
    struct Expected {
        std::string id;
        std::string topic;  ///< The best topic.
    };
    const auto e = GENERATE(values<Expected>({
        {"fr-sn-2024-dakar-commerce", "trade"},
        {"fr-ml-2023-bamako-securite", "security"},
        {"fr-ca-ht-2024-reconstruction", "humanitarian"},
        {"es-mx-gt-2024-migracion", "migration"},
        {"es-pe-bo-2023-lago-titicaca", "water"},
    }));
    INFO(e.id);
    Searcher searcher(corpus().db);
    const auto doc = searcher.document(e.id);
    REQUIRE(doc);
    std::string topics;
    for (const auto& t : doc->topics) topics += t + " ";
    INFO("topics: " << topics);
    CHECK(contains(doc->extracted, "topic"));
    REQUIRE_FALSE(doc->topics.empty());
    CHECK(doc->topics.front() == e.topic);
    CHECK(contains(ids(search("topic:" + e.topic)), e.id));
}
