/// @file
/// @brief Exact facet counts over the whole match set, including multi-valued
/// fields (one document about China and Pakistan counts under both).
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "diplosearch/searcher.hpp"

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

/// A MatchSpy counting several facets in one pass over the matches.
///
/// Xapian's ValueCountMatchSpy counts one value per slot; this one splits
/// list-encoded slots so each value is counted.
class FacetCounter final : public Xapian::MatchSpy {
  public:
    /// @param db the database the matches come from: its value streams are
    /// read in docid order, which costs far less per match than a document's
    /// get_value(), a fresh B-tree lookup each time.
    FacetCounter(const Xapian::Database& db, std::vector<const FacetField*> fields);

    void operator()(const Xapian::Document& doc, double weight) override;
    std::string name() const override { return "diplosearch.FacetCounter"; }

    /// Counts for @p field, sorted most frequent first (ties by value), at most
    /// @p limit values (0 for all); country values get their English names.
    Facet result(const FacetField& field, std::uint32_t limit) const;

  private:
    // Looks strings up by string_view, so counting a value allocates nothing.
    struct RawHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };
    using RawCounts = std::unordered_map<std::string, std::uint64_t, RawHash, std::equal_to<>>;

    // The value of @p i's slot for document @p did, from its value stream
    // when matches arrive in docid order (as Xapian's matcher sends them).
    std::string value_of(std::size_t i, const Xapian::Document& doc);

    Xapian::Database m_db;
    std::vector<const FacetField*> m_fields;
    std::vector<Xapian::ValueIterator> m_streams;  // Parallel to m_fields.
    // Documents per raw slot value (a whole country list, a serialised year),
    // parallel to m_fields: one lookup per document and field while matching;
    // lists are split and years decoded once per distinct value in result().
    std::vector<RawCounts> m_raw;
};

}  // namespace diplosearch::searcher
