/// @file
/// @brief Text and JSON renderings of `diplo-index --explain`.
#pragma once

#include <ostream>
#include <vector>

#include <nlohmann/json.hpp>

#include "explain.hpp"

namespace diplosearch::indexer {

/// Human-readable: each field with its value, whether it came from the source or
/// from extraction, and the evidence (matched spans and scores).
void print_explanation_text(const std::vector<ExplainedDocument>& docs, std::ostream& out);

/// The same as JSON (`{"format_version": 1, "documents": [...]}`).
nlohmann::json explanation_json(const std::vector<ExplainedDocument>& docs);

}  // namespace diplosearch::indexer
