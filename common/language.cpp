/// @file
/// @brief The language table.
#include "language.hpp"

#include <xapian.h>

#include <algorithm>
#include <array>

#include "text.hpp"

namespace diplosearch::language {

namespace {

// The six UN languages, then every language Xapian 1.4.22 stems
// (Xapian::Stem::get_available_languages()), then CJK languages without one.
constexpr std::array kLanguages = {
    LanguageInfo{"ar", "Arabic", "العربية", "ara", "ara", "arabic"},
    LanguageInfo{"zh", "Chinese", "中文", "chi", "zho", ""},
    LanguageInfo{"en", "English", "English", "eng", "eng", "english"},
    LanguageInfo{"fr", "French", "français", "fre", "fra", "french"},
    LanguageInfo{"ru", "Russian", "русский", "rus", "rus", "russian"},
    LanguageInfo{"es", "Spanish", "español", "spa", "spa", "spanish"},
    LanguageInfo{"hy", "Armenian", "հայերեն", "arm", "hye", "armenian"},
    LanguageInfo{"eu", "Basque", "euskara", "baq", "eus", "basque"},
    LanguageInfo{"ca", "Catalan", "català", "cat", "cat", "catalan"},
    LanguageInfo{"da", "Danish", "dansk", "dan", "dan", "danish"},
    LanguageInfo{"nl", "Dutch", "Nederlands", "dut", "nld", "dutch"},
    LanguageInfo{"fi", "Finnish", "suomi", "fin", "fin", "finnish"},
    LanguageInfo{"de", "German", "Deutsch", "ger", "deu", "german"},
    LanguageInfo{"hu", "Hungarian", "magyar", "hun", "hun", "hungarian"},
    LanguageInfo{"id", "Indonesian", "Bahasa Indonesia", "ind", "ind", "indonesian"},
    LanguageInfo{"ga", "Irish", "Gaeilge", "gle", "gle", "irish"},
    LanguageInfo{"it", "Italian", "italiano", "ita", "ita", "italian"},
    LanguageInfo{"lt", "Lithuanian", "lietuvių", "lit", "lit", "lithuanian"},
    LanguageInfo{"ne", "Nepali", "नेपाली", "nep", "nep", "nepali"},
    LanguageInfo{"no", "Norwegian", "norsk", "nor", "nor", "norwegian"},
    LanguageInfo{"pt", "Portuguese", "português", "por", "por", "portuguese"},
    LanguageInfo{"ro", "Romanian", "română", "rum", "ron", "romanian"},
    LanguageInfo{"sv", "Swedish", "svenska", "swe", "swe", "swedish"},
    LanguageInfo{"ta", "Tamil", "தமிழ்", "tam", "tam", "tamil"},
    LanguageInfo{"tr", "Turkish", "Türkçe", "tur", "tur", "turkish"},
    LanguageInfo{"ja", "Japanese", "日本語", "jpn", "jpn", ""},
    LanguageInfo{"ko", "Korean", "한국어", "kor", "kor", ""},
};

// Bokmål and Nynorsk stem as Norwegian; `iw` and `in` are the withdrawn codes
// some tools still write for Hebrew and Indonesian.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kAliases = {
    {{"nb", "no"}, {"nn", "no"}, {"iw", "he"}, {"in", "id"}, {"ji", "yi"}}};

bool ascii_letters(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    });
}

// Lower-cased with Xapian's Unicode tables, for names such as `Français`.
std::string unicode_lower(std::string_view s) {
    return Xapian::Unicode::tolower(std::string(s));
}

}  // namespace

std::span<const LanguageInfo> languages() {
    return kLanguages;
}

const LanguageInfo* find_language(std::string_view code) {
    for (const auto& language : kLanguages) {
        if (language.code == code) return &language;
    }
    return nullptr;
}

std::optional<std::string> canonical_code(std::string_view value) {
    const std::string_view trimmed = text::trim(value);
    if (trimmed.empty()) return std::nullopt;
    // A language tag: its first subtag is the language (`zh-Hant-TW`, `fr_CA`).
    const std::string_view primary = trimmed.substr(0, trimmed.find_first_of("-_"));
    if (ascii_letters(primary) && primary.size() <= 3 && primary.size() != trimmed.size()) {
        return canonical_code(primary);
    }
    const std::string lower = unicode_lower(trimmed);
    for (const auto& [alias, code] : kAliases) {
        if (lower == alias) return std::string(code);
    }
    for (const auto& language : kLanguages) {
        if (lower == language.code || lower == language.iso639_2b || lower == language.iso639_2t ||
            lower == unicode_lower(language.english_name) ||
            lower == unicode_lower(language.endonym)) {
            return std::string(language.code);
        }
    }
    if (lower.size() == 2 && ascii_letters(lower)) return lower;
    return std::nullopt;
}

std::string_view stemmer_name(std::string_view code) {
    const LanguageInfo* language = find_language(code);
    return language && !language->stemmer.empty() ? language->stemmer : "english";
}

}  // namespace diplosearch::language
