/// @file
/// @brief Public API for writing documents into a DiploSearch database.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diplosearch/document.hpp"
#include "diplosearch/export.hpp"

namespace diplosearch {

/// How the indexer treats its inputs.
struct IndexerOptions {
    /// Input format: empty or `auto` picks by file extension; otherwise one of
    /// `jsonl`, `json`, `text`, `markdown`, `html`.
    std::string format;
    /// Commit after this many documents (bounded batches keep memory flat)...
    std::uint32_t batch_size = 2000;
    /// ...or after this many bytes of document text, whichever comes first.
    std::uint64_t batch_bytes = 64ULL << 20;
    /// Record spelling data so the searcher can suggest corrections.
    bool spelling = true;
    /// Extract countries, topics, dates and types from the text where the
    /// source does not give them (and the countries it mentions).
    bool extract = true;
    /// Seconds to wait for another writer to release the database; 0 fails at once.
    double wait_seconds = 0;
    /// Build a new generation from the sources alone and switch readers to it
    /// atomically at finish(); the live generation is untouched until then.
    bool rebuild = false;
    /// Previous generations kept for rollback after a rebuild.
    unsigned keep = 1;
    /// At finish(), replace the result with a compacted copy (Xapian's
    /// compaction, as `xapian-compact` does): about 40% smaller with every
    /// block full, and no slower to search. A rebuild compacts its new
    /// generation before the switch; any other job writes the copy as the next
    /// generation and removes the one it replaces (same documents, so nothing
    /// to roll back to). Costs a few seconds per GB. `diplo-index` sets it for
    /// --rebuild unless --no-compact, and for --compact.
    bool compact = false;
    /// At finish(), delete the documents read earlier from files under the
    /// file and directory sources of this job that are gone now (a file
    /// removed, a JSONL record dropped). Files that could not be read keep theirs.
    bool prune = false;
    /// Shard the database into this many shards by a hash of the document id
    /// (docs/sharding.md); 0 takes what the database has (unsharded, or the
    /// shards its stub lists). A database cannot change its number of shards.
    unsigned shards = 0;
    /// Write only this shard of a sharded database (0-based), passing over the
    /// other shards' documents, so that shards can be indexed by parallel
    /// processes. Near-duplicates are then only found within the shard.
    std::optional<unsigned> only_shard;
    /// Read and hash every file even when its size, times and inode say it is
    /// unchanged since it was last indexed.
    bool rehash = false;
    /// Called now and then (every 200 documents and after each file) with the
    /// counts so far, e.g. to draw a progress bar.
    std::function<void(const struct IndexStats&)> progress;
};

/// What a problem with one input did to it.
enum class ProblemKind {
    kWarning,   ///< The document was indexed, but a value was dropped or repaired.
    kSkipped,   ///< A whole file was passed over (empty, binary, unsupported).
    kRejected,  ///< A document or file was malformed and not indexed.
};

/// One problem with the input, reported through the problem handler.
struct InputProblem {
    ProblemKind kind;        ///< What the problem did to the input.
    std::string source;      ///< File name, or `-` for stdin.
    std::uint64_t line = 0;  ///< 1-based line for JSONL and front matter; 0 if none.
    std::string reason;      ///< What was wrong, for a person to read.
};

/// Counts for one indexing run.
struct IndexStats {
    std::uint64_t indexed = 0;     ///< Documents added or replaced (added + updated).
    std::uint64_t added = 0;       ///< Documents new to the database.
    std::uint64_t updated = 0;     ///< Documents replaced because their content changed.
    std::uint64_t unchanged = 0;   ///< Documents already indexed with the same content, skipped.
    std::uint64_t deleted = 0;     ///< Documents removed by prune.
    std::uint64_t skipped = 0;     ///< Files passed over.
    std::uint64_t rejected = 0;    ///< Documents or files not indexed because malformed.
    std::uint64_t warnings = 0;    ///< Documents indexed with a repaired or dropped value.
    std::uint64_t files_read = 0;  ///< Source files read and parsed.
    std::uint64_t files_unchanged = 0;  ///< Source files skipped unread: same size, times, inode.
    std::uint64_t bytes_done = 0;       ///< Bytes of source files read or found unchanged.
    std::uint64_t bytes_total = 0;      ///< Bytes of all listed source files (0 for stdin).
    double seconds = 0.0;               ///< Wall time since the indexer was opened.
    std::uint64_t doccount = 0;         ///< After finish(): documents in the database.
    std::uint64_t revision = 0;         ///< After finish(): the database's Xapian revision.
    unsigned generation = 0;            ///< After finish(): live generation; 0 if plain Xapian.
    /// The first skipped and rejected inputs, with reasons (at most 1000).
    std::vector<InputProblem> problems;
};

/// Writes documents into a database, creating it when absent.
///
/// Holds the database's write lock for its lifetime: only one Indexer may be
/// open on a database at a time. Documents are replaced by id; a document whose
/// content (and the extraction rules) did not change since it was indexed is
/// skipped without being tokenised again, so re-running a job is cheap and
/// leaves the database unchanged. Not thread-safe.
class DIPLOSEARCH_API Indexer {
  public:
    /// Opens or creates the database at @p db_path.
    /// @throws DatabaseLockedError when another writer holds the lock.
    /// @throws SchemaMismatchError when the database has another schema version.
    /// @throws IndexError for any other database failure.
    explicit Indexer(const std::string& db_path, IndexerOptions options = {});
    ~Indexer();
    /// Takes over the open database and its write lock; the moved-from
    /// Indexer may only be destroyed or assigned to.
    Indexer(Indexer&&) noexcept;
    /// Finishes this Indexer's job as the destructor would, then takes over @p other's.
    Indexer& operator=(Indexer&& other) noexcept;

    /// Called for every input problem; by default problems are logged.
    void set_problem_handler(std::function<void(const InputProblem&)> handler);

    /// Indexes a file, a directory (walked recursively in sorted order) or `-`
    /// (JSONL on standard input). A missing source, an unreadable file and a
    /// malformed document are reported to the problem handler and passed over.
    /// A file whose size, times and inode match those recorded when it was
    /// last indexed is not read again (see IndexerOptions::rehash).
    /// @throws IndexError when the database fails.
    void add_source(const std::string& source);

    /// Indexes several sources, listing them all first so that progress
    /// reports know the total size.
    void add_sources(const std::vector<std::string>& sources);

    /// Indexes JSONL records read from @p input; @p name labels problems.
    void add_jsonl_stream(std::istream& input, const std::string& name);

    /// Normalises and indexes one document.
    /// @throws InputError when the document has no usable id or text.
    void add_document(Document document);

    /// Makes everything added so far durable and visible to searchers (for a
    /// rebuild: durable, and visible once finish() switches generations).
    void commit();

    /// Ends the job: prunes (if asked), commits, switches a rebuild's
    /// generation live, and records the job's summary beside the database
    /// (`last-job.json`). Called by the destructor unless an exception is in
    /// flight or a write failed. @return the final counts.
    IndexStats finish();

    /// Counts so far.
    IndexStats stats() const;

  private:
    class DIPLOSEARCH_LOCAL Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace diplosearch
