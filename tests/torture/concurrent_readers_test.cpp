/// @file
/// @brief Readers never fail during jobs: threads query one shared Searcher and
/// Searchers of their own in a loop, at least 10,000 queries in all, while a
/// writer commits small batches and rebuilds swap generations underneath.
#include <atomic>
#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "diplosearch/diplosearch.hpp"
#include "support/test_env.hpp"
#include "torture_profile.hpp"

using namespace diplosearch;
using diplosearch::test::TempDir;

namespace {

constexpr int kReaderThreads = 4;
// Fast profile: the 10,000; the long one (TORTURE_LONG=1) twenty times as many.
const int kMinimumQueries = test::torture_long() ? 200000 : 10000;
// The writer keeps going until the readers have done their share, but not forever.
const auto kTimeLimit = std::chrono::minutes(test::torture_long() ? 4 : 3);

Document bulletin(int i) {
    Document doc;
    doc.id = "bulletin-" + std::to_string(i);
    doc.title = "Harbour bulletin " + std::to_string(i);
    doc.text = "The harbour authority of port " + std::to_string(i % 17) +
               " reported shipping movements and a treaty on fisheries, bulletin " +
               std::to_string(i) + ".";
    doc.date = "20" + std::to_string(10 + i % 15) + "-05-01";
    return doc;
}

IndexerOptions quick(std::uint32_t batch) {
    IndexerOptions options;
    options.extract = false;
    options.spelling = false;
    options.batch_size = batch;
    return options;
}

}  // namespace

TEST_CASE("ten thousand queries while a writer commits and rebuilds swap generations",
          "[torture][concurrency]") {
    TempDir dir;
    const std::string db = (dir / "db").string();
    {
        Indexer seed(db, quick(100));
        for (int i = 0; i < 50; ++i) seed.add_document(bulletin(i));
        seed.finish();
    }
    Searcher shared(db);

    std::atomic<bool> stop{false};
    std::atomic<int> queries{0};
    std::atomic<int> failures{0};
    std::atomic<int> generations_seen{0};
    std::mutex mutex;
    std::string first_failure;
    auto fail = [&](const std::string& what) {
        const std::lock_guard lock(mutex);
        if (failures++ == 0) first_failure = what;
    };

    std::vector<std::thread> readers;
    for (int t = 0; t < kReaderThreads; ++t) {
        readers.emplace_back([&, t] {
            // Half the threads share one Searcher, the others each open their own.
            std::optional<Searcher> own;
            if (t % 2 == 1) own.emplace(db);
            Searcher& searcher = own ? *own : shared;
            const std::vector<std::string> texts = {"harbour", "treaty fisheries",
                                                    "\"shipping movements\"", "port*", ""};
            for (int n = 0; !stop; ++n) {
                try {
                    SearchRequest request;
                    request.query = texts[static_cast<std::size_t>(n) % texts.size()];
                    request.limit = 5;
                    request.collapse = false;
                    request.facets = {"year"};
                    const SearchResults results = searcher.search(request);
                    // Every generation and every commit holds the 50 seed bulletins.
                    if (request.query == "harbour" && results.total < 50) {
                        fail("only " + std::to_string(results.total) + " hits for harbour");
                    }
                    if (n % 50 == 0) {
                        const IndexInfo info = searcher.info();
                        if (info.generation) {
                            int seen = generations_seen.load();
                            const int now = static_cast<int>(*info.generation);
                            while (now > seen &&
                                   !generations_seen.compare_exchange_weak(seen, now)) {
                            }
                        }
                    }
                    ++queries;
                } catch (const std::exception& e) {
                    fail(e.what());
                }
            }
        });
    }

    const auto started = std::chrono::steady_clock::now();
    int next = 50;
    int rebuilds = 0;
    while (queries < kMinimumQueries && std::chrono::steady_clock::now() - started < kTimeLimit) {
        {
            // Small batches: a commit every few documents.
            Indexer indexer(db, quick(3));
            for (int i = 0; i < 30; ++i) indexer.add_document(bulletin(next++));
            indexer.finish();
        }
        IndexerOptions rebuild = quick(100);
        rebuild.rebuild = true;
        rebuild.keep = 1;
        Indexer indexer(db, rebuild);
        for (int i = 0; i < next; ++i) indexer.add_document(bulletin(i));
        indexer.finish();
        ++rebuilds;
    }
    stop = true;
    for (auto& reader : readers) reader.join();

    INFO(first_failure);
    CHECK(failures == 0);
    CHECK(queries >= kMinimumQueries);
    CHECK(rebuilds >= 2);
    CHECK(generations_seen > 1);  // Readers followed the swaps.
    CHECK(shared.info().documents == static_cast<std::uint64_t>(next));
    WARN(queries << " queries, " << rebuilds << " rebuilds, " << failures << " failures");
}
