/// @file
/// @brief The on-disk layout of a sharded database: shard folders, their
/// spelling lexicons, and the stub file that joins them.
///
/// A sharded database path is a folder holding `shard-00`, `shard-01`, ...
/// (each a complete DiploSearch database, in generations), `lexicon-00`, ...
/// (each shard's spelling data, copied after every job on that shard) and a
/// Xapian stub file `XAPIANDB` with one line per shard, in shard order:
/// `auto shard-00` for a local shard, `remote HOST:PORT` for one served by
/// `xapian-tcpsrv`. Xapian's own tools open the folder as all shards at once.
/// A document belongs to shard shard_of(id, count) for good, so incremental
/// jobs and deletions find it again.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace diplosearch::shards {

namespace fs = std::filesystem;

/// Most shards a database may have.
inline constexpr unsigned kMaxShards = 256;

/// The shard of document @p id among @p count: XXH3-64 of the id's bytes
/// modulo @p count, a function fixed for good (changing it would move documents).
unsigned shard_of(std::string_view id, unsigned count);

/// Folder name of shard @p number (`shard-00`).
std::string shard_name(unsigned number);

/// Folder name of shard @p number's spelling lexicon (`lexicon-00`).
std::string lexicon_name(unsigned number);

/// Where one shard is.
struct ShardAddress {
    bool remote = false;
    std::string path;   ///< Local: absolute or relative to the database folder.
    std::string host;   ///< Remote: host name or address.
    unsigned port = 0;  ///< Remote: TCP port of its xapian-tcpsrv.

    /// `shard-00`, `host:port`, as messages name it.
    std::string label() const;
    /// The stub line for it.
    std::string stub_line() const;
};

/// Parses a `--shard` value: `tcp://HOST:PORT` or a local path.
/// @throws UsageError naming the value when it is malformed.
ShardAddress parse_address(const std::string& spec);

/// True when @p db is a folder whose stub lists shards (not a generation).
bool is_sharded(const fs::path& db);

/// The shards the stub of @p db lists, in shard order.
/// @throws IndexError when the stub cannot be read or has a line other than
/// `auto|glass PATH`, `remote HOST:PORT`, a comment or a blank.
std::vector<ShardAddress> read_stub(const fs::path& db);

/// A temporary-file suffix of this process's own (`.tmp.PID`), for files of
/// the sharded folder that processes indexing different shards all write.
std::string temp_suffix();

/// Writes the stub of a sharded database of @p count local shards unless one
/// exists (whose remote lines are kept); atomic (write, sync, rename).
/// @throws IndexError when it cannot be written, or when an existing stub
/// lists another number of shards.
void write_stub(const fs::path& db, unsigned count);

}  // namespace diplosearch::shards
