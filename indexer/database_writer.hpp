/// @file
/// @brief The write side of a job: the live generation's lock, batched
/// transactions with checkpoints, file stamps, pruning, and a rebuild's
/// switch to a new generation.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "database.hpp"
#include "file_stamp.hpp"

namespace diplosearch::indexer {

struct WriterOptions {
    double wait_seconds = 0;
    /// Write a new generation and switch readers to it at finish().
    bool rebuild = false;
    /// Previous generations kept after a rebuild's switch.
    unsigned keep = 1;
    /// Finish with a compacted generation (see IndexerOptions::compact).
    bool compact = false;
    /// A batch is committed when it holds this many documents...
    std::uint32_t batch_documents = 2000;
    /// ...or this many bytes of document text, whichever comes first.
    std::uint64_t batch_bytes = 64ULL << 20;
};

/// Which source files --prune looks at: a file source, or everything under a
/// directory source (by absolute path, as SourceListing gives it).
struct PruneScope {
    std::string root_path;
    bool directory = false;
};

/// What the database looks like once the job has finished.
struct WriteSummary {
    std::uint64_t doccount = 0;
    std::uint64_t revision = 0;
    std::optional<unsigned> generation;
};

/// Every change of a job goes through here. Changes are grouped in
/// transactions of bounded size; each commit carries a checkpoint in the
/// database metadata, so after a crash the database holds exactly the
/// documents of its last checkpoint. After any failed write nothing more is
/// committed and the handle is dropped, as Xapian requires. Not thread-safe.
class DatabaseWriter {
  public:
    DatabaseWriter(const std::string& path, WriterOptions options);
    /// Without finish(), drops the open transaction (and a rebuild's new generation).
    ~DatabaseWriter();
    DatabaseWriter(const DatabaseWriter&) = delete;
    DatabaseWriter& operator=(const DatabaseWriter&) = delete;

    /// The database being written, e.g. for spelling data. Call begin() first.
    Xapian::WritableDatabase& db() { return m_target; }

    /// Opens a transaction if none is open; call before any change.
    void begin();

    /// The content hash stored with the document indexed under @p id_term
    /// ("" for a document without one), which this job thereby keeps;
    /// nullopt when no document has that id.
    std::optional<std::string> indexed_hash(const std::string& id_term);

    /// Adds or replaces the document under @p id_term, committing when the
    /// batch is full; @p bytes counts towards the batch's byte bound.
    void put(const std::string& id_term, const Xapian::Document& doc, std::uint64_t bytes);

    /// The stamp recorded for source file @p origin_key, if any.
    std::optional<StoredStamp> stamp(const std::string& origin_key);
    /// Records a stamp (in the current transaction) unless it is already there.
    void set_stamp(const StoredStamp& stamp);

    /// Notes that source file @p origin_key exists, so --prune keeps its stamp.
    void mark_visited(const std::string& origin_key);

    /// Keeps every document indexed from @p origin_key (the file was not
    /// read, or not read cleanly), so --prune leaves them alone.
    /// @return how many documents that is.
    std::uint64_t keep_origin(const std::string& origin_key);

    /// Deletes the documents read from files in @p scopes that this job did
    /// not keep, and their stamps. @return documents deleted.
    std::uint64_t prune(const std::vector<PruneScope>& scopes);

    /// Commits the open transaction, if any, with a checkpoint.
    void commit();

    /// Commits, and for a rebuild switches readers to the new generation and
    /// removes generations beyond the ones kept.
    WriteSummary finish();

    /// Documents this job has added or replaced and committed.
    std::uint64_t committed() const { return m_committed; }

  private:
    template <typename Body>
    auto guarded(Body&& body);
    void note_uncaught_errors();
    void keep_docid(Xapian::docid id);
    bool kept(Xapian::docid id) const;
    void remove_old_generations();
    void compact_into(const std::filesystem::path& destination);

    std::string m_path;
    WriterOptions m_options;
    database::LiveWriter m_live;
    std::optional<unsigned> m_new_generation;  // Set for a rebuild.
    Xapian::WritableDatabase m_target;         // The live generation, or the new one.
    std::string m_job;
    bool m_in_transaction = false;
    bool m_failed = false;
    bool m_finished = false;
    std::uint64_t m_batch = 0;
    std::uint64_t m_batch_documents = 0;
    std::uint64_t m_batch_bytes = 0;
    std::uint64_t m_written = 0;
    std::uint64_t m_committed = 0;
    std::vector<bool> m_kept;  // By docid.
    std::unordered_set<std::string> m_visited_origins;
};

}  // namespace diplosearch::indexer
