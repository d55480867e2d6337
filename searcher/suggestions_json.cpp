/// @file
/// @brief Query suggestions to JSON.
#include "suggestions_json.hpp"

#include "results_json.hpp"

namespace diplosearch::searcher {

nlohmann::json suggestions_to_json(const std::string& prefix,
                                   const std::vector<Suggestion>& suggestions) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& s : suggestions) {
        list.push_back({
            {"text", s.text},
            {"kind", s.kind},
            {"id", s.id.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.id)},
            {"documents", s.documents},
        });
    }
    return {
        {"format_version", kJsonFormatVersion},
        {"prefix", prefix},
        {"suggestions", std::move(list)},
    };
}

}  // namespace diplosearch::searcher
