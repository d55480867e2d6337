/// @file
/// @brief Query syntax and filters, configured from the schema table.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

#include "schema.hpp"
#include "synonym_table.hpp"
#include "typo_expander.hpp"

namespace diplosearch::searcher {

// Caps on a query's size, so that a hostile or machine-generated query gets a
// QueryError instead of minutes of parsing, typo scans and matching; they hold for
// every embedder, not only behind the HTTP service's tighter ones.
/// Longest query, in bytes.
inline constexpr std::size_t kMaxQueryBytes = 16 * 1024;
/// Most whitespace-separated words (operators and field:value pairs count).
inline constexpr std::size_t kMaxQueryWords = 1024;
/// Deepest nesting of parentheses.
inline constexpr std::size_t kMaxQueryNesting = 64;
/// Most trailing wildcards (`nucl*`); each expands to at most 1,000 terms, and a
/// query of a thousand of them took two minutes and 700 MB.
inline constexpr std::size_t kMaxQueryWildcards = 8;

/// Turns the value after a boolean `field:` (or a filter option) into a query:
/// countries via the gazetteer, slugs, years and dates with `A..B` ranges.
class FieldValueProcessor final : public Xapian::FieldProcessor {
  public:
    /// With @p deferred_error, a bad value is not thrown but its message kept there
    /// (the first one) and an empty query returned: Xapian 1.4's parser corrupts its
    /// heap when a field processor throws inside `-field:value` (fuzz_query found
    /// `-date:204..20x` crashing diplo-search), so the caller throws after parsing.
    explicit FieldValueProcessor(const schema::FieldSpec& field,
                                 std::string* deferred_error = nullptr)
        : m_field(field), m_deferred_error(deferred_error) {}
    /// @throws Xapian::QueryParserError for a value that cannot match (unknown country,
    /// bad year), unless errors are deferred.
    Xapian::Query operator()(const std::string& value) override;

  private:
    Xapian::Query value_query(const std::string& value);
    const schema::FieldSpec& m_field;
    std::string* m_deferred_error;
};

/// A query in the two forms the searcher ranks with.
struct ParsedQuery {
    /// The query as written: every word required (Xapian's OP_AND default).
    Xapian::Query all_words;
    /// The same query with its words and phrases optional, so documents with
    /// some of them match too; Query() (empty) when it cannot be relaxed: one
    /// optional part only, or explicit operators or parentheses, which say
    /// exactly what the user wants.
    Xapian::Query some_words;
    /// The spelling-corrected query text, or "" (corrected as typed: synonyms
    /// play no part in it).
    std::string corrected;
};

/// A query matching every document, made afresh. Never copy Xapian's shared
/// `Query::MatchAll`: its reference count is not atomic, so threads copying it
/// at once corrupt it (found by tests/torture/concurrent_readers_test.cpp:
/// crashes in `Query::get_length`).
inline Xapian::Query match_all() {
    return Xapian::Query(std::string());
}

/// Parses user queries: BM25 text with phrases, `+`/`-`, `AND`/`OR`/`NOT`,
/// `NEAR`, trailing wildcards, and every schema field as a `name:` prefix.
class QueryBuilder {
  public:
    /// With @p synonyms, expressions in queries also match their synonyms.
    explicit QueryBuilder(const Xapian::Database& db, const SynonymTable* synonyms = nullptr);

    /// Parses @p text; an empty or blank query matches every document. Words
    /// no document contains also match their nearest vocabulary words (see
    /// typo_expander.hpp); English stopwords are ignored outside phrases.
    /// ParsedQuery::some_words is only made when @p relax is true.
    /// @throws QueryError with the parser's message, or when @p text is over
    /// kMaxQueryBytes, kMaxQueryWords, kMaxQueryNesting or kMaxQueryWildcards.
    ParsedQuery parse_query(const std::string& text, bool relax);

    /// Turns the automatic `fuzzy:` rewriting of unknown words on or off
    /// (on by default); an explicit `fuzzy:word` still works.
    void set_typo_tolerance(bool on) { m_typo_tolerance = on; }

    /// The all-words form of parse_query(); @p corrected, when given, receives
    /// the spelling-corrected query or "".
    Xapian::Query parse(const std::string& text, std::string* corrected);

    /// Documents whose field @p name has any of @p values.
    /// @throws QueryError for a value that cannot be normalised.
    Xapian::Query any_of(const std::string& name, const std::vector<std::string>& values);

    /// Documents whose year lies in [from, to] (either end may be open).
    static Xapian::Query year_range(std::optional<int> from, std::optional<int> to);

    /// Documents dated within [from, to] (`YYYY[-MM[-DD]]`, either may be empty).
    /// @throws QueryError for a malformed date.
    static Xapian::Query date_range(const std::string& from, const std::string& to);

    /// Parse queries for documents in these languages (ISO 639-1 codes, as
    /// `--lang` gives them): their words are stemmed with those languages'
    /// stemmers only. Empty (the default) lets each query choose (see
    /// docs/languages.md): its detected language when the detector is sure,
    /// else every language of the index.
    void set_languages(const std::vector<std::string>& codes);

    /// The first stemmer of the last parsed query (English before any), for the
    /// title boost.
    const Xapian::Stem& stemmer() const { return m_stemmers.front(); }

    /// The stemmer the indexer used for documents in language @p code.
    const Xapian::Stem& stemmer_for_language(const std::string& code);

    /// The stemmers the last parsed query was parsed with, one per language.
    const std::vector<Xapian::Stem>& stemmers() const { return m_stemmers; }

  private:
    // parse_query() after the size check and the choice of stemmers.
    ParsedQuery parse_chosen(const std::string& query_text, bool relax);
    // Sets m_stemmers for @p query_text (see set_languages()).
    void choose_stemmers(const std::string& query_text);
    // Parses @p query_text; errors quote @p as_given.
    Xapian::Query parse_text(const std::string& query_text, const std::string& as_given,
                             std::string* corrected);
    // True when a plain or quoted word of @p query_text is absent from the
    // index or rare in it: only then can a spelling correction help.
    bool worth_correcting(const std::string& query_text) const;
    // parse_text() with @p op between words instead of AND.
    Xapian::Query parse_text_with(Xapian::Query::op op, const std::string& query_text,
                                  const std::string& as_given);

    Xapian::Database m_db;
    // The languages of the index (from its `L` terms), English first; then
    // those set_languages() asked for, if any.
    std::vector<std::string> m_index_languages;
    std::vector<std::string> m_languages;
    // One stemmer per language code, made once.
    std::vector<std::pair<std::string, Xapian::Stem>> m_stemmer_cache;
    // The current query's stemmers, never empty; the typo processor reads them.
    std::vector<Xapian::Stem> m_stemmers;
    // The stopper and field processors must outlive m_parser, which points at them.
    std::unique_ptr<Xapian::Stopper> m_stopper;
    std::vector<std::unique_ptr<FieldValueProcessor>> m_processors;
    FuzzyWordProcessor m_fuzzy;
    Xapian::QueryParser m_parser;
    bool m_has_spelling = false;
    bool m_typo_tolerance = true;
    const SynonymTable* m_synonyms;
    // The first bad field value of the query being parsed (see FieldValueProcessor).
    std::string m_field_error;
};

}  // namespace diplosearch::searcher
