/// @file
/// @brief Exit codes of every DiploSearch binary (documented in --help and the README).
#pragma once

namespace diplosearch::cli {

enum ExitCode : int {
    kExitOk = 0,                ///< Success.
    kExitFailure = 1,           ///< Hard failure: database error, I/O error, internal error.
    kExitUsage = 2,             ///< Bad option, or a query syntax error.
    kExitNoDatabase = 3,        ///< The database is missing or not readable.
    kExitLocked = 4,            ///< Another indexer holds the database's write lock.
    kExitInputRejected = 5,     ///< Indexing finished, but some input was rejected.
    kExitSchemaMismatch = 6,    ///< The database has another schema version.
    kExitShardUnavailable = 7,  ///< A shard did not answer (down, or slower than its timeout).
};

/// The block of --help text that lists the exit codes.
inline constexpr const char* kExitCodeHelp =
    "Exit codes:\n"
    "  0  success\n"
    "  1  hard failure (database or I/O error)\n"
    "  2  usage error or query syntax error\n"
    "  3  database missing or unreadable\n"
    "  4  database locked by another indexer\n"
    "  5  indexing finished but some input was rejected (diplo-index)\n"
    "  6  database schema version not supported\n"
    "  7  a shard did not answer in time (diplo-search; see --allow-partial)\n";

}  // namespace diplosearch::cli
