/// @file
/// @brief The endpoints' answers.
#include "endpoints.hpp"

#include "http_error.hpp"
#include "results_json.hpp"
#include "suggestions_json.hpp"

namespace diplosearch::server {

using searcher::contract_text;
using searcher::kJsonFormatVersion;

Reply Endpoints::run_search(SearchRequest request, double time_limit) {
    request.time_limit = time_limit;
    const SearchResults results = m_searcher.search(request);
    return {contract_text(searcher::results_to_json(results)), results.exact,
            results.missing_shards};
}

void Endpoints::require_document(const std::string& id) {
    if (!m_searcher.document(id)) {
        throw HttpError(404, "not_found", "no document with id '" + id + "'");
    }
}

Reply Endpoints::search(const Params& params, double time_limit) {
    return run_search(parse_search_params(params, SearchEndpoint::kSearch, m_limits), time_limit);
}

Reply Endpoints::document(const std::string& id, const Params& params) {
    expect_no_params(params);
    const std::optional<Document> document = m_searcher.document(id);
    if (!document) throw HttpError(404, "not_found", "no document with id '" + id + "'");
    return {contract_text({{"format_version", kJsonFormatVersion},
                           {"document", searcher::document_to_json(*document)}})};
}

Reply Endpoints::similar(const std::string& id, const Params& params, double time_limit) {
    SearchRequest request = parse_search_params(params, SearchEndpoint::kSimilar, m_limits);
    // An unknown id is a missing resource here, not a bad parameter as with `like=`.
    require_document(id);
    request.time_limit = time_limit;
    const SearchResults results = m_searcher.similar(id, std::move(request));
    return {contract_text(searcher::results_to_json(results)), results.exact,
            results.missing_shards};
}

Reply Endpoints::facets(const Params& params, double time_limit) {
    SearchRequest request = parse_search_params(params, SearchEndpoint::kFacets, m_limits);
    request.time_limit = time_limit;
    const SearchResults results = m_searcher.search(request);
    const nlohmann::json full = searcher::results_to_json(results);
    nlohmann::json json;
    for (const char* key : {"format_version", "query", "like", "duplicates_of", "total",
                            "collapsed", "all_words", "suggestion", "corrected_query", "facets"}) {
        json[key] = full.at(key);
    }
    if (!results.missing_shards.empty()) json["missing_shards"] = results.missing_shards;
    return {contract_text(json), results.exact, results.missing_shards};
}

Reply Endpoints::suggest(const Params& params) {
    const SuggestParams suggest = parse_suggest_params(params, m_limits);
    return {contract_text(searcher::suggestions_to_json(
        suggest.prefix, m_searcher.suggest(suggest.prefix, suggest.limit)))};
}

Reply Endpoints::stats(const Params& params) {
    expect_no_params(params);
    const IndexInfo info = m_searcher.info();
    return {contract_text({
        {"format_version", kJsonFormatVersion},
        {"documents", info.documents},
        {"schema_version", info.schema_version},
        {"revision", info.revision},
        {"generation", info.generation ? nlohmann::json(*info.generation) : nlohmann::json()},
    })};
}

}  // namespace diplosearch::server
