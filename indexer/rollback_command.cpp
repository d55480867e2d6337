/// @file
/// @brief `diplo-index rollback`: make the previous generation live again.
#include <iostream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/common_options.hpp"
#include "cli/exit_codes.hpp"
#include "commands.hpp"
#include "database.hpp"
#include "diplosearch/errors.hpp"
#include "generations.hpp"

namespace po = boost::program_options;

namespace diplosearch::indexer {

namespace {

constexpr const char* kUsage =
    "Usage: diplo-index rollback --db PATH [--wait SECONDS]\n"
    "\n"
    "Switch readers back to the newest generation older than the live one (kept by\n"
    "--rebuild --keep N) and delete the generation that was live.\n";

}  // namespace

int run_rollback(int argc, char** argv) {
    cli::CommonOptions common;
    double wait_seconds = 0;
    std::vector<std::string> extra;
    po::options_description options("Rollback options");
    options.add_options()("wait", po::value(&wait_seconds)->value_name("SECONDS"),
                          "wait up to SECONDS for a running indexer to finish (default 0)");
    if (!cli::parse_command_line(argc, argv, {"diplo-index rollback", kUsage, options, "argument"},
                                 common, extra)) {
        return cli::kExitOk;
    }
    if (!extra.empty()) {
        throw UsageError("rollback takes no arguments, got '" + extra.front() + "'");
    }
    if (common.db.empty()) throw UsageError("--db PATH is required (try --help)");
    if (generations::layout_of(common.db) != generations::Layout::kGenerational) {
        throw DatabaseNotFoundError(
            fmt::format("{}: not a database kept in generations, nothing to roll back", common.db));
    }
    // Holding the live generation's lock keeps indexers and rebuilds out.
    database::LiveWriter live =
        database::open_for_writing(common.db, wait_seconds, /*check_schema=*/false);
    const unsigned current = *live.generation;
    std::optional<unsigned> previous;
    for (const unsigned number : generations::list_generations(common.db)) {
        if (number < current) previous = number;
    }
    if (!previous) {
        throw UsageError(fmt::format("{}: generation {} has no older generation to roll back to",
                                     common.db, current));
    }
    // The older generation must open and carry a schema this build can read.
    database::open_for_reading(generations::generation_dir(common.db, *previous).string());
    generations::switch_live(common.db, *previous);
    live.db.close();
    generations::remove_generation(common.db, current);
    spdlog::info("{}: rolled back from generation {} to {}", common.db, current, *previous);
    return cli::kExitOk;
}

}  // namespace diplosearch::indexer
