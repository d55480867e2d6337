/// @file
/// @brief Tokenising with Xapian's Unicode tables.
#include "text_tokens.hpp"

#include <xapian.h>

namespace diplosearch::extraction {

namespace {

bool is_word_char(unsigned ch) {
    return Xapian::Unicode::is_wordchar(ch);
}

bool is_upper(unsigned ch) {
    return Xapian::Unicode::get_category(ch) == Xapian::Unicode::UPPERCASE_LETTER;
}

bool is_letter(unsigned ch) {
    switch (Xapian::Unicode::get_category(ch)) {
        case Xapian::Unicode::UPPERCASE_LETTER:
        case Xapian::Unicode::LOWERCASE_LETTER:
        case Xapian::Unicode::TITLECASE_LETTER:
        case Xapian::Unicode::OTHER_LETTER:
            return true;
        default:
            return false;
    }
}

bool is_apostrophe(unsigned ch) {
    return ch == '\'' || ch == 0x2019;
}

// A period ends a sentence unless it sits inside a number ("3.67") or follows
// an abbreviation or an initial ("Mr.", "U.S.", "J.").
bool ends_sentence(std::string_view text, std::size_t dot, const std::vector<Token>& tokens) {
    const bool touches_previous =
        !tokens.empty() && tokens.back().offset + tokens.back().text.size() == dot;
    if (dot + 1 < text.size()) {
        const auto next = static_cast<unsigned char>(text[dot + 1]);
        if (next >= '0' && next <= '9' && touches_previous) return false;
    }
    if (!touches_previous) return true;
    static constexpr std::string_view kAbbreviations[] = {
        "mr",  "mrs", "ms",  "dr",  "prof", "st",   "gen",  "col", "lt",  "capt", "gov",
        "sen", "rep", "amb", "hon", "rev",  "sr",   "jr",   "no",  "nos", "vs",   "etc",
        "u.s", "u.k", "u.n", "e.g", "i.e",  "art",  "para", "vol", "jan", "feb",  "mar",
        "apr", "jun", "jul", "aug", "sep",  "sept", "oct",  "nov", "dec"};
    const std::string& word = tokens.back().folded;
    if (word.size() == 1 && tokens.back().capitalised) return false;  // An initial.
    for (const auto abbreviation : kAbbreviations) {
        if (word == abbreviation) return false;
    }
    return true;
}

}  // namespace

std::string fold(std::string_view word) {
    return Xapian::Unicode::tolower(std::string(word));
}

std::vector<Token> tokenise(std::string_view text) {
    std::vector<Token> tokens;
    Xapian::Utf8Iterator it(text.data(), text.size());
    const Xapian::Utf8Iterator end;
    std::uint32_t paragraph = 0;
    std::size_t newlines = 0;
    bool hyphen_pending = false;
    bool sentence_start = true;
    auto offset_of = [&](const Xapian::Utf8Iterator& i) {
        return static_cast<std::size_t>(i.raw() - text.data());
    };

    while (it != end) {
        const unsigned ch = *it;
        if (!is_word_char(ch)) {
            if (ch == '\n') {
                if (++newlines == 2 && !tokens.empty()) ++paragraph;
            } else if (ch != ' ' && ch != '\t' && ch != '\r') {
                newlines = 0;
            }
            const bool right_after_word =
                !tokens.empty() &&
                offset_of(it) == tokens.back().offset + tokens.back().text.size();
            if (ch == '-' || ch == 0x2010 || ch == 0x2011) {
                // White space may follow: "sixty-\nninth" is hyphenated at a line break.
                hyphen_pending = right_after_word;
            } else if (ch == 0x2013) {
                // An en dash joins only when it touches words on both sides ("China–Pakistan").
                Xapian::Utf8Iterator next = it;
                ++next;
                hyphen_pending = right_after_word && next != end && is_word_char(*next);
            } else if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') {
                hyphen_pending = false;
            }
            const bool full_stop = ch == '.' && ends_sentence(text, offset_of(it), tokens);
            if (full_stop || ch == '!' || ch == '?' || ch == ':' || (ch == '\n' && newlines >= 2)) {
                sentence_start = true;
            }
            ++it;
            continue;
        }
        newlines = 0;
        const std::size_t start = offset_of(it);
        std::size_t letters = 0;
        std::size_t upper = 0;
        bool first_upper = is_upper(ch);
        std::size_t last_end = start;
        while (it != end) {
            const unsigned c = *it;
            if (is_word_char(c)) {
                if (is_letter(c)) {
                    ++letters;
                    if (is_upper(c)) ++upper;
                }
                ++it;
                last_end = offset_of(it);
                continue;
            }
            // An apostrophe or period inside a word ("People's", "U.S.") keeps it going
            // when a word character follows.
            if (is_apostrophe(c) || c == '.') {
                Xapian::Utf8Iterator next = it;
                ++next;
                if (next != end && is_word_char(*next) && is_letter(*next)) {
                    it = next;
                    continue;
                }
            }
            break;
        }
        Token token;
        token.text = text.substr(start, last_end - start);
        token.folded = fold(token.text);
        token.offset = start;
        token.capitalised = first_upper;
        token.all_caps = letters >= 2 && upper == letters;
        token.hyphen_before = hyphen_pending;
        token.sentence_start = sentence_start;
        token.paragraph = paragraph;
        tokens.push_back(std::move(token));
        hyphen_pending = false;
        sentence_start = false;
    }
    return tokens;
}

}  // namespace diplosearch::extraction
