/// @file
/// @brief Job summaries as JSON (format documented in docs/reindexing.md).
#include "job_report.hpp"

#include <ctime>

namespace diplosearch::indexer {

std::string utc_timestamp() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    ::gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

std::string_view problem_kind_name(ProblemKind kind) {
    switch (kind) {
        case ProblemKind::kWarning:
            return "warning";
        case ProblemKind::kSkipped:
            return "skipped";
        case ProblemKind::kRejected:
            return "rejected";
    }
    return "unknown";
}

nlohmann::json job_report(const IndexStats& stats, const std::string& db, bool rebuild,
                          std::string_view status) {
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& p : stats.problems) {
        problems.push_back({{"kind", problem_kind_name(p.kind)},
                            {"source", p.source},
                            {"line", p.line},
                            {"reason", p.reason}});
    }
    return {
        {"format_version", 1},
        {"database", db},
        {"finished_at", utc_timestamp()},
        {"status", status},
        {"mode", rebuild ? "rebuild" : "incremental"},
        {"documents",
         {{"added", stats.added},
          {"updated", stats.updated},
          {"unchanged", stats.unchanged},
          {"deleted", stats.deleted},
          {"rejected", stats.rejected},
          {"warnings", stats.warnings}}},
        {"files",
         {{"read", stats.files_read},
          {"unchanged", stats.files_unchanged},
          {"skipped", stats.skipped}}},
        {"bytes", stats.bytes_done},
        {"seconds", stats.seconds},
        {"database_after",
         {{"doccount", stats.doccount},
          {"revision", stats.revision},
          {"generation", stats.generation}}},
        {"problems", problems},
    };
}

}  // namespace diplosearch::indexer
