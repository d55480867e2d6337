/// @file
/// @brief Recognising and normalising UN-style document symbols.
#include "document_symbol.hpp"

#include <algorithm>
#include <array>

namespace diplosearch {

namespace {

// First segments of the symbols the UN system and a few treaty bodies issue.
// Sessional bodies (A/HRC, E/CN.6, A/C.3) sit under their parent organ's
// prefix, so the main organs' letters cover them. Kept short on purpose: each
// entry is a word that could start ordinary text like `CAT/2`.
constexpr std::array<std::string_view, 30> kBodyPrefixes = {
    "A",       "BWC",  "CAT", "CBD", "CCPR",  "CCW",  "CED", "CEDAW", "CERD", "CMW",
    "CRC",     "CRPD", "DP",  "E",   "ECE",   "FCCC", "GOV", "HRI",   "HSP",  "ICCD",
    "INFCIRC", "ISBA", "NPT", "S",   "SPLOS", "ST",   "TD",  "UNEP",  "UNW",  "WT",
};

// Longer runs are not symbols (and would not fit a Xapian term anyway).
constexpr std::size_t kMaxSegments = 12;
constexpr std::size_t kMaxSymbolBytes = 120;

bool is_ascii_alpha(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

bool is_ascii_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_ascii_alnum(char c) {
    return is_ascii_alpha(c) || is_ascii_digit(c);
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char ascii_upper(char c) {
    return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool is_body_prefix(std::string_view word) {
    std::string upper(word);
    std::transform(upper.begin(), upper.end(), upper.begin(), ascii_upper);
    return std::find(kBodyPrefixes.begin(), kBodyPrefixes.end(), upper) != kBodyPrefixes.end();
}

// A character glued before a symbol makes it part of something else: a word,
// a path or URL (`/`, `.`), an address, a `field:` value, a `+`/`-` operator.
bool joins_before(char c) {
    return is_ascii_alnum(c) ||
           std::string_view("/.-_@:\\&=?#%~+$").find(c) != std::string_view::npos;
}

// After a symbol: letters, digits, `.X` and `-X` were already taken into its
// last segment, so these only catch paths and addresses running on.
bool joins_after(char c) {
    return std::string_view("/_@\\=#~$").find(c) != std::string_view::npos;
}

// Length of the segment at @p pos: letters and digits, joined by single `.` or
// `-` (`PV.5`, `ES-10`, `Rev.1`); 0 when there is none.
std::size_t segment_length(std::string_view text, std::size_t pos) {
    if (pos >= text.size() || !is_ascii_alnum(text[pos])) return 0;
    std::size_t end = pos;
    for (;;) {
        while (end < text.size() && is_ascii_alnum(text[end])) ++end;
        const bool joined = end + 1 < text.size() && (text[end] == '.' || text[end] == '-') &&
                            is_ascii_alnum(text[end + 1]);
        if (!joined) return end - pos;
        ++end;
    }
}

// Length of a year suffix ` (YYYY)` at @p pos, spaces before it included; 0
// when there is none. Years outside 1900-2099 are something else in brackets.
std::size_t year_suffix_length(std::string_view text, std::size_t pos) {
    std::size_t i = pos;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i - pos > 2 || text.size() - i < 6 || text[i] != '(' || text[i + 5] != ')') return 0;
    const std::string_view year = text.substr(i + 1, 4);
    if (!std::all_of(year.begin(), year.end(), is_ascii_digit)) return 0;
    if (!year.starts_with("19") && !year.starts_with("20")) return 0;
    return i + 6 - pos;
}

// The end of the symbol starting at @p begin, or 0 when there is none.
std::size_t symbol_end(std::string_view text, std::size_t begin) {
    std::size_t end = begin;
    while (end < text.size() && is_ascii_alpha(text[end])) ++end;
    if (end == text.size() || text[end] != '/' ||
        !is_body_prefix(text.substr(begin, end - begin))) {
        return 0;
    }
    std::size_t segments = 0;
    bool digit = false;
    bool mixed_segment = false;
    while (end < text.size() && text[end] == '/' && segments < kMaxSegments) {
        const std::size_t length = segment_length(text, end + 1);
        if (length == 0) break;
        const std::string_view segment = text.substr(end + 1, length);
        const bool has_digit = std::any_of(segment.begin(), segment.end(), is_ascii_digit);
        const bool has_alpha = std::any_of(segment.begin(), segment.end(), is_ascii_alpha);
        digit = digit || has_digit;
        mixed_segment = mixed_segment || (has_digit && has_alpha);
        ++segments;
        end += 1 + length;
    }
    // `A/4`, `E/2`, `s/he`: too little to tell a symbol from a fraction or an abbreviation.
    if (!digit || segments == 0 || (segments == 1 && !mixed_segment)) return 0;
    if (end < text.size() && joins_after(text[end])) return 0;
    end += year_suffix_length(text, end);
    return end - begin > kMaxSymbolBytes ? 0 : end;
}

std::string_view trailing_year(std::string_view compact) {
    if (compact.size() < 7 || compact.back() != ')' || compact[compact.size() - 6] != '(') {
        return {};
    }
    const std::string_view year = compact.substr(compact.size() - 5, 4);
    return std::all_of(year.begin(), year.end(), is_ascii_digit)
               ? compact.substr(compact.size() - 6)
               : std::string_view();
}

std::string without_spaces(std::string_view s, char (*fold)(char)) {
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        if (!is_space(c)) out += fold(c);
    }
    return out;
}

}  // namespace

std::vector<DocumentSymbolMatch> find_document_symbols(std::string_view text) {
    std::vector<DocumentSymbolMatch> found;
    std::size_t i = 0;
    while (i < text.size()) {
        const bool starts = is_ascii_alpha(text[i]) && (i == 0 || !joins_before(text[i - 1]));
        const std::size_t end = starts ? symbol_end(text, i) : 0;
        if (end == 0) {
            // A symbol never starts inside a word, so skip the whole word.
            if (!is_ascii_alnum(text[i])) {
                ++i;
                continue;
            }
            while (i < text.size() && is_ascii_alnum(text[i])) ++i;
            continue;
        }
        found.push_back({i, end, normalise_document_symbol(text.substr(i, end - i))});
        i = end;
    }
    return found;
}

std::string normalise_document_symbol(std::string_view symbol) {
    const std::string compact = without_spaces(symbol, ascii_upper);
    const std::size_t year_bytes = trailing_year(compact).size();
    if (year_bytes == 0) return compact;
    const std::size_t cut = compact.size() - year_bytes;
    return compact.substr(0, cut) + " " + compact.substr(cut);
}

std::string document_symbol_key(std::string_view symbol) {
    return without_spaces(symbol, ascii_lower);
}

std::vector<std::string> document_symbol_keys(std::string_view symbol) {
    std::vector<std::string> keys;
    const std::string key = document_symbol_key(symbol);
    if (key.empty()) return keys;
    keys.push_back(key);
    const std::size_t year_bytes = trailing_year(key).size();
    if (year_bytes > 0) keys.push_back(key.substr(0, key.size() - year_bytes));
    return keys;
}

}  // namespace diplosearch
