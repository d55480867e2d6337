/// @file
/// @brief Query-string parameters into a SearchRequest or a suggest call, with the
/// service's caps; a bad parameter is an OptionValueError naming it (answered with 400).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "diplosearch/searcher.hpp"
#include "service_options.hpp"

namespace diplosearch::server {

/// Decoded query-string parameters, repeated names kept (httplib::Params).
using Params = std::multimap<std::string, std::string>;

/// Which search parameters an endpoint takes.
enum class SearchEndpoint {
    kSearch,   ///< GET /search: every CLI search option, `q` for the query words.
    kSimilar,  ///< GET /documents/{id}/similar: as /search, the id taking the place of `like`.
    kFacets,   ///< GET /facets: the query, filters and facet options; no paging or snippets.
};

/// The SearchRequest @p params ask for, highlighted for HTML like `--format json`.
/// @throws searcher::OptionValueError for an unknown, repeated, malformed or over-cap parameter.
SearchRequest parse_search_params(const Params& params, SearchEndpoint endpoint,
                                  const RequestLimits& limits);

/// What GET /suggest asks for.
struct SuggestParams {
    std::string prefix;
    std::uint32_t limit = 10;
};

/// @throws searcher::OptionValueError for an unknown, repeated, missing or over-cap parameter.
SuggestParams parse_suggest_params(const Params& params, const RequestLimits& limits);

/// @throws searcher::OptionValueError when an endpoint without parameters is given one.
void expect_no_params(const Params& params);

}  // namespace diplosearch::server
