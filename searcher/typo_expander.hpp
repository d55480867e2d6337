/// @file
/// @brief Typo tolerance: a word the index does not know also matches the
/// nearest words it does know (edit distance 1-2), weighted below exact matches.
#pragma once

#include <xapian.h>

#include <span>
#include <string>
#include <vector>

#include "query_tokens.hpp"

namespace diplosearch::searcher {

/// Query field that makes a word typo tolerant: `fuzzy:Pakistn` matches
/// `pakistan`. QueryBuilder also rewrites unknown words into it.
inline constexpr std::string_view kFuzzyField = "fuzzy";

/// A vocabulary word near a typed one.
struct NearWord {
    std::string word;
    unsigned distance = 0;       ///< Damerau-Levenshtein distance (adjacent swaps count 1).
    Xapian::doccount documents;  ///< Documents holding the word.
};

/// The closest words of @p db's vocabulary to @p word (lower-cased first):
/// within distance 1 for words of up to 5 letters, 2 for longer ones; closest
/// first, then most frequent; at most @p limit. The word itself is not included.
std::vector<NearWord> nearest_words(const Xapian::Database& db, const std::string& word,
                                    std::size_t limit);

/// Edit distance between two UTF-8 words counted in code points, or
/// @p cutoff + 1 when it exceeds @p cutoff.
unsigned edit_distance(const std::string& a, const std::string& b, unsigned cutoff);

/// Turns the value of `fuzzy:WORD` into a query: the word's own (stemmed)
/// term, plus its nearest vocabulary words at a lower weight. Words are stemmed
/// with each of the stemmers the query is parsed with (one per language).
class FuzzyWordProcessor final : public Xapian::FieldProcessor {
  public:
    /// @param stemmers the query's stemmers; read at each call, so they may
    /// change between queries, and must outlive the processor.
    FuzzyWordProcessor(const Xapian::Database& db, const std::vector<Xapian::Stem>& stemmers)
        : m_db(db), m_stemmers(stemmers) {}
    Xapian::Query operator()(const std::string& value) override;

  private:
    Xapian::Database m_db;
    const std::vector<Xapian::Stem>& m_stemmers;
};

/// True when at most one document in 2,000 (at least one document) holds
/// @p lower (lower-cased, folded) in any form a stemmer relates it to.
bool rare_word(const Xapian::Database& db, const std::string& lower,
               std::span<const Xapian::Stem> stemmers);

/// True when @p lower (lower-cased, folded) is probably a misspelling: no
/// document holds it in any form a stemmer relates it to, or it is rare (at
/// most one document in 2,000) and a near word is at least 50 times as common.
bool likely_typo(const Xapian::Database& db, const std::string& lower,
                 std::span<const Xapian::Stem> stemmers);

/// Rewrites each plain word of @p query that is likely_typo() as `fuzzy:word`
/// (the word still matches itself), except inside quotes, in
/// field values, in operators and in the byte ranges @p keep (synonym matches).
/// Words shorter than four letters, words in capitals (acronyms) and numbers
/// are left alone.
std::string mark_unknown_words(const std::string& query, const Xapian::Database& db,
                               std::span<const Xapian::Stem> stemmers,
                               const std::vector<ByteRange>& keep);

}  // namespace diplosearch::searcher
