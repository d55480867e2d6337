/// @file
/// @brief Snippets: the densest passage of query matches, phrases marked as one span.
#include "snippet.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "schema.hpp"
#include "text.hpp"

namespace diplosearch::searcher {

namespace {

// Matches are kept as bit sets over the query's words; a query with more
// distinct words than this (a long pasted text) marks the first ones only.
constexpr std::size_t kMaxWords = 64;
// Xapian's TermGenerator skips longer words, so no query term can name them.
constexpr std::size_t kMaxWordBytes = 64;
// A window's score counts each match after the first of the same word or
// phrase this much, up to kMaxRepeats times: distinct matches come first.
constexpr double kRepeatWeight = 0.1;
constexpr int kMaxRepeats = 3;

using Bits = std::uint64_t;

// A word of the query as the text must show it.
struct QueryWord {
    std::string word;       // Lower case, prefix removed.
    bool stemmed = false;   // Matches words with this stem (a Z term).
    bool wildcard = false;  // Matches words starting with `word`.
};

// The words and phrases of a query, in the index's terms.
struct Wanted {
    std::vector<QueryWord> words;
    std::vector<std::size_t> singles;               // Words that match on their own.
    std::vector<std::vector<std::size_t>> phrases;  // Words that match in sequence only.

    // The index of @p w in words, adding it; kMaxWords when full.
    std::size_t add(QueryWord w) {
        for (std::size_t i = 0; i < words.size(); ++i) {
            const QueryWord& o = words[i];
            if (o.word == w.word && o.stemmed == w.stemmed && o.wildcard == w.wildcard) return i;
        }
        if (words.size() == kMaxWords) return kMaxWords;
        words.push_back(std::move(w));
        return words.size() - 1;
    }
};

bool is_free_text_prefix(std::string_view prefix) {
    if (prefix.empty()) return true;
    return std::any_of(schema::fields().begin(), schema::fields().end(), [&](const auto& f) {
        return f.kind == schema::FieldKind::kFreeText && f.prefix == prefix;
    });
}

// The word a term stands for in body text, or nullopt for a boolean term:
// `Zword` is a stem, `Sword`/`ZSword` a title word, `XCpak` a filter.
std::optional<QueryWord> word_of(std::string_view term) {
    QueryWord w;
    if (!term.empty() && term.front() == 'Z') {
        w.stemmed = true;
        term.remove_prefix(1);
    }
    std::size_t upper = 0;
    while (upper < term.size() && term[upper] >= 'A' && term[upper] <= 'Z') ++upper;
    if (!is_free_text_prefix(term.substr(0, upper))) return std::nullopt;
    term.remove_prefix(upper);
    if (term.empty()) return std::nullopt;
    w.word = std::string(term);
    return w;
}

// Xapian 1.4 has no accessor for a wildcard's pattern; its description,
// `Query(WILDCARD SYNONYM patt)`, is the only public way to it.
std::optional<QueryWord> wildcard_of(const Xapian::Query& query) {
    const std::string desc = query.get_description();
    constexpr std::string_view kHead = "Query(WILDCARD ";
    if (desc.compare(0, kHead.size(), kHead) != 0 || desc.back() != ')') return std::nullopt;
    const std::size_t space = desc.find(' ', kHead.size());
    if (space == std::string::npos) return std::nullopt;
    const std::string pattern = desc.substr(space + 1, desc.size() - space - 2);
    auto w = word_of(pattern);
    if (!w || w->stemmed) return std::nullopt;
    w->wildcard = true;
    return w;
}

void add_single(Wanted& wanted, std::optional<QueryWord> w) {
    if (!w) return;
    const std::size_t i = wanted.add(std::move(*w));
    if (i == kMaxWords) return;
    if (std::find(wanted.singles.begin(), wanted.singles.end(), i) == wanted.singles.end()) {
        wanted.singles.push_back(i);
    }
}

void collect(const Xapian::Query& query, Wanted& wanted) {
    const auto type = query.get_type();
    const std::size_t n = query.get_num_subqueries();
    switch (type) {
        case Xapian::Query::LEAF_TERM:
            if (query.get_terms_begin() != query.get_terms_end()) {
                add_single(wanted, word_of(*query.get_terms_begin()));
            }
            return;
        case Xapian::Query::OP_WILDCARD:
            add_single(wanted, wildcard_of(query));
            return;
        case Xapian::Query::OP_AND_NOT:
        case Xapian::Query::OP_FILTER:
            // Excluded words and filters are not what the reader looks for.
            if (n > 0) collect(query.get_subquery(0), wanted);
            return;
        case Xapian::Query::OP_PHRASE: {
            std::vector<std::size_t> phrase;
            bool plain = true;
            for (std::size_t i = 0; i < n && plain; ++i) {
                const Xapian::Query sub = query.get_subquery(i);
                plain = sub.get_type() == Xapian::Query::LEAF_TERM;
                const auto w = plain ? word_of(*sub.get_terms_begin()) : std::nullopt;
                plain = plain && w && !w->stemmed;
                const std::size_t index = plain ? wanted.add(*w) : kMaxWords;
                plain = plain && index != kMaxWords;
                phrase.push_back(index);
            }
            if (plain && phrase.size() > 1) {
                if (std::find(wanted.phrases.begin(), wanted.phrases.end(), phrase) ==
                    wanted.phrases.end()) {
                    wanted.phrases.push_back(std::move(phrase));
                }
                return;
            }
            break;  // One word, or not plain words: mark what it holds word by word.
        }
        default:
            break;
    }
    for (std::size_t i = 0; i < n; ++i) collect(query.get_subquery(i), wanted);
}

// Decodes a multi-byte UTF-8 character; see decode().
std::size_t decode_multibyte(std::string_view s, std::size_t i, unsigned& ch) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
    if (len == 0 || i + len > s.size()) {
        ch = 0xFFFD;
        return 1;
    }
    ch = b & (0x3F >> (len - 1));
    for (std::size_t k = 1; k < len; ++k) {
        const auto c = static_cast<unsigned char>(s[i + k]);
        if ((c & 0xC0) != 0x80) {
            ch = 0xFFFD;
            return 1;
        }
        ch = (ch << 6) | (c & 0x3F);
    }
    return len;
}

// Decodes the UTF-8 character at @p i into @p ch and returns its length;
// a malformed byte is a length-1 character that is no letter. The tokeniser
// calls this for every character of ten hits' texts per query: ASCII stays inline.
inline std::size_t decode(std::string_view s, std::size_t i, unsigned& ch) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) [[likely]] {
        ch = b;
        return 1;
    }
    return decode_multibyte(s, i, ch);
}

constexpr std::array<bool, 128> kAsciiWordChars = [] {
    std::array<bool, 128> table{};
    for (unsigned c = 0; c < 128; ++c) {
        table[c] =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
    return table;
}();

inline bool is_word_char(unsigned ch) {
    if (ch < 0x80) [[likely]]
        return kAsciiWordChars[ch];
    return Xapian::Unicode::is_wordchar(ch);
}

// ASCII first: Xapian's Unicode tables cost a lookup per call, and most
// characters of most texts are ASCII.
bool is_digit(unsigned ch) {
    if (ch < 0x80) return ch >= '0' && ch <= '9';
    return Xapian::Unicode::get_category(ch) == Xapian::Unicode::DECIMAL_DIGIT_NUMBER;
}

bool is_upper(unsigned ch) {
    if (ch < 0x80) return ch >= 'A' && ch <= 'Z';
    return Xapian::Unicode::get_category(ch) == Xapian::Unicode::UPPERCASE_LETTER;
}

// Terms are made from folded text (communiqué is indexed as communique).
inline void append_lower(std::string& term, unsigned ch) {
    if (ch < 0x80) [[likely]] {
        term.push_back(static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + ('a' - 'A') : ch));
    } else {
        text::append_folded_lower(term, ch);
    }
}

// The character a word keeps when @p ch joins two word characters (as in
// "nation's", "AT&T", "1,000"), after @p prev; 0 if it splits them. These are
// TermGenerator's rules, so that words here are the indexed terms.
unsigned infix(unsigned ch, unsigned prev, unsigned next) {
    switch (ch) {
        case '\'':
        case '&':
        case 0xB7:
        case 0x5F4:
        case 0x2027:
            return ch;
        case 0x2019:
        case 0x201B:
            return '\'';
        case ',':
        case '.':
        case ';':
        case 0x37E:
        case 0x589:
        case 0x60D:
        case 0x7F8:
        case 0x2044:
        case 0xFE10:
        case 0xFE13:
        case 0xFE14:
            return is_digit(prev) && is_digit(next) ? ch : 0;
        default:
            return 0;
    }
}

bool is_ignorable(unsigned ch) {
    return (ch >= 0x200B && ch <= 0x200D) || ch == 0x2060 || ch == 0xFEFF;
}

struct Token {
    std::uint32_t begin = 0;  // Bytes.
    std::uint32_t end = 0;
    std::uint32_t first_char = 0;  // Code points, [first_char, end_char).
    std::uint32_t end_char = 0;
    Bits words = 0;  // The query words it is.
    bool sentence_start = false;
};

// Which query words each text word is, memoised: a text repeats its words.
class WordMatcher {
  public:
    WordMatcher(const Wanted& wanted, const Xapian::Stem& stemmer)
        : m_wanted(wanted), m_stemmer(stemmer) {
        for (const auto& w : wanted.words) {
            if (w.word.empty()) {
                m_first.fill(true);
            } else {
                m_first[static_cast<unsigned char>(w.word.front())] = true;
            }
            if (!w.stemmed) continue;
            const auto first = static_cast<unsigned char>(w.word.front());
            m_stem_first[first] = true;
            m_shortest_stem = std::min(m_shortest_stem, w.word.size());
        }
    }

    /// Whether a word whose folded form starts with @p first_byte can be a
    /// query word: if not, the tokeniser need not even spell it out.
    bool may_match(unsigned char first_byte) const { return m_first[first_byte]; }

    Bits operator()(const std::string& term) {
        // Every query word, stem and prefix starts with the letter its text
        // words start with, so most words of a text need no lookup at all.
        if (term.empty() || term.size() > kMaxWordBytes ||
            !m_first[static_cast<unsigned char>(term.front())]) {
            return 0;
        }
        const auto it = m_seen.find(term);
        if (it != m_seen.end()) return it->second;
        // English stems keep the word's first letter and are never longer
        // than it, which spares stemming most words of the text.
        std::string stem;
        if (m_stem_first[static_cast<unsigned char>(term.front())] &&
            term.size() >= m_shortest_stem) {
            stem = m_stemmer(term);
        }
        Bits bits = 0;
        for (std::size_t i = 0; i < m_wanted.words.size(); ++i) {
            const QueryWord& w = m_wanted.words[i];
            const bool match = w.wildcard  ? term.compare(0, w.word.size(), w.word) == 0
                               : w.stemmed ? stem == w.word
                                           : term == w.word;
            if (match) bits |= Bits{1} << i;
        }
        m_seen.emplace(term, bits);
        return bits;
    }

  private:
    const Wanted& m_wanted;
    const Xapian::Stem& m_stemmer;
    std::array<bool, 256> m_first{};  // First bytes of the query words.
    std::array<bool, 256> m_stem_first{};
    std::size_t m_shortest_stem = kMaxWordBytes;
    std::unordered_map<std::string, Bits> m_seen;
};

// Splits @p text into words as Xapian's TermGenerator does (letters, marks
// and digits, joined by the infixes above; dotted acronyms like "U.N."),
// noting which follow the end of a sentence.
std::vector<Token> tokenise(std::string_view text, WordMatcher* matcher) {
    std::vector<Token> tokens;
    tokens.reserve(text.size() / 6);
    std::string term;
    std::uint32_t chars = 0;
    bool sentence_start = true;
    bool stop_seen = false;
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        unsigned ch = 0;
        std::size_t len = decode(text, i, ch);
        if (!is_word_char(ch)) {
            if (ch == '\n' || ch == '\r') {
                sentence_start = true;
            } else if (ch == '.' || ch == '!' || ch == '?') {
                stop_seen = true;
            } else if (stop_seen && (ch == ' ' || ch == '\t')) {
                sentence_start = true;
            }
            i += len;
            ++chars;
            continue;
        }
        Token token;
        token.begin = static_cast<std::uint32_t>(i);
        token.first_char = chars;
        token.sentence_start = sentence_start;
        sentence_start = stop_seen = false;
        term.clear();
        // Most words of a text cannot be a query word: only their extent
        // matters, so they are walked without being spelt out.
        bool spell = matcher != nullptr;
        if (spell) {
            std::string first;
            append_lower(first, ch);
            spell = first.empty() || matcher->may_match(static_cast<unsigned char>(first[0]));
        }

        bool acronym = false;
        if (is_upper(ch)) {
            std::size_t p = i;
            std::uint32_t pc = chars;
            unsigned c = ch;
            std::size_t l = len;
            std::size_t letters = 0;
            while (true) {
                if (spell) append_lower(term, c);
                ++letters;
                p += l;
                ++pc;
                if (p >= n || text[p] != '.') break;
                ++p;
                ++pc;
                if (p >= n) break;
                l = decode(text, p, c);
                if (!is_upper(c)) break;
            }
            unsigned after = 0;
            if (letters > 1 && (p >= n || (decode(text, p, after), !is_word_char(after)))) {
                acronym = true;
                i = p;
                chars = pc;
            } else {
                term.clear();
            }
        }
        if (!acronym) {
            while (true) {
                if (spell) append_lower(term, ch);
                i += len;
                ++chars;
                const unsigned prev = ch;
                bool more = false;
                while (i < n) {
                    std::size_t l = decode(text, i, ch);
                    if (is_word_char(ch)) {
                        len = l;
                        more = true;
                    } else if (is_ignorable(ch)) {
                        i += l;
                        ++chars;
                        continue;
                    } else if (i + l < n) {
                        unsigned next = 0;
                        const std::size_t next_len = decode(text, i + l, next);
                        const unsigned kept = is_word_char(next) ? infix(ch, prev, next) : 0;
                        if (kept != 0) {
                            if (spell) append_lower(term, kept);
                            i += l;
                            ++chars;
                            ch = next;
                            len = next_len;
                            more = true;
                        }
                    }
                    break;
                }
                if (!more) break;
            }
            // "C++", "C#", but not "fish+chips".
            std::size_t p = i;
            std::size_t suffix = 0;
            while (p < n && (text[p] == '+' || text[p] == '#') && suffix <= 3) {
                ++p;
                ++suffix;
            }
            unsigned after = 0;
            if (suffix > 0 && suffix <= 3 &&
                (p >= n || (decode(text, p, after), !is_word_char(after)))) {
                if (spell) term.append(text.substr(i, suffix));
                i = p;
                chars += static_cast<std::uint32_t>(suffix);
            }
        }
        token.end = static_cast<std::uint32_t>(i);
        token.end_char = chars;
        if (spell) token.words = (*matcher)(term);
        tokens.push_back(token);
    }
    return tokens;
}

// One occurrence of a query word or phrase: tokens [first, last].
struct Match {
    std::size_t first;
    std::size_t last;
    std::size_t unit;  // What it is an occurrence of, for counting distinct ones.
};

struct Occurrences {
    std::vector<Match> matches;
    std::vector<double> weights;  // By unit.
};

// Every occurrence in @p tokens, in text order. Words with one stem count as
// one unit (the query may hold "Gwadar" both as typed and stemmed); a phrase
// outweighs its words found apart.
Occurrences find_matches(const std::vector<Token>& tokens, const Wanted& wanted,
                         const Xapian::Stem& stemmer) {
    Occurrences found;
    std::vector<std::size_t> unit_of(wanted.words.size(), 0);
    std::unordered_map<std::string, std::size_t> units;
    for (const std::size_t w : wanted.singles) {
        const QueryWord& word = wanted.words[w];
        const std::string key = (word.wildcard ? "*" : "") +
                                (word.stemmed || word.wildcard ? word.word : stemmer(word.word));
        const auto [it, added] = units.emplace(key, found.weights.size());
        if (added) found.weights.push_back(1.0);
        unit_of[w] = it->second;
    }
    const std::size_t first_phrase_unit = found.weights.size();
    for (const auto& phrase : wanted.phrases) {
        found.weights.push_back(1.0 + static_cast<double>(phrase.size()));
    }
    Bits single_bits = 0;
    for (const std::size_t w : wanted.singles) single_bits |= Bits{1} << w;

    std::vector<std::size_t> seen_units;
    for (std::size_t t = 0; t < tokens.size(); ++t) {
        const Bits bits = tokens[t].words;
        if (bits == 0) continue;
        for (std::size_t p = 0; p < wanted.phrases.size(); ++p) {
            const auto& phrase = wanted.phrases[p];
            if (t + phrase.size() > tokens.size()) continue;
            bool all = true;
            for (std::size_t k = 0; k < phrase.size() && all; ++k) {
                all = (tokens[t + k].words >> phrase[k]) & 1;
            }
            if (all) found.matches.push_back({t, t + phrase.size() - 1, first_phrase_unit + p});
        }
        seen_units.clear();
        for (Bits b = bits & single_bits; b != 0; b &= b - 1) {
            const std::size_t unit = unit_of[static_cast<std::size_t>(std::countr_zero(b))];
            if (std::find(seen_units.begin(), seen_units.end(), unit) != seen_units.end()) continue;
            seen_units.push_back(unit);
            found.matches.push_back({t, t, unit});
        }
    }
    return found;
}

double contribution(double weight, int count) {
    if (count == 0) return 0;
    return weight * (1.0 + kRepeatWeight * std::min(count - 1, kMaxRepeats));
}

// The run of matches [begin, end) that fits in @p length characters and
// scores highest; the earliest of equals.
std::pair<std::size_t, std::size_t> densest(const Occurrences& found,
                                            const std::vector<Token>& tokens, std::size_t length) {
    const auto& m = found.matches;
    std::vector<int> count(found.weights.size(), 0);
    auto change = [&](const Match& match, int by) {
        const double w = found.weights[match.unit];
        int& c = count[match.unit];
        const double before = contribution(w, c);
        c += by;
        return contribution(w, c) - before;
    };
    double score = 0;
    double best = -1;
    std::pair<std::size_t, std::size_t> best_run{0, 0};
    std::size_t end = 0;
    for (std::size_t begin = 0; begin < m.size(); ++begin) {
        if (end < begin + 1) {
            score += change(m[begin], +1);
            end = begin + 1;
        }
        const std::uint32_t from = tokens[m[begin].first].first_char;
        while (end < m.size() && tokens[m[end].last].end_char - from <= length) {
            score += change(m[end], +1);
            ++end;
        }
        if (score > best + 1e-9) {
            best = score;
            best_run = {begin, end};
        }
        score += change(m[begin], -1);
    }
    return best_run;
}

bool is_space(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f';
}

// Punctuation glued to a word is shown with it, if it runs up to a space.
constexpr std::size_t kMaxAttached = 4;

std::size_t attached_before(std::string_view text, std::size_t begin) {
    std::size_t p = begin;
    for (std::size_t k = 0; k < kMaxAttached && p > 0 && !is_space(text[p - 1]); ++k) {
        std::size_t q = p - 1;
        while (q > 0 && (static_cast<unsigned char>(text[q]) & 0xC0) == 0x80) --q;
        unsigned ch = 0;
        decode(text, q, ch);
        if (is_word_char(ch)) return begin;
        p = q;
    }
    return p == 0 || is_space(text[p - 1]) ? p : begin;
}

std::size_t attached_after(std::string_view text, std::size_t end) {
    std::size_t p = end;
    for (std::size_t k = 0; k < kMaxAttached && p < text.size() && !is_space(text[p]); ++k) {
        unsigned ch = 0;
        const std::size_t len = decode(text, p, ch);
        if (is_word_char(ch)) return end;
        p += len;
    }
    return p == text.size() || is_space(text[p]) ? p : end;
}

// The byte offset @p chars code points after @p from (or the end).
std::size_t advance_chars(std::string_view text, std::size_t from, std::size_t chars) {
    std::size_t i = from;
    for (; i < text.size() && chars > 0; --chars) {
        unsigned ch = 0;
        i += decode(text, i, ch);
    }
    return i;
}

struct Span {
    std::size_t begin;
    std::size_t end;
};

void append_escaped(std::string& out, std::string_view text, bool html, bool& in_space) {
    for (const char c : text) {
        if (is_space(c)) {
            if (!in_space) out.push_back(' ');
            in_space = true;
            continue;
        }
        in_space = false;
        if (!html) {
            out.push_back(c);
            continue;
        }
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out.push_back(c);
        }
    }
}

// Bytes [begin, end) of @p text with @p spans (sorted, inside it) marked,
// whitespace runs as one space, and "…" where text is left out.
std::string render(std::string_view text, std::size_t begin, std::size_t end,
                   const std::vector<Span>& spans, const Highlight& highlight) {
    std::string out;
    out.reserve(end - begin + spans.size() * (highlight.start.size() + highlight.end.size()) + 8);
    const auto blank = [](std::string_view s) { return std::all_of(s.begin(), s.end(), is_space); };
    if (!blank(text.substr(0, begin))) out += "…";
    bool in_space = false;
    std::size_t at = begin;
    for (const Span& span : spans) {
        append_escaped(out, text.substr(at, span.begin - at), highlight.html_escape, in_space);
        out += highlight.start;
        append_escaped(out, text.substr(span.begin, span.end - span.begin), highlight.html_escape,
                       in_space);
        out += highlight.end;
        at = span.end;
    }
    append_escaped(out, text.substr(at, end - at), highlight.html_escape, in_space);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (!blank(text.substr(end))) out += "…";
    return out;
}

}  // namespace

std::string make_snippet(const Xapian::Query& query, const std::string& text, std::size_t length,
                         const Xapian::Stem& stemmer, const Highlight& highlight) {
    if (text.empty() || length == 0) return {};
    Wanted wanted;
    collect(query, wanted);
    WordMatcher matcher(wanted, stemmer);
    const std::vector<Token> tokens = tokenise(text, wanted.words.empty() ? nullptr : &matcher);
    if (tokens.empty()) return render(text, 0, advance_chars(text, 0, length), {}, highlight);

    const Occurrences found = find_matches(tokens, wanted, stemmer);
    const auto [first_match, end_match] = densest(found, tokens, length);
    const bool matched = first_match < end_match;
    std::size_t t0 = 0;
    std::size_t t1 = 0;
    if (matched) {
        t0 = found.matches[first_match].first;
        for (std::size_t m = first_match; m < end_match; ++m) {
            t1 = std::max(t1, found.matches[m].last);
        }
    }
    const auto chars = [&](std::size_t from, std::size_t to) {
        return static_cast<std::size_t>(tokens[to].end_char - tokens[from].first_char);
    };

    // Context before the matches: their sentence's start if it leaves room
    // after them, else a third of the room to spare.
    std::size_t s = t0;
    if (matched) {
        const std::size_t slack = length > chars(t0, t1) ? length - chars(t0, t1) : 0;
        std::size_t sentence = t0;
        while (sentence > 0 && !tokens[sentence].sentence_start) --sentence;
        if (tokens[t0].first_char - tokens[sentence].first_char <= slack * 2 / 3) {
            s = sentence;
        } else {
            const std::uint32_t from =
                tokens[t0].first_char -
                static_cast<std::uint32_t>(std::min<std::size_t>(slack / 3, tokens[t0].first_char));
            while (s > 0 && tokens[s - 1].first_char >= from) --s;
        }
    }
    std::size_t e = std::max(s, t1);
    while (e + 1 < tokens.size() && chars(s, e + 1) <= length) ++e;
    if (e + 1 == tokens.size()) {
        // Near the end of the text the room left goes before the matches: all
        // of the text if it fits, else back to a sentence start at most.
        if (chars(0, e) <= length) s = 0;
        while (s > 0 && !tokens[s].sentence_start && chars(s - 1, e) <= length) --s;
    } else {
        // End with a sentence if one ends late enough to fill most of the room.
        for (std::size_t k = e; k > t1 && k > s; --k) {
            if (tokens[k].sentence_start && chars(s, k - 1) * 3 >= length * 2) {
                e = k - 1;
                break;
            }
        }
    }

    std::size_t begin = tokens[s].begin;
    std::size_t end = tokens[e].end;
    // Keep the punctuation attached to the first and last words ("(UN", "today>."),
    // but not half of a hyphenated pair.
    begin = attached_before(text, begin);
    end = attached_after(text, end);
    // A word longer than the passage (a run of unspaced script, a URL) is cut
    // at a character boundary, around the matches.
    if (chars(s, e) > length + length / 2) {
        const std::size_t lead =
            matched
                ? std::min<std::size_t>(tokens[t0].first_char - tokens[s].first_char, length / 3)
                : 0;
        const std::size_t from = matched ? tokens[t0].begin : begin;
        std::size_t back = from;
        for (std::size_t k = 0; k < lead && back > begin; ++k) {
            do --back;
            while (back > begin && (static_cast<unsigned char>(text[back]) & 0xC0) == 0x80);
        }
        begin = back;
        end = advance_chars(text, begin, length);
    }

    std::vector<Span> spans;
    if (matched) {
        for (const Match& m : found.matches) {
            if (m.first < s || m.last > e) continue;
            const std::size_t b = std::max<std::size_t>(tokens[m.first].begin, begin);
            const std::size_t f = std::min<std::size_t>(tokens[m.last].end, end);
            if (b < f) spans.push_back({b, f});
        }
        std::sort(spans.begin(), spans.end(),
                  [](const Span& a, const Span& b) { return a.begin < b.begin; });
        std::vector<Span> merged;
        for (const Span& span : spans) {
            if (!merged.empty() && span.begin < merged.back().end) {
                merged.back().end = std::max(merged.back().end, span.end);
            } else {
                merged.push_back(span);
            }
        }
        spans = std::move(merged);
    }
    return render(text, begin, end, spans, highlight);
}

}  // namespace diplosearch::searcher
