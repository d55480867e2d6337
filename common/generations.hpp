/// @file
/// @brief The on-disk layout of a database path: numbered generations of a
/// Xapian database and the stub file that names the live one.
///
/// A DiploSearch database path is a folder holding `gen-000001`,
/// `gen-000002`, ... (each a complete Xapian database) and a Xapian stub file
/// `XAPIANDB` naming the live generation. Xapian opens such a folder as the
/// database the stub names, so `xapian-delve PATH` and every reader see the
/// live generation; a rebuild switches readers by renaming a new stub over the
/// old one, which is atomic. A plain Xapian database folder (no stub) is still
/// opened as a single generation.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diplosearch::generations {

namespace fs = std::filesystem;

/// Name of the stub file inside the database folder (Xapian's convention).
inline constexpr std::string_view kStubName = "XAPIANDB";

/// What is at a database path.
enum class Layout {
    kMissing,       ///< Nothing there yet, or an empty folder.
    kGenerational,  ///< A folder with a stub naming the live generation.
    kPlain,         ///< A single Xapian database, not managed in generations.
    kSharded,       ///< A folder whose stub lists shards (see shards.hpp).
    kUnknown,       ///< A file, or a folder with other contents.
};

Layout layout_of(const fs::path& db);

/// Folder of generation @p number inside @p db.
fs::path generation_dir(const fs::path& db, unsigned number);

/// The generation the stub names, or nullopt when there is no readable stub.
std::optional<unsigned> live_generation(const fs::path& db);

/// Every generation folder present, oldest first.
std::vector<unsigned> list_generations(const fs::path& db);

/// Makes @p number the live generation: writes a new stub beside the old one,
/// syncs it, and renames it into place, so a reader sees the old or the new
/// generation, never neither. The caller must hold the live generation's lock.
/// @throws IndexError when the stub cannot be written.
void switch_live(const fs::path& db, unsigned number);

/// Replaces file @p name in the database folder atomically: writes a
/// temporary file, syncs it and renames it over the old one.
/// @throws IndexError when it cannot be written.
/// @p temp_suffix names the temporary file; writers that may run at the same
/// time (one per shard) each need their own.
void replace_file(const fs::path& db, std::string_view name, const std::string& content,
                  std::string_view temp_suffix = ".tmp");

/// Makes a folder another writer filled durable: syncs (fdatasync) every
/// regular file in @p folder, then the folder itself. Xapian 1.4's compaction
/// ignores a failed sync of its output, so a compacted copy goes through this
/// before it may become live.
/// @throws IndexError naming the file or folder that could not be synced.
void sync_folder_contents(const fs::path& db, const fs::path& folder);

/// Removes generation @p number's folder; failures are logged, not thrown,
/// because a leftover folder is only debris for the next run.
void remove_generation(const fs::path& db, unsigned number);

/// The folder a compaction writes before it becomes a generation.
inline constexpr std::string_view kCompactTempName = "compact.tmp";

/// Removes what an interrupted job leaves behind: generations newer than the
/// live one (a rebuild that never switched), a half-written stub and a
/// half-written compaction. The caller must hold the live generation's lock.
void remove_debris(const fs::path& db);

/// Identity of the stub file, to notice that a rebuild switched generations.
struct StubIdentity {
    dev_t device = 0;
    ino_t inode = 0;
    long long modified_ns = 0;
    bool operator==(const StubIdentity&) const = default;
};

/// The stub's identity now, or nullopt when there is no stub.
std::optional<StubIdentity> stub_identity(const fs::path& db);

}  // namespace diplosearch::generations
