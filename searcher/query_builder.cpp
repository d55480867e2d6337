/// @file
/// @brief Query parsing and filter building.
#include "query_builder.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "country_gazetteer.hpp"
#include "diplosearch/errors.hpp"
#include "document_symbol.hpp"
#include "folded_stemmer.hpp"
#include "language.hpp"
#include "language_detector.hpp"
#include "partial_date.hpp"
#include "query_tokens.hpp"
#include "symbol_rewriter.hpp"
#include "synonym_expander.hpp"
#include "text.hpp"
#include "typo_expander.hpp"

namespace diplosearch::searcher {

namespace {

using schema::ValueNormaliser;
using schema::ValueSlot;

constexpr Xapian::termcount kMaxWildcardTerms = 1000;
constexpr std::size_t kMaxCorrectedWords = 32;

std::optional<int> parse_year(std::string_view s) {
    int year = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), year);
    if (ec != std::errc{} || end != s.data() + s.size() || year < 1 || year > 9999) {
        return std::nullopt;
    }
    return year;
}

// Splits `A..B` into its ends; a value without `..` is a single point (B empty, ranged false).
struct RangeText {
    std::string_view from;
    std::string_view to;
    bool ranged = false;
};

RangeText split_range(std::string_view value) {
    const auto dots = value.find("..");
    if (dots == std::string_view::npos) return {value, {}, false};
    return {value.substr(0, dots), value.substr(dots + 2), true};
}

// English function words, dropped from queries outside phrases: in a ranked
// "most words" query they would match nearly every document. Kept out on
// purpose: words that are also acronyms or names when capitalised (who, us,
// it, may, will, can).
constexpr std::string_view kStopwords[] = {
    "a",     "about",   "above",   "after",  "again",  "against", "all",   "also",    "an",
    "and",   "any",     "are",     "as",     "at",     "be",      "been",  "before",  "being",
    "below", "between", "both",    "but",    "by",     "could",   "did",   "do",      "does",
    "doing", "down",    "during",  "each",   "few",    "for",     "from",  "further", "had",
    "has",   "have",    "having",  "he",     "her",    "here",    "hers",  "him",     "his",
    "how",   "i",       "if",      "in",     "into",   "is",      "its",   "itself",  "just",
    "me",    "more",    "most",    "my",     "no",     "nor",     "not",   "now",     "of",
    "off",   "on",      "once",    "only",   "or",     "other",   "our",   "ours",    "out",
    "over",  "own",     "same",    "she",    "should", "so",      "some",  "such",    "than",
    "that",  "the",     "their",   "theirs", "them",   "then",    "there", "these",   "they",
    "this",  "those",   "through", "to",     "too",    "under",   "until", "up",      "very",
    "was",   "we",      "were",    "what",   "when",   "where",   "which", "while",   "whom",
    "why",   "with",    "would",   "you",    "your",   "yours",
};

// Relaxing makes sense for a list of words and phrases: at least two parts
// that may be left out, and no operators or parentheses saying otherwise.
bool relaxable(const std::string& query) {
    int optional = 0;
    for (const auto& token : tokenise_query(query)) {
        if (token.is_operator() || token.raw == "(" || token.raw == ")") return false;
        if (token.plain || token.quoted) ++optional;
    }
    return optional >= 2;
}

Xapian::Query term_query(const schema::FieldSpec& field, const std::string& value) {
    return Xapian::Query(schema::boolean_term(field.prefix, value));
}

// Undoes the corrections Xapian made to words inside @p matched ranges of
// @p original. Xapian rewrites words in place, so the two strings have the
// same space-separated tokens unless a correction changed their number.
std::string keep_matched_words(const std::string& original, const std::string& corrected,
                               const std::vector<ByteRange>& matched) {
    if (corrected.empty()) return corrected;
    const auto before = text::split(original, ' ');
    auto after = text::split(corrected, ' ');
    if (before.size() != after.size()) return corrected;
    std::string result;
    std::size_t offset = 0;
    for (std::size_t i = 0; i < before.size(); ++i) {
        const std::size_t begin = offset;
        const std::size_t end = offset + before[i].size();
        offset = end + 1;
        const bool inside = std::any_of(matched.begin(), matched.end(), [&](const ByteRange& r) {
            return begin < r.end && r.begin < end;
        });
        if (i > 0) result += ' ';
        result += inside ? before[i] : after[i];
    }
    return result == original ? std::string() : result;
}

// True for `field:value` (also `+field:`/`-field:`) of a filter field: its
// value is an exact term, not words.
bool is_filter_token(std::string_view raw) {
    const auto colon = raw.find(':');
    if (colon == std::string_view::npos) return false;
    std::string_view name = raw.substr(0, colon);
    if (!name.empty() && (name.front() == '+' || name.front() == '-')) name.remove_prefix(1);
    const schema::FieldSpec* field = schema::find_field(name);
    return field && field->kind == schema::FieldKind::kBoolean;
}

// @p query with Latin accents folded as the indexer folds documents
// (`Türkiye` -> `Turkiye`), except in filter values, which match exactly.
std::string fold_query(const std::string& query) {
    std::string out;
    out.reserve(query.size());
    for (const auto& token : tokenise_query(query)) {
        if (is_filter_token(token.raw)) {
            out += token.raw;
        } else {
            out += text::fold_diacritics(token.raw);
        }
    }
    return out;
}

// Refuses a query over the size caps before any rewriting copies or scans it.
void check_query_size(const std::string& query) {
    if (query.size() > kMaxQueryBytes) {
        throw QueryError(
            fmt::format("query is longer than {} bytes ({} bytes)", kMaxQueryBytes, query.size()));
    }
    std::size_t words = 0;
    std::size_t depth = 0;
    bool in_word = false;
    for (const char c : query) {
        const bool space = std::isspace(static_cast<unsigned char>(c)) != 0;
        if (!space && !in_word) ++words;
        in_word = !space;
        if (c == '(' && ++depth > kMaxQueryNesting) {
            throw QueryError(
                fmt::format("query has parentheses nested more than {} deep", kMaxQueryNesting));
        }
        if (c == ')' && depth > 0) --depth;
    }
    if (words > kMaxQueryWords) {
        throw QueryError(fmt::format("query has more than {} words", kMaxQueryWords));
    }
    std::size_t wildcards = 0;
    for (const auto& token : tokenise_query(query)) {
        if (!token.quoted && token.raw.size() > 1 && token.raw.back() == '*' &&
            ++wildcards > kMaxQueryWildcards) {
            throw QueryError(fmt::format("query has more than {} wildcards", kMaxQueryWildcards));
        }
    }
}

}  // namespace

Xapian::Query FieldValueProcessor::operator()(const std::string& raw) {
    if (!m_deferred_error) return value_query(raw);
    try {
        return value_query(raw);
    } catch (const Xapian::QueryParserError& e) {
        if (m_deferred_error->empty()) *m_deferred_error = e.get_msg();
        return Xapian::Query();
    }
}

Xapian::Query FieldValueProcessor::value_query(const std::string& raw) {
    const std::string value(text::trim(raw));
    if (value.empty())
        throw Xapian::QueryParserError(fmt::format("{}: needs a value", m_field.name));
    switch (m_field.normaliser) {
        case ValueNormaliser::kCountry: {
            const Country* country = CountryGazetteer::builtin().resolve(value);
            if (!country) {
                throw Xapian::QueryParserError(fmt::format("unknown country '{}'", value));
            }
            return term_query(m_field, text::ascii_lower(country->alpha3));
        }
        case ValueNormaliser::kSlug:
            return term_query(m_field, text::slugify(value));
        case ValueNormaliser::kLower:
            return term_query(m_field, text::ascii_lower(value));
        case ValueNormaliser::kSymbol:
            return term_query(m_field, document_symbol_key(value));
        case ValueNormaliser::kLanguage: {
            const auto code = language::canonical_code(value);
            if (!code) throw Xapian::QueryParserError(fmt::format("unknown language '{}'", value));
            return term_query(m_field, *code);
        }
        case ValueNormaliser::kExact:
        case ValueNormaliser::kNone:
            return term_query(m_field, value);
        case ValueNormaliser::kYear: {
            const auto range = split_range(value);
            const auto from = range.from.empty() ? std::nullopt : parse_year(range.from);
            const auto to = range.to.empty() ? std::nullopt : parse_year(range.to);
            const bool bad = (!range.from.empty() && !from) || (!range.to.empty() && !to) ||
                             (range.ranged && !from && !to);
            if (bad) {
                throw Xapian::QueryParserError(
                    fmt::format("year: expected YYYY or YYYY..YYYY, got '{}'", value));
            }
            if (!range.ranged) return term_query(m_field, std::to_string(*from));
            return QueryBuilder::year_range(from, to);
        }
        case ValueNormaliser::kDate: {
            const auto range = split_range(value);
            if (!range.ranged) {
                const auto date = PartialDate::parse(value);
                if (!date) {
                    throw Xapian::QueryParserError(
                        fmt::format("date: expected YYYY[-MM[-DD]], got '{}'", value));
                }
                return QueryBuilder::date_range(date->iso(), date->iso());
            }
            if (text::trim(range.from).empty() && text::trim(range.to).empty()) {
                throw Xapian::QueryParserError("date: a range needs at least one end");
            }
            try {
                return QueryBuilder::date_range(std::string(range.from), std::string(range.to));
            } catch (const QueryError& e) {
                throw Xapian::QueryParserError(e.what());
            }
        }
    }
    return Xapian::Query();
}

QueryBuilder::QueryBuilder(const Xapian::Database& db, const SynonymTable* synonyms)
    : m_db(db),
      m_stemmers{Xapian::Stem("english")},
      m_stopper(
          std::make_unique<Xapian::SimpleStopper>(std::begin(kStopwords), std::end(kStopwords))),
      m_fuzzy(db, m_stemmers),
      m_synonyms(synonyms) {
    const std::string lang_prefix(schema::prefix::kLang);
    for (auto it = db.allterms_begin(lang_prefix); it != db.allterms_end(lang_prefix); ++it) {
        m_index_languages.push_back((*it).substr(lang_prefix.size()));
    }
    // English first: a query whose language stays open is parsed with the
    // English stemmer first, which also makes the spelling suggestion.
    std::stable_partition(m_index_languages.begin(), m_index_languages.end(),
                          [](const std::string& code) { return code == "en"; });
    m_parser.set_database(db);
    m_parser.set_stemmer(m_stemmers.front());
    m_parser.set_stopper(m_stopper.get());
    m_parser.add_prefix(std::string(kFuzzyField), &m_fuzzy);
    m_parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    m_parser.set_default_op(Xapian::Query::OP_AND);
    m_parser.set_max_expansion(kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    for (const auto& field : schema::fields()) {
        if (field.kind == schema::FieldKind::kFreeText && !field.prefix.empty()) {
            m_parser.add_prefix(std::string(field.name), std::string(field.prefix));
            if (!field.query_alias.empty()) {
                m_parser.add_prefix(std::string(field.query_alias), std::string(field.prefix));
            }
        } else if (field.kind == schema::FieldKind::kBoolean) {
            auto& processor = m_processors.emplace_back(
                std::make_unique<FieldValueProcessor>(field, &m_field_error));
            m_parser.add_boolean_prefix(std::string(field.name), processor.get());
        }
    }
    m_has_spelling = db.spellings_begin() != db.spellings_end();
}

Xapian::Query QueryBuilder::parse(const std::string& query_text, std::string* corrected) {
    ParsedQuery parsed = parse_query(query_text, false);
    if (corrected) *corrected = std::move(parsed.corrected);
    return parsed.all_words;
}

void QueryBuilder::set_languages(const std::vector<std::string>& codes) {
    m_languages.clear();
    for (const auto& code : codes) {
        const auto canonical = language::canonical_code(code);
        if (!canonical) throw QueryError(fmt::format("--lang: unknown language '{}'", code));
        m_languages.push_back(*canonical);
    }
}

const Xapian::Stem& QueryBuilder::stemmer_for_language(const std::string& code) {
    for (const auto& [cached, stemmer] : m_stemmer_cache) {
        if (cached == code) return stemmer;
    }
    return m_stemmer_cache.emplace_back(code, language::folded_text_stemmer(code)).second;
}

void QueryBuilder::choose_stemmers(const std::string& query_text) {
    const bool chosen_by_user = !m_languages.empty();
    std::vector<std::string> codes = chosen_by_user ? m_languages : m_index_languages;
    if (!chosen_by_user && codes.size() > 1) {
        // Short queries rarely get a reliable verdict; a script of its own
        // (Cyrillic, Arabic, Han) or a sentence does.
        const language::LanguageGuess guess = language::detect_language(query_text);
        if (guess.reliable && std::find(codes.begin(), codes.end(), guess.code) != codes.end())
            codes = {guess.code};
    }
    std::vector<std::string_view> names;
    std::vector<Xapian::Stem> stemmers;
    for (const auto& code : codes) {
        const std::string_view name = language::stemmer_name(code);
        if (std::find(names.begin(), names.end(), name) != names.end()) continue;
        names.push_back(name);
        stemmers.push_back(stemmer_for_language(code));
    }
    if (!chosen_by_user && stemmers.size() > 1) {
        // A stemmer that leaves every word of the query as it is (Russian on
        // Latin letters) would only add the words' unstemmed `Z` forms.
        std::vector<std::string> words;
        for (const auto& token : tokenise_query(query_text)) {
            if (!token.plain) continue;
            for (const auto& word : token.words) {
                words.push_back(Xapian::Unicode::tolower(text::fold_diacritics(word)));
            }
        }
        std::vector<Xapian::Stem> useful;
        for (Xapian::Stem& stemmer : stemmers) {
            if (std::any_of(words.begin(), words.end(),
                            [&](const std::string& w) { return stemmer(w) != w; }))
                useful.push_back(stemmer);
        }
        if (useful.empty()) useful.push_back(stemmers.front());
        stemmers = std::move(useful);
    }
    if (stemmers.empty()) stemmers.push_back(stemmer_for_language("en"));
    m_stemmers = std::move(stemmers);
}

ParsedQuery QueryBuilder::parse_query(const std::string& query_text, bool relax) {
    check_query_size(query_text);
    choose_stemmers(query_text);
    return parse_chosen(query_text, relax);
}

ParsedQuery QueryBuilder::parse_chosen(const std::string& query_text, bool relax) {
    // Xapian would cut `S/RES/2334` into words at each `/`; a rewritten query
    // has no bare symbols left, so this recurses once at most.
    if (std::string with_filters = rewrite_document_symbols(query_text); with_filters != query_text)
        return parse_chosen(with_filters, relax);
    if (std::string folded = fold_query(query_text); folded != query_text)
        return parse_chosen(folded, relax);
    ParsedQuery parsed;
    if (text::trim(query_text).empty()) {
        parsed.all_words = match_all();
        return parsed;
    }
    // Xapian reads a query made only of `-word`s as plain words; users mean
    // "everything except these", so that is what they get.
    std::string excluded;
    bool only_exclusions = true;
    for (const auto token : text::split(text::trim(query_text), ' ')) {
        if (token.empty()) continue;
        if (token.size() < 2 || token.front() != '-') {
            only_exclusions = false;
            break;
        }
        excluded += std::string(token.substr(1)) + " ";
    }
    if (only_exclusions) {
        const Xapian::Query unwanted = parse_text_with(Xapian::Query::OP_OR, excluded, query_text);
        parsed.all_words = Xapian::Query(Xapian::Query::OP_AND_NOT, match_all(), unwanted);
        return parsed;
    }
    // Synonym expressions are known words whatever the index says; the other
    // words the index lacks become typo tolerant.
    std::vector<ByteRange> matched;
    std::string expanded =
        m_synonyms ? fold_query(expand_synonyms(query_text, *m_synonyms, &matched)) : query_text;
    const std::string marked =
        m_typo_tolerance ? mark_unknown_words(query_text, m_db, m_stemmers, matched) : query_text;
    if (marked != query_text) {
        expanded = m_synonyms ? fold_query(expand_synonyms(marked, *m_synonyms)) : marked;
    }

    // Xapian looks up a correction for every word; only absent or rare ones can need one.
    std::string* corrected = worth_correcting(query_text) ? &parsed.corrected : nullptr;
    if (expanded == query_text) {
        parsed.all_words = parse_text(query_text, query_text, corrected);
    } else {
        // The suggestion is made on the query as typed, but an acronym that the
        // synonym table knows ("UNSC") is not a misspelling, whatever the index says.
        if (corrected) {
            parse_text(query_text, query_text, corrected);
            parsed.corrected = keep_matched_words(query_text, parsed.corrected, matched);
        }
        parsed.all_words = parse_text(expanded, query_text, nullptr);
    }
    if (relax && relaxable(query_text)) {
        parsed.some_words = parse_text_with(Xapian::Query::OP_OR, expanded, query_text);
    }
    return parsed;
}

bool QueryBuilder::worth_correcting(const std::string& query_text) const {
    if (!m_has_spelling) return false;
    const auto tokens = tokenise_query(query_text);
    // Xapian looks each word up in the spelling table, a few milliseconds apiece over a
    // large vocabulary: 1,024 words took seconds. Nobody reads a correction that long.
    std::size_t words = 0;
    for (const auto& token : tokens) words += token.words.size();
    if (words > kMaxCorrectedWords) return false;
    for (const auto& token : tokens) {
        if (!token.plain && !token.quoted) continue;
        for (const auto& word : token.words) {
            if (rare_word(m_db, word, m_stemmers)) return true;
        }
    }
    return false;
}

Xapian::Query QueryBuilder::parse_text_with(Xapian::Query::op op, const std::string& query_text,
                                            const std::string& as_given) {
    m_parser.set_default_op(op);
    try {
        Xapian::Query query = parse_text(query_text, as_given, nullptr);
        m_parser.set_default_op(Xapian::Query::OP_AND);
        return query;
    } catch (...) {
        m_parser.set_default_op(Xapian::Query::OP_AND);
        throw;
    }
}

Xapian::Query QueryBuilder::parse_text(const std::string& query_text, const std::string& as_given,
                                       std::string* corrected) {
    const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_WILDCARD |
                           Xapian::QueryParser::FLAG_PURE_NOT | Xapian::QueryParser::FLAG_CJK_NGRAM;
    try {
        // One parse per language's stemmer; a document takes the weight of the
        // reading that suits it best (OP_MAX), so a word whose stems agree
        // across languages does not count twice.
        std::vector<Xapian::Query> readings;
        std::vector<std::string> seen;
        for (std::size_t i = 0; i < m_stemmers.size(); ++i) {
            const bool correct = i == 0 && corrected && m_has_spelling;
            m_parser.set_stemmer(m_stemmers[i]);
            m_field_error.clear();
            Xapian::Query query = m_parser.parse_query(
                query_text,
                correct ? flags | Xapian::QueryParser::FLAG_SPELLING_CORRECTION : flags);
            if (!m_field_error.empty()) throw Xapian::QueryParserError(m_field_error);
            if (correct) *corrected = m_parser.get_corrected_query_string();
            std::string description = query.get_description();
            if (std::find(seen.begin(), seen.end(), description) != seen.end()) continue;
            seen.push_back(std::move(description));
            readings.push_back(std::move(query));
        }
        if (corrected && *corrected == query_text) corrected->clear();
        if (readings.size() == 1) return readings.front();
        return Xapian::Query(Xapian::Query::OP_MAX, readings.begin(), readings.end());
    } catch (const Xapian::QueryParserError& e) {
        throw QueryError(fmt::format("query syntax error in '{}': {}", as_given, e.get_msg()));
    } catch (const Xapian::Error& e) {
        throw QueryError(fmt::format("cannot parse query '{}': {}", as_given, e.get_msg()));
    }
}

Xapian::Query QueryBuilder::any_of(const std::string& name,
                                   const std::vector<std::string>& values) {
    const schema::FieldSpec* field = schema::find_field(name);
    if (!field || field->kind != schema::FieldKind::kBoolean) {
        throw QueryError(fmt::format("'{}' is not a filter field", name));
    }
    FieldValueProcessor processor(*field);
    std::vector<Xapian::Query> parts;
    for (const auto& value : values) {
        try {
            parts.push_back(processor(value));
        } catch (const Xapian::QueryParserError& e) {
            throw QueryError(fmt::format("--{}: {}", name, e.get_msg()));
        }
    }
    return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

Xapian::Query QueryBuilder::year_range(std::optional<int> from, std::optional<int> to) {
    const auto slot = schema::slot(ValueSlot::kYear);
    if (from && to) {
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, Xapian::sortable_serialise(*from),
                             Xapian::sortable_serialise(*to));
    }
    if (from)
        return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, Xapian::sortable_serialise(*from));
    if (to) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, Xapian::sortable_serialise(*to));
    return match_all();
}

Xapian::Query QueryBuilder::date_range(const std::string& from, const std::string& to) {
    const auto slot = schema::slot(ValueSlot::kDate);
    auto parse = [](const std::string& s) {
        const auto date = PartialDate::parse(text::trim(s));
        if (!date) throw QueryError(fmt::format("expected a date YYYY[-MM[-DD]], got '{}'", s));
        return *date;
    };
    const bool has_from = !text::trim(from).empty();
    const bool has_to = !text::trim(to).empty();
    if (has_from && has_to) {
        return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, parse(from).sortable(),
                             parse(to).sortable_upper());
    }
    if (has_from) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, parse(from).sortable());
    if (has_to) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, parse(to).sortable_upper());
    return match_all();
}

}  // namespace diplosearch::searcher
