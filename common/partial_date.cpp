/// @file
/// @brief Parsing and formatting of partial dates.
#include "partial_date.hpp"

#include <charconv>

#include <fmt/format.h>

namespace diplosearch {

namespace {

std::optional<int> parse_digits(std::string_view s, std::size_t width) {
    if (s.size() != width) return std::nullopt;
    int value = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
    return value;
}

bool is_leap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month) {
    constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

}  // namespace

std::optional<PartialDate> PartialDate::parse(std::string_view text) {
    if (const auto t = text.find('T'); t != std::string_view::npos && t == 10) {
        text = text.substr(0, t);
    }
    PartialDate date;
    const auto year = parse_digits(text.substr(0, 4), 4);
    if (!year || *year < 1) return std::nullopt;
    date.year = *year;
    if (text.size() == 4) return date;

    if (text.size() < 7 || text[4] != '-') return std::nullopt;
    const auto month = parse_digits(text.substr(5, 2), 2);
    if (!month || *month < 1 || *month > 12) return std::nullopt;
    date.month = *month;
    if (text.size() == 7) return date;

    if (text.size() != 10 || text[7] != '-') return std::nullopt;
    const auto day = parse_digits(text.substr(8, 2), 2);
    if (!day || *day < 1 || *day > days_in_month(date.year, date.month)) return std::nullopt;
    date.day = *day;
    return date;
}

std::string PartialDate::iso() const {
    if (month == 0) return fmt::format("{:04}", year);
    if (day == 0) return fmt::format("{:04}-{:02}", year, month);
    return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

std::string PartialDate::sortable() const {
    return fmt::format("{:04}{:02}{:02}", year, month, day);
}

std::string PartialDate::sortable_upper() const {
    if (month == 0) return fmt::format("{:04}9999", year);
    if (day == 0) return fmt::format("{:04}{:02}99", year, month);
    return sortable();
}

}  // namespace diplosearch
