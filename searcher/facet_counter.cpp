/// @file
/// @brief Multi-valued facet counting.
#include "facet_counter.hpp"

#include <algorithm>

#include "country_gazetteer.hpp"
#include "schema.hpp"

namespace diplosearch::searcher {

using schema::ValueSlot;

const std::vector<FacetField>& facet_fields() {
    static const std::vector<FacetField> fields = {
        {"country", schema::slot(ValueSlot::kCountries), FacetEncoding::kList},
        {"topic", schema::slot(ValueSlot::kTopics), FacetEncoding::kList},
        {"year", schema::slot(ValueSlot::kYear), FacetEncoding::kYear},
        {"type", schema::slot(ValueSlot::kType), FacetEncoding::kSingle},
        {"mentions", schema::slot(ValueSlot::kMentions), FacetEncoding::kList},
    };
    return fields;
        {"lang", schema::slot(ValueSlot::kLang), FacetEncoding::kSingle},
}

const FacetField* find_facet_field(const std::string& name) {
    for (const auto& field : facet_fields()) {
        if (field.name == name) return &field;
    }
    return nullptr;
}

FacetCounter::FacetCounter(const Xapian::Database& db, std::vector<const FacetField*> fields)
    : m_fields(std::move(fields)) {
    for (const FacetField* field : m_fields) {
        m_columns.push_back(FacetColumn::of(db, *field));
        m_counts.emplace_back(m_columns.back()->values().size(), 0);
    }
}

void FacetCounter::operator()(const Xapian::Document& doc, double) {
    const Xapian::docid did = doc.get_docid();
    for (std::size_t i = 0; i < m_columns.size(); ++i) m_columns[i]->count(did, m_counts[i]);
}

Facet FacetCounter::result(const FacetField& field, std::uint32_t limit) const {
    Facet facet{field.name, {}, 0};
    const auto it = std::find(m_fields.begin(), m_fields.end(), &field);
    if (it == m_fields.end()) return facet;
    const auto i = static_cast<std::size_t>(it - m_fields.begin());
    const std::vector<std::string>& values = m_columns[i]->values();
    const std::vector<std::uint32_t>& counts = m_counts[i];
    // Only the values shown become strings: a facet may have thousands.
    std::vector<std::uint32_t> present;
    for (std::uint32_t id = 0; id < counts.size(); ++id) {
        if (counts[id] > 0) present.push_back(id);
    }
    facet.distinct = present.size();
    const auto shown =
        limit > 0 && present.size() > limit ? present.begin() + limit : present.end();
    std::partial_sort(present.begin(), shown, present.end(), [&](std::uint32_t a, std::uint32_t b) {
        return counts[a] != counts[b] ? counts[a] > counts[b] : values[a] < values[b];
    });
    for (auto id = present.begin(); id != shown; ++id) {
        facet.values.push_back({values[*id], values[*id], counts[*id]});
    }
    if (field.name == "country" || field.name == "mentions") {
        for (auto& v : facet.values) {
            if (const Country* c = CountryGazetteer::builtin().find_alpha3(v.value)) {
                v.label = c->short_name;
            }
        }
    }
    return facet;
}

}  // namespace diplosearch::searcher
