/// @file
/// @brief Highlighted passages around the best matches of a result.
#pragma once

#include <xapian.h>

#include <string>

#include "diplosearch/searcher.hpp"

namespace diplosearch::searcher {

/// A passage of @p text of about @p length characters around the terms of
/// @p mset's query that best explain the match, marked as @p highlight asks.
std::string make_snippet(const Xapian::MSet& mset, const std::string& text, std::size_t length,
                         const Xapian::Stem& stemmer, const Highlight& highlight);

}  // namespace diplosearch::searcher
