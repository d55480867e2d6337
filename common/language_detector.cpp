/// @file
/// @brief CLD2 behind a small interface.
#include "language_detector.hpp"

#include <algorithm>
#include <utility>

// compact_lang_det.h uses FILE without including <cstdio>.
#include <cstdio>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>

#include "language.hpp"
#include "text.hpp"

namespace diplosearch::language {

namespace {

// CLD2's code for a language (`en`, `zh-Hant`, `iw`) as ISO 639-1, or empty
// for its "unknown" and script-only results (`un`, `xx-Qaai`).
std::string iso_code(CLD2::Language language) {
    if (language == CLD2::UNKNOWN_LANGUAGE) return {};
    const std::string_view code = CLD2::LanguageCode(language);
    if (code.empty() || code == "un" || code.starts_with("xx")) return {};
    return canonical_code(code).value_or("");
}

}  // namespace

LanguageGuess detect_language(std::string_view text) {
    const std::string_view sample = text::utf8_prefix(text, kDetectionBytes);
    CLD2::Language languages[3];
    int percents[3] = {0, 0, 0};
    double scores[3] = {0, 0, 0};
    int text_bytes = 0;
    bool reliable = false;
    int valid_prefix_bytes = 0;
    const CLD2::CLDHints hints{nullptr, nullptr, CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
    const CLD2::Language best = CLD2::ExtDetectLanguageSummaryCheckUTF8(
        sample.data(), static_cast<int>(sample.size()), true, &hints, 0, languages, percents,
        scores, nullptr, &text_bytes, &reliable, &valid_prefix_bytes);
    LanguageGuess guess;
    guess.code = iso_code(best);
    if (guess.code.empty()) return guess;
    guess.percent = percents[0];
    guess.reliable = reliable;
    if (languages[1] != CLD2::UNKNOWN_LANGUAGE) {
        guess.second = iso_code(languages[1]);
        if (guess.second == guess.code) guess.second.clear();
        if (!guess.second.empty()) guess.second_percent = percents[1];
    }
    return guess;
}

LanguageGuess guess_document_language(std::string_view title, std::string_view text) {
    std::string sample;
    sample.reserve(title.size() + 1 + std::min(text.size(), kDetectionBytes));
    sample.append(title);
    sample.push_back('\n');
    sample.append(text::utf8_prefix(text, kDetectionBytes));
    return detect_language(sample);
}

std::string detect_document_language(std::string_view title, std::string_view text) {
    LanguageGuess guess = guess_document_language(title, text);
    return guess.reliable ? std::move(guess.code) : std::string();
}

}  // namespace diplosearch::language
