/// @file
/// @brief Relevance benchmark helper: the two baselines (plain Xapian BM25 and
/// SQLite FTS5 bm25()), an exporter from a DiploSearch database, and the scorer
/// (nDCG@10, MRR, recall@100) used by bench/relevance/run.sh.
///
/// Subcommands (JSONL input is one {"id","title","text",...} object a line; "-" = stdin):
///   export-diplo  DIPLO_DB                    > JSONL   (id, title, text from document data)
///   xapian-index  DB JSONL
///   xapian-search DB QUERIES_TSV DEPTH        > RUN_TSV (query_id, rank, doc_id)
///   fts5-index    DB JSONL                    (only when built with SQLite)
///   fts5-search   DB QUERIES_TSV DEPTH        > RUN_TSV
///   eval          QRELS_TSV QUERIES_TSV RUN_TSV [--per-query]  > JSON metrics
///
/// The baselines live in bench/baselines/ (shared with bench/perf/).
/// The Xapian baseline is deliberately "out of the box": TermGenerator with the
/// English stemmer (STEM_SOME) over title then text, default BM25Weight, default
/// QueryParser (OR, default flags) with the same stemmer. No synonyms, no spelling,
/// no field boosts, no prefixes.
///
/// The FTS5 baseline: a `porter unicode61` table over (title, text), ranked by
/// bm25() with default weights; the query is the OR of its words, each quoted
/// (so punctuation and FTS5 keywords cannot cause syntax errors). OR matches the
/// default operator of Xapian's QueryParser, which keeps the two comparable.
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "stored_document.hpp"
#include "tsv_file.hpp"
#include "xapian_baseline.hpp"
#ifdef DIPLOSEARCH_BENCH_WITH_SQLITE
#include "fts5_baseline.hpp"
#endif

namespace {

using json = nlohmann::json;

struct Query {
    std::string id, kind, text;
};

/// queries/<corpus>.tsv: query_id, kind, query; '#' lines and the header are skipped.
std::vector<Query> read_queries(const std::string& path) {
    std::vector<Query> out;
    for (const auto& f : diplosearch::bench::read_tsv(path, "query_id")) {
        if (f.size() >= 3) out.push_back({f[0], f[1], f[2]});
    }
    return out;
}

int xapian_index(const std::string& db_path, const std::string& jsonl) {
    diplosearch::bench::index_xapian_baseline(db_path, jsonl);
    return 0;
}

int xapian_search(const std::string& db_path, const std::string& queries, int depth) {
    diplosearch::bench::XapianBaselineSearcher searcher(db_path);
    for (const auto& q : read_queries(queries)) {
        auto results = searcher.search(searcher.parse(q.text), static_cast<unsigned>(depth));
        int rank = 0;
        for (const auto& id : results.ids)
            std::cout << q.id << '\t' << ++rank << '\t' << id << '\n';
    }
    return 0;
}

int export_diplo(const std::string& db_path) {
    Xapian::Database db(db_path);
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        const diplosearch::Document doc = diplosearch::stored_document::load(db.get_document(*it));
        json out = {{"id", doc.id}, {"title", doc.title}, {"text", doc.text}};
        std::cout << out.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
    }
    return 0;
}

#ifdef DIPLOSEARCH_BENCH_WITH_SQLITE
int fts5_index(const std::string& db_path, const std::string& jsonl) {
    diplosearch::bench::index_fts5_baseline(db_path, jsonl);
    return 0;
}

int fts5_search(const std::string& db_path, const std::string& queries, int depth) {
    diplosearch::bench::Fts5BaselineSearcher searcher(db_path);
    for (const auto& q : read_queries(queries)) {
        std::string match = diplosearch::bench::fts5_or_query(q.text);
        if (match.empty()) continue;
        int rank = 0;
        for (const auto& id : searcher.search(match, static_cast<unsigned>(depth)).ids)
            std::cout << q.id << '\t' << ++rank << '\t' << id << '\n';
    }
    return 0;
}
#endif

/// nDCG@10 (gain 2^g - 1, discount log2(rank + 1), ideal from all judged grades),
/// MRR (reciprocal rank of the first document with grade >= 2, i.e. "relevant"),
/// recall@100 (share of grade >= 1 documents in the top 100). Queries with no
/// grade >= 1 judgment are skipped; a query with no results scores 0.
int eval(const std::string& qrels_path, const std::string& queries_path,
         const std::string& run_path, bool per_query) {
    std::map<std::string, std::map<std::string, int>> qrels;
    for (const auto& f : diplosearch::bench::read_tsv(qrels_path, "query_id")) {
        if (f.size() >= 3) qrels[f[0]][f[1]] = std::stoi(f[2]);
    }
    std::map<std::string, std::vector<std::string>> run;
    for (const auto& f : diplosearch::bench::read_tsv(run_path)) {
        if (f.size() >= 3) run[f[0]].push_back(f[2]);
    }
    struct Acc {
        double ndcg = 0, mrr = 0, recall = 0;
        int n = 0;
    };
    std::map<std::string, Acc> by_kind;
    json queries_out = json::array();
    for (const auto& q : read_queries(queries_path)) {
        const auto& judged = qrels[q.id];
        std::vector<int> grades;
        int relevant = 0;
        for (const auto& [doc, g] : judged) {
            if (g > 0) grades.push_back(g);
            if (g >= 1) ++relevant;
        }
        if (relevant == 0) continue;
        std::sort(grades.rbegin(), grades.rend());
        double idcg = 0;
        for (std::size_t i = 0; i < grades.size() && i < 10; ++i)
            idcg += (std::pow(2.0, grades[i]) - 1) / std::log2(static_cast<double>(i) + 2);
        const auto& ranked = run[q.id];
        double dcg = 0, rr = 0;
        int found = 0;
        std::set<std::string> seen;
        for (std::size_t i = 0; i < ranked.size() && i < 100; ++i) {
            if (!seen.insert(ranked[i]).second) continue;
            auto it = judged.find(ranked[i]);
            int g = it == judged.end() ? 0 : it->second;
            if (i < 10 && g > 0)
                dcg += (std::pow(2.0, g) - 1) / std::log2(static_cast<double>(i) + 2);
            if (rr == 0 && g >= 2) rr = 1.0 / (static_cast<double>(i) + 1);
            if (g >= 1) ++found;
        }
        double ndcg = dcg / idcg, rec = static_cast<double>(found) / relevant;
        for (const std::string& k : {std::string("all"), q.kind}) {
            Acc& a = by_kind[k];
            a.ndcg += ndcg;
            a.mrr += rr;
            a.recall += rec;
            ++a.n;
        }
        if (per_query)
            queries_out.push_back({{"query_id", q.id},
                                   {"kind", q.kind},
                                   {"query", q.text},
                                   {"ndcg@10", ndcg},
                                   {"mrr", rr},
                                   {"recall@100", rec}});
    }
    json out = json::object();
    for (const auto& [k, a] : by_kind)
        out[k] = {{"queries", a.n},
                  {"ndcg@10", a.ndcg / a.n},
                  {"mrr", a.mrr / a.n},
                  {"recall@100", a.recall / a.n}};
    if (per_query) out["per_query"] = queries_out;
    std::cout << out.dump(1) << '\n';
    return 0;
}

int usage() {
    std::cerr << "usage: relevance_tool export-diplo DB | xapian-index DB JSONL |"
                 " xapian-search DB QUERIES DEPTH | fts5-index DB JSONL |"
                 " fts5-search DB QUERIES DEPTH | eval QRELS QUERIES RUN [--per-query]\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> a(argv + 1, argv + argc);
    try {
        if (a.size() == 2 && a[0] == "export-diplo") return export_diplo(a[1]);
        if (a.size() == 3 && a[0] == "xapian-index") return xapian_index(a[1], a[2]);
        if (a.size() == 4 && a[0] == "xapian-search")
            return xapian_search(a[1], a[2], std::stoi(a[3]));
#ifdef DIPLOSEARCH_BENCH_WITH_SQLITE
        if (a.size() == 3 && a[0] == "fts5-index") return fts5_index(a[1], a[2]);
        if (a.size() == 4 && a[0] == "fts5-search") return fts5_search(a[1], a[2], std::stoi(a[3]));
#else
        if (!a.empty() && a[0].rfind("fts5-", 0) == 0) {
            std::cerr << "relevance_tool: built without SQLite (install libsqlite3-dev)\n";
            return 3;
        }
#endif
        if ((a.size() == 4 || a.size() == 5) && a[0] == "eval")
            return eval(a[1], a[2], a[3], a.size() == 5 && a[4] == "--per-query");
    } catch (const std::exception& e) {
        std::cerr << "relevance_tool: " << e.what() << '\n';
        return 1;
    }
    return usage();
}
