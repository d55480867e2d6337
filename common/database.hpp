/// @file
/// @brief Opening databases (their live generation) with the schema check and
/// Xapian error translation that both the indexer and the searcher need.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>

#include "generations.hpp"

namespace diplosearch::database {

/// Opens @p path read-only and checks its schema version.
/// @throws DatabaseNotFoundError, SchemaMismatchError, IndexError.
Xapian::Database open_for_reading(const std::string& path);

/// A read handle that follows the database: refresh() moves it to the latest
/// commit, and to a new generation when a rebuild has switched the stub.
class LiveReader {
  public:
    /// @throws DatabaseNotFoundError, SchemaMismatchError, IndexError.
    explicit LiveReader(std::string path);

    /// Brings the handle up to date; call before each query.
    Xapian::Database& refresh();
    Xapian::Database& get() { return m_db; }
    const std::string& path() const { return m_path; }
    /// The generation the handle reads; nullopt for a plain Xapian database.
    std::optional<unsigned> generation() const { return m_generation; }

  private:
    std::string m_path;
    std::optional<generations::StubIdentity> m_stub;
    Xapian::Database m_db;
    std::optional<unsigned> m_generation;
};

/// The write lock on a database's live generation, with the handle to write it.
struct LiveWriter {
    Xapian::WritableDatabase db;
    /// The live generation; nullopt for a plain Xapian database.
    std::optional<unsigned> generation;
};

/// Opens the live generation of @p path for writing, creating the database
/// (generation 1) when absent. While another writer holds the lock, retries
/// for up to @p wait_seconds. With @p check_schema, a database of another
/// schema version is refused and a new one is stamped with the current one.
/// @throws DatabaseLockedError, SchemaMismatchError, IndexError.
LiveWriter open_for_writing(const std::string& path, double wait_seconds = 0,
                            bool check_schema = true);

/// Creates generation @p number of @p path afresh (replacing any debris of
/// that number) and stamps it with the current schema version.
/// @throws IndexError.
Xapian::WritableDatabase create_generation(const std::string& path, unsigned number);

/// Drops a writable handle after a failed write without letting Xapian touch
/// the database again. Xapian 1.4 commits whatever a handle holds when its
/// last copy is closed or destroyed, even after a commit failed half-way
/// (which could make part of a batch durable), so the handle is kept alive,
/// unused, until the process exits; its lock is released then.
void abandon(Xapian::WritableDatabase& db);

/// Throws the project exception matching @p error, naming @p path.
[[noreturn]] void rethrow(const Xapian::Error& error, const std::string& path);

}  // namespace diplosearch::database
