/// @file
/// @brief Text clean-up helpers.
#include "text.hpp"

#include <algorithm>

#include <xapian.h>

namespace diplosearch::text {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

bool is_continuation(unsigned char c) {
    return (c & 0xC0) == 0x80;
}

// Length of the valid UTF-8 sequence starting at s[i], or 0 if invalid.
std::size_t valid_sequence_length(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) return 1;
    std::size_t len = 0;
    unsigned min_code = 0;
    unsigned code = 0;
    if ((c & 0xE0) == 0xC0) {
        len = 2, min_code = 0x80, code = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3, min_code = 0x800, code = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4, min_code = 0x10000, code = c & 0x07;
    } else {
        return 0;
    }
    if (i + len > s.size()) return 0;
    for (std::size_t k = 1; k < len; ++k) {
        const auto cc = static_cast<unsigned char>(s[i + k]);
        if (!is_continuation(cc)) return 0;
        code = (code << 6) | (cc & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are invalid.
    if (code < min_code || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
    return len;
}

}  // namespace

std::size_t repair_utf8(std::string& s) {
    // Fast path: most input is valid and needs no copy.
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t len = valid_sequence_length(s, i);
        if (len == 0) break;
        i += len;
    }
    if (i == s.size()) return 0;

    std::string out(s, 0, i);
    std::size_t replaced = 0;
    while (i < s.size()) {
        const std::size_t len = valid_sequence_length(s, i);
        if (len == 0) {
            out.append(kReplacement);
            ++replaced;
            ++i;
            while (i < s.size() && is_continuation(static_cast<unsigned char>(s[i]))) ++i;
        } else {
            out.append(s, i, len);
            i += len;
        }
    }
    s = std::move(out);
    return replaced;
}

void strip_bom(std::string& s) {
    if (s.starts_with("\xEF\xBB\xBF")) s.erase(0, 3);
}

void normalise_line_ends(std::string& s) {
    if (s.find('\r') == std::string::npos) return;
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\r') {
            out.push_back('\n');
            if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
        } else {
            out.push_back(s[i]);
        }
    }
    s = std::move(out);
}

bool looks_binary(std::string_view bytes) {
    const std::string_view head = bytes.substr(0, 8192);
    if (head.find('\0') != std::string_view::npos) return true;
    const auto control = std::count_if(head.begin(), head.end(), [](char ch) {
        const auto c = static_cast<unsigned char>(ch);
        return c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f';
    });
    return !head.empty() && static_cast<double>(control) > 0.1 * static_cast<double>(head.size());
}

std::vector<std::string_view> split(std::string_view s, char sep) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const auto end = s.find(sep, start);
        parts.push_back(s.substr(start, end == std::string_view::npos ? end : end - start));
        if (end == std::string_view::npos) return parts;
        start = end + 1;
    }
}

std::string_view trim(std::string_view s) {
    constexpr std::string_view kSpace = " \t\n\r\f\v";
    const auto first = s.find_first_not_of(kSpace);
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(kSpace);
    return s.substr(first, last - first + 1);
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

std::string slugify(std::string_view s) {
    // Letters and digits of any script are kept (lower-cased); every other
    // character, ASCII or not (dashes, typographic apostrophes, no-break
    // spaces), separates words.
    std::string out;
    bool pending_dash = false;
    const std::string_view trimmed = trim(s);
    for (Xapian::Utf8Iterator it(trimmed.data(), trimmed.size()), end; it != end; ++it) {
        const unsigned ch = *it;
        if (Xapian::Unicode::is_wordchar(ch) && ch != '_') {
            if (pending_dash && !out.empty()) out.push_back('-');
            pending_dash = false;
            Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(ch));
        } else {
            pending_dash = true;
        }
    }
    return out;
}

std::string collapse_whitespace(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (const char c : trim(s)) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            space = true;
            continue;
        }
        if (space) out.push_back(' ');
        space = false;
        out.push_back(c);
    }
    return out;
}

std::string_view utf8_prefix(std::string_view s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) return s;
    std::size_t end = max_bytes;
    while (end > 0 && is_continuation(static_cast<unsigned char>(s[end]))) --end;
    return s.substr(0, end);
}

namespace {

// The base letters of U+00C0..U+017F (Latin-1 Supplement letters and Latin
// Extended-A), from their Unicode decompositions; ligatures and letters with
// strokes, which do not decompose, by their usual transliteration. "" keeps
// the character (× and ÷).
constexpr std::string_view kLatinBase[] = {
    "A", "A", "A",  "A",  "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I",  "I",   // U+00C0
    "D", "N", "O",  "O",  "O", "O", "O",  "",  "O", "U", "U", "U", "U", "Y", "TH", "ss",  // U+00D0
    "a", "a", "a",  "a",  "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // U+00E0
    "d", "n", "o",  "o",  "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y",   // U+00F0
    "A", "a", "A",  "a",  "A", "a", "C",  "c", "C", "c", "C", "c", "C", "c", "D",  "d",   // U+0100
    "D", "d", "E",  "e",  "E", "e", "E",  "e", "E", "e", "E", "e", "G", "g", "G",  "g",   // U+0110
    "G", "g", "G",  "g",  "H", "h", "H",  "h", "I", "i", "I", "i", "I", "i", "I",  "i",   // U+0120
    "I", "i", "IJ", "ij", "J", "j", "K",  "k", "k", "L", "l", "L", "l", "L", "l",  "L",   // U+0130
    "l", "L", "l",  "N",  "n", "N", "n",  "N", "n", "n", "N", "n", "O", "o", "O",  "o",   // U+0140
    "O", "o", "OE", "oe", "R", "r", "R",  "r", "R", "r", "S", "s", "S", "s", "S",  "s",   // U+0150
    "S", "s", "T",  "t",  "T", "t", "T",  "t", "U", "u", "U", "u", "U", "u", "U",  "u",   // U+0160
    "U", "u", "U",  "u",  "W", "w", "Y",  "y", "Y", "Z", "z", "Z", "z", "Z", "z",  "s",   // U+0170
};

std::string_view latin_base(unsigned cp) {
    if (cp >= 0xC0 && cp < 0x180) return kLatinBase[cp - 0xC0];
    switch (cp) {  // Romanian comma-below letters.
        case 0x218:
            return "S";
        case 0x219:
            return "s";
        case 0x21A:
            return "T";
        case 0x21B:
            return "t";
        default:
            return {};
    }
}

bool is_combining_mark(unsigned cp) {
    return cp >= 0x300 && cp <= 0x36F;
}

}  // namespace

bool is_cjk(unsigned cp) {
    // The ranges Xapian 1.4's CJK n-gram code treats as CJK (cjk-tokenizer.cc).
    return (cp >= 0x2E80 && cp <= 0x2EFF) || (cp >= 0x3000 && cp <= 0x9FFF) ||
           (cp >= 0xA700 && cp <= 0xA71F) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) ||
           (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x20000 && cp <= 0x2A6DF) ||
           (cp >= 0x2F800 && cp <= 0x2FA1F);
}

bool contains_cjk(std::string_view s) {
    // Every CJK code point takes three or four bytes, the first at least 0xE2.
    if (std::none_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0xE2; })) {
        return false;
    }
    for (Xapian::Utf8Iterator it(s.data(), s.size()); it != Xapian::Utf8Iterator(); ++it) {
        if (is_cjk(*it)) return true;
    }
    return false;
}

std::string fold_diacritics(std::string_view s) {
    if (std::all_of(s.begin(), s.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
        return std::string(s);
    }
    std::string out;
    out.reserve(s.size());
    for (Xapian::Utf8Iterator it(s.data(), s.size()); it != Xapian::Utf8Iterator(); ++it) {
        const unsigned cp = *it;
        if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
        } else if (const std::string_view base = latin_base(cp); !base.empty()) {
            out += base;
        } else if (!is_combining_mark(cp)) {
            Xapian::Unicode::append_utf8(out, cp);
        }
    }
    return out;
}

void append_folded_lower(std::string& out, unsigned cp) {
    const auto lower_ascii = [](unsigned c) {
        return static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    };
    if (cp < 0x80) {
        out.push_back(lower_ascii(cp));
    } else if (const std::string_view base = latin_base(cp); !base.empty()) {
        for (const char c : base) out.push_back(lower_ascii(static_cast<unsigned char>(c)));
    } else if (!is_combining_mark(cp)) {
        Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(cp));
    }
}

}  // namespace diplosearch::text
