/// @file
/// @brief Search results to JSON.
#include "results_json.hpp"

namespace diplosearch::searcher {

namespace {

nlohmann::json optional_string(const std::string& s) {
    return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

// The stored fields a hit and a fetched document share.
nlohmann::json fields_to_json(const Document& d) {
    const int year = d.year();
    nlohmann::json json = {
        {"id", d.id},
        {"title", d.title},
        {"date", optional_string(d.date)},
        {"year", year > 0 ? nlohmann::json(year) : nlohmann::json(nullptr)},
        {"countries", d.countries},
        {"topics", d.topics},
        {"mentions", d.mentions},
        {"extracted", d.extracted},
        {"type", optional_string(d.type)},
        {"lang", optional_string(d.lang)},
        {"source", optional_string(d.source)},
        {"speaker", optional_string(d.speaker)},
        {"url", optional_string(d.url)},
        {"path", optional_string(d.path)},
    };
    if (!d.symbols.empty()) json["symbols"] = d.symbols;
    // E-mail fields only where there are any, so other hits print as before.
    if (!d.sender.empty()) json["sender"] = d.sender;
    if (!d.recipients.empty()) json["recipients"] = d.recipients;
    return json;
}

// Keys are sorted on output (nlohmann::json objects are ordered maps), so adding the
// hit's own fields to the shared ones prints exactly what one literal would.
nlohmann::json hit_to_json(const Hit& hit) {
    nlohmann::json json = fields_to_json(hit.document);
    json["rank"] = hit.rank;
    json["score"] = hit.score;
    json["all_words"] = hit.all_words;
    json["snippet"] = hit.snippet;
    json["duplicates"] = hit.duplicates;
    return json;
}

}  // namespace

nlohmann::json results_to_json(const SearchResults& results) {
    nlohmann::json hits = nlohmann::json::array();
    for (const auto& hit : results.hits) hits.push_back(hit_to_json(hit));
    nlohmann::json facets = nlohmann::json::object();
    for (const auto& facet : results.facets) {
        nlohmann::json values = nlohmann::json::array();
        for (const auto& v : facet.values) {
            values.push_back({{"value", v.value}, {"label", v.label}, {"count", v.count}});
        }
        facets[facet.field] = {{"distinct", facet.distinct}, {"values", std::move(values)}};
    }
    nlohmann::json json = {
        {"format_version", kJsonFormatVersion},
        {"query", results.query},
        {"like", results.like.empty() ? nlohmann::json(nullptr) : nlohmann::json(results.like)},
        {"duplicates_of", optional_string(results.duplicates_of)},
        {"total", results.total},
        {"collapsed", results.collapsed},
        {"all_words", results.all_words},
        {"offset", results.offset},
        {"limit", results.limit},
        {"suggestion",
         results.suggestion ? nlohmann::json(*results.suggestion) : nlohmann::json(nullptr)},
        {"corrected_query", results.corrected_query ? nlohmann::json(*results.corrected_query)
                                                    : nlohmann::json(nullptr)},
        {"hits", std::move(hits)},
        {"facets", std::move(facets)},
    };
    // Only partial results carry it, so complete answers keep their contract.
    if (!results.missing_shards.empty()) json["missing_shards"] = results.missing_shards;
    return json;
}

nlohmann::json document_to_json(const Document& document) {
    nlohmann::json json = fields_to_json(document);
    json["text"] = document.text;
    return json;
}

std::string contract_text(const nlohmann::json& json) {
    return json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + '\n';
}

}  // namespace diplosearch::searcher
