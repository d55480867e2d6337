/// @file
/// @brief Rewrites a query so that each expression found in the synonym table
/// also matches its synonyms, multi-word ones as phrases.
#pragma once

#include <string>
#include <vector>

#include "query_tokens.hpp"
#include "synonym_table.hpp"

namespace diplosearch::searcher {

/// Replaces every run of plain query words that spells an expression of
/// @p table (longest first) with `(A OR "B C" ...)`, all expressions of its
/// group. Query syntax is left alone: `field:value`, `+word`, `-word`,
/// wildcards, operators and parentheses; a quoted phrase expands only when it
/// is exactly an expression. Xapian's own synonym table cannot do this: it
/// expands to single terms, never to phrases.
/// Byte ranges of @p query that matched an expression go to @p matched when given.
std::string expand_synonyms(const std::string& query, const SynonymTable& table,
                            std::vector<ByteRange>* matched = nullptr);

}  // namespace diplosearch::searcher
