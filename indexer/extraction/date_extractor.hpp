/// @file
/// @brief Finds a document's own date in its text (datelines, written dates,
/// years in context), ignoring dates it merely cites.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "partial_date.hpp"

namespace diplosearch::extraction {

/// A date found in the text, with how much it looks like the document's own.
struct DateCandidate {
    PartialDate date;
    std::string matched;     ///< The text as written.
    std::size_t offset = 0;  ///< Byte offset in the text.
    std::string rule;        ///< Which pattern or context: "dateline", "iso", "day-month-year", "issued-on", ...
    double score = 0.0;      ///< Higher is more likely the document's own date; <= 0 rejected.
};

struct DateExtraction {
    std::optional<PartialDate> date;        ///< The chosen date, or none when unsure.
    std::vector<DateCandidate> candidates;  ///< Everything considered, best first.
};

/// Rule-based date extraction. Stateless and thread-safe.
class DateExtractor {
public:
    DateExtraction extract(std::string_view title, std::string_view text) const;
};

}  // namespace diplosearch::extraction
