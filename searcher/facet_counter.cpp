/// @file
/// @brief Multi-valued facet counting.
#include "facet_counter.hpp"

#include <algorithm>
#include <cmath>

#include "country_gazetteer.hpp"
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
    : m_db(db), m_fields(std::move(fields)), m_raw(m_fields.size()) {
    for (const FacetField* field : m_fields)
        m_streams.push_back(m_db.valuestream_begin(field->slot));
}

std::string FacetCounter::value_of(std::size_t i, const Xapian::Document& doc) {
    const Xapian::docid did = doc.get_docid();
    Xapian::ValueIterator& stream = m_streams[i];
    const Xapian::ValueIterator end = m_db.valuestream_end(m_fields[i]->slot);
    if (stream != end && stream.get_docid() > did) {
        // Out of order (never from Xapian's matcher): start the stream again.
        stream = m_db.valuestream_begin(m_fields[i]->slot);
    }
    if (stream == end) return {};
    if (stream.get_docid() < did) stream.skip_to(did);
    return stream != end && stream.get_docid() == did ? *stream : std::string();
}

void FacetCounter::operator()(const Xapian::Document& doc, double) {
    for (std::size_t i = 0; i < m_fields.size(); ++i) {
        const std::string value = value_of(i, doc);
        if (value.empty()) continue;
        auto& raw = m_raw[i];
        if (const auto it = raw.find(std::string_view(value)); it != raw.end()) {
            ++it->second;
        } else {
            raw.emplace(value, 1);
        }
    }
}

Facet FacetCounter::result(const FacetField& field, std::uint32_t limit) const {
    Facet facet{field.name, {}, 0};
    const auto it = std::find(m_fields.begin(), m_fields.end(), &field);
    if (it == m_fields.end()) return facet;
    std::unordered_map<std::string, std::uint64_t> counts;
    for (const auto& [value, documents] : m_raw[static_cast<std::size_t>(it - m_fields.begin())]) {
        switch (field.encoding) {
            case FacetEncoding::kSingle:
                counts[value] += documents;
                break;
            case FacetEncoding::kList:
                value_list::for_each(
                    value, [&](std::string_view item) { counts[std::string(item)] += documents; });
                break;
            case FacetEncoding::kYear:
                counts[std::to_string(static_cast<int>(
                    std::lround(Xapian::sortable_unserialise(value))))] += documents;
                break;
        }
    }
    facet.distinct = counts.size();
    for (const auto& [value, count] : counts) facet.values.push_back({value, value, count});
    std::sort(facet.values.begin(), facet.values.end(),
              [](const FacetValue& a, const FacetValue& b) {
                  return a.count != b.count ? a.count > b.count : a.value < b.value;
              });
    if (limit > 0 && facet.values.size() > limit) facet.values.resize(limit);
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
