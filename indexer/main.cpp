/// @file
/// @brief diplo-index: index documents into a DiploSearch database.
#include <unistd.h>

#include <iostream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/common_options.hpp"
#include "cli/exit_codes.hpp"
#include "diplosearch/errors.hpp"
#include "diplosearch/indexer.hpp"
#include "explain_printer.hpp"

namespace po = boost::program_options;
using namespace diplosearch;

namespace {

constexpr const char* kProgram = "diplo-index";

constexpr const char* kUsage =
    "Usage: diplo-index --db PATH [options] SOURCE...\n"
    "\n"
    "Index documents into a DiploSearch database (created when absent). A SOURCE is a\n"
    "file, a directory (walked recursively in sorted order) or '-' (JSONL on stdin).\n"
    "Formats by extension: .jsonl .json .txt .md .html/.htm, each optionally .zst\n"
    "compressed. Re-indexing a document with the same id replaces it.\n"
    "\n"
    "       diplo-index --explain [--json] SOURCE...\n"
    "\n"
    "Print what extraction finds in each document (countries with matched spans and\n"
    "salience scores, topics with cues, date candidates, type cues) without indexing.\n";

// One status line redrawn in place; only drawn when stderr is a terminal.
void draw_progress(const IndexStats& s) {
    std::cerr << fmt::format("\r{}: {} indexed, {} rejected, {:.0f} docs/s ", kProgram, s.indexed,
                             s.rejected,
                             s.seconds > 0 ? static_cast<double>(s.indexed) / s.seconds : 0.0)
              << std::flush;
}

int run_explain(const std::vector<std::string>& sources, const std::string& format, bool json) {
    std::optional<indexer::InputFormat> forced;
    if (!format.empty() && format != "auto") {
        forced = indexer::parse_format_name(format);
        if (!forced) throw UsageError("unknown input format '" + format + "'");
    }
    std::uint64_t rejected = 0;
    std::vector<indexer::ExplainedDocument> docs;
    for (const auto& source : sources) {
        auto explained = indexer::explain_source(source, forced, [&](const InputProblem& p) {
            if (p.kind == ProblemKind::kRejected) ++rejected;
            spdlog::warn("{}{}: {}", p.source, p.line > 0 ? fmt::format(":{}", p.line) : "",
                         p.reason);
        });
        std::move(explained.begin(), explained.end(), std::back_inserter(docs));
    }
    if (json) {
        std::cout << indexer::explanation_json(docs).dump(2, ' ', false,
                                                          nlohmann::json::error_handler_t::replace)
                  << '\n';
    } else {
        indexer::print_explanation_text(docs, std::cout);
    }
    return rejected > 0 ? cli::kExitInputRejected : cli::kExitOk;
}

int run(int argc, char** argv) {
    cli::CommonOptions common;
    IndexerOptions options;
    std::vector<std::string> sources;
    cli::Count batch_size{options.batch_size};
    bool no_spelling = false;
    bool no_extract = false;
    bool explain = false;
    bool explain_json = false;

    po::options_description indexing("Indexing options");
    // clang-format off
    indexing.add_options()
        ("format,f", po::value(&options.format)->value_name("FMT"),
         "input format for every source: auto (default), jsonl, json, text, markdown, html")
        ("batch-size", po::value(&batch_size)->value_name("N"),
         "commit every N documents (default 2000)")
        ("wait", po::value(&options.wait_seconds)->value_name("SECONDS"),
         "wait up to SECONDS for another indexer to release the database (default 0)")
        ("no-spelling", po::bool_switch(&no_spelling), "do not record spelling data")
        ("no-extract", po::bool_switch(&no_extract),
         "do not extract countries, topics, dates or types from the text")
        ("explain", po::bool_switch(&explain),
         "explain extraction for each SOURCE document instead of indexing")
        ("json", po::bool_switch(&explain_json), "with --explain: print JSON");
    // clang-format on
    if (!cli::parse_command_line(argc, argv, {kProgram, kUsage, indexing, "source"}, common,
                                 sources)) {
        return cli::kExitOk;
    }
    if (sources.empty()) throw UsageError("no SOURCE given (try --help)");
    if (explain) return run_explain(sources, options.format, explain_json);
    if (common.db.empty()) throw UsageError("--db PATH is required (try --help)");
    options.spelling = !no_spelling;
    options.batch_size = batch_size.value;
    options.extract = !no_extract;

    const bool show_progress = isatty(STDERR_FILENO) && !common.quiet;
    if (show_progress) options.progress = draw_progress;

    Indexer indexer(common.db, options);
    for (const auto& source : sources) indexer.add_source(source);
    indexer.commit();
    if (show_progress) std::cerr << '\r' << std::string(60, ' ') << '\r';

    const IndexStats stats = indexer.stats();
    spdlog::info("{}: indexed {}, unchanged {}, skipped {}, rejected {}, warnings {} in {:.2f} s",
                 common.db, stats.indexed, stats.unchanged, stats.skipped, stats.rejected,
                 stats.warnings, stats.seconds);
    return stats.rejected > 0 ? cli::kExitInputRejected : cli::kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    return cli::run_guarded(kProgram, [&] { return run(argc, argv); });
}
