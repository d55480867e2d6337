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

/// @p document's stored fields as they appear in a hit, plus its `text`.
nlohmann::json document_to_json(const Document& document);

/// The contract's text form: indented by two, invalid UTF-8 replaced, newline-terminated,
/// so every program writing the contract writes the same bytes.
std::string contract_text(const nlohmann::json& json);

}  // namespace diplosearch::searcher
