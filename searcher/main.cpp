/// @file
/// @brief diplo-search: ranked, faceted search over a DiploSearch database.
#include <unistd.h>

#include <iostream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "cli/common_options.hpp"
#include "cli/exit_codes.hpp"
#include "diplosearch/errors.hpp"
#include "diplosearch/searcher.hpp"
#include "request_options.hpp"
#include "result_printer.hpp"
#include "serve_command.hpp"

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
    "speaker:word from:word to:word country:PAK country:\"United Kingdom\" topic:trade\n"
    "type:speech lang:en year:2021 year:2020..2026 date:2021-03 date:2020-01-01..2020-06-30 "
    "id:ID\n"
    "\n"
    "Serve: diplo-search serve --db PATH [--listen HOST:PORT] ... runs the HTTP JSON\n"
    "service and search page (diplo-serve; see diplo-search serve --help).\n"
    "\n"
    "Search as you type: --suggest TEXT lists completions of TEXT instead of searching:\n"
    "its last word completed from the index's words, then titles holding every word\n"
    "typed (at most --limit, up to 50).\n";

int run(int argc, char** argv) {
    cli::CommonOptions common;
    SearchRequest request;
    searcher::RequestOptions options;
    std::vector<std::string> words;
    std::vector<std::string> synonym_files;
    std::string suggest;
    bool suggesting = false;  // Set even by `--suggest ''`, which suggests nothing.
    bool no_synonyms = false;
    bool no_collapse = false;
    bool no_fuzzy = false;
    cli::Count limit{request.limit}, offset{request.offset}, facet_size{request.facet_size},
        snippet_length{request.snippet_length};
    std::string format = "text";
    SearcherOptions searcher_options;

    po::options_description search("Search options");
    // clang-format off
    search.add_options()
        ("country,c", po::value(&options.countries)->value_name("CODE|NAME"),
         "only documents about this country (repeatable; any of them)")
        ("topic,t", po::value(&options.topics)->value_name("TOPIC"), "only this topic (repeatable)")
        ("type", po::value(&options.types)->value_name("TYPE"), "only this document type (repeatable)")
        ("lang", po::value(&options.langs)->value_name("CODE"),
         "only documents in this language (ISO 639-1 code such as fr; repeatable), and stem the query for it")
        ("year,y", po::value(&options.year)->value_name("Y|A..B"), "a year or an inclusive range")
        ("from", po::value(&request.date_from)->value_name("DATE"), "dated on or after DATE")
        ("to", po::value(&request.date_to)->value_name("DATE"), "dated on or before DATE")
        ("sort", po::value(&options.sort)->value_name("ORDER"), "relevance (default), date or -date")
        ("match", po::value(&options.match)->value_name("MODE"),
         "most (default): documents with every word first, then those with some;"
         " all: only documents with every word")
        ("limit,n", po::value(&limit)->value_name("N"), "hits to show (default 10)")
        ("offset", po::value(&offset)->value_name("N"), "hits to skip (default 0)")
        ("facets", po::value(&options.facets)->value_name("LIST"),
         "facets to count: comma list of country,topic,year,type,mentions,lang, or none")
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
         "list completions of the partly typed query TEXT instead of searching")
        ("allow-partial", po::bool_switch(&request.allow_partial),
         "when shards do not answer, show the results of the others (exit 7 otherwise)");
    // clang-format on
    search.add(cli::shard_options(searcher_options));
    if (!cli::parse_command_line(argc, argv, {kProgram, kUsage, search, "query"}, common, words)) {
        return cli::kExitOk;
    }
    if (common.db.empty()) throw UsageError("--db PATH is required (try --help)");
    if (suggesting && !words.empty()) {
        throw UsageError("--suggest takes the query as its value; give no QUERY words too");
    }

    for (const auto& w : words) request.query += (request.query.empty() ? "" : " ") + w;
    request.limit = limit.value;
    request.offset = offset.value;
    request.facet_size = facet_size.value;
    request.snippet_length = snippet_length.value;
    searcher::apply_request_options(options, request);

    const auto printer = searcher::make_printer(format, isatty(STDOUT_FILENO) != 0);
    request.highlight = printer->highlight();
    request.synonyms = !no_synonyms;
    request.collapse = !no_collapse;
    request.typo_tolerance = !no_fuzzy;
    Searcher searcher(common.db, searcher_options);
    if (suggesting) {
        printer->print_suggestions(suggest, searcher.suggest(suggest, limit.value), std::cout);
        return cli::kExitOk;
    }
    for (const auto& file : synonym_files) searcher.add_synonyms(file);
    const SearchResults results = searcher.search(request);
    if (!results.missing_shards.empty()) {
        spdlog::warn("partial results: shards {} did not answer",
                     fmt::format("{}", fmt::join(results.missing_shards, ", ")));
    }
    printer->print(results, std::cout);
    return cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    return cli::run_guarded(kProgram, [&] {
        if (argc > 1 && std::string_view(argv[1]) == "serve") searcher::exec_service(argc, argv);
        return run(argc, argv);
    });
}
