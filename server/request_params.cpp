/// @file
/// @brief Query-string parameters into requests.
#include "request_params.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "request_options.hpp"

namespace diplosearch::server {

using searcher::OptionValueError;

namespace {

// Parameter names are the CLI's long option names, `q` standing for the query words.
constexpr std::string_view kFilterParams[] = {
    "q",           "country",  "topic",        "type",   "year",
    "from",        "to",       "match",        "facets", "facet-size",
    "no-synonyms", "no-fuzzy", "auto-correct", "like",   "duplicates-of",
    "lang",
};
constexpr std::string_view kPageParams[] = {
    "sort",          "limit",       "offset",       "snippet-length", "no-collapse",
    "prefer-recent", "title-boost", "phrase-boost", "allow-partial",
};

bool contains(std::span<const std::string_view> names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// Typed access to a request's parameters; every lookup checks the value, and the
// constructor refuses names the endpoint does not take, so a typo is a 400, not ignored.
class ParamReader {
  public:
    template <typename Accept>
    ParamReader(const Params& params, Accept&& accepts) : m_params(params) {
        for (const auto& [name, value] : params) {
            if (!accepts(name)) throw OptionValueError(name, "is not a parameter of this endpoint");
        }
    }

    std::optional<std::string> single(const std::string& name) const {
        const auto [first, last] = m_params.equal_range(name);
        if (first == last) return std::nullopt;
        if (std::next(first) != last) throw OptionValueError(name, "is given more than once");
        return first->second;
    }

    std::vector<std::string> all(const std::string& name) const {
        std::vector<std::string> values;
        const auto [first, last] = m_params.equal_range(name);
        for (auto it = first; it != last; ++it) values.push_back(it->second);
        return values;
    }

    std::optional<std::uint32_t> count(const std::string& name, std::uint32_t low,
                                       std::uint32_t high) const {
        const auto text = single(name);
        if (!text) return std::nullopt;
        std::uint64_t value = 0;
        const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
        if (text->empty() || ec != std::errc{} || end != text->data() + text->size() ||
            value < low || value > high) {
            throw OptionValueError(
                name,
                fmt::format("must be a whole number from {} to {}, not '{}'", low, high, *text));
        }
        return static_cast<std::uint32_t>(value);
    }

    std::optional<double> number(const std::string& name) const {
        const auto text = single(name);
        if (!text) return std::nullopt;
        double value = 0;
        const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
        if (text->empty() || ec != std::errc{} || end != text->data() + text->size()) {
            throw OptionValueError(name, fmt::format("must be a number, not '{}'", *text));
        }
        return value;
    }

    // A switch: present without a value (`?no-fuzzy`) or with 1/true means on.
    bool flag(const std::string& name) const {
        const auto text = single(name);
        if (!text) return false;
        if (text->empty() || *text == "1" || *text == "true") return true;
        if (*text == "0" || *text == "false") return false;
        throw OptionValueError(name, fmt::format("must be true or false, not '{}'", *text));
    }

  private:
    const Params& m_params;
};

std::size_t word_count(std::string_view text) {
    std::size_t words = 0;
    bool in_word = false;
    for (const char c : text) {
        const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    return words;
}

std::string checked_query(const ParamReader& reader, const std::string& name,
                          const RequestLimits& limits) {
    std::string query = reader.single(name).value_or("");
    if (query.size() > limits.max_query_bytes) {
        throw OptionValueError(name,
                               fmt::format("is longer than {} bytes", limits.max_query_bytes));
    }
    if (word_count(query) > limits.max_query_terms) {
        throw OptionValueError(name, fmt::format("has more than {} words", limits.max_query_terms));
    }
    return query;
}

}  // namespace

SearchRequest parse_search_params(const Params& params, SearchEndpoint endpoint,
                                  const RequestLimits& limits) {
    const ParamReader reader(params, [&](const std::string& name) {
        if (endpoint == SearchEndpoint::kSimilar && name == "like") return false;
        return contains(kFilterParams, name) ||
               (endpoint != SearchEndpoint::kFacets && contains(kPageParams, name));
    });
    SearchRequest request;
    request.query = checked_query(reader, "q", limits);
    request.date_from = reader.single("from").value_or("");
    request.date_to = reader.single("to").value_or("");
    request.like = reader.single("like").value_or("");
    request.duplicates_of = reader.single("duplicates-of").value_or("");
    request.limit = reader.count("limit", 0, limits.max_limit).value_or(request.limit);
    request.offset = reader.count("offset", 0, limits.max_offset).value_or(request.offset);
    request.facet_size =
        reader.count("facet-size", 1, limits.max_facet_size).value_or(request.facet_size);
    request.snippet_length = reader.count("snippet-length", 0, limits.max_snippet_length)
                                 .value_or(request.snippet_length);
    request.ranking.title_boost =
        reader.number("title-boost").value_or(request.ranking.title_boost);
    request.ranking.phrase_boost =
        reader.number("phrase-boost").value_or(request.ranking.phrase_boost);
    request.ranking.prefer_recent = reader.flag("prefer-recent");
    request.synonyms = !reader.flag("no-synonyms");
    request.typo_tolerance = !reader.flag("no-fuzzy");
    request.collapse = !reader.flag("no-collapse");
    request.auto_correct = reader.flag("auto-correct");
    request.allow_partial = reader.flag("allow-partial");

    searcher::RequestOptions options;
    options.countries = reader.all("country");
    options.topics = reader.all("topic");
    options.types = reader.all("type");
    options.langs = reader.all("lang");
    options.year = reader.single("year").value_or("");
    if (reader.single("year") && options.year.empty()) {
        throw OptionValueError("year", "needs a year or a range A..B");
    }
    options.sort = reader.single("sort").value_or(options.sort);
    options.match = reader.single("match").value_or(options.match);
    options.facets = reader.single("facets").value_or(options.facets);
    searcher::apply_request_options(options, request);
    if (endpoint == SearchEndpoint::kFacets) {
        request.limit = 0;
        request.snippet_length = 0;
    }
    return request;
}

SuggestParams parse_suggest_params(const Params& params, const RequestLimits& limits) {
    const ParamReader reader(
        params, [](const std::string& name) { return name == "q" || name == "limit"; });
    if (!reader.single("q")) throw OptionValueError("q", "is required");
    SuggestParams suggest;
    suggest.prefix = checked_query(reader, "q", limits);
    suggest.limit = reader.count("limit", 1, limits.max_suggestions).value_or(suggest.limit);
    return suggest;
}

void expect_no_params(const Params& params) {
    const ParamReader reader(params, [](const std::string&) { return false; });
}

}  // namespace diplosearch::server
