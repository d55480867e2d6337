/// @file
/// @brief Search quality features on the sample corpus: synonyms and aliases
/// (multi-word ones as phrases), did-you-mean and auto-correction.
#include <set>

#include <catch2/catch.hpp>

#include "diplosearch/errors.hpp"
#include "diplosearch/indexer.hpp"
#include "diplosearch/searcher.hpp"
#include "support/test_env.hpp"

using namespace diplosearch;
using diplosearch::test::TempDir;

namespace {

struct SampleIndex {
    TempDir dir;
    std::string db = (dir / "db").string();
    SampleIndex() {
        IndexerOptions options;
        options.extract = false;
        Indexer indexer(db, options);
        indexer.set_problem_handler([](const InputProblem&) {});
        indexer.add_source(test::sample_corpus().string());
        indexer.finish();
    }
};

const SampleIndex& sample() {
    static const SampleIndex index;
    return index;
}

SearchResults run(Searcher& searcher, const std::string& query, bool synonyms = true) {
    SearchRequest request;
    request.query = query;
    request.limit = 100;
    request.synonyms = synonyms;
    return searcher.search(request);
}

std::set<std::string> ids(const SearchResults& results) {
    std::set<std::string> out;
    for (const auto& hit : results.hits) out.insert(hit.document.id);
    return out;
}

}  // namespace

TEST_CASE("an acronym finds the documents that spell it out, as a phrase", "[quality][synonyms]") {
    Searcher searcher(sample().db);
    // No sample document says "UNSC"; eleven say "Security Council".
    CHECK(run(searcher, "UNSC", false).total == 0);
    const auto phrase = run(searcher, "\"Security Council\"", false);
    CHECK(phrase.total == 11);
    CHECK(ids(run(searcher, "UNSC")) == ids(phrase));
    // And back: the two words match as a phrase, not scattered (one more document has
    // both words apart), and the acronym counts too.
    CHECK(run(searcher, "security council", false).total == 12);
    CHECK(ids(run(searcher, "Security Council")) == ids(phrase));

    CHECK(run(searcher, "IAEA", false).total == 0);
    CHECK(ids(run(searcher, "IAEA")) ==
          ids(run(searcher, "\"International Atomic Energy Agency\"", false)));
    CHECK(run(searcher, "IAEA").total == 4);
}

TEST_CASE("country aliases from the gazetteer expand too", "[quality][synonyms]") {
    Searcher searcher(sample().db);
    CHECK(run(searcher, "DPRK", false).total == 0);
    const auto north_korea = run(searcher, "\"North Korea\"", false);
    CHECK(north_korea.total == 2);
    CHECK(ids(run(searcher, "DPRK")) == ids(north_korea));
    // Acronyms that are English words in lower case only expand in capitals.
    CHECK(run(searcher, "us").total == run(searcher, "us", false).total);
    CHECK(run(searcher, "US").total > run(searcher, "us").total);
}

TEST_CASE("users add their own synonym groups", "[quality][synonyms]") {
    TempDir dir;
    test::write_file(dir / "mine.tsv", "# ours\nMakran port\tGwadar\n");
    Searcher searcher(sample().db);
    CHECK(run(searcher, "\"Makran port\"").total == 0);
    searcher.add_synonyms((dir / "mine.tsv").string());
    CHECK(ids(run(searcher, "\"Makran port\"")) == ids(run(searcher, "Gwadar", false)));

    CHECK_THROWS_WITH(searcher.add_synonyms((dir / "missing.tsv").string()),
                      Catch::Contains("missing.tsv: cannot read the synonym table"));
    test::write_file(dir / "bad.tsv", "alone\n");
    CHECK_THROWS_AS(searcher.add_synonyms((dir / "bad.tsv").string()), UsageError);
}

TEST_CASE("did you mean: misspellings get suggestions, known acronyms do not",
          "[quality][spelling]") {
    Searcher searcher(sample().db);
    const auto misspelled = run(searcher, "Pakistn");
    // Typo tolerance already finds the Pakistan documents; the suggestion says why.
    CHECK(misspelled.total >= run(searcher, "Pakistan").total);
    CHECK(misspelled.total > 0);
    CHECK(misspelled.suggestion == std::optional<std::string>("pakistan"));
    CHECK(run(searcher, "CPEC Gwadr").suggestion == std::optional<std::string>("CPEC gwadar"));
    CHECK_FALSE(run(searcher, "UNSC").suggestion);
    CHECK_FALSE(run(searcher, "DPRK").suggestion);
    CHECK_FALSE(run(searcher, "Gwadar").suggestion);
}

TEST_CASE("auto-correct searches the suggestion when nothing matched", "[quality][spelling]") {
    Searcher searcher(sample().db);
    SearchRequest request;
    request.query = "Gwadr port";
    request.typo_tolerance = false;  // Else near words already find documents.
    const auto plain = searcher.search(request);
    CHECK(plain.all_words == 0);  // Only "port" matches.
    CHECK(plain.total > 0);
    request.auto_correct = true;
    const auto corrected = searcher.search(request);
    CHECK(corrected.query == "Gwadr port");
    CHECK(corrected.corrected_query == std::optional<std::string>("gwadar port"));
    CHECK(corrected.total == run(searcher, "gwadar port").total);
    CHECK(corrected.total > 0);
    // A query with hits is left alone.
    request.query = "Gwadar port";
    CHECK_FALSE(searcher.search(request).corrected_query);
}

TEST_CASE("more like this: neighbours of a document, itself excluded, filters honoured",
          "[quality][like]") {
    Searcher searcher(sample().db);
    SearchRequest request;
    request.like = "gwadar-port-2007-inauguration";
    request.limit = 4;
    const auto similar = searcher.search(request);
    CHECK(similar.like == "gwadar-port-2007-inauguration");
    REQUIRE(similar.hits.size() == 4);
    for (const auto& hit : similar.hits) {
        INFO(hit.document.id);
        CHECK(hit.document.id != "gwadar-port-2007-inauguration");
        // Its nearest neighbours are the other Gwadar and CPEC reports.
        CHECK((hit.document.title.find("Gwadar") != std::string::npos ||
               hit.document.title.find("CPEC") != std::string::npos));
    }
    request.year_from = 2020;
    const auto recent = searcher.search(request);
    REQUIRE_FALSE(recent.hits.empty());
    for (const auto& hit : recent.hits) CHECK(hit.document.date >= "2020");
    CHECK(recent.total < similar.total);

    request.like = "no-such-document";
    CHECK_THROWS_WITH(searcher.search(request), Catch::Contains("no document with id"));
}

namespace {

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

double mean_year(const SearchResults& results, std::size_t top) {
    double sum = 0;
    std::size_t n = 0;
    for (const auto& hit : results.hits) {
        if (n == top) break;
        if (hit.document.date.size() < 4) continue;
        sum += std::stod(hit.document.date.substr(0, 4));
        ++n;
    }
    return n ? sum / static_cast<double>(n) : 0;
}

}  // namespace

TEST_CASE("words together in order rank above the same words apart", "[quality][ranking]") {
    Searcher searcher(sample().db);
    SearchRequest request;
    request.query = "security council";
    request.limit = 100;
    request.synonyms = false;
    const auto results = searcher.search(request);
    REQUIRE(results.total >= 3);
    bool apart_seen = false;
    std::size_t together = 0;
    for (const auto& hit : results.hits) {
        const auto doc = searcher.document(hit.document.id);
        REQUIRE(doc);
        const bool has_phrase =
            lower(doc->title + " " + doc->text).find("security council") != std::string::npos;
        INFO(hit.rank << " " << hit.document.title);
        if (has_phrase) {
            CHECK_FALSE(apart_seen);
            ++together;
        } else {
            apart_seen = true;
        }
    }
    CHECK(together >= 2);
    CHECK(apart_seen);

    // The boosts reorder; they never change what matches.
    request.ranking.phrase_boost = 0;
    request.ranking.title_boost = 0;
    const auto plain = searcher.search(request);
    CHECK(plain.total == results.total);
    CHECK(plain.hits.front().score < results.hits.front().score);
}

TEST_CASE("prefer-recent moves recent documents up without changing the matches",
          "[quality][ranking]") {
    Searcher searcher(sample().db);
    SearchRequest request;
    request.query = "talks";
    request.limit = 100;
    const auto relevance = searcher.search(request);
    request.ranking.prefer_recent = true;
    const auto recent = searcher.search(request);
    CHECK(recent.total == relevance.total);
    // The newest document that matches climbs to the top; the oldest sinks.
    const auto rank_of_date = [](const SearchResults& r, bool newest) {
        std::string best;
        std::uint32_t rank = 0;
        for (const auto& hit : r.hits) {
            const auto& date = hit.document.date;
            if (date.empty()) continue;
            if (best.empty() || (newest ? date > best : date < best)) {
                best = date;
                rank = hit.rank;
            }
        }
        return rank;
    };
    CHECK(rank_of_date(relevance, true) > 1);
    CHECK(rank_of_date(recent, true) == 1);
    CHECK(rank_of_date(recent, false) > rank_of_date(relevance, false));
    CHECK(mean_year(recent, 3) > mean_year(relevance, 3));
    // Undated documents get no recency weight but are still found.
    std::set<std::string> a = ids(relevance);
    CHECK(ids(recent) == a);
}

TEST_CASE("typo tolerance: a misspelled word finds the documents of the word meant",
          "[quality][typo]") {
    Searcher searcher(sample().db);
    // Seven sample documents say Gwadar; a missing letter or a swap still finds them.
    const auto gwadar = run(searcher, "Gwadar");
    CHECK(gwadar.total == 7);
    CHECK(ids(run(searcher, "Gwadr")) == ids(gwadar));
    CHECK(ids(run(searcher, "Gwdaar")) == ids(gwadar));
    // Two words, one misspelled: the best document is the one for the right spelling.
    const auto right = run(searcher, "Gwadar protest");
    const auto typo = run(searcher, "Gwadar protset");
    REQUIRE(right.all_words > 0);
    // "protset" is also two edits from "protect", so a few more documents qualify.
    CHECK(typo.all_words >= right.all_words);
    CHECK(typo.hits.front().document.id == right.hits.front().document.id);
    // Acronyms in capitals are never typos.
    CHECK(run(searcher, "UNSCX", false).total == 0);
}

TEST_CASE("most words: a long query finds the document that lacks one of its words",
          "[quality][relax]") {
    Searcher searcher(sample().db);
    // The Khartoum declaration never says "accord": no document has every word.
    const auto r = run(searcher, "Khartoum declaration of principles Nile dam accord");
    CHECK(r.all_words == 0);
    REQUIRE_FALSE(r.hits.empty());
    CHECK(r.hits.front().document.id == "gerd-2015-khartoum-principles");
    CHECK_FALSE(r.hits.front().all_words);
    SearchRequest strict;
    strict.query = r.query;
    strict.match = MatchMode::kAllWords;
    CHECK(searcher.search(strict).total == 0);
}

TEST_CASE("accents: a word typed without them finds the document that has them",
          "[quality][accents]") {
    Searcher searcher(sample().db);
    const auto every_word = [&](const std::string& query) {
        SearchRequest request;
        request.query = query;
        request.limit = 100;
        request.synonyms = false;
        request.match = MatchMode::kAllWords;
        return ids(searcher.search(request));
    };
    // Two sample communiqués, both titled "Communiqué of the Peace and Security Council ...".
    const std::set<std::string> communiques = {"au-psc-darfur-2004-communique",
                                               "au-aussom-2024-communique"};
    CHECK(every_word("communique Peace Security Council") == communiques);
    CHECK(every_word("communiqué Peace Security Council") == communiques);
    CHECK(every_word("COMMUNIQUÉ Peace Security Council") == communiques);
    CHECK(ids(run(searcher, "title:communique", false)) == communiques);
    // Either spelling of Türkiye finds the same documents, among them the grain deal signing.
    const auto turkiye = run(searcher, "Türkiye", false);
    CHECK(ids(turkiye).count("grain-corridor-2022-istanbul-signing") == 1);
    CHECK(ids(run(searcher, "Turkiye", false)) == ids(turkiye));
    // The snippet highlights the word as the document spells it.
    SearchRequest request;
    request.query = "Turkiye Odesa";
    request.synonyms = false;
    const auto grain = searcher.search(request);
    REQUIRE_FALSE(grain.hits.empty());
    CHECK(grain.hits.front().document.id == "grain-corridor-2022-istanbul-signing");
    CHECK(grain.hits.front().snippet.find("<b>Türkiye</b>") != std::string::npos);
    // Filter values are exact terms and are not folded.
    CHECK(run(searcher, "id:au-psc-darfur-2004-communique", false).total == 1);
}
