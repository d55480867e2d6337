/// @file
/// @brief diplo-search: ranked, faceted search over a DiploSearch database.
#include <unistd.h>

#include <charconv>
#include <iostream>

#include <fmt/format.h>

#include "cli/common_options.hpp"
#include "cli/exit_codes.hpp"
#include "country_gazetteer.hpp"
#include "diplosearch/errors.hpp"
#include "diplosearch/searcher.hpp"
#include "result_printer.hpp"
#include "text.hpp"

namespace po = boost::program_options;
using namespace diplosearch;

namespace {

constexpr const char* kProgram = "diplo-search";

constexpr const char* kUsage =
    "Usage: diplo-search --db PATH [options] [QUERY...]\n"
    "\n"
    "Ranked search (BM25) with filters and facet counts. An empty QUERY matches every\n"
    "document, so filters and facets alone can browse the index.\n"
    "\n"
    "Query syntax: words (documents with all of them first, then with most of them),\n"
    "\"exact phrase\", +must -mustnot, fuzzy:word (typo tolerant; automatic for words\n"
    "no document has), a OR b, a AND NOT b, a NEAR b, trail*, and fields: title:word\n"
    "speaker:word country:PAK country:\"United Kingdom\" topic:trade\n"
    "type:speech lang:en year:2021 year:2020..2026 date:2021-03 date:2020-01-01..2020-06-30 "
    "id:ID\n"
    "\n"
    "Search as you type: --suggest TEXT lists completions of TEXT instead of searching:\n"
    "its last word completed from the index's words, then titles holding every word\n"
    "typed (at most --limit, up to 50).\n";

// Splits comma-separated option values so `--country PAK,CHN` equals two options.
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
        throw UsageError(fmt::format("--year: '{}' is not a year", s));
    }
    return year;
}

void apply_year(const std::string& spec, SearchRequest& request) {
    const auto dots = spec.find("..");
    if (dots == std::string::npos) {
        request.year_from = request.year_to = parse_year_bound(spec);
        if (!request.year_from) throw UsageError("--year needs a year or a range A..B");
        return;
    }
    request.year_from = parse_year_bound(spec.substr(0, dots));
    request.year_to = parse_year_bound(spec.substr(dots + 2));
    if (!request.year_from && !request.year_to)
        throw UsageError("--year needs a year or a range A..B");
}

SortOrder parse_sort(const std::string& s) {
    if (s == "relevance") return SortOrder::kRelevance;
    if (s == "date") return SortOrder::kDateAscending;
    if (s == "-date") return SortOrder::kDateDescending;
    throw UsageError("--sort must be relevance, date or -date, not '" + s + "'");
}

int run(int argc, char** argv) {
    cli::CommonOptions common;
    SearchRequest request;
    std::vector<std::string> words, countries, topics, types;
    std::vector<std::string> synonym_files;
    std::string suggest;
    bool suggesting = false;  // Set even by `--suggest ''`, which suggests nothing.
    bool no_synonyms = false;
    bool no_collapse = false;
    bool no_fuzzy = false;
    cli::Count limit{request.limit}, offset{request.offset}, facet_size{request.facet_size},
        snippet_length{request.snippet_length};
    std::string year, sort = "relevance", match = "most", facets = "country,topic,year,type",
                      format = "text";

    po::options_description search("Search options");
    // clang-format off
    search.add_options()
        ("country,c", po::value(&countries)->value_name("CODE|NAME"),
         "only documents about this country (repeatable; any of them)")
        ("topic,t", po::value(&topics)->value_name("TOPIC"), "only this topic (repeatable)")
        ("type", po::value(&types)->value_name("TYPE"), "only this document type (repeatable)")
        ("year,y", po::value(&year)->value_name("Y|A..B"), "a year or an inclusive range")
        ("from", po::value(&request.date_from)->value_name("DATE"), "dated on or after DATE")
        ("to", po::value(&request.date_to)->value_name("DATE"), "dated on or before DATE")
        ("sort", po::value(&sort)->value_name("ORDER"), "relevance (default), date or -date")
        ("match", po::value(&match)->value_name("MODE"),
         "most (default): documents with every word first, then those with some;"
         " all: only documents with every word")
        ("limit,n", po::value(&limit)->value_name("N"), "hits to show (default 10)")
        ("offset", po::value(&offset)->value_name("N"), "hits to skip (default 0)")
        ("facets", po::value(&facets)->value_name("LIST"),
         "facets to count: comma list of country,topic,year,type,mentions, or none")
        ("facet-size", po::value(&facet_size)->value_name("N"),
         "values shown per facet (default 10; 0 for all)")
        ("snippet-length", po::value(&snippet_length)->value_name("N"),
         "snippet length in characters (default 240; 0 for none)")
        ("format", po::value(&format)->value_name("FMT"), "output as text (default) or json")
        ("synonyms", po::value(&synonym_files)->value_name("FILE"),
         "add the synonym groups in FILE (one group per line, tab-separated; repeatable)")
        ("no-synonyms", po::bool_switch(&no_synonyms),
         "do not expand acronyms and alternate names")
        ("prefer-recent", po::bool_switch(&request.ranking.prefer_recent),
         "rank recent documents higher (the boost halves every 10 years back)")
        ("title-boost", po::value(&request.ranking.title_boost)->value_name("X"),
         "weight of query words found in titles (default 1, 0 off)")
        ("phrase-boost", po::value(&request.ranking.phrase_boost)->value_name("X"),
         "weight of query words found close together in order (default 1, 0 off)")
        ("like", po::value(&request.like)->value_name("ID"),
         "more like this: documents similar to document ID (filters and query text apply)")
        ("no-fuzzy", po::bool_switch(&no_fuzzy),
         "exact words only: no typo tolerance for words no document has")
        ("auto-correct", po::bool_switch(&request.auto_correct),
         "when nothing matches, search the spelling-corrected query instead")
        ("no-collapse", po::bool_switch(&no_collapse),
         "show every near-duplicate copy instead of one per cluster")
        ("duplicates-of", po::value(&request.duplicates_of)->value_name("ID"),
         "list the near-duplicates of document ID, itself included (filters apply)")
        ("suggest", po::value(&suggest)->value_name("TEXT")
             ->notifier([&](const std::string&) { suggesting = true; }),
         "list completions of the partly typed query TEXT instead of searching");
    // clang-format on
    if (!cli::parse_command_line(argc, argv, {kProgram, kUsage, search, "query"}, common, words)) {
        return cli::kExitOk;
    }
    if (common.db.empty()) throw UsageError("--db PATH is required (try --help)");
    if (suggesting && !words.empty()) {
        throw UsageError("--suggest takes the query as its value; give no QUERY words too");
    }

    for (const auto& w : words) request.query += (request.query.empty() ? "" : " ") + w;
    // ISO-style names contain commas ("Korea, Republic of"): keep a value whole when it names a
    // country.
    for (const auto& value : countries) {
        if (CountryGazetteer::builtin().resolve(value)) {
            request.countries.push_back(value);
        } else {
            for (auto& part : split_commas({value})) request.countries.push_back(std::move(part));
        }
    }
    request.topics = split_commas(topics);
    request.types = split_commas(types);
    if (!year.empty()) apply_year(year, request);
    request.sort = parse_sort(sort);
    if (match != "most" && match != "all") {
        throw UsageError("--match must be most or all, not '" + match + "'");
    }
    request.match = match == "all" ? MatchMode::kAllWords : MatchMode::kMostWords;
    request.limit = limit.value;
    request.offset = offset.value;
    request.facet_size = facet_size.value;
    request.snippet_length = snippet_length.value;
    request.facets = facets == "none" ? std::vector<std::string>{} : split_commas({facets});

    const auto printer = searcher::make_printer(format, isatty(STDOUT_FILENO) != 0);
    request.highlight = printer->highlight();
    request.synonyms = !no_synonyms;
    request.collapse = !no_collapse;
    request.typo_tolerance = !no_fuzzy;
    if (request.ranking.title_boost < 0 || request.ranking.phrase_boost < 0) {
        throw UsageError("--title-boost and --phrase-boost must be 0 or more");
    }
    Searcher searcher(common.db);
    if (suggesting) {
        printer->print_suggestions(suggest, searcher.suggest(suggest, limit.value), std::cout);
        return cli::kExitOk;
    }
    for (const auto& file : synonym_files) searcher.add_synonyms(file);
    printer->print(searcher.search(request), std::cout);
    return cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    return cli::run_guarded(kProgram, [&] { return run(argc, argv); });
}
