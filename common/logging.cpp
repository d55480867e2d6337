/// @file
/// @brief spdlog set-up.
#include "logging.hpp"

#include <memory>

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "diplosearch/errors.hpp"

namespace diplosearch {

namespace {

// `%*` in a pattern: the message as a JSON string literal, so JSON log lines
// stay valid whatever the message contains.
class JsonMessageFlag final : public spdlog::custom_flag_formatter {
  public:
    void format(const spdlog::details::log_msg& msg, const std::tm&,
                spdlog::memory_buf_t& dest) override {
        const std::string quoted =
            nlohmann::json(std::string(msg.payload.data(), msg.payload.size()))
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        dest.append(quoted.data(), quoted.data() + quoted.size());
    }
    std::unique_ptr<custom_flag_formatter> clone() const override {
        return std::make_unique<JsonMessageFlag>();
    }
};

}  // namespace

namespace {
bool g_json_logs = false;
}  // namespace

bool logs_as_json() {
    return g_json_logs;
}

void setup_logging(const LogSettings& settings) {
    const auto level = spdlog::level::from_str(settings.level);
    if (level == spdlog::level::off && settings.level != "off") {
        throw UsageError("unknown log level '" + settings.level +
                         "' (use trace, debug, info, warn, error, critical or off)");
    }
    auto logger = std::make_shared<spdlog::logger>(
        settings.program, std::make_shared<spdlog::sinks::stderr_sink_mt>());
    auto formatter = std::make_unique<spdlog::pattern_formatter>();
    if (settings.format == LogFormat::kJson) {
        formatter->add_flag<JsonMessageFlag>('*').set_pattern(
            R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l","program":"%n","message":%*})");
    } else {
        formatter->set_pattern("%n: %l: %v");
    }
    logger->set_formatter(std::move(formatter));
    logger->set_level(level);
    spdlog::set_default_logger(std::move(logger));
    g_json_logs = settings.format == LogFormat::kJson;
}

}  // namespace diplosearch
