/// @file
/// @brief One writer per shard, and the sharded folder they live in.
#include "shard_writers.hpp"

#include <filesystem>

#include <fmt/format.h>

#include "diplosearch/errors.hpp"
#include "generations.hpp"
#include "shard_lexicon.hpp"
#include "shards.hpp"

namespace diplosearch::indexer {

namespace fs = std::filesystem;

namespace {

// A folder holding only what a sharded creation cut short leaves: shard and
// lexicon folders, a temporary stub. Such a creation is simply continued.
bool unfinished_sharded_creation(const fs::path& db) {
    std::error_code ec;
    bool any = false;
    for (fs::directory_iterator it(db, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.rfind("shard-", 0) != 0 && name.rfind("lexicon-", 0) != 0 &&
            name.rfind("XAPIANDB.tmp", 0) != 0) {
            return false;
        }
        any = true;
    }
    return !ec && any;
}

// The number of shards of the database at @p db for @p selection; 0 when it
// is (or becomes) an unsharded database.
unsigned shard_count(const fs::path& db, const ShardSelection& selection) {
    const auto layout = generations::layout_of(db);
    if (layout == generations::Layout::kSharded) {
        const auto listed = static_cast<unsigned>(shards::read_stub(db).size());
        if (selection.count != 0 && selection.count != listed) {
            throw UsageError(fmt::format(
                "{}: has {} shards, not {}: a document's shard is a hash of its id modulo the "
                "number of shards, so another number means a new database (docs/sharding.md)",
                db.string(), listed, selection.count));
        }
        return listed;
    }
    if (selection.count == 0) return 0;
    if (layout == generations::Layout::kGenerational || layout == generations::Layout::kPlain) {
        throw UsageError(fmt::format(
            "{}: an unsharded database: index into a new path to shard it (docs/sharding.md)",
            db.string()));
    }
    if (layout == generations::Layout::kUnknown && !unfinished_sharded_creation(db)) {
        throw IndexError(
            fmt::format("{}: not a DiploSearch database (a file, or a folder with other contents)",
                        db.string()));
    }
    if (selection.count > shards::kMaxShards) {
        throw UsageError(fmt::format("--shards: at most {}", shards::kMaxShards));
    }
    return selection.count;
}

}  // namespace

ShardWriters::ShardWriters(const std::string& path, const WriterOptions& options,
                           ShardSelection selection)
    : m_path(path) {
    const unsigned count = shard_count(path, selection);
    if (count == 0) {
        if (selection.only) throw UsageError("--only-shard needs a sharded database (--shards N)");
        m_writers.push_back(std::make_unique<DatabaseWriter>(path, options));
        return;
    }
    if (selection.only && *selection.only >= count) {
        throw UsageError(fmt::format("--only-shard {}: the database has shards 0 to {}",
                                     *selection.only, count - 1));
    }
    m_sharded = true;
    m_count = count;
    std::error_code ec;
    fs::create_directories(path, ec);
    if (ec) throw IndexError(fmt::format("{}: cannot create the folder: {}", path, ec.message()));
    m_writers.resize(count);
    for (unsigned k = 0; k < count; ++k) {
        if (selection.only && *selection.only != k) continue;
        m_writers[k] = std::make_unique<DatabaseWriter>(
            (fs::path(path) / shards::shard_name(k)).string(), options);
    }
    // Only now that the shards exist: readers of the stub must find them all.
    // Shards indexed by other processes may not exist yet; Xapian then cannot
    // open the stub until they do, which their first job fixes.
    shards::write_stub(path, count);
}

unsigned ShardWriters::shard_of(std::string_view id) const {
    return m_sharded ? shards::shard_of(id, m_count) : 0;
}

std::vector<Xapian::WritableDatabase*> ShardWriters::databases() {
    std::vector<Xapian::WritableDatabase*> databases;
    for (auto& writer : m_writers) databases.push_back(writer ? &writer->db() : nullptr);
    return databases;
}

void ShardWriters::begin_all() {
    for (auto& writer : m_writers) {
        if (writer) writer->begin();
    }
}

void ShardWriters::mark_visited(const std::string& origin_key) {
    for (auto& writer : m_writers) {
        if (writer) writer->mark_visited(origin_key);
    }
}

bool ShardWriters::unchanged(const std::string& origin_key, const StoredStamp& stamp) {
    for (auto& writer : m_writers) {
        if (!writer) continue;
        const auto stored = writer->stamp(origin_key);
        if (!stored || stored->rules != stamp.rules || !(stored->stamp == stamp.stamp)) {
            return false;
        }
    }
    return true;
}

std::uint64_t ShardWriters::keep_origin(const std::string& origin_key) {
    std::uint64_t kept = 0;
    for (auto& writer : m_writers) {
        if (writer) kept += writer->keep_origin(origin_key);
    }
    return kept;
}

void ShardWriters::set_stamp(const StoredStamp& stamp) {
    for (auto& writer : m_writers) {
        if (writer) writer->set_stamp(stamp);
    }
}

std::uint64_t ShardWriters::prune(const std::vector<PruneScope>& scopes) {
    std::uint64_t deleted = 0;
    for (auto& writer : m_writers) {
        if (writer) deleted += writer->prune(scopes);
    }
    return deleted;
}

void ShardWriters::commit() {
    for (auto& writer : m_writers) {
        if (writer) writer->commit();
    }
}

WriteSummary ShardWriters::finish() {
    if (!m_sharded) return m_writers.front()->finish();
    WriteSummary total;
    for (unsigned k = 0; k < m_count; ++k) {
        if (!m_writers[k]) continue;
        const WriteSummary shard = m_writers[k]->finish();
        total.doccount += shard.doccount;
        total.revision += shard.revision;
    }
    for (unsigned k = 0; k < m_count; ++k) {
        if (!m_writers[k]) continue;
        copy_spelling((fs::path(m_path) / shards::shard_name(k)).string(),
                      (fs::path(m_path) / shards::lexicon_name(k)).string());
    }
    return total;
}

}  // namespace diplosearch::indexer
