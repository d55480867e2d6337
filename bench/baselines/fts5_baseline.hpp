/// @file
/// @brief The SQLite FTS5 baseline: a contentless `porter unicode61` table over
/// (title, text) ranked by bm25() with default weights, and a plain `meta` table
/// (same rowid) holding the id and the facet fields, counted with GROUP BY.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "corpus_reader.hpp"
#include "facet_counts.hpp"

namespace diplosearch::bench {

/// Indexes @p source (see read_corpus) into a new SQLite file at @p db_path, in one
/// transaction, then merges the FTS5 segments ('optimize').
CorpusStats index_fts5_baseline(const std::string& db_path, const std::string& source,
                                std::size_t max_records = 0);

/// The OR of the words of @p text (ASCII letters and digits, bytes >= 0x80 kept),
/// each quoted so that punctuation and FTS5 keywords cannot cause syntax errors.
std::string fts5_or_query(const std::string& text);

/// A country and inclusive year range restricting a query.
struct Fts5Filter {
    std::string country;
    int year_from = 0;
    int year_to = 0;
};

/// Answers FTS5 MATCH queries on a baseline database. One instance per thread.
class Fts5BaselineSearcher {
  public:
    explicit Fts5BaselineSearcher(const std::string& db_path);
    ~Fts5BaselineSearcher();
    Fts5BaselineSearcher(const Fts5BaselineSearcher&) = delete;
    Fts5BaselineSearcher& operator=(const Fts5BaselineSearcher&) = delete;

    /// Top @p limit by bm25() for the FTS5 expression @p match; with @p facets, exact
    /// country, year and type counts over the whole match set (top 10 values each).
    BaselineResults search(const std::string& match, unsigned limit,
                           const std::optional<Fts5Filter>& filter = std::nullopt,
                           bool facets = false);

  private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace diplosearch::bench
