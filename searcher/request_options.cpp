/// @file
/// @brief Search options as text onto a SearchRequest.
#include "request_options.hpp"

#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "country_gazetteer.hpp"
#include "text.hpp"

namespace diplosearch::searcher {

namespace {

// Splits comma-separated values so `--country PAK,CHN` equals two options.
std::vector<std::string> split_commas(const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (const auto& v : values) {
        for (const auto part : text::split(v, ',')) {
            if (!text::trim(part).empty()) out.emplace_back(text::trim(part));
        }
    }
    return out;
}

std::optional<int> parse_year_bound(const std::string& s) {
    if (s.empty()) return std::nullopt;
    int year = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), year);
    if (ec != std::errc{} || end != s.data() + s.size() || year < 1 || year > 9999) {
        throw OptionValueError("year", fmt::format("needs years from 1 to 9999, not '{}'", s));
    }
    return year;
}

void apply_year(const std::string& spec, SearchRequest& request) {
    const auto dots = spec.find("..");
    if (dots == std::string::npos) {
        request.year_from = request.year_to = parse_year_bound(spec);
    } else {
        request.year_from = parse_year_bound(spec.substr(0, dots));
        request.year_to = parse_year_bound(spec.substr(dots + 2));
    }
    if (!request.year_from && !request.year_to) {
        throw OptionValueError("year", "needs a year or a range A..B");
    }
}

SortOrder parse_sort(const std::string& s) {
    if (s == "relevance") return SortOrder::kRelevance;
    if (s == "date") return SortOrder::kDateAscending;
    if (s == "-date") return SortOrder::kDateDescending;
    throw OptionValueError("sort", "must be relevance, date or -date, not '" + s + "'");
}

}  // namespace

OptionValueError::OptionValueError(std::string option, std::string problem)
    : UsageError(fmt::format("--{} {}", option, problem)),
      m_option(std::move(option)),
      m_problem(std::move(problem)) {}

void apply_request_options(const RequestOptions& options, SearchRequest& request) {
    // ISO-style names contain commas ("Korea, Republic of"): keep a value whole when it
    // names a country.
    for (const auto& value : options.countries) {
        if (CountryGazetteer::builtin().resolve(value)) {
            request.countries.push_back(value);
        } else {
            for (auto& part : split_commas({value})) request.countries.push_back(std::move(part));
        }
    }
    request.topics = split_commas(options.topics);
    request.types = split_commas(options.types);
    request.langs = split_commas(options.langs);
    if (!options.year.empty()) apply_year(options.year, request);
    request.sort = parse_sort(options.sort);
    if (options.match != "most" && options.match != "all") {
        throw OptionValueError("match", "must be most or all, not '" + options.match + "'");
    }
    request.match = options.match == "all" ? MatchMode::kAllWords : MatchMode::kMostWords;
    request.facets =
        options.facets == "none" ? std::vector<std::string>{} : split_commas({options.facets});
    // Written so that NaN fails too: from_chars reads "nan" and "inf" as numbers.
    if (!(request.ranking.title_boost >= 0 && std::isfinite(request.ranking.title_boost))) {
        throw OptionValueError("title-boost", "must be a finite number, 0 or more");
    }
    if (!(request.ranking.phrase_boost >= 0 && std::isfinite(request.ranking.phrase_boost))) {
        throw OptionValueError("phrase-boost", "must be a finite number, 0 or more");
    }
}

}  // namespace diplosearch::searcher
