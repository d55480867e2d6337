/// @file
/// @brief Out-of-line parts of the public exception types.
#include "diplosearch/errors.hpp"

#include <fmt/format.h>

namespace diplosearch {

namespace {

std::string describe(const std::string& source, std::uint64_t line, const std::string& reason) {
    return line > 0 ? fmt::format("{}:{}: {}", source, line, reason)
                    : fmt::format("{}: {}", source, reason);
}

}  // namespace

InputError::InputError(std::string source, std::uint64_t line, const std::string& reason)
    : Error(describe(source, line, reason)),
      m_source(std::move(source)),
      m_line(line),
      m_reason(reason) {}

}  // namespace diplosearch
