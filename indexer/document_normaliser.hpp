/// @file
/// @brief Turns a raw parsed Document into the canonical form that is indexed.
#pragma once

#include <string>
#include <vector>

#include "country_gazetteer.hpp"
#include "diplosearch/document.hpp"

namespace diplosearch::indexer {

/// Canonicalises documents: UTF-8 repaired, countries to alpha-3, topics and
/// types to slugs, dates validated, ids and titles filled in.
class DocumentNormaliser {
  public:
    explicit DocumentNormaliser(const CountryGazetteer& gazetteer) : m_gazetteer(gazetteer) {}

    /// Normalises @p doc in place. @p fallback_id is used when the document has
    /// no id. Values that cannot be used are dropped and described in @p warnings.
    /// @throws std::invalid_argument when the document has neither text nor title.
    void normalise(Document& doc, const std::string& fallback_id,
                   std::vector<std::string>& warnings) const;

  private:
    void resolve_countries(Document& doc, std::vector<std::string>& warnings) const;

    const CountryGazetteer& m_gazetteer;
};

}  // namespace diplosearch::indexer
