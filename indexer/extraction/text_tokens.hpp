/// @file
/// @brief Word tokens with positions and case, the common input of the extractors.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace diplosearch::extraction {

/// One word of a text (letters, digits, and inner apostrophes or periods as in
/// "People's" and "U.S."). Hyphens split words: "China-Pakistan" is two tokens,
/// the second with `hyphen_before`.
struct Token {
    std::string_view text;  ///< The word as written (a view into the tokenised text).
    std::string folded;     ///< Lower-cased (Unicode) form, for lookups.
    std::size_t offset = 0; ///< Byte offset of the word in the text.
    bool capitalised = false;  ///< First letter upper-case.
    bool all_caps = false;     ///< Every letter upper-case (and at least two letters).
    bool hyphen_before = false;    ///< Joined to the previous word by a hyphen.
    bool sentence_start = false;   ///< First word of the text or after `.`, `!`, `?`, `:`.
    std::uint32_t paragraph = 0;   ///< 0-based paragraph (blank-line separated).
};

/// Splits @p text (valid UTF-8) into tokens.
std::vector<Token> tokenise(std::string_view text);

/// Unicode lower-casing of one word.
std::string fold(std::string_view word);

}  // namespace diplosearch::extraction
