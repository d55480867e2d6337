/// @file
/// @brief Text clean-up shared by every input format: UTF-8 repair, BOM and
/// line-end handling, slugs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace diplosearch::text {

/// Replaces every invalid UTF-8 sequence with U+FFFD; returns how many were replaced.
std::size_t repair_utf8(std::string& s);

/// Removes a leading UTF-8 byte order mark.
void strip_bom(std::string& s);

/// Turns `\r\n` and lone `\r` into `\n`.
void normalise_line_ends(std::string& s);

/// True when @p bytes looks binary (NUL bytes or mostly control characters).
bool looks_binary(std::string_view bytes);

/// The parts of @p s between occurrences of @p sep (empty parts included).
std::vector<std::string_view> split(std::string_view s, char sep);

/// Trims ASCII white space at both ends.
std::string_view trim(std::string_view s);

/// ASCII lower-casing (non-ASCII bytes are kept).
std::string ascii_lower(std::string_view s);

/// Lower-case (Unicode), letters and digits of any script joined with `-`;
/// every other character separates words: `"Human Rights"` -> `human-rights`,
/// `"People’s"` -> `people-s`.
std::string slugify(std::string_view s);

/// Collapses runs of white space into one space and trims.
std::string collapse_whitespace(std::string_view s);

/// @p s with Latin diacritics removed (`communiqué` -> `communique`, `Côte` ->
/// `Cote`, `ß` -> `ss`, `Œ` -> `OE`) and combining marks dropped; other
/// characters are kept. Words keep their number, so word positions do not move.
std::string fold_diacritics(std::string_view s);

/// Appends code point @p cp lower-cased and folded as fold_diacritics() folds
/// it (nothing for a combining mark): how a word of a document is compared
/// with the indexed terms, which are made from folded text.
void append_folded_lower(std::string& out, unsigned cp);

/// True when @p s holds a Chinese, Japanese or Korean character: text that
/// Xapian's CJK n-gram mode cuts into one- and two-character terms, and that
/// has no spaces between its words.
bool contains_cjk(std::string_view s);

/// True for a code point of the CJK ranges contains_cjk() looks for.
bool is_cjk(unsigned cp);

/// The longest prefix of @p s of at most @p max_bytes that ends on a UTF-8 boundary.
std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes);

}  // namespace diplosearch::text
