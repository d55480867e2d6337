/// @file
/// @brief Facet counts that Xapian's remote backend can compute: one
/// ValueCountMatchSpy per facet, whose per-shard results Xapian merges.
#pragma once

#include <xapian.h>

#include <memory>
#include <vector>

#include "facet_counter.hpp"

namespace diplosearch::searcher {

/// Counts facets over a database with remote shards, where a MatchSpy of our
/// own cannot run (xapian-tcpsrv only knows Xapian's classes). A
/// ValueCountMatchSpy counts each distinct raw slot value: a multi-valued
/// field's list (`CHN|PAK`) counts as one, so result() splits each list and
/// adds its count to every value in it, which gives the same counts as
/// FacetCounter. It is slower than FacetCounter's columns, hence only used
/// for databases of several parts.
class ValueCountFacets {
  public:
    explicit ValueCountFacets(std::vector<const FacetField*> fields);

    /// Adds the spies to @p enquire; they must outlive its get_mset().
    void attach(Xapian::Enquire& enquire);

    /// As FacetCounter::result().
    Facet result(const FacetField& field, std::uint32_t limit) const;

  private:
    std::vector<const FacetField*> m_fields;
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> m_spies;  // Parallel to m_fields.
};

}  // namespace diplosearch::searcher
