/// @file
/// @brief Hostile queries through the library (diplosearch::Searcher): huge and
/// deeply nested queries, wildcards over a 50,000-word vocabulary, broken quotes,
/// NUL bytes, invalid UTF-8, absurd paging. Each gets a clear QueryError or a
/// bounded answer: within seconds, with memory growth bounded, never a crash.
#include <chrono>
#include <cstdint>
#include <fstream>
#include <functional>
#include <limits>
#include <memory>
#include <string>

#include <catch2/catch.hpp>

#include "diplosearch/diplosearch.hpp"
#include "query_builder.hpp"
#include "support/test_env.hpp"
#include "torture_profile.hpp"

using namespace diplosearch;
using diplosearch::test::TempDir;

namespace {

// Generous: the suite shares two cores with builds and other test binaries. A hang
// or a combinatorial blow-up takes minutes, not seconds.
constexpr double kMaxSeconds = 5.0 * test::kTimeBoundFactor;
constexpr long kMaxGrowthKb = 512 * 1024 * test::kMemoryBoundFactor;
constexpr int kVocabularyWords = 50000;

// Distinct letters-only words spread over the first letters a, b and c, so that
// `a* b* c*` each expand to thousands of terms and typo checks scan large slices.
std::string synthetic_word(int i) {
    std::string word(1, static_cast<char>('a' + i % 3));
    for (int n = i / 3 + 26 * 26 * 26; n > 0; n /= 26) word += static_cast<char>('a' + n % 26);
    return word;
}

struct HostileIndex {
    TempDir dir;
    std::string db = (dir / "db").string();
    HostileIndex() {
        IndexerOptions options;
        options.extract = false;
        options.batch_size = 5000;
        Indexer indexer(db, options);
        indexer.add_source(test::sample_corpus().string());
        constexpr int kWordsPerDocument = 100;
        for (int d = 0; d < kVocabularyWords / kWordsPerDocument; ++d) {
            Document doc;
            doc.id = "vocabulary-" + std::to_string(d);
            doc.title = "Vocabulary " + std::to_string(d);
            for (int w = 0; w < kWordsPerDocument; ++w) {
                doc.text += synthetic_word(d * kWordsPerDocument + w) + ' ';
            }
            indexer.add_document(std::move(doc));
        }
        indexer.finish();
    }
};

HostileIndex& hostile_index() {
    static HostileIndex index;
    return index;
}

long peak_rss_kb() {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    }
    return 0;
}

// Runs @p call, requiring it to finish within kMaxSeconds and to raise the peak
// resident size by at most kMaxGrowthKb.
void bounded(const std::function<void()>& call) {
    const long before = peak_rss_kb();
    const auto start = std::chrono::steady_clock::now();
    call();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(seconds < kMaxSeconds);
    CHECK(peak_rss_kb() - before < kMaxGrowthKb);
}

SearchResults search(const std::string& query) {
    Searcher searcher(hostile_index().db);
    SearchRequest request;
    request.query = query;
    return searcher.search(request);
}

// A query the library must either answer or refuse with a QueryError.
void answered_or_refused(const std::string& query) {
    bounded([&] {
        try {
            const SearchResults results = search(query);
            CHECK(results.hits.size() <= 10);
        } catch (const QueryError& e) {
            CHECK(std::string(e.what()).size() < 4096);  // Quotes the query, but not all of it.
        }
    });
}

std::string repeated(const std::string& piece, std::size_t times) {
    std::string out;
    out.reserve(piece.size() * times);
    for (std::size_t i = 0; i < times; ++i) out += piece;
    return out;
}

}  // namespace

TEST_CASE("the synthetic vocabulary is really there", "[torture][hostile-queries]") {
    Searcher searcher(hostile_index().db);
    SearchRequest request;
    request.query = synthetic_word(12345);
    request.typo_tolerance = false;
    CHECK(searcher.search(request).total >= 1);
    CHECK(searcher.info().documents > kVocabularyWords / 100);
}

TEST_CASE("a 100 KB query is refused with a QueryError", "[torture][hostile-queries]") {
    bounded([] {
        const std::string query = repeated("gwadar ", 100 * 1024 / 7);
        REQUIRE_THROWS_AS(search(query), QueryError);
        REQUIRE_THROWS_WITH(search(query), Catch::Contains("bytes"));
    });
}

TEST_CASE("10,000 terms are refused and the longest accepted query is bounded",
          "[torture][hostile-queries]") {
    std::string many;
    for (int i = 0; i < 10000; ++i) many += "w" + std::to_string(i) + ' ';
    bounded([&] { REQUIRE_THROWS_AS(search(many), QueryError); });
    // Short enough in bytes to meet the word cap itself.
    const std::string letters = repeated("x ", 2000);
    REQUIRE(letters.size() <= searcher::kMaxQueryBytes);
    bounded([&] { REQUIRE_THROWS_WITH(search(letters), Catch::Contains("words")); });
    // Just inside the word cap, every word unknown: each would scan the vocabulary
    // for near words were typo tolerance not capped per query.
    std::string unknown;
    for (std::size_t i = 0; i < searcher::kMaxQueryWords; ++i) {
        unknown += synthetic_word(static_cast<int>(i) * 7) + "q ";
    }
    REQUIRE(unknown.size() <= searcher::kMaxQueryBytes);
    bounded([&] { CHECK(search(unknown).total > 0); });
}

TEST_CASE("wildcards over a large vocabulary expand to a capped number of terms",
          "[torture][hostile-queries]") {
    bounded([] { CHECK(search("a* b* c*").total > 0); });
    bounded([] { CHECK(search("a* OR b* OR c*").total > 0); });
    // As many wildcards as the cap allows, each expanding to its 1,000 terms.
    bounded([] { CHECK(search("a* b* c* ab* ac* ba* bb* c*").total > 0); });
    // A thousand of them took two minutes and 700 MB before the cap.
    bounded([] {
        REQUIRE_THROWS_WITH(search(repeated("a* b* c* ", searcher::kMaxQueryWords / 3)),
                            Catch::Contains("wildcards"));
    });
}

TEST_CASE("10,000 nested parentheses are refused, modest nesting works",
          "[torture][hostile-queries]") {
    const std::string deep = repeated("(", 10000) + "gwadar" + repeated(")", 10000);
    bounded([&] { REQUIRE_THROWS_AS(search(deep), QueryError); });
    const std::string within_bytes = repeated("(", 1000) + "gwadar" + repeated(")", 1000);
    bounded([&] { REQUIRE_THROWS_WITH(search(within_bytes), Catch::Contains("nested")); });
    const std::string unclosed = repeated("(", 10000) + "gwadar";
    bounded([&] { REQUIRE_THROWS_AS(search(unclosed), QueryError); });
    const std::string modest = repeated("(", 20) + "gwadar" + repeated(")", 20);
    bounded([&] { CHECK(search(modest).total > 0); });
    const std::string closers = repeated(")", 10000) + "gwadar";
    answered_or_refused(closers);
}

TEST_CASE("unbalanced quotes, NUL bytes and invalid UTF-8 get an answer or a QueryError",
          "[torture][hostile-queries]") {
    const std::string cases[] = {
        "\"joint statement",
        "\"",
        "\"\"\"",
        "title:\"gwadar",
        "country:\"",
        repeated("\"", 5001),
        repeated("\"a ", 3000),
        std::string("cpec\0gwadar", 11),
        std::string("\0", 1),
        repeated(std::string("\0 ", 2), 1000),
        "\xff\xfe gwadar \xc3",
        "\xed\xa0\x80 \xf4\x90\x80\x80 \xc0\xaf",
        repeated("\xe2\x82", 4000),
        "fuzzy:\xff\xff\xff\xff",
        "title:\xc3 country:\xff",
        "NEAR/999999999 gwadar",
        "gwadar NEAR/4294967296 port",
        "+ - AND OR NOT ( ) * :",
        repeated("-", 10000),
        repeated("*", 10000),
        "year:99999999999999999999..1",
        "date:2015-99-99..",
        // A field processor throwing inside `-field:` corrupted Xapian's heap (segfault).
        "-date:204..20x gwadar",
        "-country:nowhere gwadar",
        "+year:abc -topic: port",
        "NOT year:1..0x",
    };
    for (const auto& query : cases) {
        INFO("query of " << query.size() << " bytes: " << query.substr(0, 40));
        answered_or_refused(query);
    }
}

TEST_CASE("absurd offsets and limits give a bounded answer", "[torture][hostile-queries]") {
    Searcher searcher(hostile_index().db);
    constexpr auto kMax = std::numeric_limits<std::uint32_t>::max();
    const std::pair<std::uint32_t, std::uint32_t> pages[] = {
        {kMax, kMax}, {kMax, 10}, {kMax - 5, 10}, {0, kMax}, {3, kMax}, {kMax / 2, kMax / 2 + 2},
    };
    for (const auto& [offset, limit] : pages) {
        INFO("offset " << offset << " limit " << limit);
        // Named captures: clang before 16 cannot capture a structured binding.
        bounded([&, offset = offset, limit = limit] {
            SearchRequest request;
            request.query = "port";
            request.offset = offset;
            request.limit = limit;
            request.snippet_length = 0;
            const SearchResults results = searcher.search(request);
            CHECK(results.hits.size() <= results.total);
        });
    }
    bounded([&] {
        SearchRequest request;
        request.query = "gwadar";
        request.facet_size = kMax;
        request.snippet_length = kMax;
        const SearchResults results = searcher.search(request);
        CHECK(results.total > 0);
    });
}

TEST_CASE("hostile ids and suggestion prefixes are bounded", "[torture][hostile-queries]") {
    Searcher searcher(hostile_index().db);
    bounded([&] {
        CHECK_THROWS_AS(searcher.similar(repeated("x", 100000)), QueryError);
        CHECK_FALSE(searcher.document(repeated("\xff", 100000)).has_value());
        CHECK(searcher.suggest(repeated("a", 100000), std::numeric_limits<std::uint32_t>::max())
                  .size() <= 50);
    });
}
