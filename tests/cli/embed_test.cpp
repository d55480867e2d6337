// @brief The embed example: index a folder and answer a faceted query through the API.
#include <catch2/catch.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_env.hpp"

using namespace diplosearch::test;

TEST_CASE("embed indexes the sample corpus and prints hits and facets", "[cli][embed]") {
    TempDir dir;
    const std::string db = (dir / "db").string();
    const CommandResult r =
        run_command(shell_quote(embed_bin()) + " " + shell_quote(db) + " " +
                    shell_quote(sample_corpus().string()) + " " + shell_quote("CPEC Gwadar"));
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    std::vector<std::string> lines;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    REQUIRE(lines.size() == 1 + 3 + 4);

    std::smatch m;
    REQUIRE(std::regex_match(lines[0], m, std::regex(R"(([0-9]+) hits)")));
    CHECK(std::stoi(m[1]) >= 3);
    for (int i = 1; i <= 3; ++i) {
        INFO(lines[i]);
        CHECK(std::regex_match(lines[i], std::regex(std::to_string(i) + R"(\. .+ \[.+\])")));
    }
    CHECK_THAT(lines[1], Catch::Contains("CPEC") || Catch::Contains("Gwadar"));
    CHECK_THAT(lines[4], Catch::StartsWith("country: "));
    CHECK_THAT(lines[4], Catch::Contains("PAK="));
    CHECK_THAT(lines[4], Catch::Contains("CHN="));
    CHECK_THAT(lines[5], Catch::StartsWith("topic: "));
    CHECK_THAT(lines[5], Catch::Contains("cpec="));
    CHECK_THAT(lines[6], Catch::StartsWith("year: "));
    CHECK(std::regex_match(lines[7], std::regex(R"(type:( [a-z-]+=[0-9]+)+)")));

    // Running it again reuses the database: same answer.
    const CommandResult again =
        run_command(shell_quote(embed_bin()) + " " + shell_quote(db) + " " +
                    shell_quote(sample_corpus().string()) + " " + shell_quote("CPEC Gwadar"));
    CHECK(again.exit_code == 0);
    CHECK(again.out == r.out);
}

TEST_CASE("embed reports usage and library errors", "[cli][embed]") {
    const CommandResult usage = run_command(shell_quote(embed_bin()) + " only-one-arg");
    CHECK(usage.exit_code == 2);
    CHECK_THAT(usage.err, Catch::Contains("usage: embed DB_DIR SOURCE QUERY"));

    TempDir dir;
    const CommandResult bad =
        run_command(shell_quote(embed_bin()) + " " + shell_quote((dir / "db").string()) + " " +
                    shell_quote(sample_corpus().string()) + " " + shell_quote("cpec AND"));
    CHECK(bad.exit_code == 1);
    CHECK_THAT(bad.err, Catch::StartsWith("embed: "));
    CHECK_THAT(bad.err, Catch::Contains("syntax error"));
}
