/// @file
/// @brief Highlighted passages where a result's text best matches the query.
#pragma once

#include <xapian.h>

#include <string>

#include "diplosearch/searcher.hpp"

namespace diplosearch::searcher {

/// A passage of @p text of about @p length characters (code points) where the
/// words and phrases of @p query are densest, cut at word or sentence
/// boundaries with "…" where text is left out, and with its matches marked as
/// @p highlight asks: a phrase as one span, other words one by one. A query
/// with no words (a filter, or match-all) gives the start of the text.
///
/// @param query the words the user asked for (with their synonym and typo
///     expansions), not ranking boosts: every word and phrase in it is marked,
///     except under the right side of OP_AND_NOT / OP_FILTER. Terms with a
///     free-text prefix (`S`, `ZS`, ...) match body words too; boolean terms
///     are ignored.
/// @param stemmer the stemmer the indexer used, for `Z` terms.
std::string make_snippet(const Xapian::Query& query, const std::string& text, std::size_t length,
                         const Xapian::Stem& stemmer, const Highlight& highlight);

}  // namespace diplosearch::searcher
