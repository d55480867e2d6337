/// @file
/// @brief The SQLite FTS5 baseline indexer and searcher.
#include "fts5_baseline.hpp"

#include <sqlite3.h>

#include <cctype>
#include <cstdio>
#include <iostream>
#include <map>
#include <stdexcept>
#include <vector>

namespace diplosearch::bench {

namespace {

void check(int rc, sqlite3* db, const char* what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

sqlite3_stmt* prepare(sqlite3* db, const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    check(sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &st, nullptr), db,
          "prepare");
    return st;
}

void bind_text(sqlite3_stmt* st, int index, const std::string& value) {
    if (value.empty())
        sqlite3_bind_null(st, index);
    else
        sqlite3_bind_text(st, index, value.c_str(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT);
}

std::string column_text(sqlite3_stmt* st, int column) {
    const unsigned char* text = sqlite3_column_text(st, column);
    return text ? reinterpret_cast<const char*>(text) : "";
}

/// The match set: rowids of the documents matching ?1, optionally restricted by ?2..?4.
std::string match_set_sql(bool filtered) {
    if (!filtered) return "SELECT rowid FROM docs WHERE docs MATCH ?1";
    return "SELECT docs.rowid FROM docs JOIN meta m ON m.rowid = docs.rowid"
           " WHERE docs MATCH ?1 AND m.country = ?2 AND m.year BETWEEN ?3 AND ?4";
}

std::string top_sql(bool filtered) {
    return std::string(
               "SELECT m.id FROM docs JOIN meta m ON m.rowid = docs.rowid"
               " WHERE docs MATCH ?1") +
           (filtered ? " AND m.country = ?2 AND m.year BETWEEN ?3 AND ?4" : "") +
           " ORDER BY bm25(docs) LIMIT ?5";
}

/// One statement computes every facet: the match set is materialised once and grouped
/// three times.
std::string facets_sql(bool filtered) {
    return "WITH hits(rowid) AS MATERIALIZED (" + match_set_sql(filtered) +
           ")"
           " SELECT 'country', country, count(*) FROM meta WHERE rowid IN hits"
           " AND country IS NOT NULL GROUP BY country"
           " UNION ALL SELECT 'year', year, count(*) FROM meta WHERE rowid IN hits"
           " AND year IS NOT NULL GROUP BY year"
           " UNION ALL SELECT 'type', type, count(*) FROM meta WHERE rowid IN hits"
           " AND type IS NOT NULL GROUP BY type";
}

}  // namespace

CorpusStats index_fts5_baseline(const std::string& db_path, const std::string& source,
                                std::size_t max_records) {
    std::remove(db_path.c_str());
    sqlite3* db = nullptr;
    check(sqlite3_open(db_path.c_str(), &db), db, "open");
    check(sqlite3_exec(db,
                       "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
                       "CREATE VIRTUAL TABLE docs USING fts5(title, text, content='',"
                       " tokenize='porter unicode61');"
                       "CREATE TABLE meta(rowid INTEGER PRIMARY KEY, id TEXT, country TEXT,"
                       " year INTEGER, type TEXT, session INTEGER); BEGIN;",
                       nullptr, nullptr, nullptr),
          db, "create");
    sqlite3_stmt* text = prepare(db, "INSERT INTO docs(rowid, title, text) VALUES (?, ?, ?)");
    sqlite3_stmt* meta = prepare(db, "INSERT INTO meta VALUES (?, ?, ?, ?, ?, ?)");
    sqlite3_int64 rowid = 0;
    CorpusStats stats = read_corpus(
        source,
        [&](const CorpusRecord& r) {
            ++rowid;
            sqlite3_bind_int64(text, 1, rowid);
            bind_text(text, 2, r.title);
            bind_text(text, 3, r.text);
            check(sqlite3_step(text), db, "insert");
            sqlite3_reset(text);
            sqlite3_bind_int64(meta, 1, rowid);
            bind_text(meta, 2, r.id);
            bind_text(meta, 3, r.countries.empty() ? std::string() : r.countries[0]);
            if (r.year != 0)
                sqlite3_bind_int(meta, 4, r.year);
            else
                sqlite3_bind_null(meta, 4);
            bind_text(meta, 5, r.type);
            if (r.session != 0)
                sqlite3_bind_int(meta, 6, r.session);
            else
                sqlite3_bind_null(meta, 6);
            check(sqlite3_step(meta), db, "insert");
            sqlite3_reset(meta);
        },
        max_records);
    sqlite3_finalize(text);
    sqlite3_finalize(meta);
    check(sqlite3_exec(db, "COMMIT; INSERT INTO docs(docs) VALUES('optimize');", nullptr, nullptr,
                       nullptr),
          db, "commit");
    sqlite3_close(db);
    std::cerr << "fts5 baseline: indexed " << stats.records << " documents\n";
    return stats;
}

std::string fts5_or_query(const std::string& text) {
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

/// SQLite's default memory statistics take one global mutex on every allocation, which
/// serialises threads that share nothing else; a tuned deployment switches them off.
void disable_memory_statistics() {
    static const bool done = [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        return true;
    }();
    (void)done;
}

class Fts5BaselineSearcher::Impl {
  public:
    explicit Impl(const std::string& db_path) {
        disable_memory_statistics();
        check(sqlite3_open_v2(db_path.c_str(), &m_db, SQLITE_OPEN_READONLY, nullptr), m_db, "open");
        for (bool filtered : {false, true}) {
            m_top[filtered] = prepare(m_db, top_sql(filtered));
            m_facets[filtered] = prepare(m_db, facets_sql(filtered));
        }
    }
    ~Impl() {
        for (auto* st : m_top) sqlite3_finalize(st);
        for (auto* st : m_facets) sqlite3_finalize(st);
        sqlite3_close(m_db);
    }
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    BaselineResults search(const std::string& match, unsigned limit,
                           const std::optional<Fts5Filter>& filter, bool facets) {
        BaselineResults out;
        sqlite3_stmt* top = m_top[filter.has_value()];
        bind(top, match, filter);
        sqlite3_bind_int(top, 5, static_cast<int>(limit));
        int rc;
        while ((rc = sqlite3_step(top)) == SQLITE_ROW) out.ids.push_back(column_text(top, 0));
        check(rc, m_db, "query");
        sqlite3_reset(top);
        out.matches = out.ids.size();
        if (!facets) return out;

        sqlite3_stmt* st = m_facets[filter.has_value()];
        bind(st, match, filter);
        std::map<std::string, FacetCounts> by_field;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            FacetCounts& f = by_field[column_text(st, 0)];
            f.values.emplace_back(column_text(st, 1),
                                  static_cast<std::uint64_t>(sqlite3_column_int64(st, 2)));
        }
        check(rc, m_db, "facets");
        sqlite3_reset(st);
        for (auto& [field, f] : by_field) {
            f.field = field;
            if (field == "type") {
                out.matches = 0;
                for (const auto& v : f.values) out.matches += v.second;
            }
            keep_most_frequent(f.values, 10);
            out.facets.push_back(std::move(f));
        }
        return out;
    }

  private:
    static void bind(sqlite3_stmt* st, const std::string& match,
                     const std::optional<Fts5Filter>& filter) {
        bind_text(st, 1, match);
        if (filter) {
            bind_text(st, 2, filter->country);
            sqlite3_bind_int(st, 3, filter->year_from);
            sqlite3_bind_int(st, 4, filter->year_to);
        }
    }

    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_top[2] = {nullptr, nullptr};
    sqlite3_stmt* m_facets[2] = {nullptr, nullptr};
};

Fts5BaselineSearcher::Fts5BaselineSearcher(const std::string& db_path)
    : m_impl(std::make_unique<Impl>(db_path)) {}
Fts5BaselineSearcher::~Fts5BaselineSearcher() = default;

BaselineResults Fts5BaselineSearcher::search(const std::string& match, unsigned limit,
                                             const std::optional<Fts5Filter>& filter, bool facets) {
    return m_impl->search(match, limit, filter, facets);
}

}  // namespace diplosearch::bench
