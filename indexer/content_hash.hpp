/// @file
/// @brief A stable fingerprint of a normalised document, so an unchanged
/// document is recognised on the next run and not indexed again.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "diplosearch/document.hpp"

namespace diplosearch::indexer {

/// 16 hex digits (XXH3-64) over every source field of @p doc, the schema version,
/// the build version, the compiled-in gazetteer and taxonomy, and whether
/// extraction is on (@p extract), so a build or setting that would index the
/// document differently changes the hash; and the file it was read from
/// (@p origin_key), so a document that moves to another file is rewritten with
/// its new origin. Stable across runs and machines.
std::string content_hash(const Document& doc, bool extract, std::string_view origin_key);

/// The part of the hash that does not depend on the document: schema and
/// build version, gazetteer and taxonomy.
std::uint64_t rules_fingerprint();

}  // namespace diplosearch::indexer
