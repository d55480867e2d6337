/// @file
/// @brief Errors answered with a non-2xx status and the JSON error body every endpoint uses.
#pragma once

#include <string>

#include "diplosearch/errors.hpp"

namespace diplosearch::server {

/// An answer other than success, thrown from an endpoint and written by the service.
class HttpError : public Error {
  public:
    /// @param status HTTP status; @param code a stable machine-readable name
    /// (`not_found`); @param parameter the query parameter at fault, or "".
    HttpError(int status, std::string code, const std::string& message, std::string parameter = "");
    int status() const noexcept { return m_status; }
    const std::string& code() const noexcept { return m_code; }
    const std::string& parameter() const noexcept { return m_parameter; }

  private:
    int m_status;
    std::string m_code;
    std::string m_parameter;
};

/// `{"error": {"status": S, "code": C, "message": M, "parameter": P}}` (parameter only
/// when one is at fault), newline-terminated.
std::string error_body(int status, const std::string& code, const std::string& message,
                       const std::string& parameter = "");

}  // namespace diplosearch::server
