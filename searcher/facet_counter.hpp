/// @file
/// @brief Exact facet counts over the whole match set, including multi-valued
/// fields (one document about China and Pakistan counts under both).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "diplosearch/searcher.hpp"
#include "facet_column.hpp"

namespace diplosearch::searcher {

/// How a facet's value slot is encoded.
enum class FacetEncoding {
    kSingle,  ///< One string.
    kList,    ///< value_list of strings.
    kYear,    ///< sortable_serialise(year).
};

/// A facet the searcher can count.
struct FacetField {
    std::string name;
    Xapian::valueno slot;
    FacetEncoding encoding;
};

/// The facet fields in the order they are reported (`country`, `topic`, `year`, `type`).
const std::vector<FacetField>& facet_fields();

/// The facet called @p name, or nullptr.
const FacetField* find_facet_field(const std::string& name);

/// Calls @p each with every value (decoded: `PAK`, `2015`) that the raw slot
/// value @p raw of @p field holds.
void for_each_facet_value(const FacetField& field, const std::string& raw,
                          const std::function<void(std::string)>& each);

/// The facet of @p field from (value, count) pairs with positive counts: the
/// most frequent first (ties by value), at most @p limit values (0 for all),
/// country values labelled with their English names.
Facet ranked_facet(const FacetField& field,
                   std::vector<std::pair<std::string, std::uint64_t>> counts, std::uint32_t limit);

/// A MatchSpy counting several facets in one pass over the matches.
///
/// Xapian's ValueCountMatchSpy counts one value per slot; this one counts
/// each value of multi-valued fields, from FacetColumn tables.
class FacetCounter final : public Xapian::MatchSpy {
  public:
    /// @param db the database the matches come from: the columns of @p fields
    /// for its revision are read (or taken from the cache) here.
    FacetCounter(const Xapian::Database& db, std::vector<const FacetField*> fields);

    void operator()(const Xapian::Document& doc, double weight) override;
    std::string name() const override { return "diplosearch.FacetCounter"; }

    /// Counts for @p field, sorted most frequent first (ties by value), at most
    /// @p limit values (0 for all); country values get their English names.
    Facet result(const FacetField& field, std::uint32_t limit) const;

  private:
    std::vector<const FacetField*> m_fields;
    std::vector<std::shared_ptr<const FacetColumn>> m_columns;  // Parallel to m_fields.
    std::vector<std::vector<std::uint32_t>> m_counts;           // By field, then value id.
};

}  // namespace diplosearch::searcher
