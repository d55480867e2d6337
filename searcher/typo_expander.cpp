/// @file
/// @brief Nearest vocabulary words by edit distance, and the `fuzzy:` field.
#include "typo_expander.hpp"

#include <algorithm>
#include <numeric>

#include "text.hpp"

namespace diplosearch::searcher {

namespace {

// A typo in a short word lands on another real word too often ("tarde" is one
// edit from "trade" but also from "tardy"): short words get one edit, longer two.
constexpr std::size_t kShortWordLetters = 5;
constexpr std::size_t kMinTypoLetters = 4;
// Near words weigh this much of an exact match, so exact matches rank first.
constexpr double kNearWordWeight = 0.6;
constexpr std::size_t kNearWordsPerTypo = 3;
// Bounds the scan of one first-letter slice of the vocabulary.
constexpr std::size_t kMaxTermsScanned = 200'000;
// A word the index knows is still taken for a typo when at most one document
// in this many holds it (at least one document) and a near word is this many
// times as common: "Guinee" is in one UN speech (a French name), "Guinea" in
// 1,241 of them.
constexpr Xapian::doccount kRareWordShare = 2000;
constexpr Xapian::doccount kCommonNeighbourFactor = 50;
// Each rare or unknown word scans a slice of the vocabulary (twice: to decide, then
// to expand); beyond this many per query the words are kept as typed, so a long
// machine-made query of unknown words cannot cost seconds per word.
constexpr std::size_t kMaxTypoWordsPerQuery = 16;

std::u32string code_points(std::string_view s) {
    std::u32string out;
    for (Xapian::Utf8Iterator it(s.data(), s.size()); it != Xapian::Utf8Iterator(); ++it) {
        out.push_back(*it);
    }
    return out;
}

std::string lower_utf8(std::string_view s) {
    std::string out;
    for (Xapian::Utf8Iterator it(s.data(), s.size()); it != Xapian::Utf8Iterator(); ++it) {
        text::append_folded_lower(out, *it);
    }
    return out;
}

// Words the query parser would look up: letters only (hyphens and digits make
// phrases and numbers, which edits would only garble).
bool is_letter_word(std::string_view s) {
    for (Xapian::Utf8Iterator it(s.data(), s.size()); it != Xapian::Utf8Iterator(); ++it) {
        if (!Xapian::Unicode::is_wordchar(*it) || Xapian::Unicode::is_currency(*it)) return false;
        if (*it < 0x80 && !((*it >= 'a' && *it <= 'z') || (*it >= 'A' && *it <= 'Z'))) {
            return false;
        }
    }
    return true;
}

unsigned distance_between(const std::u32string& a, const std::u32string& b, unsigned cutoff) {
    const std::size_t n = a.size(), m = b.size();
    if ((n > m ? n - m : m - n) > cutoff) return cutoff + 1;
    // Optimal string alignment: three rows, so an adjacent swap costs one edit.
    std::vector<unsigned> before(m + 1), previous(m + 1), current(m + 1);
    std::iota(previous.begin(), previous.end(), 0u);
    for (std::size_t i = 1; i <= n; ++i) {
        current[0] = static_cast<unsigned>(i);
        unsigned row_min = current[0];
        for (std::size_t j = 1; j <= m; ++j) {
            const unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                current[j] = std::min(current[j], before[j - 2] + 1);
            }
            row_min = std::min(row_min, current[j]);
        }
        if (row_min > cutoff) return cutoff + 1;
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return std::min(previous[m], cutoff + 1);
}

// "IAEA", "GERD": a word typed in capitals is an acronym, not a typo.
bool all_capitals(std::string_view s) {
    for (Xapian::Utf8Iterator it(s.data(), s.size()); it != Xapian::Utf8Iterator(); ++it) {
        if (Xapian::Unicode::get_category(*it) != Xapian::Unicode::UPPERCASE_LETTER) return false;
    }
    return true;
}

// Documents holding @p lower in any form one of the stemmers relates it to.
Xapian::doccount documents_with(const Xapian::Database& db, const std::string& lower,
                                std::span<const Xapian::Stem> stemmers) {
    Xapian::doccount documents = db.get_termfreq(lower);
    for (const Xapian::Stem& stemmer : stemmers) {
        documents = std::max(documents, db.get_termfreq("Z" + stemmer(lower)));
    }
    return documents;
}

// The stemmed terms of @p word, one per distinct stem.
std::vector<Xapian::Query> stemmed_terms(const std::string& word,
                                         std::span<const Xapian::Stem> stemmers) {
    std::vector<std::string> terms;
    for (const Xapian::Stem& stemmer : stemmers) {
        std::string term = "Z" + stemmer(word);
        if (std::find(terms.begin(), terms.end(), term) == terms.end())
            terms.push_back(std::move(term));
    }
    return {terms.begin(), terms.end()};
}

}  // namespace

unsigned edit_distance(const std::string& a, const std::string& b, unsigned cutoff) {
    return distance_between(code_points(a), code_points(b), cutoff);
}

std::vector<NearWord> nearest_words(const Xapian::Database& db, const std::string& word,
                                    std::size_t limit) {
    const std::string lower = lower_utf8(word);
    const std::u32string target = code_points(lower);
    if (target.empty()) return {};
    const unsigned cutoff = target.size() <= kShortWordLetters ? 1 : 2;
    std::vector<NearWord> found;
    auto consider = [&](const std::string& term, Xapian::doccount documents) {
        if (term == lower) return;
        for (const auto& f : found) {
            if (f.word == term) return;
        }
        const unsigned d = distance_between(target, code_points(term), cutoff);
        if (d <= cutoff) found.push_back({term, d, documents});
    };
    // Typos rarely hit the first letter; the vocabulary slice that shares it
    // is small enough to scan. Xapian's spelling index covers the other case.
    std::string first;
    Xapian::Unicode::append_utf8(first, target.front());
    std::size_t scanned = 0;
    for (auto it = db.allterms_begin(first); it != db.allterms_end(first); ++it) {
        if (++scanned > kMaxTermsScanned) break;
        consider(*it, it.get_termfreq());
    }
    const std::string spelled = db.get_spelling_suggestion(lower, cutoff);
    if (!spelled.empty()) consider(spelled, db.get_termfreq(spelled));
    std::sort(found.begin(), found.end(), [](const NearWord& a, const NearWord& b) {
        if (a.distance != b.distance) return a.distance < b.distance;
        if (a.documents != b.documents) return a.documents > b.documents;
        return a.word < b.word;
    });
    if (found.size() > limit) found.resize(limit);
    return found;
}

Xapian::Query FuzzyWordProcessor::operator()(const std::string& value) {
    const std::string word = lower_utf8(text::trim(value));
    if (word.empty()) throw Xapian::QueryParserError("fuzzy: needs a word");
    const std::vector<Xapian::Query> stems = stemmed_terms(word, m_stemmers);
    const Xapian::Query exact(Xapian::Query::OP_OR, stems.begin(), stems.end());
    std::vector<Xapian::Query> near;
    for (const auto& n : nearest_words(m_db, word, kNearWordsPerTypo)) {
        for (auto& term : stemmed_terms(n.word, m_stemmers)) near.push_back(std::move(term));
    }
    if (near.empty()) return exact;
    return Xapian::Query(
        Xapian::Query::OP_OR, exact,
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                      Xapian::Query(Xapian::Query::OP_OR, near.begin(), near.end()),
                      kNearWordWeight));
}

bool rare_word(const Xapian::Database& db, const std::string& lower,
               std::span<const Xapian::Stem> stemmers) {
    return documents_with(db, lower, stemmers) <=
           std::max<Xapian::doccount>(1, db.get_doccount() / kRareWordShare);
}

bool likely_typo(const Xapian::Database& db, const std::string& lower,
                 std::span<const Xapian::Stem> stemmers) {
    const Xapian::doccount documents = documents_with(db, lower, stemmers);
    if (documents == 0) return true;
    if (!rare_word(db, lower, stemmers)) return false;
    const auto near = nearest_words(db, lower, kNearWordsPerTypo);
    return std::any_of(near.begin(), near.end(), [&](const NearWord& n) {
        return n.documents >= documents * kCommonNeighbourFactor;
    });
}

std::string mark_unknown_words(const std::string& query, const Xapian::Database& db,
                               std::span<const Xapian::Stem> stemmers,
                               const std::vector<ByteRange>& keep) {
    std::string out;
    out.reserve(query.size() + 16);
    std::size_t checked = 0;
    for (const auto& token : tokenise_query(query)) {
        const std::size_t begin = offset_in(query, token);
        const std::size_t end = begin + token.raw.size();
        const bool kept = std::any_of(keep.begin(), keep.end(), [&](const ByteRange& r) {
            return begin < r.end && r.begin < end;
        });
        // CJK runs are n-grams, not words: edit distance means nothing there.
        const bool candidate = token.plain && !kept && is_letter_word(token.raw) &&
                               !text::contains_cjk(token.raw) && !all_capitals(token.raw) &&
                               code_points(token.raw).size() >= kMinTypoLetters;
        // Common words are settled by two lookups; only rare and unknown ones scan.
        const bool scanned = candidate && checked < kMaxTypoWordsPerQuery &&
                             rare_word(db, lower_utf8(token.raw), stemmers) && ++checked > 0;
        if (scanned && likely_typo(db, lower_utf8(token.raw), stemmers)) {
            out += std::string(kFuzzyField) + ":" + std::string(token.raw);
        } else {
            out += token.raw;
        }
    }
    return out;
}

}  // namespace diplosearch::searcher
