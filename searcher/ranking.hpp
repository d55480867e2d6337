/// @file
/// @brief Ranking beyond plain BM25: title and phrase boosts and a preference
/// for recent documents, each a weighted optional part added to the query.
#pragma once

#include <xapian.h>

#include <string>

#include "diplosearch/searcher.hpp"

namespace diplosearch::searcher {

/// @p main with the boosts of @p ranking added as OP_AND_MAYBE parts, so they
/// reorder the documents @p main matches and never add or remove any. The
/// title and phrase boosts apply to queries of plain words only (@p text):
/// a query with syntax already says what the user wants matched how.
Xapian::Query apply_ranking(const Xapian::Query& main, const std::string& text,
                            const Ranking& ranking, const Xapian::Stem& stemmer);

}  // namespace diplosearch::searcher
