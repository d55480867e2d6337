/// @file
/// @brief The JSON of `diplo-search --suggest` (docs/json-output.md), versioned
/// with the search results.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "diplosearch/searcher.hpp"

namespace diplosearch::searcher {

/// @p suggestions for @p prefix as the documented JSON object.
nlohmann::json suggestions_to_json(const std::string& prefix,
                                   const std::vector<Suggestion>& suggestions);

}  // namespace diplosearch::searcher
