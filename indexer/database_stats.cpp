/// @file
/// @brief Database statistics.
#include "database_stats.hpp"

#include <xxhash.h>

#include <filesystem>
#include <fstream>
#include <memory>

#include "database.hpp"
#include "generations.hpp"
#include "job_report.hpp"
#include "schema.hpp"
#include "shards.hpp"

namespace diplosearch::indexer {

namespace fs = std::filesystem;

namespace {

std::uint64_t folder_bytes(const fs::path& dir) {
    std::uint64_t total = 0;
    std::error_code ec;
    for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->is_regular_file(ec)) total += it->file_size(ec);
    }
    return total;
}

std::uint64_t count_terms(const Xapian::Database& db, const std::string& prefix) {
    std::uint64_t count = 0;
    for (auto it = db.allterms_begin(prefix); it != db.allterms_end(prefix); ++it) ++count;
    return count;
}

struct StateFree {
    void operator()(XXH3_state_t* state) const { XXH3_freeState(state); }
};

// Ids come from the term list in sorted order, so the digest does not depend
// on docids or on the order documents were added in.
std::string content_digest(const Xapian::Database& db) {
    const std::unique_ptr<XXH3_state_t, StateFree> state(XXH3_createState());
    XXH3_64bits_reset(state.get());
    const std::string id_prefix(schema::prefix::kId);
    for (auto t = db.allterms_begin(id_prefix); t != db.allterms_end(id_prefix); ++t) {
        const std::string term = *t;
        for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
            const std::string hash =
                db.get_document(*p).get_value(schema::slot(schema::ValueSlot::kContentHash));
            XXH3_64bits_update(state.get(), term.data(), term.size() + 1);  // With its NUL.
            XXH3_64bits_update(state.get(), hash.data(), hash.size());
        }
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx",
                  static_cast<unsigned long long>(XXH3_64bits_digest(state.get())));
    return hex;
}

nlohmann::json read_json_file(const fs::path& file) {
    std::ifstream in(file);
    if (!in) return nullptr;
    return nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
}

}  // namespace

DatabaseStats read_database_stats(const std::string& path) {
    Xapian::Database db = database::open_for_reading(path);
    DatabaseStats stats;
    stats.path = path;
    try {
        stats.generational = generations::layout_of(path) == generations::Layout::kGenerational;
        if (stats.generational) {
            stats.live_generation = generations::live_generation(path);
            stats.generations = generations::list_generations(path);
            stats.live_bytes =
                stats.live_generation
                    ? folder_bytes(generations::generation_dir(path, *stats.live_generation))
                    : 0;
            stats.last_job = read_json_file(fs::path(path) / kLastJobFile);
        } else {
            stats.live_bytes = folder_bytes(path);
            stats.last_job = nullptr;
        }
        stats.total_bytes = folder_bytes(path);
        stats.doccount = db.get_doccount();
        stats.sharded = generations::layout_of(path) == generations::Layout::kSharded;
        if (stats.sharded) {
            // Per-shard details (generations, checkpoint): `stats` on DB/shard-NN.
            for (const auto& shard : shards::read_stub(path)) {
                if (shard.remote) continue;
                const fs::path shard_path = fs::path(path) / shard.path;
                stats.revision += Xapian::Database(shard_path.string()).get_revision();
            }
        } else {
            stats.revision = db.get_revision();
        }
        stats.schema_version = db.get_metadata(std::string(schema::kVersionKey));
        for (const auto& field : schema::fields()) {
            if (field.kind == schema::FieldKind::kBoolean && field.name != "id" &&
                field.name != "date" && field.name != "url") {
                stats.facet_values[std::string(field.name)] =
                    count_terms(db, std::string(field.prefix));
            }
        }
        const std::string stamps(schema::metadata::kFileStampPrefix);
        for (auto k = db.metadata_keys_begin(stamps); k != db.metadata_keys_end(stamps); ++k) {
            ++stats.file_stamps;
        }
        stats.content_digest = content_digest(db);
        const std::string checkpoint = db.get_metadata(std::string(schema::metadata::kCheckpoint));
        stats.checkpoint = checkpoint.empty() ? nlohmann::json(nullptr)
                                              : nlohmann::json::parse(checkpoint, nullptr, false);
    } catch (const Xapian::Error& e) {
        database::rethrow(e, path);
    }
    return stats;
}

nlohmann::json to_json(const DatabaseStats& s) {
    return {
        {"database", s.path},
        {"layout", s.sharded        ? "sharded"
                   : s.generational ? "generations"
                                    : "plain"},
        {"live_generation", s.live_generation ? nlohmann::json(*s.live_generation) : nullptr},
        {"generations", s.generations},
        {"doccount", s.doccount},
        {"revision", s.revision},
        {"schema_version", s.schema_version},
        {"live_bytes", s.live_bytes},
        {"total_bytes", s.total_bytes},
        {"file_stamps", s.file_stamps},
        {"facet_values", s.facet_values},
        {"content_digest", s.content_digest},
        {"checkpoint", s.checkpoint},
        {"last_job", s.last_job},
    };
}

}  // namespace diplosearch::indexer
