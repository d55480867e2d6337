/// @file
/// @brief What each endpoint answers, apart from HTTP plumbing: parameters in, JSON text out,
/// through the one Searcher every worker shares.
#pragma once

#include <string>

#include "diplosearch/searcher.hpp"
#include "request_params.hpp"
#include "service_options.hpp"

namespace diplosearch::server {

/// A successful answer's body and whether its counts are exact.
struct Reply {
    std::string body;                         ///< JSON text, newline-terminated.
    bool exact = true;                        ///< False when a time limit cut match counting short.
    std::vector<std::string> missing_shards;  ///< Shards that did not answer (allow-partial).
};

/// The read-only endpoints over one shared, thread-safe Searcher.
///
/// Every method throws searcher::OptionValueError for a bad parameter, QueryError for a
/// query the searcher refuses, HttpError (404) for an unknown document id, and the
/// Searcher's IndexError when the database fails.
class Endpoints {
  public:
    Endpoints(Searcher& searcher, const RequestLimits& limits)
        : m_searcher(searcher), m_limits(limits) {}

    /// GET /search: byte for byte what `diplo-search --format json` prints.
    /// @param time_limit seconds the search may spend counting; 0 for no limit.
    Reply search(const Params& params, double time_limit);

    /// GET /documents/{id}: the document's fields and text.
    Reply document(const std::string& id, const Params& params);

    /// GET /documents/{id}/similar: /search with `like` set to @p id.
    Reply similar(const std::string& id, const Params& params, double time_limit);

    /// GET /facets: the facet counts of a query, without hits.
    Reply facets(const Params& params, double time_limit);

    /// GET /suggest: `diplo-search --suggest Q --format json`.
    Reply suggest(const Params& params);

    /// GET /stats: document count, schema, revision and generation of the live index.
    Reply stats(const Params& params);

  private:
    Reply run_search(SearchRequest request, double time_limit);
    void require_document(const std::string& id);

    Searcher& m_searcher;
    RequestLimits m_limits;
};

}  // namespace diplosearch::server
