/// @file
/// @brief The errors a format parser throws; the indexer adds the file name.
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

/// A well-formed file that holds nothing to index as text (a scanned PDF with no
/// text layer) or that cannot be opened for what it is (an encrypted or broken PDF):
/// reported as skipped with the reason, never indexed empty and never a rejection of
/// the job's input.
class UnreadableDocument : public std::runtime_error {
  public:
    explicit UnreadableDocument(const std::string& reason) : std::runtime_error(reason) {}
};

}  // namespace diplosearch::indexer
