// @brief A reindex under load: diplo-index --rebuild and then an incremental add on the
// served database while clients keep querying; every answer must be a 200 and /stats must
// follow the new documents without a restart.
#include <atomic>
#include <catch2/catch.hpp>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "service_harness.hpp"

using diplosearch::test::InProcessService;
using diplosearch::test::run_indexer;
using diplosearch::test::sample_corpus;
using diplosearch::test::shell_quote;
using diplosearch::test::TempDir;
using diplosearch::test::write_file;
using nlohmann::json;

namespace {

json stats_of(const InProcessService& service) {
    auto client = service.client();
    const auto r = client.Get("/stats");
    REQUIRE(r);
    REQUIRE(r->status == 200);
    return json::parse(r->body);
}

}  // namespace

TEST_CASE("a rebuild and an incremental add are picked up with no failed request",
          "[server][reindex]") {
    TempDir dir;
    const std::string db = (dir / "db").string();
    const std::string news = (sample_corpus() / "news").string();
    run_indexer(db, shell_quote(news));
    const InProcessService service(db);
    const json before = stats_of(service);
    const auto news_count = before["documents"].get<std::uint64_t>();
    CHECK(before["generation"] == 1);

    std::atomic<bool> done = false;
    std::atomic<int> answered = 0;
    std::mutex mutex;
    std::vector<std::string> failures;
    std::set<std::uint64_t> totals_seen;
    std::vector<std::thread> clients;
    const std::vector<std::string> targets = {"/search?q=water+dam&limit=5", "/stats",
                                              "/facets?q=talks", "/suggest?q=secu"};
    for (std::size_t t = 0; t < 3; ++t) {
        clients.emplace_back([&, t] {
            auto client = service.client();
            for (std::size_t i = t; !done; ++i) {
                const std::string& target = targets[i % targets.size()];
                const auto r = client.Get(target.c_str());
                ++answered;
                const std::lock_guard lock(mutex);
                if (!r || r->status != 200) {
                    failures.push_back(target + ": " +
                                       (r ? std::to_string(r->status) + " " + r->body
                                          : httplib::to_string(r.error())));
                } else if (target == "/stats") {
                    totals_seen.insert(json::parse(r->body)["documents"].get<std::uint64_t>());
                }
            }
        });
    }
    auto wait_for_answers = [&](int more) {
        const int target = answered + more;
        while (answered < target) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    };
    wait_for_answers(50);
    run_indexer(db, "--rebuild " + shell_quote(sample_corpus().string()));
    wait_for_answers(50);
    write_file(dir / "extra" / "late-note.md",
               "---\nid: late-note\ntitle: A late note on the Gwadar water supply\n"
               "date: 2024-05-01\ncountry: PAK\n---\nWater tankers reached Gwadar.\n");
    run_indexer(db, shell_quote((dir / "extra").string()));
    wait_for_answers(50);
    done = true;
    for (auto& c : clients) c.join();

    INFO((failures.empty() ? std::string() : failures.front()));
    CHECK(failures.empty());
    const json after = stats_of(service);
    const auto all_count = after["documents"].get<std::uint64_t>();
    CHECK(all_count > news_count + 1);
    CHECK(after["generation"] == 2);
    // The clients saw the old count, the rebuilt one, and the one after the add.
    CHECK(totals_seen.count(news_count) == 1);
    CHECK(totals_seen.count(all_count - 1) == 1);
    CHECK(totals_seen.count(all_count) == 1);
    auto client = service.client();
    const auto late = client.Get("/documents/late-note");
    REQUIRE(late);
    CHECK(late->status == 200);
}
