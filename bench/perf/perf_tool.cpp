/// @file
/// @brief Performance benchmark helper, driven by bench/perf/run.sh: the baseline
/// indexers, and a query runner timing DiploSearch (embedded C++ API) and the
/// baselines on the shared query set with 1..N threads, with and without facets.
///
/// Subcommands (SOURCE: JSONL, `.jsonl.zst` or `-`; output JSON on stdout):
///   xapian-index DB SOURCE [--limit N] [--commit-every N]   naive Xapian baseline
///   fts5-index   DB SOURCE [--limit N]                      SQLite FTS5 baseline
///   query ENGINE DB QUERIES_TSV [--threads N] [--facets] [--passes N] [--lean]
///       ENGINE: diplo | xapian | fts5. One untimed warm-up pass, then N timed
///       passes over every query; per pass: QPS and latency percentiles.
///
/// QUERIES_TSV is ../shared/bench/queries.tsv: type, query, country, year_from,
/// year_to. Each type is translated to each engine's syntax (see translate_*).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "diplosearch/diplosearch.hpp"
#include "tsv_file.hpp"
#include "xapian_baseline.hpp"
#ifdef DIPLOSEARCH_BENCH_WITH_SQLITE
#include "fts5_baseline.hpp"
#endif

namespace {

using json = nlohmann::json;
using diplosearch::bench::CorpusStats;

/// One line of the shared query set.
struct BenchQuery {
    std::string type;  ///< terms, and, or, phrase, filter
    std::vector<std::string> words;
    std::string country;
    int year_from = 0;
    int year_to = 0;
};

std::vector<std::string> words_of(const std::string& s) {
    std::vector<std::string> out;
    std::string word;
    std::istringstream ss(s);
    while (ss >> word) out.push_back(word);
    return out;
}

std::vector<BenchQuery> read_queries(const std::string& path) {
    std::vector<BenchQuery> out;
    for (const auto& f : diplosearch::bench::read_tsv(path, "type")) {
        if (f.size() < 2) continue;
        BenchQuery q{f[0], words_of(f[1]), {}, 0, 0};
        if (q.type == "filter") {
            if (f.size() < 5) throw std::runtime_error("filter query without filters: " + f[1]);
            q.country = f[2];
            q.year_from = std::stoi(f[3]);
            q.year_to = std::stoi(f[4]);
        }
        out.push_back(std::move(q));
    }
    return out;
}

std::string join(const std::vector<std::string>& words, const std::string& sep,
                 const std::string& quote = "") {
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += sep;
        out += quote + w + quote;
    }
    return out;
}

/// The query text in DiploSearch (and Xapian QueryParser) syntax, without filters.
std::string translate_text(const BenchQuery& q) {
    if (q.type == "and") return join(q.words, " AND ");
    if (q.type == "phrase") return '"' + join(q.words, " ") + '"';
    return join(q.words, " OR ");  // terms, or, filter (one word)
}

/// DiploSearch syntax: filters as query fields.
std::string translate_diplo(const BenchQuery& q) {
    std::string text = translate_text(q);
    if (q.type == "filter")
        text += " country:" + q.country + " year:" + std::to_string(q.year_from) + ".." +
                std::to_string(q.year_to);
    return text;
}

/// An engine under test; one instance per thread. run() returns the match count.
class QueryEngine {
  public:
    virtual ~QueryEngine() = default;
    virtual std::uint64_t run(const BenchQuery& q, bool facets) = 0;
};

class DiploEngine : public QueryEngine {
  public:
    DiploEngine(const std::string& db, bool lean) : m_searcher(db) {
        if (lean) {
            // The features the baselines lack, switched off.
            m_request.snippet_length = 0;
            m_request.synonyms = false;
            m_request.typo_tolerance = false;
            m_request.collapse = false;
            m_request.ranking.title_boost = 0;
            m_request.ranking.phrase_boost = 0;
        }
        m_facets = m_request.facets;
    }
    std::uint64_t run(const BenchQuery& q, bool facets) override {
        m_request.query = translate_diplo(q);
        if (facets)
            m_request.facets = m_facets;
        else
            m_request.facets.clear();
        return m_searcher.search(m_request).total;
    }

  private:
    diplosearch::Searcher m_searcher;
    diplosearch::SearchRequest m_request;
    std::vector<std::string> m_facets;
};

class XapianEngine : public QueryEngine {
  public:
    explicit XapianEngine(const std::string& db) : m_searcher(db) {}
    std::uint64_t run(const BenchQuery& q, bool facets) override {
        Xapian::Query query = m_searcher.parse(translate_text(q));
        if (q.type == "filter")
            query = diplosearch::bench::XapianBaselineSearcher::filtered(query, q.country,
                                                                         q.year_from, q.year_to);
        return m_searcher.search(query, 10, facets).matches;
    }

  private:
    diplosearch::bench::XapianBaselineSearcher m_searcher;
};

#ifdef DIPLOSEARCH_BENCH_WITH_SQLITE
class Fts5Engine : public QueryEngine {
  public:
    explicit Fts5Engine(const std::string& db) : m_searcher(db) {}
    std::uint64_t run(const BenchQuery& q, bool facets) override {
        std::string match;
        if (q.type == "and")
            match = join(q.words, " AND ", "\"");
        else if (q.type == "phrase")
            match = '"' + join(q.words, " ") + '"';
        else
            match = join(q.words, " OR ", "\"");
        std::optional<diplosearch::bench::Fts5Filter> filter;
        if (q.type == "filter") filter = {q.country, q.year_from, q.year_to};
        return m_searcher.search(match, 10, filter, facets).matches;
    }

  private:
    diplosearch::bench::Fts5BaselineSearcher m_searcher;
};
#endif

std::unique_ptr<QueryEngine> make_engine(const std::string& engine, const std::string& db,
                                         bool lean) {
    if (engine == "diplo") return std::make_unique<DiploEngine>(db, lean);
    if (engine == "xapian") return std::make_unique<XapianEngine>(db);
#ifdef DIPLOSEARCH_BENCH_WITH_SQLITE
    if (engine == "fts5") return std::make_unique<Fts5Engine>(db);
#endif
    throw std::runtime_error("unknown or unavailable engine " + engine);
}

double percentile(std::vector<double> sorted, double p) {
    if (sorted.empty()) return 0;
    // Nearest rank: the smallest value with at least p% of the values at or below it.
    auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

/// Runs every query once over @p engines (one per thread); returns the pass's figures.
json run_pass(std::vector<std::unique_ptr<QueryEngine>>& engines,
              const std::vector<BenchQuery>& queries, bool facets) {
    using clock = std::chrono::steady_clock;
    std::vector<double> latency_ms(queries.size());
    std::vector<std::uint64_t> matches(queries.size());
    std::atomic<std::size_t> next{0}, errors{0};
    const auto start = clock::now();
    std::vector<std::thread> threads;
    for (auto& engine : engines) {
        threads.emplace_back([&, e = engine.get()] {
            for (std::size_t i; (i = next.fetch_add(1)) < queries.size();) {
                const auto t0 = clock::now();
                try {
                    matches[i] = e->run(queries[i], facets);
                } catch (const std::exception& ex) {
                    if (errors.fetch_add(1) < 5) std::cerr << "perf_tool: " << ex.what() << '\n';
                }
                latency_ms[i] =
                    std::chrono::duration<double, std::milli>(clock::now() - t0).count();
            }
        });
    }
    for (auto& t : threads) t.join();
    const double wall = std::chrono::duration<double>(clock::now() - start).count();
    std::vector<double> sorted = latency_ms;
    std::sort(sorted.begin(), sorted.end());
    double sum = 0;
    for (double v : sorted) sum += v;
    std::uint64_t total_matches = 0;
    for (auto m : matches) total_matches += m;
    return {{"wall_s", wall},
            {"qps", static_cast<double>(queries.size()) / wall},
            {"p50_ms", percentile(sorted, 50)},
            {"p95_ms", percentile(sorted, 95)},
            {"p99_ms", percentile(sorted, 99)},
            {"max_ms", sorted.empty() ? 0 : sorted.back()},
            {"mean_ms", sorted.empty() ? 0 : sum / static_cast<double>(sorted.size())},
            {"errors", errors.load()},
            {"matches", total_matches}};
}

int query(const std::string& engine, const std::string& db, const std::string& queries_path,
          unsigned threads, bool facets, unsigned passes, bool lean) {
    const auto queries = read_queries(queries_path);
    std::vector<std::unique_ptr<QueryEngine>> engines;
    for (unsigned i = 0; i < threads; ++i) engines.push_back(make_engine(engine, db, lean));
    run_pass(engines, queries, facets);  // warm-up: caches, lazily opened tables
    json out = {{"engine", engine}, {"threads", threads},        {"facets", facets},
                {"lean", lean},     {"queries", queries.size()}, {"passes", json::array()}};
    for (unsigned p = 0; p < passes; ++p)
        out["passes"].push_back(run_pass(engines, queries, facets));
    std::cout << out.dump() << '\n';
    return 0;
}

json index_result(const CorpusStats& stats) {
    return {{"documents", stats.records}, {"text_bytes", stats.text_bytes}};
}

int usage() {
    std::cerr << "usage: perf_tool xapian-index DB SOURCE [--limit N] [--commit-every N]\n"
                 "       perf_tool fts5-index DB SOURCE [--limit N]\n"
                 "       perf_tool query diplo|xapian|fts5 DB QUERIES [--threads N] [--facets]"
                 " [--passes N] [--lean]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> positional;
    std::size_t limit = 0, commit_every = 10000;
    unsigned threads = 1, passes = 3;
    bool facets = false, lean = false;
    try {
        for (int i = 1; i < argc; ++i) {
            std::string a = argv[i];
            auto value = [&] {
                if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
                return std::stoul(argv[++i]);
            };
            if (a == "--limit")
                limit = value();
            else if (a == "--commit-every")
                commit_every = value();
            else if (a == "--threads")
                threads = static_cast<unsigned>(value());
            else if (a == "--passes")
                passes = static_cast<unsigned>(value());
            else if (a == "--facets")
                facets = true;
            else if (a == "--lean")
                lean = true;
            else
                positional.push_back(a);
        }
        const auto& p = positional;
        if (p.size() == 3 && p[0] == "xapian-index") {
            auto stats = diplosearch::bench::index_xapian_baseline(p[1], p[2], commit_every, limit);
            std::cout << index_result(stats).dump() << '\n';
            return 0;
        }
        if (p.size() == 3 && p[0] == "fts5-index") {
#ifdef DIPLOSEARCH_BENCH_WITH_SQLITE
            std::cout
                << index_result(diplosearch::bench::index_fts5_baseline(p[1], p[2], limit)).dump()
                << '\n';
            return 0;
#else
            std::cerr << "perf_tool: built without SQLite (install libsqlite3-dev)\n";
            return 3;
#endif
        }
        if (p.size() == 4 && p[0] == "query" && threads > 0)
            return query(p[1], p[2], p[3], threads, facets, passes, lean);
    } catch (const std::exception& e) {
        std::cerr << "perf_tool: " << e.what() << '\n';
        return 1;
    }
    return usage();
}
