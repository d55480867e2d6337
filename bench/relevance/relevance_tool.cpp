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
#include <cctype>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#ifdef RELEVANCE_WITH_SQLITE
#include <sqlite3.h>
#endif

namespace {

using json = nlohmann::json;

struct Record {
    std::string id, title, text;
};

std::string str_field(const json& j, const char* key) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return {};
    return it->get<std::string>();
}

/// Calls @p fn for every record of a JSONL file (or stdin for "-").
template <typename Fn>
void read_jsonl(const std::string& path, Fn fn) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (path != "-") {
        file.open(path);
        if (!file) throw std::runtime_error("cannot open " + path);
        in = &file;
    }
    std::string line;
    while (std::getline(*in, line)) {
        if (line.empty()) continue;
        json j = json::parse(line, nullptr, true);
        Record r{str_field(j, "id"), str_field(j, "title"), str_field(j, "text")};
        // UNGDC texts may start with a byte order mark.
        if (r.text.rfind("\xEF\xBB\xBF", 0) == 0) r.text.erase(0, 3);
        if (!r.id.empty()) fn(r);
    }
}

struct Query {
    std::string id, kind, text;
};

std::vector<std::string> split_tab(const std::string& line) {
    std::vector<std::string> out;
    std::string cur;
    std::istringstream ss(line);
    while (std::getline(ss, cur, '\t')) out.push_back(cur);
    return out;
}

/// queries/<corpus>.tsv: query_id, kind, query; '#' lines and the header are skipped.
std::vector<Query> read_queries(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::vector<Query> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') continue;
        auto f = split_tab(line);
        if (f.size() < 3 || f[0] == "query_id") continue;
        out.push_back({f[0], f[1], f[2]});
    }
    return out;
}

int xapian_index(const std::string& db_path, const std::string& jsonl) {
    Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    std::size_t n = 0;
    read_jsonl(jsonl, [&](const Record& r) {
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(r.title);
        tg.increase_termpos();
        tg.index_text(r.text);
        doc.set_data(r.id);
        std::string idterm = "Q" + r.id;
        doc.add_boolean_term(idterm);
        db.replace_document(idterm, doc);
        ++n;
    });
    db.commit();
    std::cerr << "xapian baseline: indexed " << n << " documents\n";
    return 0;
}

int xapian_search(const std::string& db_path, const std::string& queries, int depth) {
    Xapian::Database db(db_path);
    Xapian::QueryParser qp;
    qp.set_stemmer(Xapian::Stem("english"));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_database(db);
    Xapian::Enquire enquire(db);  // default weighting: BM25Weight()
    for (const auto& q : read_queries(queries)) {
        enquire.set_query(qp.parse_query(q.text));
        Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(depth));
        int rank = 0;
        for (auto it = mset.begin(); it != mset.end(); ++it)
            std::cout << q.id << '\t' << ++rank << '\t' << it.get_document().get_data() << '\n';
    }
    return 0;
}

int export_diplo(const std::string& db_path) {
    Xapian::Database db(db_path);
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        json j = json::parse(db.get_document(*it).get_data());
        json out = {{"id", str_field(j, "id")},
                    {"title", str_field(j, "title")},
                    {"text", str_field(j, "text")}};
        std::cout << out.dump(-1, ' ', false, json::error_handler_t::replace) << '\n';
    }
    return 0;
}

#ifdef RELEVANCE_WITH_SQLITE
void check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

int fts5_index(const std::string& db_path, const std::string& jsonl) {
    std::remove(db_path.c_str());
    sqlite3* db = nullptr;
    check(sqlite3_open(db_path.c_str(), &db), db, "open");
    check(sqlite3_exec(db,
                       "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                       "CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, text,"
                       " tokenize='porter unicode61'); BEGIN;",
                       nullptr, nullptr, nullptr),
          db, "create");
    sqlite3_stmt* ins = nullptr;
    check(sqlite3_prepare_v2(db, "INSERT INTO docs(id, title, text) VALUES (?, ?, ?)", -1, &ins,
                             nullptr),
          db, "prepare");
    std::size_t n = 0;
    read_jsonl(jsonl, [&](const Record& r) {
        sqlite3_bind_text(ins, 1, r.id.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 2, r.title.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins, 3, r.text.c_str(), -1, SQLITE_TRANSIENT);
        check(sqlite3_step(ins), db, "insert");
        sqlite3_reset(ins);
        ++n;
    });
    sqlite3_finalize(ins);
    check(sqlite3_exec(db, "COMMIT; INSERT INTO docs(docs) VALUES('optimize');", nullptr,
                       nullptr, nullptr),
          db, "commit");
    sqlite3_close(db);
    std::cerr << "fts5 baseline: indexed " << n << " documents\n";
    return 0;
}

/// The OR of the query's words (letters/digits, UTF-8 bytes >= 0x80 kept), each quoted.
std::string fts5_match(const std::string& text) {
    std::vector<std::string> words;
    std::string cur;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c >= 0x80) {
            cur += static_cast<char>(c);
        } else if (!cur.empty()) {
            words.push_back(cur);
            cur.clear();
        }
    }
    if (!cur.empty()) words.push_back(cur);
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += " OR ";
        out += '"' + w + '"';
    }
    return out;
}

int fts5_search(const std::string& db_path, const std::string& queries, int depth) {
    sqlite3* db = nullptr;
    check(sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), db, "open");
    sqlite3_stmt* st = nullptr;
    check(sqlite3_prepare_v2(db,
                             "SELECT id FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT ?",
                             -1, &st, nullptr),
          db, "prepare");
    for (const auto& q : read_queries(queries)) {
        std::string match = fts5_match(q.text);
        if (match.empty()) continue;
        sqlite3_bind_text(st, 1, match.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(st, 2, depth);
        int rank = 0, rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            std::cout << q.id << '\t' << ++rank << '\t'
                      << reinterpret_cast<const char*>(sqlite3_column_text(st, 0)) << '\n';
        check(rc, db, "query");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
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
    {
        std::ifstream in(qrels_path);
        if (!in) throw std::runtime_error("cannot open " + qrels_path);
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#') continue;
            auto f = split_tab(line);
            if (f.size() < 3 || f[0] == "query_id") continue;
            qrels[f[0]][f[1]] = std::stoi(f[2]);
        }
    }
    std::map<std::string, std::vector<std::string>> run;
    {
        std::ifstream in(run_path);
        if (!in) throw std::runtime_error("cannot open " + run_path);
        std::string line;
        while (std::getline(in, line)) {
            auto f = split_tab(line);
            if (f.size() < 3) continue;
            run[f[0]].push_back(f[2]);
        }
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
#ifdef RELEVANCE_WITH_SQLITE
        if (a.size() == 3 && a[0] == "fts5-index") return fts5_index(a[1], a[2]);
        if (a.size() == 4 && a[0] == "fts5-search")
            return fts5_search(a[1], a[2], std::stoi(a[3]));
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
