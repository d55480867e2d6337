/// @file
/// @brief Term and title completions of a partly typed query.
#include "suggester.hpp"

#include <algorithm>
#include <optional>

#include "query_tokens.hpp"
#include "schema.hpp"
#include "stored_document.hpp"
#include "text.hpp"

namespace diplosearch::searcher {

namespace {

// Candidates re-ranked by co-occurrence with the earlier words: each costs one
// AND query, and a completion outside the 30 most frequent rarely wins.
constexpr std::size_t kRankedCandidates = 30;

// The best of those (by co-occurrence) checked for following the last typed
// word as a phrase, which reads positions and costs more.
constexpr std::size_t kPhraseCandidates = 15;

// Vocabulary entries read per call. A one-letter prefix in a large index
// has tens of thousands of completions; reading them all would cost
// milliseconds, so past this many the most frequent of those read win.
constexpr std::size_t kMaxScannedTerms = 20000;

// Matches counted exactly per candidate; past this many Xapian estimates the
// count from how far through the posting lists it got. Exact counts of
// frequent words cost ~0.1 ms each in a 2,000-speech index, 30 of them too much.
constexpr Xapian::doccount kCountedMatches = 100;

// Title terms a partial word expands to (the most frequent), bounding the
// title query however short the prefix.
constexpr Xapian::termcount kTitleExpansion = 50;

// Documents examined per title suggestion wanted: copies of one title share a place.
constexpr Xapian::doccount kTitleWindowFactor = 2;

struct Word {
    std::string term;  // Lower-cased, as the indexer stores it.
    std::size_t begin = 0;
    std::size_t end = 0;
};

bool is_apostrophe(unsigned ch) {
    return ch == '\'' || ch == 0x2019 || ch == 0x201b;
}

std::size_t position(std::string_view text, const Xapian::Utf8Iterator& it) {
    return text.size() - it.left();
}

// The words of @p text cut and lower-cased as Xapian's TermGenerator does
// (accents folded, as the indexer folds them before it):
// runs of word characters (any script), an apostrophe kept between two of them.
std::vector<Word> split_words(std::string_view text) {
    std::vector<Word> words;
    Xapian::Utf8Iterator it(text.data(), text.size());
    const Xapian::Utf8Iterator end;
    std::optional<Word> word;
    while (it != end) {
        const unsigned ch = *it;
        const std::size_t at = position(text, it);
        ++it;
        if (Xapian::Unicode::is_wordchar(ch)) {
            if (!word) word = Word{{}, at, at};
            text::append_folded_lower(word->term, ch);
            word->end = position(text, it);
        } else if (word && is_apostrophe(ch) && it != end && Xapian::Unicode::is_wordchar(*it)) {
            word->term += '\'';
        } else if (word) {
            words.push_back(std::move(*word));
            word.reset();
        }
    }
    if (word) words.push_back(std::move(*word));
    return words;
}

struct Candidate {
    std::string term;
    Xapian::doccount frequency = 0;  // Documents holding the term.
    Xapian::doccount together = 0;   // Documents holding it and the earlier words.
    Xapian::doccount adjacent = 0;   // Documents where it follows the last earlier word.
};

bool more_frequent(const Candidate& a, const Candidate& b) {
    return a.frequency != b.frequency ? a.frequency > b.frequency : a.term < b.term;
}

// The @p count most frequent indexed words starting with @p partial, best first.
std::vector<Candidate> frequent_completions(const Xapian::Database& db, const std::string& partial,
                                            std::size_t count) {
    // `pakistan's` is no completion of `pakis` beside `pakistan`.
    const bool possessives = partial.find('\'') != std::string::npos;
    // A heap whose front is the worst candidate kept, so it is the one replaced.
    std::vector<Candidate> kept;
    std::size_t scanned = 0;
    for (auto it = db.allterms_begin(partial); it != db.allterms_end(partial); ++it) {
        if (++scanned > kMaxScannedTerms) break;
        const Xapian::doccount frequency = it.get_termfreq();
        // Terms come in order, so a later one tying on frequency is worse.
        if (frequency == 0 || (kept.size() == count && frequency <= kept.front().frequency)) {
            continue;
        }
        std::string term = *it;
        if (!possessives && term.size() > 2 && term.ends_with("'s")) continue;
        kept.push_back({std::move(term), frequency, 0});
        std::push_heap(kept.begin(), kept.end(), more_frequent);
        if (kept.size() > count) {
            std::pop_heap(kept.begin(), kept.end(), more_frequent);
            kept.pop_back();
        }
    }
    std::sort_heap(kept.begin(), kept.end(), more_frequent);
    return kept;
}

Xapian::doccount count_matches(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());  // Counting needs no scores.
    return enquire.get_mset(0, 0, kCountedMatches).get_matches_estimated();
}

std::vector<Suggestion> term_completions(const Xapian::Database& db, const TypedQuery& typed,
                                         std::string_view text, std::size_t limit) {
    std::vector<Candidate> candidates;
    if (typed.words.empty()) {
        candidates = frequent_completions(db, typed.partial, limit);
        for (auto& c : candidates) c.together = c.frequency;
    } else {
        // A word no document has leaves nothing to complete it with.
        for (const auto& word : typed.words) {
            if (!db.term_exists(word)) return {};
        }
        candidates = frequent_completions(db, typed.partial, std::max(limit, kRankedCandidates));
        const Xapian::Query earlier(Xapian::Query::OP_AND, typed.words.begin(), typed.words.end());
        for (auto& c : candidates) {
            c.together = count_matches(
                db, Xapian::Query(Xapian::Query::OP_AND, earlier, Xapian::Query(c.term)));
        }
        std::erase_if(candidates, [](const Candidate& c) { return c.together == 0; });
        std::stable_sort(
            candidates.begin(), candidates.end(),
            [](const Candidate& a, const Candidate& b) { return a.together > b.together; });
        // "security co" means "security council", which follows "security" in
        // thousands of speeches, before "security countries", which merely
        // shares documents with it: completions that continue the typed words
        // as a phrase come first.
        const std::size_t checked = std::min(candidates.size(), kPhraseCandidates);
        for (std::size_t i = 0; i < checked; ++i) {
            const std::string pair[] = {typed.words.back(), candidates[i].term};
            candidates[i].adjacent = count_matches(
                db, Xapian::Query(Xapian::Query::OP_PHRASE, std::begin(pair), std::end(pair), 2));
        }
        std::stable_sort(candidates.begin(), candidates.begin() + checked,
                         [](const Candidate& a, const Candidate& b) {
                             return (a.adjacent > 0) != (b.adjacent > 0) ? a.adjacent > 0
                                                                         : a.adjacent > b.adjacent;
                         });
    }
    const std::string_view before = text.substr(0, typed.partial_begin);
    std::vector<Suggestion> out;
    for (const auto& c : candidates) {
        if (out.size() == limit) break;
        out.push_back({std::string(before) + c.term, "term", "", c.together});
    }
    return out;
}

std::vector<Suggestion> title_completions(const Xapian::Database& db, const TypedQuery& typed,
                                          std::size_t limit) {
    const std::string prefix(schema::prefix::kTitle);
    std::vector<Xapian::Query> parts;
    for (const auto& word : typed.words) parts.emplace_back(prefix + word);
    if (!typed.partial.empty()) {
        parts.emplace_back(Xapian::Query::OP_WILDCARD, prefix + typed.partial, kTitleExpansion,
                           Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    }
    if (parts.empty() || limit == 0) return {};
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end()));
    const Xapian::MSet mset =
        enquire.get_mset(0, static_cast<Xapian::doccount>(limit) * kTitleWindowFactor);
    std::vector<Suggestion> out;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        Document doc = stored_document::load(it.get_document(), false);
        if (doc.title.empty()) continue;
        const auto same = std::find_if(out.begin(), out.end(),
                                       [&](const Suggestion& s) { return s.text == doc.title; });
        if (same != out.end()) {
            ++same->documents;
        } else if (out.size() < limit) {
            out.push_back({std::move(doc.title), "title", std::move(doc.id), 1});
        }
    }
    return out;
}

}  // namespace

TypedQuery read_typed_query(std::string_view typed) {
    TypedQuery out;
    const auto add_word = [&](std::string term) {
        if (std::find(out.words.begin(), out.words.end(), term) == out.words.end()) {
            out.words.push_back(std::move(term));
        }
    };
    for (const QueryToken& token : tokenise_query(typed)) {
        std::string_view raw = token.raw;
        std::size_t begin = offset_in(typed, token);
        if (!token.plain && !token.quoted) {
            // `+word` is a word that must match; other syntax (`field:value`,
            // `-word`, `trail*`, operators) says nothing about what to complete.
            const bool required = raw.size() > 1 && raw.front() == '+' &&
                                  raw.find(':') == std::string_view::npos && raw.back() != '*';
            if (!required) continue;
            raw.remove_prefix(1);
            ++begin;
        }
        std::vector<Word> words = split_words(raw);
        // Only a word running to the very end of the input is still being typed
        // (a closed "quoted phrase" ends in its quote, so it never is).
        if (!words.empty() && begin + words.back().end == typed.size()) {
            out.partial = std::move(words.back().term);
            out.partial_begin = begin + words.back().begin;
            words.pop_back();
        }
        for (auto& word : words) add_word(std::move(word.term));
    }
    return out;
}

std::vector<Suggestion> suggest_completions(const Xapian::Database& db, std::string_view typed,
                                            std::uint32_t limit) {
    const std::size_t wanted = std::min(limit, kMaxSuggestions);
    const TypedQuery query = read_typed_query(typed);
    if (wanted == 0 || (query.partial.empty() && query.words.empty())) return {};
    std::vector<Suggestion> terms;
    if (!query.partial.empty()) terms = term_completions(db, query, typed, wanted);
    std::vector<Suggestion> titles = title_completions(db, query, wanted);
    // Titles keep a third of the places, and take those terms leave empty.
    const std::size_t title_places =
        std::min(titles.size(), std::max(wanted / 3, wanted - terms.size()));
    terms.resize(std::min(terms.size(), wanted - title_places));
    titles.resize(title_places);
    std::move(titles.begin(), titles.end(), std::back_inserter(terms));
    return terms;
}

}  // namespace diplosearch::searcher
