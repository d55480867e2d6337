/// @file
/// @brief What a database holds, for `diplo-index stats` and monitoring.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace diplosearch::indexer {

struct DatabaseStats {
    std::string path;
    bool generational = false;
    bool sharded = false;  ///< Shards joined by a stub: counts are summed over them.
    std::optional<unsigned> live_generation;
    std::vector<unsigned> generations;  ///< Every generation present, oldest first.
    std::uint64_t doccount = 0;
    std::uint64_t revision = 0;
    std::string schema_version;
    std::uint64_t live_bytes = 0;   ///< Size on disk of the live database.
    std::uint64_t total_bytes = 0;  ///< Size on disk of the whole folder, every generation.
    std::uint64_t file_stamps = 0;  ///< Source files with a recorded stamp.
    /// Distinct values per facet field (country, topic, year, type, ...).
    std::map<std::string, std::uint64_t> facet_values;
    /// Hash over every (id, content hash) pair: equal digests mean equal contents.
    std::string content_digest;
    nlohmann::json checkpoint;  ///< Of the last commit; null when none.
    nlohmann::json last_job;    ///< The last job's summary; null when none.
};

/// Reads the statistics of the database at @p path.
/// @throws DatabaseNotFoundError, SchemaMismatchError, IndexError.
DatabaseStats read_database_stats(const std::string& path);

nlohmann::json to_json(const DatabaseStats& stats);

}  // namespace diplosearch::indexer
