/// @file
/// @brief The stemmer for a language, for text whose Latin accents were folded
/// away before stemming (the indexer and the query parser both fold first).
#pragma once

#include <xapian.h>

#include <string_view>

namespace diplosearch::language {

/// The Snowball stemmer of language @p code (ISO 639-1; English for a language
/// without one, see stemmer_name()), made to stem folded words as it stems the
/// accented ones where folding would hide a suffix from it: Spanish
/// `negociacion` stems as `negociación` (`negoci`, like `negociaciones`), and
/// Portuguese `negociacao` as `negociação`. Other languages' stemmers are
/// Xapian's own, unchanged. A Xapian::Stem is not thread-safe: one per thread.
Xapian::Stem folded_text_stemmer(std::string_view code);

}  // namespace diplosearch::language
