/// @file
/// @brief The error a format parser throws; the indexer adds the file name.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace diplosearch::indexer {

class ParseError : public std::runtime_error {
  public:
    /// @param line 1-based line within the file, 0 when not applicable.
    ParseError(std::uint64_t line, const std::string& reason)
        : std::runtime_error(reason), m_line(line) {}
    std::uint64_t line() const noexcept { return m_line; }

  private:
    std::uint64_t m_line;
};

}  // namespace diplosearch::indexer
