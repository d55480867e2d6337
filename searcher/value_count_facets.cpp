/// @file
/// @brief Facets from ValueCountMatchSpy counts of raw slot values.
#include "value_count_facets.hpp"

#include <algorithm>
#include <map>

namespace diplosearch::searcher {

ValueCountFacets::ValueCountFacets(std::vector<const FacetField*> fields)
    : m_fields(std::move(fields)) {
    for (const FacetField* field : m_fields) {
        m_spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(field->slot));
    }
}

void ValueCountFacets::attach(Xapian::Enquire& enquire) {
    for (auto& spy : m_spies) enquire.add_matchspy(spy.get());
}

Facet ValueCountFacets::result(const FacetField& field, std::uint32_t limit) const {
    const auto it = std::find(m_fields.begin(), m_fields.end(), &field);
    if (it == m_fields.end()) return Facet{field.name, {}, 0};
    const Xapian::ValueCountMatchSpy& spy =
        *m_spies[static_cast<std::size_t>(it - m_fields.begin())];
    std::map<std::string, std::uint64_t> counts;
    for (auto raw = spy.values_begin(); raw != spy.values_end(); ++raw) {
        const std::uint64_t documents = raw.get_termfreq();
        for_each_facet_value(field, *raw, [&](std::string value) { counts[value] += documents; });
    }
    return ranked_facet(field, {counts.begin(), counts.end()}, limit);
}

}  // namespace diplosearch::searcher
