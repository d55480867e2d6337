/// @file
/// @brief spdlog set-up shared by every binary: stderr, levels, text or JSON lines.
#pragma once

#include <string>

namespace diplosearch {

enum class LogFormat { kText, kJson };

struct LogSettings {
    std::string program;         ///< Prefix of every text line.
    std::string level = "info";  ///< trace, debug, info, warn, error, critical, off.
    LogFormat format = LogFormat::kText;
};

/// Installs the default logger writing to stderr.
/// @throws UsageError for an unknown level.
void setup_logging(const LogSettings& settings);

/// True once setup_logging() chose JSON lines, so that the last word of a
/// failing program (its error line) can be JSON too.
bool logs_as_json();

}  // namespace diplosearch
