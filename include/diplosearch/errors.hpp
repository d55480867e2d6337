/// @file
/// @brief The exception hierarchy of the DiploSearch library.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace diplosearch {

/// Base of every error the library throws.
class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// A caller passed an invalid option or value.
class UsageError : public Error {
  public:
    using Error::Error;
};

/// A source document or file could not be read or parsed.
class InputError : public Error {
  public:
    /// @param source file name (or `-` for stdin); @param line 1-based line, 0 when not applicable.
    InputError(std::string source, std::uint64_t line, const std::string& reason);
    const std::string& source() const noexcept { return m_source; }
    std::uint64_t line() const noexcept { return m_line; }
    const std::string& reason() const noexcept { return m_reason; }

  private:
    std::string m_source;
    std::uint64_t m_line;
    std::string m_reason;
};

/// The database failed: corrupt, I/O error, or an unexpected Xapian error.
class IndexError : public Error {
  public:
    using Error::Error;
};

/// The database path does not exist or is not a readable database.
class DatabaseNotFoundError : public IndexError {
  public:
    using IndexError::IndexError;
};

/// Another process holds the database's write lock.
class DatabaseLockedError : public IndexError {
  public:
    using IndexError::IndexError;
};

/// The database was written with a schema this build cannot read.
class SchemaMismatchError : public IndexError {
  public:
    using IndexError::IndexError;
};

/// A query could not be parsed.
class QueryError : public Error {
  public:
    using Error::Error;
};

}  // namespace diplosearch
