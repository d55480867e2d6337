/// @file
/// @brief Fuzzes the HTTP service's request handling after URL decoding: the
/// query-string parameters of /search, /similar, /facets and /suggest into requests,
/// with the service's caps. The input is `name=value` pairs separated by `&`; the
/// first byte picks the endpoint.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "request_options.hpp"
#include "request_params.hpp"
#include "service_options.hpp"

using namespace diplosearch::server;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const unsigned endpoint = data[0] % 4;
    std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    Params params;
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const std::string_view pair = rest.substr(0, amp);
        const auto eq = pair.find('=');
        params.emplace(std::string(pair.substr(0, eq)), eq == std::string_view::npos
                                                            ? std::string()
                                                            : std::string(pair.substr(eq + 1)));
        if (amp == std::string_view::npos) break;
        rest.remove_prefix(amp + 1);
    }
    const RequestLimits limits;
    try {
        if (endpoint == 3) {
            const SuggestParams suggest = parse_suggest_params(params, limits);
            if (suggest.limit < 1 || suggest.limit > limits.max_suggestions) std::abort();
            if (suggest.prefix.size() > limits.max_query_bytes) std::abort();
        } else {
            const auto kind = endpoint == 0   ? SearchEndpoint::kSearch
                              : endpoint == 1 ? SearchEndpoint::kSimilar
                                              : SearchEndpoint::kFacets;
            const diplosearch::SearchRequest request = parse_search_params(params, kind, limits);
            // The caps are what stands between a request and the index: they must hold.
            if (request.limit > limits.max_limit || request.offset > limits.max_offset ||
                request.query.size() > limits.max_query_bytes ||
                request.snippet_length > limits.max_snippet_length ||
                request.facet_size > limits.max_facet_size) {
                std::abort();
            }
        }
    } catch (const diplosearch::searcher::OptionValueError&) {
        // Answered with a 400 naming the parameter.
    }
    return 0;
}
