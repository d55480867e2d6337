/// @file
/// @brief The versioned JSON contract of search results (docs/json-output.md).
#pragma once

#include <nlohmann/json.hpp>

#include "diplosearch/searcher.hpp"

namespace diplosearch::searcher {

/// Bumped on any incompatible change to the JSON output; documented in docs/json-output.md.
inline constexpr int kJsonFormatVersion = 2;

/// @p results as the documented JSON object.
nlohmann::json results_to_json(const SearchResults& results);

}  // namespace diplosearch::searcher
