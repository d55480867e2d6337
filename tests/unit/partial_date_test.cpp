// @brief Unit tests of common/partial_date.hpp: parsing years, months, days and ISO
// timestamps, rejecting impossible dates, and the iso/sortable forms.
#include "partial_date.hpp"

#include <catch2/catch.hpp>
#include <string>

using diplosearch::PartialDate;

TEST_CASE("PartialDate::parse accepts YYYY, YYYY-MM and YYYY-MM-DD", "[unit][date]") {
    struct Case {
        std::string text;
        PartialDate expected;
    };
    const auto c = GENERATE(values<Case>({
        {"2015", {2015, 0, 0}},
        {"0001", {1, 0, 0}},
        {"9999", {9999, 0, 0}},
        {"2015-04", {2015, 4, 0}},
        {"2015-12", {2015, 12, 0}},
        {"2015-04-20", {2015, 4, 20}},
        {"1945-06-26", {1945, 6, 26}},
        {"2015-01-31", {2015, 1, 31}},
        {"2015-04-30", {2015, 4, 30}},
        {"2015-12-31", {2015, 12, 31}},
    }));
    INFO(c.text);
    const auto parsed = PartialDate::parse(c.text);
    REQUIRE(parsed.has_value());
    CHECK(*parsed == c.expected);
}

TEST_CASE("PartialDate::parse accepts leap days only in leap years", "[unit][date]") {
    CHECK(PartialDate::parse("2016-02-29") == PartialDate{2016, 2, 29});
    CHECK(PartialDate::parse("2000-02-29") == PartialDate{2000, 2, 29});  // Divisible by 400.
    CHECK(PartialDate::parse("2024-02-29") == PartialDate{2024, 2, 29});
    CHECK_FALSE(PartialDate::parse("2015-02-29"));
    CHECK_FALSE(PartialDate::parse("1900-02-29"));  // Divisible by 100, not 400.
    CHECK_FALSE(PartialDate::parse("2100-02-29"));
    CHECK_FALSE(PartialDate::parse("2016-02-30"));
    CHECK(PartialDate::parse("2015-02-28") == PartialDate{2015, 2, 28});
}

TEST_CASE("PartialDate::parse ignores a trailing ISO 8601 time", "[unit][date]") {
    CHECK(PartialDate::parse("2023-05-02T10:00:00Z") == PartialDate{2023, 5, 2});
    CHECK(PartialDate::parse("2015-04-20T23:59:59+05:00") == PartialDate{2015, 4, 20});
    CHECK(PartialDate::parse("2015-04-20T") == PartialDate{2015, 4, 20});
    CHECK_FALSE(PartialDate::parse("2015-02-30T10:00:00Z"));  // Still validated.
    CHECK_FALSE(PartialDate::parse("2015-04T10:00"));         // Time needs a full day.
}

TEST_CASE("PartialDate::parse rejects malformed and impossible dates", "[unit][date]") {
    const std::string text = GENERATE(
        as<std::string>{}, "", "201", "20150", "0000", "0000-01-01", "-015", "+2015", "2015-",
        "2015-4", "2015-4-5", "2015/04/20", "2015-00", "2015-13", "2015-04-00", "2015-04-31",
        "2015-06-31", "2015-04-32", "2015-04-2", "2015-04-20x", "2015-04-20 10:00", "20150420",
        "abcd", "2015-ab", "2015-04--1", "2015--1", " 2015", "2015 ", "April 2015");
    INFO("'" << text << "'");
    CHECK_FALSE(PartialDate::parse(text).has_value());
}

TEST_CASE("PartialDate::iso prints only the known parts, zero-padded", "[unit][date]") {
    CHECK(PartialDate{2015, 0, 0}.iso() == "2015");
    CHECK(PartialDate{2015, 4, 0}.iso() == "2015-04");
    CHECK(PartialDate{2015, 4, 5}.iso() == "2015-04-05");
    CHECK(PartialDate{987, 1, 2}.iso() == "0987-01-02");
}

TEST_CASE("PartialDate::iso round-trips what parse accepts", "[unit][date]") {
    const std::string text =
        GENERATE(as<std::string>{}, "2015", "2015-04", "2015-04-20", "2000-02-29", "0001-01-01");
    const auto parsed = PartialDate::parse(text);
    REQUIRE(parsed);
    CHECK(parsed->iso() == text);
}

TEST_CASE("PartialDate::sortable fills unknown parts with 00", "[unit][date]") {
    CHECK(PartialDate{2015, 0, 0}.sortable() == "20150000");
    CHECK(PartialDate{2015, 4, 0}.sortable() == "20150400");
    CHECK(PartialDate{2015, 4, 20}.sortable() == "20150420");
    CHECK(PartialDate{987, 1, 2}.sortable() == "09870102");
}

TEST_CASE("PartialDate::sortable_upper is the last value the date covers", "[unit][date]") {
    CHECK(PartialDate{2020, 0, 0}.sortable_upper() == "20209999");
    CHECK(PartialDate{2020, 2, 0}.sortable_upper() == "20200299");
    CHECK(PartialDate{2020, 2, 29}.sortable_upper() == "20200229");
}

TEST_CASE("sortable strings order dates chronologically and ranges contain their days",
          "[unit][date]") {
    const auto year = *PartialDate::parse("2015");
    const auto month = *PartialDate::parse("2015-04");
    const auto day = *PartialDate::parse("2015-04-20");
    const auto next_year = *PartialDate::parse("2016-01-01");

    CHECK(year.sortable() < month.sortable());
    CHECK(month.sortable() < day.sortable());
    CHECK(day.sortable() < next_year.sortable());

    // A year's range [sortable, sortable_upper] holds its months and days, not the next year.
    CHECK(year.sortable() <= day.sortable());
    CHECK(day.sortable() <= year.sortable_upper());
    CHECK(month.sortable_upper() < next_year.sortable());
    CHECK(year.sortable_upper() < next_year.sortable());
    // A month's range holds its days but not the month after.
    CHECK(day.sortable() <= month.sortable_upper());
    CHECK(PartialDate::parse("2015-05-01")->sortable() > month.sortable_upper());
}
