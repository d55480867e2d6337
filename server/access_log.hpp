/// @file
/// @brief One spdlog line per answered request, as text or as a JSON object.
#pragma once

#include <memory>
#include <string>

#include "logging.hpp"

namespace spdlog {
class logger;
}

namespace diplosearch::server {

/// What the access log says about one request.
struct AccessRecord {
    std::string remote_addr;
    std::string method;
    std::string target;  ///< Path and query string as sent.
    int status = 0;
    std::size_t bytes = 0;  ///< Response body bytes.
    double seconds = 0;     ///< Arrival to answer.
};

/// Writes access lines to stderr at level info through its own spdlog logger named
/// `access`, so they follow --quiet/--log-level and, in JSON mode, are objects with
/// one field each instead of a message string.
class AccessLog {
  public:
    /// @param program the prefix of text lines; @param format text or JSON lines;
    /// @param level the level the rest of the program logs at.
    AccessLog(const std::string& program, LogFormat format, const std::string& level);
    void write(const AccessRecord& record) const;

  private:
    LogFormat m_format;
    std::shared_ptr<spdlog::logger> m_logger;
};

}  // namespace diplosearch::server
