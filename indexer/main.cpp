/// @file
/// @brief diplo-index: index documents into a DiploSearch database, and the
/// `stats` and `rollback` maintenance commands.
#include <unistd.h>

#include <cstring>
#include <fstream>
#include <iostream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/common_options.hpp"
#include "cli/exit_codes.hpp"
#include "commands.hpp"
#include "diplosearch/errors.hpp"
#include "diplosearch/indexer.hpp"
#include "explain_printer.hpp"
#include "job_report.hpp"
#include "progress_bar.hpp"

namespace po = boost::program_options;
using namespace diplosearch;

namespace {

constexpr const char* kProgram = "diplo-index";

constexpr const char* kUsage =
    "Usage: diplo-index --db PATH [options] SOURCE...\n"
    "\n"
    "Index documents into a DiploSearch database (created when absent). A SOURCE is a\n"
    "file, a directory (walked recursively in sorted order) or '-' (JSONL on stdin).\n"
    "Formats by extension: .jsonl .json .txt .md .html/.htm .pdf .docx .odt .eml, each\n"
    "optionally .zst compressed. Jobs are incremental: unchanged files and documents are\n"
    "skipped, changed ones replaced, new ones added; --prune also deletes what is gone.\n"
    "--compact ends the job with a compacted copy (smaller; a few seconds per GB).\n"
    "\n"
    "       diplo-index --rebuild [--keep N] [--no-compact] --db PATH SOURCE...\n"
    "\n"
    "Build a fresh generation beside the live one, compact it, and switch readers to\n"
    "it atomically when it is complete; an interrupted rebuild leaves the live index\n"
    "untouched.\n"
    "\n"
    "       diplo-index stats --db PATH [--json]\n"
    "       diplo-index rollback --db PATH\n"
    "\n"
    "Show what a database holds; switch back to the previous generation.\n"
    "\n"
    "       diplo-index --explain [--json] SOURCE...\n"
    "\n"
    "Print what extraction finds in each document (countries with matched spans and\n"
    "salience scores, topics with cues, date candidates, type cues) without indexing.\n";

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

// Writes the job summary to @p target (a file, or `-` for stdout).
void write_report(const std::string& target, const nlohmann::json& report) {
    const std::string text = report.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    if (target == "-") {
        std::cout << text << '\n' << std::flush;
        return;
    }
    std::ofstream out(target, std::ios::trunc);
    out << text << '\n';
    out.close();
    if (!out) {
        throw IndexError(
            fmt::format("{}: cannot write the report: {}", target, std::strerror(errno)));
    }
}

// The report of a job that stopped with @p error before it could finish.
nlohmann::json failure_report(const std::optional<IndexStats>& stats, const std::string& db,
                              bool rebuild, const std::string& error) {
    nlohmann::json report =
        indexer::job_report(stats.value_or(IndexStats{}), db, rebuild, "failed");
    report["error"] = error;
    return report;
}

struct IndexJob {
    IndexerOptions options;
    std::string report_target;
};

int run_job(const std::string& db, const std::vector<std::string>& sources, IndexJob job,
            bool quiet) {
    const bool show_progress = isatty(STDERR_FILENO) && !quiet;
    indexer::ProgressBar bar(std::cerr);
    if (show_progress) job.options.progress = [&bar](const IndexStats& s) { bar.update(s); };

    std::optional<IndexStats> last_stats;
    try {
        Indexer indexer(db, job.options);
        indexer.add_sources(sources);
        last_stats = indexer.stats();
        const IndexStats stats = indexer.finish();
        last_stats = stats;
        bar.clear();
        spdlog::info(
            "{}: indexed {} (added {}, updated {}), unchanged {}, deleted {}, skipped {}, "
            "rejected {} ({} files read, {} unchanged) in {:.2f} s; {} documents at revision {}",
            db, stats.indexed, stats.added, stats.updated, stats.unchanged, stats.deleted,
            stats.skipped, stats.rejected, stats.files_read, stats.files_unchanged, stats.seconds,
            stats.doccount, stats.revision);
        const bool rejections = stats.rejected > 0;
        if (!job.report_target.empty()) {
            write_report(job.report_target,
                         indexer::job_report(stats, db, job.options.rebuild,
                                             rejections ? "ok-with-rejections" : "ok"));
        }
        return rejections ? cli::kExitInputRejected : cli::kExitOk;
    } catch (const std::exception& e) {
        bar.clear();
        if (!job.report_target.empty()) {
            try {
                write_report(job.report_target,
                             failure_report(last_stats, db, job.options.rebuild, e.what()));
            } catch (const std::exception& report_error) {
                spdlog::error("{}", report_error.what());
            }
        }
        throw;
    }
}

int run(int argc, char** argv) {
    cli::CommonOptions common;
    IndexJob job;
    IndexerOptions& options = job.options;
    std::vector<std::string> sources;
    cli::Count batch_size{options.batch_size};
    cli::Count batch_mb{static_cast<std::uint32_t>(options.batch_bytes >> 20)};
    cli::Count keep{options.keep};
    bool no_spelling = false;
    bool compact = false;
    bool no_compact = false;
    bool no_extract = false;
    bool explain = false;
    bool json = false;
    unsigned shards = 0;
    std::optional<unsigned> only_shard;

    po::options_description indexing("Indexing options");
    // clang-format off
    indexing.add_options()
        ("format,f", po::value(&options.format)->value_name("FMT"),
         "input format for every source: auto (default), jsonl, json, text, markdown, html, "
         "pdf, docx, odt, eml")
        ("prune", po::bool_switch(&options.prune),
         "delete documents whose source file or JSONL record is gone (file and directory "
         "sources; a file that cannot be read keeps its documents)")
        ("rebuild", po::bool_switch(&options.rebuild),
         "build a new generation from the sources and switch readers to it when complete")
        ("keep", po::value(&keep)->value_name("N"),
         "with --rebuild: previous generations kept for rollback (default 1)")
        ("compact", po::bool_switch(&compact),
         "finish with a compacted copy of the database (what --rebuild does by default)")
        ("no-compact", po::bool_switch(&no_compact),
         "with --rebuild: switch to the new generation as written, uncompacted")
        ("rehash", po::bool_switch(&options.rehash),
         "read and hash every file, even those whose size, times and inode are unchanged")
        ("batch-size", po::value(&batch_size)->value_name("N"),
         "commit every N documents (default 2000)")
        ("batch-mb", po::value(&batch_mb)->value_name("MB"),
         "or when a batch holds MB megabytes of text, whichever comes first (default 64)")
        ("wait", po::value(&options.wait_seconds)->value_name("SECONDS"),
         "wait up to SECONDS for another indexer to release the database (default 0)")
        ("report", po::value(&job.report_target)->value_name("FILE"),
         "write a JSON summary of the job to FILE ('-' for stdout), also when it fails")
        ("shards", po::value(&shards)->value_name("N"),
         "split a new database into N shards by a hash of the document id (an existing "
         "sharded database keeps its number; see docs/sharding.md)")
        ("only-shard", po::value<unsigned>()->value_name("K")
             ->notifier([&](unsigned k) { only_shard = k; }),
         "write only shard K (0-based) of a sharded database, so that one process per "
         "shard can index in parallel")
        ("no-spelling", po::bool_switch(&no_spelling), "do not record spelling data")
        ("no-extract", po::bool_switch(&no_extract),
         "do not extract countries, topics, dates or types from the text")
        ("explain", po::bool_switch(&explain),
         "explain extraction for each SOURCE document instead of indexing")
        ("json", po::bool_switch(&json), "with --explain: print JSON");
    // clang-format on
    if (!cli::parse_command_line(argc, argv, {kProgram, kUsage, indexing, "source"}, common,
                                 sources)) {
        return cli::kExitOk;
    }
    if (sources.empty()) throw UsageError("no SOURCE given (try --help)");
    if (explain) return run_explain(sources, options.format, json);
    if (common.db.empty()) throw UsageError("--db PATH is required (try --help)");
    if (batch_mb.value == 0) throw UsageError("--batch-mb must be at least 1");
    if (!options.rebuild && keep.value != options.keep) {
        throw UsageError("--keep only applies with --rebuild");
    }
    if (compact && no_compact) throw UsageError("--compact and --no-compact contradict each other");
    if (no_compact && !options.rebuild) {
        throw UsageError(
            "--no-compact only applies with --rebuild (other jobs compact with --compact)");
    }
    options.compact = compact || (options.rebuild && !no_compact);
    options.spelling = !no_spelling;
    options.batch_size = batch_size.value;
    options.batch_bytes = static_cast<std::uint64_t>(batch_mb.value) << 20;
    options.keep = keep.value;
    options.extract = !no_extract;
    options.shards = shards;
    options.only_shard = only_shard;
    return run_job(common.db, sources, std::move(job), common.quiet);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc > 1) {
        const std::string command = argv[1];
        if (command == "stats") {
            return cli::run_guarded(kProgram,
                                    [&] { return indexer::run_stats(argc - 1, argv + 1); });
        }
        if (command == "rollback") {
            return cli::run_guarded(kProgram,
                                    [&] { return indexer::run_rollback(argc - 1, argv + 1); });
        }
    }
    return cli::run_guarded(kProgram, [&] { return run(argc, argv); });
}
