/// @file
/// @brief Access log lines.
#include "access_log.hpp"

#include <fmt/format.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

namespace diplosearch::server {

AccessLog::AccessLog(const std::string& program, LogFormat format, const std::string& level)
    : m_format(format),
      m_logger(std::make_shared<spdlog::logger>(
          program, std::make_shared<spdlog::sinks::stderr_sink_mt>())) {
    if (format == LogFormat::kJson) {
        // The payload is a complete JSON object of its own (see write()).
        m_logger->set_pattern(
            R"({"time":"%Y-%m-%dT%H:%M:%S.%e%z","level":"%l","program":"%n","access":%v})");
    } else {
        m_logger->set_pattern("%n: access: %v");
    }
    m_logger->set_level(spdlog::level::from_str(level));
}

void AccessLog::write(const AccessRecord& r) const {
    if (!m_logger->should_log(spdlog::level::info)) return;
    if (m_format == LogFormat::kJson) {
        const nlohmann::json line = {
            {"remote_addr", r.remote_addr}, {"method", r.method}, {"target", r.target},
            {"status", r.status},           {"bytes", r.bytes},   {"ms", r.seconds * 1000.0},
        };
        m_logger->info("{}", line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    } else {
        m_logger->info("{} \"{} {}\" {} {} {:.2f} ms", r.remote_addr, r.method, r.target, r.status,
                       r.bytes, r.seconds * 1000.0);
    }
}

}  // namespace diplosearch::server
