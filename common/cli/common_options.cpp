/// @file
/// @brief Shared option groups and the catch ladder of every binary.
#include "cli/common_options.hpp"

#include <charconv>
#include <iostream>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/exit_codes.hpp"
#include "diplosearch/errors.hpp"
#include "diplosearch/version.hpp"

namespace diplosearch::cli {

namespace po = boost::program_options;

void validate(boost::any& target, const std::vector<std::string>& values, Count*, int) {
    po::validators::check_first_occurrence(target);
    const std::string& text = po::validators::get_single_string(values);
    std::uint64_t parsed = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (ec != std::errc{} || end != text.data() + text.size() || parsed > UINT32_MAX) {
        throw po::invalid_option_value(text);
    }
    target = Count{static_cast<std::uint32_t>(parsed)};
}

LogSettings CommonOptions::log_settings(const std::string& program) const {
    LogSettings settings{program, log_level, LogFormat::kText};
    if (quiet) settings.level = "error";
    if (verbose) settings.level = "debug";
    if (log_format == "json") {
        settings.format = LogFormat::kJson;
    } else if (log_format != "text") {
        throw UsageError("--log-format must be text or json, not '" + log_format + "'");
    }
    return settings;
}

po::options_description common_options(CommonOptions& values) {
    po::options_description group("Common options");
    // clang-format off
    group.add_options()
        ("db,d", po::value(&values.db)->value_name("PATH"), "database directory")
        ("log-level", po::value(&values.log_level)->value_name("LEVEL"),
         "trace, debug, info, warn, error, critical or off (default info)")
        ("log-format", po::value(&values.log_format)->value_name("FMT"),
         "log lines as text or json (default text)")
        ("quiet,q", po::bool_switch(&values.quiet), "log errors only")
        ("verbose,v", po::bool_switch(&values.verbose), "log debug messages")
        ("help,h", po::bool_switch(&values.help), "show this help and exit")
        ("version", po::bool_switch(&values.version), "show the version and exit");
    // clang-format on
    return group;
}

po::options_description shard_options(SearcherOptions& values) {
    po::options_description shards("Shard options");
    // clang-format off
    shards.add_options()
        ("shard", po::value(&values.shards)->value_name("PATH|tcp://HOST:PORT"),
         "search this shard too: a database, or a xapian-tcpsrv serving one (repeatable)")
        ("remote-timeout", po::value(&values.remote_timeout)->value_name("SECONDS"),
         "a remote shard slower than this counts as not answering (default 10)")
        ("connect-timeout", po::value(&values.connect_timeout)->value_name("SECONDS"),
         "time allowed to connect to a remote shard (default 5)");
    // clang-format on
    return shards;
}

bool parse_command_line(int argc, char** argv, const CommandLine& line, CommonOptions& common,
                        std::vector<std::string>& positionals) {
    po::options_description hidden;
    hidden.add_options()(line.positional_name.c_str(), po::value(&positionals));
    po::options_description visible;
    visible.add(line.options).add(common_options(common));
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description positional;
    positional.add(line.positional_name.c_str(), -1);

    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
    if (common.help) {
        std::cout << line.usage << '\n' << visible << '\n' << kExitCodeHelp;
        return false;
    }
    if (common.version) {
        print_version(line.program);
        return false;
    }
    setup_logging(common.log_settings(line.program));
    return true;
}

int run_guarded(const std::string& program, const std::function<int()>& body) {
    auto fail = [&](int code, const std::string& message) {
        if (logs_as_json()) {
            spdlog::error("{}", message);  // A job's log stays one JSON object per line.
        } else {
            std::cerr << program << ": " << message << '\n';
        }
        return code;
    };
    try {
        return body();
    } catch (const po::error& e) {
        return fail(kExitUsage, fmt::format("{} (try --help)", e.what()));
    } catch (const UsageError& e) {
        return fail(kExitUsage, e.what());
    } catch (const QueryError& e) {
        return fail(kExitUsage, e.what());
    } catch (const DatabaseNotFoundError& e) {
        return fail(kExitNoDatabase, e.what());
    } catch (const DatabaseLockedError& e) {
        return fail(kExitLocked, e.what());
    } catch (const SchemaMismatchError& e) {
        return fail(kExitSchemaMismatch, e.what());
    } catch (const ShardUnavailableError& e) {
        return fail(kExitShardUnavailable, e.what());
    } catch (const Error& e) {
        return fail(kExitFailure, e.what());
    } catch (const std::exception& e) {
        return fail(kExitFailure, fmt::format("internal error: {}", e.what()));
    }
}

void print_version(const std::string& program) {
    std::cout << program << ' ' << DIPLOSEARCH_VERSION << '\n';
}

}  // namespace diplosearch::cli
