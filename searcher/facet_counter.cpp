/// @file
/// @brief Multi-valued facet counting.
#include "facet_counter.hpp"

#include <algorithm>
#include <cmath>

#include "country_gazetteer.hpp"
#include "language.hpp"
#include "schema.hpp"
#include "value_list.hpp"

namespace diplosearch::searcher {

using schema::ValueSlot;

const std::vector<FacetField>& facet_fields() {
    static const std::vector<FacetField> fields = {
        {"country", schema::slot(ValueSlot::kCountries), FacetEncoding::kList},
        {"topic", schema::slot(ValueSlot::kTopics), FacetEncoding::kList},
        {"year", schema::slot(ValueSlot::kYear), FacetEncoding::kYear},
        {"type", schema::slot(ValueSlot::kType), FacetEncoding::kSingle},
        {"mentions", schema::slot(ValueSlot::kMentions), FacetEncoding::kList},
        {"lang", schema::slot(ValueSlot::kLang), FacetEncoding::kSingle},
    };
    return fields;
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
    const auto it = std::find(m_fields.begin(), m_fields.end(), &field);
    if (it == m_fields.end()) return Facet{field.name, {}, 0};
    const auto i = static_cast<std::size_t>(it - m_fields.begin());
    const std::vector<std::string>& values = m_columns[i]->values();
    const std::vector<std::uint32_t>& counts = m_counts[i];
    std::vector<std::pair<std::string, std::uint64_t>> present;
    for (std::uint32_t id = 0; id < counts.size(); ++id) {
        if (counts[id] > 0) present.emplace_back(values[id], counts[id]);
    }
    return ranked_facet(field, std::move(present), limit);
}

void for_each_facet_value(const FacetField& field, const std::string& raw,
                          const std::function<void(std::string)>& each) {
    switch (field.encoding) {
        case FacetEncoding::kSingle:
            each(raw);
            break;
        case FacetEncoding::kList:
            value_list::for_each(raw, [&](std::string_view item) { each(std::string(item)); });
            break;
        case FacetEncoding::kYear:
            each(std::to_string(static_cast<int>(std::lround(Xapian::sortable_unserialise(raw)))));
            break;
    }
}

Facet ranked_facet(const FacetField& field,
                   std::vector<std::pair<std::string, std::uint64_t>> counts, std::uint32_t limit) {
    Facet facet{field.name, {}, counts.size()};
    const auto shown = limit > 0 && counts.size() > limit ? counts.begin() + limit : counts.end();
    std::partial_sort(counts.begin(), shown, counts.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    for (auto it = counts.begin(); it != shown; ++it) {
        facet.values.push_back({it->first, it->first, it->second});
    }
    if (field.name == "country" || field.name == "mentions") {
        for (auto& v : facet.values) {
            if (const Country* c = CountryGazetteer::builtin().find_alpha3(v.value)) {
                v.label = c->short_name;
            }
        }
    }
    if (field.name == "lang") {
        for (auto& v : facet.values) {
            if (const auto* language = language::find_language(v.value)) {
                v.label = std::string(language->english_name);
            }
        }
    }
    return facet;
}

}  // namespace diplosearch::searcher
