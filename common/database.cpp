/// @file
/// @brief Database opening, generation following and error translation.
#include "database.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "diplosearch/errors.hpp"
#include "schema.hpp"

namespace diplosearch::database {

namespace fs = std::filesystem;

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
        fmt::format("{}: schema version {} but this build reads version {}; rebuild it with "
                    "`diplo-index --rebuild --db {} SOURCE...`",
                    path, version, schema::kVersion, path));
}

void stamp_schema(Xapian::WritableDatabase& db) {
    if (db.get_metadata(std::string(schema::kVersionKey)).empty()) {
        db.set_metadata(std::string(schema::kVersionKey), std::string(schema::kVersion));
    }
}

using Deadline = std::chrono::steady_clock::time_point;

Deadline deadline_after(double seconds) {
    return std::chrono::steady_clock::now() +
           std::chrono::duration_cast<std::chrono::steady_clock::duration>(
               std::chrono::duration<double>(std::max(seconds, 0.0)));
}

// Xapian's lock cannot be waited on, so poll it until the deadline.
Xapian::WritableDatabase open_writable_waiting(const fs::path& dir, int flags, Deadline deadline) {
    constexpr auto kPollInterval = std::chrono::milliseconds(200);
    while (true) {
        try {
            return Xapian::WritableDatabase(dir.string(), flags);
        } catch (const Xapian::DatabaseLockError&) {
            if (std::chrono::steady_clock::now() + kPollInterval > deadline) throw;
            std::this_thread::sleep_for(kPollInterval);
        }
    }
}

void create_folder(const fs::path& dir, const std::string& path) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) {
        throw IndexError(
            fmt::format("{}: cannot create folder {}: {}", path, dir.string(), ec.message()));
    }
}

// Locks the live generation. The stub may switch while we wait for the lock
// (a rebuild finishing), so the lock only counts if the stub still names the
// generation we locked; switching needs that same lock, so then it is stable.
LiveWriter lock_live_generation(const fs::path& db, Deadline deadline) {
    while (true) {
        const auto live = generations::live_generation(db);
        if (!live) {
            throw IndexError(
                fmt::format("{}: unreadable stub file {}", db.string(), generations::kStubName));
        }
        Xapian::WritableDatabase writable;
        try {
            writable = open_writable_waiting(generations::generation_dir(db, *live),
                                             Xapian::DB_OPEN, deadline);
        } catch (const Xapian::DatabaseOpeningError&) {
            // While we waited, a rebuild (--keep 0) or a rollback switched the
            // stub and removed the generation we were waiting for: follow the stub.
            if (generations::live_generation(db) == live) throw;
            continue;
        }
        if (generations::live_generation(db) == live) return {std::move(writable), live};
    }
}

// An exclusive flock on the database folder, held while a database is created.
class FolderLock {
  public:
    FolderLock(const fs::path& db, Deadline deadline)
        : m_fd(::open(db.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
        if (m_fd < 0) {
            throw IndexError(
                fmt::format("{}: cannot open the folder: {}", db.string(), std::strerror(errno)));
        }
        constexpr auto kPollInterval = std::chrono::milliseconds(200);
        while (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
            if (std::chrono::steady_clock::now() + kPollInterval > deadline) {
                ::close(m_fd);
                throw DatabaseLockedError(
                    fmt::format("{}: locked by another indexer (creating it)", db.string()));
            }
            std::this_thread::sleep_for(kPollInterval);
        }
    }
    ~FolderLock() { ::close(m_fd); }  // Closing releases the lock, as a crash does.
    FolderLock(const FolderLock&) = delete;
    FolderLock& operator=(const FolderLock&) = delete;

  private:
    int m_fd;
};

// Creates generation 1 and the stub. A creation killed half-way leaves a
// generation folder Xapian cannot open and no stub; as nothing was ever live,
// such debris is removed and the creation starts again. The folder lock keeps
// two first indexers from doing this at once.
LiveWriter create_database(const fs::path& db, Deadline deadline) {
    create_folder(db, db.string());
    const FolderLock creating(db, deadline);
    if (generations::layout_of(db) == generations::Layout::kGenerational) {
        return lock_live_generation(db, deadline);  // Another indexer created it meanwhile.
    }
    for (const unsigned number : generations::list_generations(db)) {
        generations::remove_generation(db, number);
    }
    Xapian::WritableDatabase writable(generations::generation_dir(db, 1).string(),
                                      Xapian::DB_CREATE_OR_OVERWRITE);
    try {
        writable.commit();  // The stub must never name a generation without a revision.
    } catch (const Xapian::Error&) {
        abandon(writable);
        throw;
    }
    generations::switch_live(db, 1);
    return {std::move(writable), 1U};
}

}  // namespace

void abandon(Xapian::WritableDatabase& db) {
    // Reachable from a static, so leak checkers do not count it; never
    // destroyed, since static destructors would run Xapian's commit at exit.
    static auto* const abandoned = new std::vector<Xapian::WritableDatabase>();
    abandoned->push_back(db);
}

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
    if (!fs::exists(path, ec)) {
        throw DatabaseNotFoundError(
            fmt::format("{}: no such database (create it with diplo-index)", path));
    }
    // A writer committing fast can outrun opening and reading the metadata;
    // opening again reads the newest revision.
    constexpr int kMaxAttempts = 5;
    for (int attempt = 1;; ++attempt) {
        try {
            Xapian::Database db(path);
            check_schema(db, path);
            return db;
        } catch (const Xapian::DatabaseModifiedError& e) {
            if (attempt == kMaxAttempts) rethrow(e, path);
        } catch (const Xapian::Error& e) {
            rethrow(e, path);
        }
    }
}

LiveReader::LiveReader(std::string path)
    : m_path(std::move(path)),
      m_stub(generations::stub_identity(m_path)),
      m_db(open_for_reading(m_path)),
      m_generation(generations::live_generation(m_path)) {}

Xapian::Database& LiveReader::refresh() {
    auto stub = generations::stub_identity(m_path);
    if (stub == m_stub) {
        m_db.reopen();
        return m_db;
    }
    // A rebuild switched generations: open the new one. If it vanished between
    // reading the stub and opening it (two switches in a row), read the stub again.
    for (int attempt = 1;; ++attempt) {
        try {
            m_db = open_for_reading(m_path);
            m_stub = stub;
            m_generation = generations::live_generation(m_path);
            return m_db;
        } catch (const DatabaseNotFoundError&) {
            auto again = generations::stub_identity(m_path);
            if (attempt == 3 || again == stub) throw;
            stub = again;
        }
    }
}

LiveWriter open_for_writing(const std::string& path, double wait_seconds, bool check_schema) {
    const fs::path db(path);
    const Deadline deadline = deadline_after(wait_seconds);
    try {
        LiveWriter writer;
        switch (generations::layout_of(db)) {
            case generations::Layout::kMissing:
                writer = create_database(db, deadline);
                break;
            case generations::Layout::kGenerational:
                writer = lock_live_generation(db, deadline);
                break;
            case generations::Layout::kPlain:
                writer.db = open_writable_waiting(db, Xapian::DB_OPEN, deadline);
                break;
            case generations::Layout::kUnknown:
                throw IndexError(fmt::format(
                    "{}: not a DiploSearch database (a file, or a folder with other contents)",
                    path));
            case generations::Layout::kSharded:
                throw IndexError(fmt::format(
                    "{}: a sharded database: its shards are written one by one (diplo-index "
                    "--shards N, see docs/sharding.md)",
                    path));
        }
        if (check_schema) {
            database::check_schema(writer.db, path);
            stamp_schema(writer.db);
        }
        return writer;
    } catch (const Xapian::Error& e) {
        rethrow(e, path);
    }
}

Xapian::WritableDatabase create_generation(const std::string& path, unsigned number) {
    try {
        Xapian::WritableDatabase db(generations::generation_dir(path, number).string(),
                                    Xapian::DB_CREATE_OR_OVERWRITE);
        stamp_schema(db);
        return db;
    } catch (const Xapian::Error& e) {
        rethrow(e, path);
    }
}

}  // namespace diplosearch::database
