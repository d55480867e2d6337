/// @file
/// @brief Option groups and the error-to-exit-code ladder shared by the binaries.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "diplosearch/searcher.hpp"
#include "logging.hpp"

namespace diplosearch::cli {

/// A whole-number option value from 0 to 2^32-1: "-1" or "ten" is a usage
/// error instead of wrapping around as unsigned parsing would.
struct Count {
    std::uint32_t value = 0;
};

/// boost::program_options' extension point for Count (found by argument-dependent lookup).
void validate(boost::any& target, const std::vector<std::string>& values, Count*, int);

/// Values of the options every binary takes.
struct CommonOptions {
    std::string db;
    std::string log_level = "info";
    std::string log_format = "text";
    bool quiet = false;
    bool verbose = false;
    bool help = false;
    bool version = false;

    /// The logging settings these options ask for.
    LogSettings log_settings(const std::string& program) const;
};

/// `--db`, `--log-level`, `--log-format`, `-q/--quiet`, `-v/--verbose`, `--help`, `--version`.
boost::program_options::options_description common_options(CommonOptions& values);

/// Options of the binaries that search: extra shards and remote timeouts
/// (`--shard`, `--remote-timeout`, `--connect-timeout`).
boost::program_options::options_description shard_options(SearcherOptions& values);

/// What one binary's command line looks like.
struct CommandLine {
    std::string program;  ///< Name printed in messages and by --version.
    std::string usage;    ///< Text printed before the options by --help.
    boost::program_options::options_description options;  ///< The binary's own options.
    std::string positional_name;  ///< Name of the positional arguments (`source`, `query`).
};

/// Parses @p argv: @p line's options, the common ones, and every positional
/// argument into @p positionals. Prints --help (with the exit codes) or --version,
/// else sets up logging from the common options.
/// @returns false when --help or --version was answered and the program should end.
/// @throws boost::program_options::error or UsageError for bad options.
bool parse_command_line(int argc, char** argv, const CommandLine& line, CommonOptions& common,
                        std::vector<std::string>& positionals);

/// Runs @p body, mapping library exceptions to documented exit codes and
/// printing one `program: message` line on stderr for each failure.
int run_guarded(const std::string& program, const std::function<int()>& body);

/// Prints `program version` on stdout.
void print_version(const std::string& program);

}  // namespace diplosearch::cli
