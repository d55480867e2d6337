/// @file
/// @brief The JSON error body.
#include "http_error.hpp"

#include <nlohmann/json.hpp>

namespace diplosearch::server {

HttpError::HttpError(int status, std::string code, const std::string& message,
                     std::string parameter)
    : Error(message),
      m_status(status),
      m_code(std::move(code)),
      m_parameter(std::move(parameter)) {}

std::string error_body(int status, const std::string& code, const std::string& message,
                       const std::string& parameter) {
    nlohmann::json error = {{"status", status}, {"code", code}, {"message", message}};
    if (!parameter.empty()) error["parameter"] = parameter;
    return nlohmann::json{{"error", std::move(error)}}.dump(
               -1, ' ', false, nlohmann::json::error_handler_t::replace) +
           '\n';
}

}  // namespace diplosearch::server
