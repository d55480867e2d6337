// @brief Unit tests of common/country_gazetteer.hpp: the built-in table, resolving
// codes and names (short, formal, aliases), and the TSV parser's error checks.
#include "country_gazetteer.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <string>

#include "diplosearch/errors.hpp"

using namespace diplosearch;
using Catch::Matchers::Contains;

namespace {

const CountryGazetteer& gazetteer() {
    return CountryGazetteer::builtin();
}

constexpr const char* kHeader =
    "alpha3\talpha2\tshort_name\tformal_name\tstatus\taliases\tdemonyms\tcapitals\n";

// One TSV row from its eight columns.
std::string row(const std::string& a3, const std::string& a2, const std::string& short_name,
                const std::string& formal = "", const std::string& aliases = "") {
    return a3 + "\t" + a2 + "\t" + short_name + "\t" + formal + "\tmember\t" + aliases + "\t\t\n";
}

}  // namespace

TEST_CASE("gazetteer builtin has the 193 UN member states", "[unit][gazetteer]") {
    std::map<std::string, int> by_status;
    for (const auto& c : gazetteer().countries()) ++by_status[c.status];
    CHECK(by_status["member"] == 193);
    CHECK(by_status["observer"] == 2);
    CHECK(by_status["organisation"] == 1);
    CHECK(by_status["historical"] >= 2);
    for (const auto& [status, count] : by_status) {
        INFO(status);
        CHECK((status == "member" || status == "observer" || status == "territory" ||
               status == "historical" || status == "organisation"));
    }
}

TEST_CASE("gazetteer builtin rows have well-formed unique codes", "[unit][gazetteer]") {
    std::set<std::string> alpha3;
    std::set<std::string> alpha2;
    for (const auto& c : gazetteer().countries()) {
        INFO(c.alpha3 << " " << c.short_name);
        CHECK(c.alpha3.size() == 3);
        CHECK(c.alpha3.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == std::string::npos);
        CHECK((c.alpha2.empty() || c.alpha2.size() == 2));
        CHECK_FALSE(c.short_name.empty());
        CHECK(alpha3.insert(c.alpha3).second);
        if (!c.alpha2.empty()) CHECK(alpha2.insert(c.alpha2).second);
        // Every entry resolves from its own codes and names.
        CHECK(gazetteer().resolve(c.alpha3) == &c);
        CHECK(gazetteer().resolve(c.short_name) == &c);
        if (!c.alpha2.empty()) CHECK(gazetteer().resolve(c.alpha2) == &c);
    }
    CHECK(alpha3.size() >= 249);
}

TEST_CASE("gazetteer resolves codes and English names to alpha-3", "[unit][gazetteer]") {
    struct Case {
        std::string value;
        std::string alpha3;
    };
    const auto c = GENERATE(values<Case>({
        // Codes, in any case.
        {"PAK", "PAK"},
        {"pak", "PAK"},
        {"PK", "PAK"},
        {"pk", "PAK"},
        {" CHN ", "CHN"},
        {"US", "USA"},
        {"EU", "EUU"},
        {"EUU", "EUU"},
        // Short and formal names, case and punctuation ignored.
        {"Pakistan", "PAK"},
        {"PAKISTAN", "PAK"},
        {"islamic republic of pakistan", "PAK"},
        {"People's Republic of China", "CHN"},
        {"Peoples Republic of China", "CHN"},
        {"United Kingdom of Great Britain and Northern Ireland", "GBR"},
        {"South Korea", "KOR"},
        {"south-korea", "KOR"},
        {"Korea, Republic of", "KOR"},
        {"Democratic People's Republic of Korea", "PRK"},
        {"Côte d'Ivoire", "CIV"},
        {"Russian Federation", "RUS"},
        // Aliases and former names.
        {"Burma", "MMR"},
        {"Zaire", "COD"},
        {"DRC", "COD"},
        {"Ivory Coast", "CIV"},
        {"Cote d'Ivoire", "CIV"},
        {"UK", "GBR"},
        {"U.K.", "GBR"},
        {"Britain", "GBR"},
        {"U.S.A.", "USA"},
        {"The Gambia", "GMB"},
        {"the gambia", "GMB"},
        {"Gambia", "GMB"},
        {"USSR", "SUN"},
        {"U.S.S.R.", "SUN"},
        {"Soviet Union", "SUN"},
        {"European Union", "EUU"},
        {"Swaziland", "SWZ"},
        {"Türkiye", "TUR"},
        // Similar names stay apart.
        {"Niger", "NER"},
        {"Nigeria", "NGA"},
        {"Congo", "COG"},
        {"DR Congo", "COD"},
        {"Sudan", "SDN"},
        {"South Sudan", "SSD"},
    }));
    INFO("'" << c.value << "'");
    const Country* country = gazetteer().resolve(c.value);
    REQUIRE(country != nullptr);
    CHECK(country->alpha3 == c.alpha3);
}

TEST_CASE("gazetteer resolve returns nullptr for unknown values", "[unit][gazetteer]") {
    const std::string value =
        GENERATE(as<std::string>{}, "", "   ", "Narnia", "XX", "XXX", "ZZZZ", "Pakistani",
                 "Islamabad", "Chinese", "Kremlin", "Republic", "The", "Korea");
    INFO("'" << value << "'");
    CHECK(gazetteer().resolve(value) == nullptr);
}

TEST_CASE("gazetteer find_alpha3 takes exact upper-case alpha-3 codes only", "[unit][gazetteer]") {
    const Country* pakistan = gazetteer().find_alpha3("PAK");
    REQUIRE(pakistan != nullptr);
    CHECK(pakistan->short_name == "Pakistan");
    CHECK(pakistan->formal_name == "Islamic Republic of Pakistan");
    CHECK(pakistan->alpha2 == "PK");
    CHECK(pakistan->status == "member");
    CHECK(gazetteer().find_alpha3("PK") == nullptr);
    CHECK(gazetteer().find_alpha3("pak") == nullptr);
    CHECK(gazetteer().find_alpha3("Pakistan") == nullptr);
    CHECK(gazetteer().find_alpha3("SUN")->short_name == "Soviet Union");
}

TEST_CASE("gazetteer builtin splits multi-valued columns on '|'", "[unit][gazetteer]") {
    const Country* mmr = gazetteer().find_alpha3("MMR");
    REQUIRE(mmr != nullptr);
    CHECK(std::find(mmr->aliases.begin(), mmr->aliases.end(), "Burma") != mmr->aliases.end());
    CHECK(std::find(mmr->demonyms.begin(), mmr->demonyms.end(), "Burmese") != mmr->demonyms.end());
    CHECK(std::find(mmr->capitals.begin(), mmr->capitals.end(), "Naypyidaw") !=
          mmr->capitals.end());
    const Country* pak = gazetteer().find_alpha3("PAK");
    CHECK(pak->aliases.empty());
    CHECK(pak->capitals == std::vector<std::string>{"Islamabad"});
}

TEST_CASE("gazetteer parse reads rows, skipping comments, blank lines and CRs",
          "[unit][gazetteer]") {
    const std::string tsv =
        std::string("# comment\n\n") + kHeader +
        row("AAA", "AA", "Alphaland", "Republic of Alphaland", " Alpha | Old Alpha |") +
        "# another comment\r\n" + "\r\n" +
        "BBB\tBB\tBetaland\tBetaland\tterritory\t\tBetan\tBeta City\r\n";
    const auto g = CountryGazetteer::parse(tsv);
    REQUIRE(g.countries().size() == 2);
    const Country& a = g.countries()[0];
    CHECK(a.alpha3 == "AAA");
    CHECK(a.aliases == std::vector<std::string>{"Alpha", "Old Alpha"});
    CHECK(a.demonyms.empty());
    const Country& b = g.countries()[1];
    CHECK(b.status == "territory");
    CHECK(b.capitals == std::vector<std::string>{"Beta City"});
    CHECK(g.resolve("old alpha") == &a);
    CHECK(g.resolve("bb") == &b);
    CHECK(g.resolve("Betan") == nullptr);
}

TEST_CASE("gazetteer parse upper-cases codes and allows an empty alpha-2", "[unit][gazetteer]") {
    const auto g = CountryGazetteer::parse(std::string(kHeader) + row("aaa", "aa", "Alphaland") +
                                           row("HHH", "", "Historia"));
    CHECK(g.countries()[0].alpha3 == "AAA");
    CHECK(g.countries()[0].alpha2 == "AA");
    CHECK(g.find_alpha3("HHH")->alpha2.empty());
    CHECK(g.resolve("Historia")->alpha3 == "HHH");
}

TEST_CASE("gazetteer parse allows one row to repeat a name under another spelling",
          "[unit][gazetteer]") {
    // "Gambia" and "The Gambia" share a key; that is fine within one row.
    const auto g = CountryGazetteer::parse(std::string(kHeader) +
                                           row("GGG", "GG", "Gambia", "Gambia", "The Gambia"));
    CHECK(g.resolve("the gambia")->alpha3 == "GGG");
}

TEST_CASE("gazetteer parse rejects malformed tables, naming the line", "[unit][gazetteer]") {
    struct Case {
        const char* what;
        std::string tsv;
        std::string message;
    };
    const std::string h = kHeader;
    const auto c = GENERATE_COPY(values<Case>({
        {"no header", row("AAA", "AA", "Alphaland"), "line 1"},
        {"empty input", "", "no header"},
        {"only comments", "# nothing\n", "no header"},
        {"too few columns", h + "AAA\tAA\tAlphaland\tAlphaland\tmember\t\t\n", "line 2: 7 columns"},
        {"too many columns", h + row("AAA", "AA", "Alphaland") + "BBB\tBB\tB\tB\tmember\t\t\t\tx\n",
         "line 3: 9 columns"},
        {"duplicate alpha-3", h + row("AAA", "AA", "Alphaland") + row("AAA", "AB", "Other"),
         "line 3: duplicate code AAA"},
        {"duplicate alpha-2", h + row("AAA", "AA", "Alphaland") + row("BBB", "AA", "Betaland"),
         "line 3: duplicate code AA"},
        {"duplicate name", h + row("AAA", "AA", "Alphaland") + row("BBB", "BB", "Alphaland"),
         "line 3: name 'Alphaland' also names AAA"},
        {"duplicate name by key", h + row("AAA", "AA", "Gambia") + row("BBB", "BB", "The GAMBIA"),
         "also names AAA"},
        {"alias naming another row",
         h + row("AAA", "AA", "Alphaland") + row("BBB", "BB", "Betaland", "", "Alpha-land"),
         "also names AAA"},
        {"bad alpha-3", h + row("AAAA", "AA", "Alphaland"), "line 2: bad alpha3"},
        {"empty short name", h + row("AAA", "AA", ""), "line 2: bad alpha3 or empty name"},
    }));
    INFO(c.what);
    CHECK_THROWS_WITH(CountryGazetteer::parse(c.tsv), Contains(c.message));
    CHECK_THROWS_AS(CountryGazetteer::parse(c.tsv), UsageError);
}
