/// @file
/// @brief One reader of a database with everything a query needs: what a
/// single thread uses to search, fetch documents, suggest and describe the index.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "diplosearch/searcher.hpp"
#include "index_reader.hpp"
#include "synonym_table.hpp"

namespace diplosearch::searcher {

/// Answers queries through one Xapian handle, brought up to date (new
/// commits, a switched generation) before each call. Not thread-safe:
/// Searcher gives each thread a session of its own.
class SearchSession {
  public:
    /// @throws DatabaseNotFoundError, SchemaMismatchError, IndexError.
    SearchSession(std::string path, const SearcherOptions& options);

    /// @throws QueryError, IndexError.
    SearchResults search(const SearchRequest& request, const SynonymTable& synonyms);
    std::optional<Document> document(const std::string& id);
    IndexInfo info();
    std::vector<Suggestion> suggest(const std::string& prefix, std::uint32_t limit);

  private:
    template <typename Body>
    auto with_retry(Body&& body, bool allow_partial = false);
    Xapian::Query like_query(const std::string& id);
    Xapian::Query cluster_query(const std::string& id);
    SearchResults run_search(const SearchRequest& request, const SynonymTable& synonyms);

    std::string m_path;
    IndexReader m_reader;
    Xapian::Database m_db;  // The handle m_reader refreshed for this call.
};

}  // namespace diplosearch::searcher
