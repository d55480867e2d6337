/// @file
/// @brief Database opening and error translation.
#include "database.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include <fmt/format.h>

#include "diplosearch/errors.hpp"
#include "schema.hpp"

namespace diplosearch::database {

namespace {

void check_schema(const Xapian::Database& db, const std::string& path) {
    const std::string version = db.get_metadata(std::string(schema::kVersionKey));
    if (version == schema::kVersion) return;
    if (version.empty()) {
        if (db.get_doccount() == 0) return;  // Fresh database: the first commit stamps it.
        throw SchemaMismatchError(
            fmt::format("{}: not a DiploSearch database (no schema version)", path));
    }
    throw SchemaMismatchError(
        fmt::format("{}: schema version {} but this build reads version {}; rebuild the index with "
                    "this version of diplo-index",
                    path, version, schema::kVersion));
}

// Xapian's lock cannot be waited on, so poll it until the deadline.
Xapian::WritableDatabase open_writable_waiting(const std::string& path,
                                               std::chrono::steady_clock::time_point deadline) {
    constexpr auto kPollInterval = std::chrono::milliseconds(200);
    while (true) {
        try {
            return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
        } catch (const Xapian::DatabaseLockError&) {
            if (std::chrono::steady_clock::now() + kPollInterval > deadline) throw;
            std::this_thread::sleep_for(kPollInterval);
        }
    }
}

}  // namespace

void rethrow(const Xapian::Error& error, const std::string& path) {
    const std::string message = fmt::format("{}: {}", path, error.get_description());
    // Xapian::Error is not polymorphic in 1.4: its type name says what it is.
    const std::string type = error.get_type();
    if (type == "DatabaseLockError") {
        throw DatabaseLockedError(
            fmt::format("{}: locked by another indexer ({})", path, error.get_msg()));
    }
    if (type == "DatabaseOpeningError" || type == "DatabaseVersionError" ||
        type == "DatabaseNotFoundError") {
        throw DatabaseNotFoundError(
            fmt::format("{}: cannot open database ({})", path, error.get_msg()));
    }
    throw IndexError(message);
}

Xapian::Database open_for_reading(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        throw DatabaseNotFoundError(
            fmt::format("{}: no such database (create it with diplo-index)", path));
    }
    try {
        Xapian::Database db(path);
        check_schema(db, path);
        return db;
    } catch (const Xapian::Error& e) {
        rethrow(e, path);
    }
}

Xapian::WritableDatabase open_for_writing(const std::string& path, double wait_seconds) {
    // Xapian creates the database directory but not its parents.
    std::error_code ec;
    const auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty() && !std::filesystem::exists(parent, ec)) {
        std::filesystem::create_directories(parent, ec);
        if (ec) {
            throw IndexError(fmt::format("{}: cannot create folder {}: {}", path, parent.string(),
                                         ec.message()));
        }
    }
    const auto deadline = std::chrono::steady_clock::now() +
                          std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                              std::chrono::duration<double>(std::max(wait_seconds, 0.0)));
    try {
        Xapian::WritableDatabase db = open_writable_waiting(path, deadline);
        check_schema(db, path);
        if (db.get_metadata(std::string(schema::kVersionKey)).empty()) {
            db.set_metadata(std::string(schema::kVersionKey), std::string(schema::kVersion));
        }
        return db;
    } catch (const Xapian::Error& e) {
        rethrow(e, path);
    }
}

}  // namespace diplosearch::database
