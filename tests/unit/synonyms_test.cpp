/// @file
/// @brief The synonym table and the query rewriting that applies it.
#include <catch2/catch.hpp>

#include "diplosearch/errors.hpp"
#include "synonym_expander.hpp"
#include "synonym_table.hpp"

using namespace diplosearch;
using namespace diplosearch::searcher;
using Words = std::vector<std::string>;

namespace {

SynonymTable small_table() {
    SynonymTable table;
    table.add_tsv(
        "# comment\n"
        "UNSC\tSecurity Council\tUN Security Council\n"
        "\n"
        "CPEC\tChina-Pakistan Economic Corridor\n"
        "WHO\tWorld Health Organization\n",
        "test.tsv");
    return table;
}

}  // namespace

TEST_CASE("synonym words: case, punctuation and apostrophes", "[unit][synonyms]") {
    CHECK(synonym_words("China-Pakistan Economic Corridor") ==
          Words{"china", "pakistan", "economic", "corridor"});
    CHECK(synonym_words("United Nations Children's Fund") ==
          Words{"united", "nations", "childrens", "fund"});
    CHECK(synonym_words("U.S.") == Words{"u", "s"});
    CHECK(synonym_words("  ") == Words{});
    CHECK(synonym_words("Côte d'Ivoire") == Words{"cote", "divoire"});  // Accents folded.
}

TEST_CASE("synonym table: lookup, merging and errors", "[unit][synonyms]") {
    SynonymTable table = small_table();
    CHECK(table.size() == 3);
    const auto unsc = table.find({"unsc"});
    REQUIRE(unsc);
    CHECK(table.find({"security", "council"})->group == unsc->group);
    CHECK_FALSE(table.find({"security"}));
    CHECK(table.longest_expression() == 4);
    CHECK(table.find({"who"})->needs_capitals);
    CHECK_FALSE(unsc->needs_capitals);

    // A group sharing an expression with two others folds them together.
    table.add_group({"UNSC", "Conseil de sécurité", "CPEC"});
    CHECK(table.size() == 2);
    CHECK(table.find({"cpec"})->group == table.find({"security", "council"})->group);
    CHECK(table.find({"conseil", "de", "securite"})->group == unsc->group);

    SynonymTable bad;
    CHECK_THROWS_WITH(bad.add_tsv("ok\tfine\nlonely\n", "mine.tsv"),
                      Catch::Contains("mine.tsv:2: a synonym group needs at least two"));
}

TEST_CASE("built-in table: curated groups and every gazetteer country", "[unit][synonyms]") {
    const SynonymTable& table = SynonymTable::builtin();
    const auto group_of = [&](const std::string& text) { return table.find(synonym_words(text)); };
    REQUIRE(group_of("BRI"));
    CHECK(group_of("Belt and Road Initiative")->group == group_of("OBOR")->group);
    CHECK(group_of("DPRK")->group == group_of("North Korea")->group);
    CHECK(group_of("Democratic People's Republic of Korea")->group == group_of("DPRK")->group);
    CHECK(group_of("PRC")->group == group_of("China")->group);
    CHECK(group_of("US")->needs_capitals);
    CHECK_FALSE(group_of("NATO")->needs_capitals);
}

TEST_CASE("expansion: expressions become OR groups, multi-word ones phrases", "[unit][synonyms]") {
    const SynonymTable table = small_table();
    CHECK(expand_synonyms("UNSC grain", table) ==
          "(UNSC OR \"Security Council\" OR \"UN Security Council\") grain");
    // Longest match wins, case and punctuation do not matter.
    CHECK(expand_synonyms("un security council", table) ==
          "(UNSC OR \"Security Council\" OR \"UN Security Council\")");
    CHECK(expand_synonyms("china pakistan economic corridor Gwadar", table) ==
          "(CPEC OR \"China-Pakistan Economic Corridor\") Gwadar");
    // A quoted phrase expands only when it is exactly an expression.
    CHECK(expand_synonyms("\"security council\" vote", table) ==
          "(UNSC OR \"Security Council\" OR \"UN Security Council\") vote");
    CHECK(expand_synonyms("\"the security council\"", table) == "\"the security council\"");
}

TEST_CASE("expansion leaves query syntax alone", "[unit][synonyms]") {
    const SynonymTable table = small_table();
    for (const std::string query :
         {"title:CPEC", "-CPEC gwadar", "+CPEC", "CPEC*", "title:\"Security Council\" x",
          "grain NEAR/3 harbour", "(gwadar OR port)", "who said it"}) {
        INFO(query);
        CHECK(expand_synonyms(query, table) == query);
    }
    CHECK(expand_synonyms("(CPEC OR BRI) AND port", table) ==
          "((CPEC OR \"China-Pakistan Economic Corridor\") OR BRI) AND port");
    CHECK(expand_synonyms("WHO report", table) == "(WHO OR \"World Health Organization\") report");

    std::vector<ByteRange> matched;
    expand_synonyms("grain UNSC  security council", table, &matched);
    REQUIRE(matched.size() == 2);
    CHECK(matched[0].begin == 6);
    CHECK(matched[0].end == 10);
    CHECK(matched[1].begin == 12);
    CHECK(matched[1].end == 28);
}
