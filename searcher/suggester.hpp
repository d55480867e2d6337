/// @file
/// @brief Query suggestions for search-as-you-type: the last word completed
/// from the vocabulary, and titles holding what was typed.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diplosearch/searcher.hpp"

namespace diplosearch::searcher {

/// Most suggestions one call returns, whatever the limit asked for.
inline constexpr std::uint32_t kMaxSuggestions = 50;

/// What the suggester reads from a partly typed query.
struct TypedQuery {
    /// Complete words before the one being typed, lower-cased as the indexer
    /// stores them, without repeats; syntax (`field:value`, `-word`,
    /// operators) left out.
    std::vector<std::string> words;
    /// The word being typed, lower-cased; empty when the query ends in a
    /// separator or in syntax.
    std::string partial;
    /// Byte offset of the partial word in the query as typed.
    std::size_t partial_begin = 0;
};

/// Reads @p typed the way diplo-search parses queries.
TypedQuery read_typed_query(std::string_view typed);

/// Up to @p limit (capped at kMaxSuggestions) completions of @p typed from
/// @p db, term completions first, then titles (see Searcher::suggest).
std::vector<Suggestion> suggest_completions(const Xapian::Database& db, std::string_view typed,
                                            std::uint32_t limit);

}  // namespace diplosearch::searcher
