/// @file
/// @brief The maintenance subcommands of diplo-index.
#pragma once

namespace diplosearch::indexer {

/// `diplo-index stats --db PATH [--json]`; @p argv[0] is "stats".
int run_stats(int argc, char** argv);

/// `diplo-index rollback --db PATH [--wait SECONDS]`; @p argv[0] is "rollback".
int run_rollback(int argc, char** argv);

}  // namespace diplosearch::indexer
