/// @file
/// @brief Languages: ISO 639-1 codes, the names sources spell them with, and
/// the Snowball stemmer Xapian has for each.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace diplosearch::language {

/// A language DiploSearch knows by name.
struct LanguageInfo {
    std::string_view code;          ///< ISO 639-1, lower case (`fr`).
    std::string_view english_name;  ///< `French`.
    std::string_view endonym;       ///< Its own name for itself (`français`).
    std::string_view iso639_2b;     ///< Bibliographic three-letter code (`fre`).
    std::string_view iso639_2t;     ///< Terminology three-letter code (`fra`).
    /// Xapian's Snowball stemmer name, or empty when Xapian 1.4 has none (Chinese).
    std::string_view stemmer;
};

/// Every language of the table: the six UN languages and those Xapian stems.
std::span<const LanguageInfo> languages();

/// The language with ISO 639-1 code @p code, or nullptr.
const LanguageInfo* find_language(std::string_view code);

/// The ISO 639-1 code a source's `lang` value means: a code in any case
/// (`FR`), a tag with region or script (`fr-CA`, `zh_Hans`, `zh-Hant-TW`), a
/// three-letter code (`fra`, `fre`), an English name or endonym (`French`,
/// `français`); nullopt when it names no language. A well-formed two-letter
/// code outside the table (`pl`) is kept as it is.
std::optional<std::string> canonical_code(std::string_view value);

/// The Snowball stemmer for documents in language @p code: the language's own,
/// or English for a language without one (empty code included), so that the
/// Latin-script words of any document (names, English passages) stem as before.
std::string_view stemmer_name(std::string_view code);

}  // namespace diplosearch::language
