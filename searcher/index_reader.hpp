/// @file
/// @brief The read handle of a search session: one database, or the shards
/// of a sharded one (local and remote) joined into one Xapian handle.
#pragma once

#include <xapian.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "database.hpp"
#include "diplosearch/searcher.hpp"
#include "shards.hpp"

namespace diplosearch::searcher {

/// Follows the database like LiveReader (new commits, switched generations),
/// for each local shard, and keeps a connection to each remote shard.
///
/// Xapian searches the joined handle as one database, with the collection
/// statistics of all shards, so rankings equal those of one database. The
/// remote backend serves no spelling data: a remote shard's lexicon (its
/// spelling data, which the indexer copies beside the shards) is joined in
/// its place. A shard that does not answer is left out only when the caller
/// allows partial results; it is tried again at most once a second.
/// Not thread-safe.
class IndexReader {
  public:
    /// @throws DatabaseNotFoundError, SchemaMismatchError, IndexError,
    /// ShardUnavailableError (a remote shard that cannot be reached).
    IndexReader(std::string path, const SearcherOptions& options);

    /// Brings the handle up to date; call before each query.
    /// @throws ShardUnavailableError when a shard is missing and @p allow_partial is false.
    Xapian::Database& refresh(bool allow_partial);

    /// After a query failed with a network error: finds the remote shards
    /// that do not answer now and leaves them out when @p allow_partial, or
    /// throws ShardUnavailableError naming the first of them.
    void recover(const Xapian::Error& error, bool allow_partial);

    /// More than one database joined: no single revision, and MatchSpies
    /// must be Xapian's own when any shard is remote.
    bool joined() const { return m_parts.size() > 1; }
    bool has_remote() const;

    /// Shards left out of the handle (labels), in shard order.
    std::vector<std::string> missing() const;

    std::uint32_t shard_count() const { return static_cast<std::uint32_t>(m_parts.size()); }
    /// The live generation of an unsharded database.
    std::optional<unsigned> generation() const;
    /// The revision of an unsharded database; for shards, the sum of theirs.
    std::uint64_t revision();

  private:
    struct Part {
        shards::ShardAddress address;
        std::optional<database::LiveReader> local;
        Xapian::Database remote;
        std::optional<Xapian::Database> lexicon;  // For a remote shard.
        bool down = false;
        std::string error;                                // Why it is down.
        std::chrono::steady_clock::time_point connected;  // Of a remote shard.
        std::optional<unsigned> generation;               // Of a local shard, to notice a switch.
    };

    void connect(Part& part);
    void join();

    std::string m_path;
    SearcherOptions m_options;
    std::vector<Part> m_parts;
    Xapian::Database m_db;  // The joined handle.
    std::chrono::steady_clock::time_point m_last_retry;
};

}  // namespace diplosearch::searcher
