/// @file
/// @brief Helpers for the baselines' facet counts.
#include "facet_counts.hpp"

#include <algorithm>

namespace diplosearch::bench {

void keep_most_frequent(std::vector<std::pair<std::string, std::uint64_t>>& values,
                        std::size_t limit) {
    std::sort(values.begin(), values.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (limit != 0 && values.size() > limit) values.resize(limit);
}

}  // namespace diplosearch::bench
