/// @file
/// @brief `diplo-index stats`: what a database holds, as text or JSON.
#include <iostream>

#include <fmt/format.h>

#include "cli/common_options.hpp"
#include "cli/exit_codes.hpp"
#include "commands.hpp"
#include "database_stats.hpp"
#include "diplosearch/errors.hpp"

namespace po = boost::program_options;

namespace diplosearch::indexer {

namespace {

constexpr const char* kUsage =
    "Usage: diplo-index stats --db PATH [--json]\n"
    "\n"
    "Show a database's document count, generations, schema version, size, facet\n"
    "cardinalities, content digest, last checkpoint and last job summary.\n";

std::string megabytes(std::uint64_t bytes) {
    return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1e6);
}

void print_text(const DatabaseStats& s, std::ostream& out) {
    out << fmt::format("database        {}\n", s.path);
    out << fmt::format("documents       {}\n", s.doccount);
    out << fmt::format("revision        {}\n", s.revision);
    out << fmt::format("schema version  {}\n", s.schema_version);
    if (s.generational) {
        std::string list;
        for (const unsigned g : s.generations) {
            list += fmt::format("{}{}{}", list.empty() ? "" : " ", g,
                                s.live_generation == g ? " (live)" : "");
        }
        out << fmt::format("generations     {}\n", list);
    } else {
        out << "generations     none (a plain Xapian database)\n";
    }
    out << fmt::format("size            {} live, {} in all\n", megabytes(s.live_bytes),
                       megabytes(s.total_bytes));
    out << fmt::format("file stamps     {}\n", s.file_stamps);
    out << fmt::format("content digest  {}\n", s.content_digest);
    out << "facet values   ";
    for (const auto& [facet, count] : s.facet_values) out << fmt::format(" {} {},", facet, count);
    out << '\n';
    if (s.checkpoint.is_object()) {
        out << fmt::format("last commit     job {}, batch {}, {} documents\n",
                           s.checkpoint.value("job", "?"), s.checkpoint.value("batch", 0),
                           s.checkpoint.value("doccount", 0));
    }
    if (s.last_job.is_object()) {
        const auto& docs = s.last_job["documents"];
        out << fmt::format(
            "last job        {} {} at {}: added {}, updated {}, unchanged {}, deleted {}, "
            "rejected {} in {:.2f} s\n",
            s.last_job.value("mode", "?"), s.last_job.value("status", "?"),
            s.last_job.value("finished_at", "?"), docs.value("added", 0), docs.value("updated", 0),
            docs.value("unchanged", 0), docs.value("deleted", 0), docs.value("rejected", 0),
            s.last_job.value("seconds", 0.0));
    }
}

}  // namespace

int run_stats(int argc, char** argv) {
    cli::CommonOptions common;
    bool json = false;
    std::vector<std::string> extra;
    po::options_description options("Stats options");
    options.add_options()("json", po::bool_switch(&json), "print JSON");
    if (!cli::parse_command_line(argc, argv, {"diplo-index stats", kUsage, options, "argument"},
                                 common, extra)) {
        return cli::kExitOk;
    }
    if (!extra.empty()) throw UsageError("stats takes no arguments, got '" + extra.front() + "'");
    if (common.db.empty()) throw UsageError("--db PATH is required (try --help)");
    const DatabaseStats stats = read_database_stats(common.db);
    if (json) {
        std::cout << to_json(stats).dump(2) << '\n';
    } else {
        print_text(stats, std::cout);
    }
    return cli::kExitOk;
}

}  // namespace diplosearch::indexer
