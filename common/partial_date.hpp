/// @file
/// @brief Dates as documents give them: a year, a month, or a full day.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace diplosearch {

/// A calendar date whose month and day may be unknown (0).
struct PartialDate {
    int year = 0;
    int month = 0;  ///< 1-12, or 0 when unknown.
    int day = 0;    ///< 1-31, or 0 when unknown.

    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, also with a trailing ISO 8601 time
    /// (`2023-05-02T10:00:00Z`). Returns nullopt for anything else or an impossible date.
    static std::optional<PartialDate> parse(std::string_view text);

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    std::string iso() const;

    /// `YYYYMMDD` with unknown parts as `00`: sorts correctly as a string.
    std::string sortable() const;

    /// The last sortable string this date covers: `2020` -> `20209999`.
    /// Used as the inclusive upper bound of a range.
    std::string sortable_upper() const;

    bool operator==(const PartialDate&) const = default;
};

}  // namespace diplosearch
