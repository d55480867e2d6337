/// @file
/// @brief The writers of one job: the database's single writer, or one per
/// shard of a sharded database, with the per-file bookkeeping fanned out.
#pragma once

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "database_writer.hpp"

namespace diplosearch::indexer {

/// Which shards a job writes.
struct ShardSelection {
    /// Number of shards: 0 takes what the database has (one writer for an
    /// unsharded database, every shard of a sharded one); N >= 1 makes or
    /// expects a sharded database of N shards.
    unsigned count = 0;
    /// Write only this shard (for one process per shard); the other shards'
    /// documents are passed over.
    std::optional<unsigned> only;
};

/// Opens every writer of the job (taking each shard's lock) and creates a
/// sharded database's folders and stub. A file source is bookkept in every
/// shard written: each records its stamp, since any of them may hold
/// documents from it. Not thread-safe.
class ShardWriters {
  public:
    /// @throws UsageError for a selection that contradicts the database.
    /// @throws IndexError, DatabaseLockedError, SchemaMismatchError as DatabaseWriter.
    ShardWriters(const std::string& path, const WriterOptions& options, ShardSelection selection);

    bool sharded() const { return m_sharded; }

    /// The shard of document @p id (0 when unsharded).
    unsigned shard_of(std::string_view id) const;

    /// The writer of shard @p shard, or nullptr when this job does not write it.
    DatabaseWriter* writer(unsigned shard) { return m_writers[shard].get(); }

    /// Every shard's database being written, by shard number (nullptr where
    /// this job does not write one).
    std::vector<Xapian::WritableDatabase*> databases();

    /// Opens a transaction in every shard written, before any change.
    void begin_all();

    void mark_visited(const std::string& origin_key);
    /// True when every shard written has recorded @p stamp for its file.
    bool unchanged(const std::string& origin_key, const StoredStamp& stamp);
    std::uint64_t keep_origin(const std::string& origin_key);
    void set_stamp(const StoredStamp& stamp);
    std::uint64_t prune(const std::vector<PruneScope>& scopes);
    void commit();

    /// Finishes every writer, then refreshes each written shard's lexicon
    /// (its spelling data, which the searcher needs when the shard is remote).
    /// For a sharded database the counts are summed and no generation is given.
    WriteSummary finish();

  private:
    std::string m_path;
    bool m_sharded = false;
    unsigned m_count = 1;
    std::vector<std::unique_ptr<DatabaseWriter>> m_writers;  // By shard.
};

}  // namespace diplosearch::indexer
