/// @file
/// @brief One Searcher shared by many threads: the same answers as one thread
/// gets, while an indexer commits and rebuilds underneath; what info() reports
/// about revisions and generations; the time limit.
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "diplosearch/diplosearch.hpp"
#include "support/test_env.hpp"

using namespace diplosearch;
using diplosearch::test::sample_corpus;
using diplosearch::test::TempDir;

namespace {

constexpr int kThreads = 6;

// What a search answered, reduced to what must not depend on threads.
std::string summary(const SearchResults& results) {
    std::string s = std::to_string(results.total) + "/" + std::to_string(results.all_words);
    for (const auto& hit : results.hits) s += " " + hit.document.id + ":" + hit.snippet;
    for (const auto& facet : results.facets) {
        s += " [" + facet.field;
        for (const auto& v : facet.values) s += " " + v.value + "=" + std::to_string(v.count);
        s += "]";
    }
    return s;
}

SearchRequest request_for(const std::string& query) {
    SearchRequest request;
    request.query = query;
    request.limit = 5;
    request.collapse = false;  // The bulletins below are near-duplicates of each other.
    return request;
}

std::string index_sample_corpus(const TempDir& dir) {
    const std::string db = (dir / "db").string();
    Indexer indexer(db, IndexerOptions{});
    indexer.set_problem_handler([](const InputProblem&) {});
    indexer.add_source(sample_corpus().string());
    indexer.finish();
    return db;
}

// Runs @p body on kThreads threads at once; returns the first failure's message.
template <typename Body>
std::string run_threads(Body&& body) {
    std::mutex mutex;
    std::string failure;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            try {
                body(t);
            } catch (const std::exception& e) {
                const std::lock_guard lock(mutex);
                if (failure.empty()) failure = e.what();
            }
        });
    }
    for (auto& thread : threads) thread.join();
    return failure;
}

}  // namespace

TEST_CASE("threads sharing one Searcher get what one thread gets", "[searcher][threads]") {
    TempDir dir;
    const std::string db = index_sample_corpus(dir);
    const std::vector<std::string> queries = {"CPEC Gwadar",
                                              "nuclear",
                                              "\"joint statement\"",
                                              "trade OR energy",
                                              "country:PAK",
                                              "climate finance",
                                              "",
                                              "secur*",
                                              "title:visit",
                                              "sanctions -Iran"};
    Searcher searcher(db);
    std::map<std::string, std::string> expected;
    std::vector<std::string> top_ids;
    for (const auto& q : queries) {
        const auto results = searcher.search(request_for(q));
        expected[q] = summary(results);
        if (!results.hits.empty()) top_ids.push_back(results.hits[0].document.id);
    }
    REQUIRE(top_ids.size() >= 8);
    const auto suggestions = searcher.suggest("secu", 5);
    REQUIRE_FALSE(suggestions.empty());
    const std::uint64_t documents = searcher.info().documents;

    std::atomic<int> mismatches{0};
    const std::string failure = run_threads([&](int t) {
        for (int round = 0; round < 20; ++round) {
            const auto& q = queries[(round + t) % queries.size()];
            if (summary(searcher.search(request_for(q))) != expected.at(q)) ++mismatches;
            if (searcher.suggest("secu", 5).size() != suggestions.size()) ++mismatches;
            if (searcher.info().documents != documents) ++mismatches;
            const auto& id = top_ids[(round * kThreads + t) % top_ids.size()];
            const auto doc = searcher.document(id);
            if (!doc || doc->id != id || doc->text.empty()) ++mismatches;
            if (searcher.document("no-such-id")) ++mismatches;
        }
    });
    INFO(failure);
    CHECK(failure.empty());
    CHECK(mismatches == 0);
}

TEST_CASE("a shared Searcher follows commits and a rebuild while threads query",
          "[searcher][threads]") {
    TempDir dir;
    const std::string db = (dir / "db").string();
    IndexerOptions quick;
    quick.extract = false;
    quick.spelling = false;
    auto bulletin = [](int i) {
        Document doc;
        doc.id = "bulletin-" + std::to_string(i);
        doc.title = "Harbour bulletin " + std::to_string(i);
        doc.text = "The harbour authority reported shipping movements, bulletin " +
                   std::to_string(i) + ".";
        return doc;
    };
    {
        Indexer indexer(db, quick);
        indexer.add_document(bulletin(0));
        indexer.finish();
    }
    Searcher searcher(db);
    const IndexInfo before = searcher.info();
    CHECK(before.generation == 1u);
    CHECK(before.documents == 1);
    CHECK_FALSE(before.uuid.empty());

    std::atomic<bool> writing{true};
    std::atomic<int> queries{0};
    std::atomic<int> shrank{0};
    std::thread writer([&] {
        IndexerOptions batches = quick;
        batches.batch_size = 5;
        {
            Indexer indexer(db, batches);
            for (int i = 1; i < 150; ++i) indexer.add_document(bulletin(i));
            indexer.finish();
        }
        IndexerOptions rebuild = quick;
        rebuild.rebuild = true;
        Indexer indexer(db, rebuild);
        for (int i = 0; i < 40; ++i) indexer.add_document(bulletin(i));
        indexer.finish();
        writing = false;
    });
    const std::string failure = run_threads([&](int) {
        std::uint64_t seen = 0;
        while (writing) {
            const auto results = searcher.search(request_for("harbour"));
            // Commits only add until the rebuild switches to 40 documents.
            if (results.total < seen && results.total != 40) ++shrank;
            seen = results.total;
            ++queries;
        }
    });
    writer.join();
    INFO(failure);
    CHECK(failure.empty());
    CHECK(queries > 0);
    CHECK(shrank == 0);

    const IndexInfo after = searcher.info();
    CHECK(after.documents == 40);
    CHECK(after.generation == 2u);
    CHECK(after.uuid != before.uuid);
    CHECK(searcher.search(request_for("harbour")).total == 40);
}

TEST_CASE("info() reports the revision, which grows with each commit", "[searcher]") {
    TempDir dir;
    const std::string db = index_sample_corpus(dir);
    Searcher searcher(db);
    const IndexInfo first = searcher.info();
    CHECK(first.revision > 0);
    CHECK(first.generation == 1u);
    CHECK(first.path == db);
    CHECK_FALSE(first.schema_version.empty());
    {
        Indexer indexer(db, IndexerOptions{});
        Document doc;
        doc.id = "late-addition";
        doc.title = "A late addition";
        doc.text = "Added after the searcher opened the index.";
        indexer.add_document(doc);
        indexer.finish();
    }
    const IndexInfo second = searcher.info();
    CHECK(second.revision > first.revision);
    CHECK(second.documents == first.documents + 1);
    CHECK(second.uuid == first.uuid);
}

TEST_CASE("a time limit long enough changes nothing and says the counts are exact", "[searcher]") {
    TempDir dir;
    const std::string db = index_sample_corpus(dir);
    Searcher searcher(db);
    for (const std::string q : {"", "trade", "CPEC Gwadar"}) {
        SearchRequest request = request_for(q);
        const SearchResults unlimited = searcher.search(request);
        CHECK(unlimited.exact);
        request.time_limit = 30;
        const SearchResults limited = searcher.search(request);
        CHECK(limited.exact);
        CHECK(summary(limited) == summary(unlimited));
    }
}

TEST_CASE("similar() and facets() are search() with like and without hits", "[searcher]") {
    TempDir dir;
    const std::string db = index_sample_corpus(dir);
    Searcher searcher(db);
    const auto top = searcher.search(request_for("Gwadar"));
    REQUIRE_FALSE(top.hits.empty());
    const std::string id = top.hits[0].document.id;

    SearchRequest like = request_for("");
    like.like = id;
    const SearchResults similar = searcher.similar(id, request_for(""));
    CHECK(summary(similar) == summary(searcher.search(like)));
    CHECK(similar.like == id);
    REQUIRE_FALSE(similar.hits.empty());
    for (const auto& hit : similar.hits) CHECK(hit.document.id != id);
    CHECK_THROWS_AS(searcher.similar("no-such-id"), QueryError);

    SearchRequest request = request_for("trade");
    request.facets = {"country", "year"};
    const auto facets = searcher.facets(request);
    const auto full = searcher.search(request);
    REQUIRE(facets.size() == 2);
    REQUIRE(full.facets.size() == 2);
    for (std::size_t i = 0; i < facets.size(); ++i) {
        CHECK(facets[i].field == full.facets[i].field);
        CHECK(facets[i].distinct == full.facets[i].distinct);
        REQUIRE(facets[i].values.size() == full.facets[i].values.size());
        for (std::size_t v = 0; v < facets[i].values.size(); ++v) {
            CHECK(facets[i].values[v].value == full.facets[i].values[v].value);
            CHECK(facets[i].values[v].count == full.facets[i].values[v].count);
        }
    }
    CHECK_FALSE(facets[0].values.empty());
}
