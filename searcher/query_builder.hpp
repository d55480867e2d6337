/// @file
/// @brief Query syntax and filters, configured from the schema table.
#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

#include "schema.hpp"
#include "synonym_table.hpp"

namespace diplosearch::searcher {

/// Turns the value after a boolean `field:` (or a filter option) into a query:
/// countries via the gazetteer, slugs, years and dates with `A..B` ranges.
class FieldValueProcessor final : public Xapian::FieldProcessor {
  public:
    explicit FieldValueProcessor(const schema::FieldSpec& field) : m_field(field) {}
    /// @throws Xapian::QueryParserError for a value that cannot match (unknown country, bad year).
    Xapian::Query operator()(const std::string& value) override;

  private:
    const schema::FieldSpec& m_field;
};

/// Parses user queries: BM25 text with phrases, `+`/`-`, `AND`/`OR`/`NOT`,
/// `NEAR`, trailing wildcards, and every schema field as a `name:` prefix.
class QueryBuilder {
  public:
    /// With @p synonyms, expressions in queries also match their synonyms.
    explicit QueryBuilder(const Xapian::Database& db, const SynonymTable* synonyms = nullptr);

    /// Parses @p text; an empty or blank query matches every document.
    /// When @p corrected is given it receives a spelling-corrected query, or ""
    /// (corrected as typed: synonyms play no part in it).
    /// @throws QueryError with the parser's message.
    Xapian::Query parse(const std::string& text, std::string* corrected);

    /// Documents whose field @p name has any of @p values.
    /// @throws QueryError for a value that cannot be normalised.
    Xapian::Query any_of(const std::string& name, const std::vector<std::string>& values);

    /// Documents whose year lies in [from, to] (either end may be open).
    static Xapian::Query year_range(std::optional<int> from, std::optional<int> to);

    /// Documents dated within [from, to] (`YYYY[-MM[-DD]]`, either may be empty).
    /// @throws QueryError for a malformed date.
    static Xapian::Query date_range(const std::string& from, const std::string& to);

    /// The stemmer used for queries and snippets (same as the indexer's).
    const Xapian::Stem& stemmer() const { return m_stemmer; }

  private:
    // Parses @p query_text; errors quote @p as_given.
    Xapian::Query parse_text(const std::string& query_text, const std::string& as_given,
                             std::string* corrected);

    Xapian::Stem m_stemmer;
    std::vector<std::unique_ptr<FieldValueProcessor>> m_processors;  // Outlive m_parser.
    Xapian::QueryParser m_parser;
    bool m_has_spelling = false;
    const SynonymTable* m_synonyms;
};

}  // namespace diplosearch::searcher
