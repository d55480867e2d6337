/// @file
/// @brief Finds country names written in scripts the word tokens cannot match:
/// Chinese (no spaces: a substring search), Arabic (clitics glued in front:
/// `والسودان`, "and Sudan") and Cyrillic (case endings: `России`, `Казахстаном`).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "country_extractor.hpp"

namespace diplosearch::extraction {

/// One name found in a text.
struct ScriptNameMatch {
    std::size_t offset = 0;  ///< Byte offset of the match in the text.
    std::size_t length = 0;  ///< Bytes matched (a Russian ending included).
    std::uint32_t country = 0;
    MentionKind kind = MentionKind::kName;
};

/// Matches names in Han, Kana, Hangul, Arabic and Cyrillic script; names in
/// other scripts are left to the token matcher. Thread-safe after construction.
class ScriptNameMatcher {
  public:
    /// Adds @p name of country @p country; returns false (and adds nothing)
    /// when the name is not in one of the scripts this matcher handles.
    bool add(std::string_view name, std::uint32_t country, MentionKind kind);

    /// Every match in @p text, in order, longest first at a position, none overlapping.
    std::vector<ScriptNameMatch> find(std::string_view text) const;

  private:
    enum class Script : std::uint8_t { kCjk, kArabic, kCyrillic };
    struct Entry {
        std::string stem;  ///< Bytes that must match (a Russian name without its ending).
        Script script;
        std::uint32_t country;
        MentionKind kind;
    };
    // By first code point of the stem; each list longest first.
    std::unordered_map<char32_t, std::vector<Entry>> m_by_first;
};

}  // namespace diplosearch::extraction
