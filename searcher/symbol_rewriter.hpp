/// @file
/// @brief Document symbols typed in a plain query (`S/RES/2334 (2016)`)
/// become `symbol:` filters, which Xapian's parser would otherwise cut into
/// words at every `/`.
#pragma once

#include <string>

namespace diplosearch::searcher {

/// @p query with each document symbol outside quotes and `field:` values
/// replaced by `symbol:"SYMBOL"` (normalised; see document_symbol.hpp):
/// `settlements S/RES/2334 (2016)` -> `settlements symbol:"S/RES/2334 (2016)"`.
/// The quotes keep the parser from ending the value at the year's `)`. A query
/// without symbols comes back unchanged.
std::string rewrite_document_symbols(const std::string& query);

}  // namespace diplosearch::searcher
