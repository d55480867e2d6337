/// @file
/// @brief Result types shared by the baseline engines.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace diplosearch::bench {

/// Counts of one facet field over the whole match set, most frequent first.
struct FacetCounts {
    std::string field;
    std::vector<std::pair<std::string, std::uint64_t>> values;
};

/// Top hits (document ids, best first) and, when asked for, facet counts.
struct BaselineResults {
    std::vector<std::string> ids;
    std::uint64_t matches = 0;  ///< Exact when facets were counted, else Xapian's estimate.
    std::vector<FacetCounts> facets;
};

/// Sorts @p values by count, then value, and keeps the first @p limit (0 keeps all).
void keep_most_frequent(std::vector<std::pair<std::string, std::uint64_t>>& values,
                        std::size_t limit);

}  // namespace diplosearch::bench
