/// @file
/// @brief The query as typed, cut into the pieces that query rewriting
/// (synonyms, typo tolerance, relaxed matching) works on.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace diplosearch::searcher {

/// A byte range of a query string, [begin, end).
struct ByteRange {
    std::size_t begin;
    std::size_t end;
};

/// One piece of a query: a word, a quoted phrase, a `field:value`, an
/// operator, a parenthesis, or one whitespace character.
struct QueryToken {
    std::string_view raw;
    /// Plain words (no syntax): may be part of a synonym expression, may be relaxed.
    bool plain = false;
    bool quoted = false;  ///< A "quoted phrase".
    /// The words of a plain or quoted token, as synonym_words() gives them.
    std::vector<std::string> words;

    bool is_space() const;
    /// AND, OR, NOT, XOR, NEAR, ADJ (also NEAR/3), as Xapian's parser reads them.
    bool is_operator() const;
};

/// Cuts @p query into tokens; concatenating their raw texts gives @p query back.
/// `field:"a quoted value"` is one token. The tokens view @p query.
std::vector<QueryToken> tokenise_query(std::string_view query);

/// Byte offset of @p token in @p query (the string it was cut from).
std::size_t offset_in(std::string_view query, const QueryToken& token);

}  // namespace diplosearch::searcher
