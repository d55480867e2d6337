/// @file
/// @brief Documents from JSON objects (JSONL lines and JSON files).
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "diplosearch/document.hpp"

namespace diplosearch::indexer {

/// Maps a JSON object's fields onto a raw (not yet normalised) Document.
/// Unknown fields are ignored; `year` stands in for a missing `date`.
/// @throws std::invalid_argument with a reason when a field has the wrong type.
Document document_from_json(const nlohmann::json& object);

}  // namespace diplosearch::indexer
