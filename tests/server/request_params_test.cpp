// @brief Query-string parameters into SearchRequests: the CLI's names and meanings, the
// service's caps, and a 400-ready error naming the parameter for every bad one.
#include <catch2/catch.hpp>

#include "request_options.hpp"
#include "request_params.hpp"

using diplosearch::MatchMode;
using diplosearch::SortOrder;
using diplosearch::searcher::OptionValueError;
using diplosearch::server::Params;
using diplosearch::server::parse_search_params;
using diplosearch::server::parse_suggest_params;
using diplosearch::server::RequestLimits;
using diplosearch::server::SearchEndpoint;

namespace {

// The name of the parameter an error blames, or "" when parsing succeeded.
std::string blamed(const Params& params, SearchEndpoint endpoint = SearchEndpoint::kSearch) {
    try {
        parse_search_params(params, endpoint, RequestLimits{});
    } catch (const OptionValueError& e) {
        return e.option();
    }
    return "";
}

}  // namespace

TEST_CASE("search parameters carry the CLI's options", "[server][params]") {
    const Params params = {
        {"q", "gwadar port"},       {"country", "PAK,CHN"},  {"country", "Korea, Republic of"},
        {"topic", "cpec"},          {"type", "article"},     {"year", "2010..2020"},
        {"from", "2011-01"},        {"to", "2019"},          {"sort", "-date"},
        {"match", "all"},           {"limit", "25"},         {"offset", "50"},
        {"facets", "country,year"}, {"facet-size", "5"},     {"snippet-length", "0"},
        {"no-synonyms", ""},        {"prefer-recent", "1"},  {"title-boost", "2.5"},
        {"phrase-boost", "0"},      {"no-fuzzy", "true"},    {"auto-correct", "false"},
        {"no-collapse", ""},        {"duplicates-of", "x-1"}};
    const auto r = parse_search_params(params, SearchEndpoint::kSearch, RequestLimits{});
    CHECK(r.query == "gwadar port");
    CHECK(r.countries == std::vector<std::string>{"PAK", "CHN", "Korea, Republic of"});
    CHECK(r.topics == std::vector<std::string>{"cpec"});
    CHECK(r.types == std::vector<std::string>{"article"});
    CHECK(r.year_from == 2010);
    CHECK(r.year_to == 2020);
    CHECK(r.date_from == "2011-01");
    CHECK(r.date_to == "2019");
    CHECK(r.sort == SortOrder::kDateDescending);
    CHECK(r.match == MatchMode::kAllWords);
    CHECK(r.limit == 25);
    CHECK(r.offset == 50);
    CHECK(r.facets == std::vector<std::string>{"country", "year"});
    CHECK(r.facet_size == 5);
    CHECK(r.snippet_length == 0);
    CHECK_FALSE(r.synonyms);
    CHECK(r.ranking.prefer_recent);
    CHECK(r.ranking.title_boost == 2.5);
    CHECK(r.ranking.phrase_boost == 0);
    CHECK_FALSE(r.typo_tolerance);
    CHECK_FALSE(r.auto_correct);
    CHECK_FALSE(r.collapse);
    CHECK(r.duplicates_of == "x-1");
    CHECK(r.highlight.html_escape);
    CHECK(r.highlight.start == "<b>");
}

TEST_CASE("no parameters is the CLI's default request", "[server][params]") {
    const auto r = parse_search_params({}, SearchEndpoint::kSearch, RequestLimits{});
    const diplosearch::SearchRequest cli;
    CHECK(r.query.empty());
    CHECK(r.limit == cli.limit);
    CHECK(r.facets == cli.facets);
    CHECK(r.snippet_length == cli.snippet_length);
    CHECK(r.collapse);
    CHECK(r.typo_tolerance);
    CHECK(r.synonyms);
    CHECK(r.sort == SortOrder::kRelevance);
    CHECK(r.match == MatchMode::kMostWords);
}

TEST_CASE("every bad parameter is blamed by name", "[server][params]") {
    struct Case {
        Params params;
        std::string parameter;
    };
    const std::string long_query(1025, 'a');
    std::string many_words;
    for (int i = 0; i < 33; ++i) many_words += "w" + std::to_string(i) + " ";
    const std::vector<Case> cases = {
        {{{"frobnicate", "1"}}, "frobnicate"},
        {{{"limit", "101"}}, "limit"},
        {{{"limit", "-1"}}, "limit"},
        {{{"limit", "ten"}}, "limit"},
        {{{"limit", ""}}, "limit"},
        {{{"limit", "1"}, {"limit", "2"}}, "limit"},
        {{{"offset", "10001"}}, "offset"},
        {{{"facet-size", "0"}}, "facet-size"},
        {{{"facet-size", "1001"}}, "facet-size"},
        {{{"snippet-length", "2001"}}, "snippet-length"},
        {{{"q", long_query}}, "q"},
        {{{"q", many_words}}, "q"},
        {{{"q", "a"}, {"q", "b"}}, "q"},
        {{{"year", "twenty"}}, "year"},
        {{{"year", ""}}, "year"},
        {{{"year", ".."}}, "year"},
        {{{"sort", "score"}}, "sort"},
        {{{"match", "any"}}, "match"},
        {{{"title-boost", "-1"}}, "title-boost"},
        {{{"phrase-boost", "x"}}, "phrase-boost"},
        {{{"no-fuzzy", "maybe"}}, "no-fuzzy"},
    };
    for (const auto& c : cases) {
        INFO(c.parameter);
        CHECK(blamed(c.params) == c.parameter);
    }
}

TEST_CASE("the error reads as the parameter followed by the problem", "[server][params]") {
    try {
        parse_search_params({{"sort", "score"}}, SearchEndpoint::kSearch, RequestLimits{});
        FAIL("no error");
    } catch (const OptionValueError& e) {
        CHECK(e.option() == "sort");
        CHECK(e.problem() == "must be relevance, date or -date, not 'score'");
        CHECK(std::string(e.what()) == "--sort must be relevance, date or -date, not 'score'");
    }
}

TEST_CASE("caps come from the limits given", "[server][params]") {
    RequestLimits limits;
    limits.max_limit = 5;
    CHECK(parse_search_params({{"limit", "5"}}, SearchEndpoint::kSearch, limits).limit == 5);
    CHECK_THROWS_AS(parse_search_params({{"limit", "6"}}, SearchEndpoint::kSearch, limits),
                    OptionValueError);
}

TEST_CASE("each endpoint takes only its own parameters", "[server][params]") {
    CHECK(blamed({{"like", "x"}}, SearchEndpoint::kSimilar) == "like");
    CHECK(blamed({{"limit", "5"}}, SearchEndpoint::kSimilar).empty());
    CHECK(blamed({{"limit", "5"}}, SearchEndpoint::kFacets) == "limit");
    CHECK(blamed({{"sort", "date"}}, SearchEndpoint::kFacets) == "sort");
    CHECK(blamed({{"country", "PAK"}, {"facet-size", "3"}}, SearchEndpoint::kFacets).empty());
    const auto facets = parse_search_params({{"q", "water"}}, SearchEndpoint::kFacets, {});
    CHECK(facets.limit == 0);
    CHECK(facets.snippet_length == 0);
}

TEST_CASE("suggest takes a required q and a capped limit", "[server][params]") {
    const auto s = parse_suggest_params({{"q", "security co"}, {"limit", "7"}}, {});
    CHECK(s.prefix == "security co");
    CHECK(s.limit == 7);
    CHECK(parse_suggest_params({{"q", ""}}, {}).limit == 10);
    auto blamed_suggest = [](const Params& p) {
        try {
            parse_suggest_params(p, {});
        } catch (const OptionValueError& e) {
            return e.option();
        }
        return std::string();
    };
    CHECK(blamed_suggest({}) == "q");
    CHECK(blamed_suggest({{"q", "x"}, {"limit", "51"}}) == "limit");
    CHECK(blamed_suggest({{"q", "x"}, {"limit", "0"}}) == "limit");
    CHECK(blamed_suggest({{"q", "x"}, {"country", "PAK"}}) == "country");
}
