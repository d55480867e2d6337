/// @file
/// @brief The exception hierarchy of the DiploSearch library.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "diplosearch/export.hpp"

namespace diplosearch {

/// Base of every error the library throws.
class DIPLOSEARCH_API Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// A caller passed an invalid option or value.
class DIPLOSEARCH_API UsageError : public Error {
  public:
    using Error::Error;
};

/// A source document or file could not be read or parsed.
class DIPLOSEARCH_API InputError : public Error {
  public:
    /// @param source file name (or `-` for stdin)
    /// @param line 1-based line, 0 when not applicable
    /// @param reason what was wrong; what() is `source:line: reason`
    InputError(std::string source, std::uint64_t line, const std::string& reason);
    const std::string& source() const noexcept { return m_source; }  ///< File name, or `-`.
    std::uint64_t line() const noexcept { return m_line; }           ///< 1-based line; 0 when none.
    const std::string& reason() const noexcept { return m_reason; }  ///< Without the location.

  private:
    std::string m_source;
    std::uint64_t m_line;
    std::string m_reason;
};

/// The database failed: corrupt, I/O error, or an unexpected Xapian error.
class DIPLOSEARCH_API IndexError : public Error {
  public:
    using Error::Error;
};

/// The database path does not exist or is not a readable database.
class DIPLOSEARCH_API DatabaseNotFoundError : public IndexError {
  public:
    using IndexError::IndexError;
};

/// Another process holds the database's write lock.
class DIPLOSEARCH_API DatabaseLockedError : public IndexError {
  public:
    using IndexError::IndexError;
};

/// The database was written with a schema this build cannot read.
class DIPLOSEARCH_API SchemaMismatchError : public IndexError {
  public:
    using IndexError::IndexError;
};

/// A shard of a sharded database did not answer: its server is down, or it
/// was slower than the remote timeout (SearcherOptions). what() names it.
class DIPLOSEARCH_API ShardUnavailableError : public IndexError {
  public:
    using IndexError::IndexError;
};

/// A query could not be parsed.
class DIPLOSEARCH_API QueryError : public Error {
  public:
    using Error::Error;
};

}  // namespace diplosearch
