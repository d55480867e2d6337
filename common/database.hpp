/// @file
/// @brief Opening databases with the schema check and Xapian error translation
/// that both the indexer and the searcher need.
#pragma once

#include <xapian.h>

#include <string>

namespace diplosearch::database {

/// Opens @p path read-only and checks its schema version.
/// @throws DatabaseNotFoundError, SchemaMismatchError, IndexError.
Xapian::Database open_for_reading(const std::string& path);

/// Opens or creates @p path for writing; a new database gets the current schema version.
/// While another writer holds the lock, retries for up to @p wait_seconds.
/// @throws DatabaseLockedError, SchemaMismatchError, IndexError.
Xapian::WritableDatabase open_for_writing(const std::string& path, double wait_seconds = 0);

/// Throws the project exception matching @p error, naming @p path.
[[noreturn]] void rethrow(const Xapian::Error& error, const std::string& path);

}  // namespace diplosearch::database
