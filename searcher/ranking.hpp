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
/// Added to the weight of documents that hold every word, so that in a
/// relaxed query they rank above those holding only some; far above any
/// BM25 weight. SearchResults report weights with it taken off again.
inline constexpr double kAllWordsBonus = 1e6;

/// In MatchMode::kMostWords, documents with only some of the words are
/// added when fewer than this many documents hold them all.
inline constexpr Xapian::doccount kRelaxBelow = 10;

/// Documents matching @p some_words, those also matching @p all_words first
/// (their weight raised by kAllWordsBonus), each tier by its own weight.
Xapian::Query all_words_first(const Xapian::Query& all_words, const Xapian::Query& some_words);

Xapian::Query apply_ranking(const Xapian::Query& main, const std::string& text,
                            const Ranking& ranking, const Xapian::Stem& stemmer);

}  // namespace diplosearch::searcher
