/// @file
/// @brief Which language a text is in, from its letters (Google's Compact
/// Language Detector 2, as Debian packages it).
#pragma once

#include <string>
#include <string_view>

namespace diplosearch::language {

/// What the detector made of a text.
struct LanguageGuess {
    std::string code;       ///< ISO 639-1 (`zh` for both scripts), or empty when unknown.
    int percent = 0;        ///< Share of the text's letters in that language (0-100).
    bool reliable = false;  ///< CLD2's own verdict: clearly ahead of the runner-up.
    std::string second;     ///< The runner-up's code, or empty (a bilingual text's other half).
    int second_percent = 0;
};

/// Bytes of a document's text that detection reads: its start, enough for a
/// verdict on any real document, and a bound on the cost of a long one.
inline constexpr std::size_t kDetectionBytes = 4 * 1024;

/// Detects the language of @p text, any bytes: invalid UTF-8 makes it unknown,
/// as does text without letters. Reads at most kDetectionBytes. Thread-safe.
LanguageGuess detect_language(std::string_view text);

/// The guess for a document, from its title and the start of its text.
LanguageGuess guess_document_language(std::string_view title, std::string_view text);

/// The language of a document: the code of a reliable guess_document_language(),
/// else empty (the caller's default applies).
std::string detect_document_language(std::string_view title, std::string_view text);

}  // namespace diplosearch::language
