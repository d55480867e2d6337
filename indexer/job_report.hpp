/// @file
/// @brief The JSON summary of an indexing job: written by `--report` and kept
/// beside the database as `last-job.json` for `diplo-index stats`.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "diplosearch/indexer.hpp"

namespace diplosearch::indexer {

/// Name of the summary file inside a database folder.
inline constexpr std::string_view kLastJobFile = "last-job.json";

/// The summary of a job on @p db that ended with @p stats; @p status is
/// "ok", "ok-with-rejections" or "failed".
nlohmann::json job_report(const IndexStats& stats, const std::string& db, bool rebuild,
                          std::string_view status);

/// The time now in UTC, ISO 8601 to the second (`2026-11-28T03:24:14Z`).
std::string utc_timestamp();

/// Name of @p kind as the report spells it.
std::string_view problem_kind_name(ProblemKind kind);

}  // namespace diplosearch::indexer
