/// @file
/// @brief One facet field of a whole database revision held in memory as small
/// integers, so counting a match is a few array increments.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace diplosearch::searcher {

struct FacetField;

/// The values of one facet field for every document of one database revision:
/// each distinct value once, and per docid the ids of its values.
///
/// Counting facets over a match set that covers most of the corpus is the
/// costliest part of a broad query; reading value streams and hashing strings
/// per match made it ten times slower than the search itself. The column is
/// read once per revision (one pass over the slot's value stream) and shared
/// by every counter and thread.
class FacetColumn {
  public:
    /// Reads @p field's slot of @p db.
    FacetColumn(const Xapian::Database& db, const FacetField& field);

    /// The column of @p field for @p db's current revision, shared with every
    /// other caller that asks for the same revision; read when first asked.
    /// Databases without a stable identity (in-memory ones) are read every time.
    static std::shared_ptr<const FacetColumn> of(const Xapian::Database& db,
                                                 const FacetField& field);

    /// Distinct values, decoded (`PAK`, `2015`), indexed by value id.
    const std::vector<std::string>& values() const { return m_values; }

    /// Adds one to @p counts (indexed by value id, at least values().size()
    /// long) for each value of document @p did.
    void count(Xapian::docid did, std::vector<std::uint32_t>& counts) const {
        if (did + 1 >= m_first.size()) return;
        for (std::uint32_t k = m_first[did]; k < m_first[did + 1]; ++k) ++counts[m_ids[k]];
    }

  private:
    std::vector<std::string> m_values;
    std::vector<std::uint32_t> m_first;  // docid -> start in m_ids; one past lastdocid + 1.
    std::vector<std::uint32_t> m_ids;
};

}  // namespace diplosearch::searcher
