// @brief Unit tests of common/document_symbol.hpp: which text is a UN-style
// document symbol, and how spelling variants are made to match.
#include "document_symbol.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace diplosearch;

namespace {

std::vector<std::string> symbols_in(std::string_view text) {
    std::vector<std::string> symbols;
    for (const auto& match : find_document_symbols(text)) symbols.push_back(match.symbol);
    return symbols;
}

}  // namespace

TEST_CASE("document symbols are recognised whole and normalised", "[unit][symbol]") {
    struct Case {
        const char* text;
        const char* symbol;
    };
    const auto c = GENERATE(values<Case>({
        {"S/RES/2334 (2016)", "S/RES/2334 (2016)"},
        {"S/RES/2334(2016)", "S/RES/2334 (2016)"},
        {"s/res/2334 (2016)", "S/RES/2334 (2016)"},
        {"S/RES/2334", "S/RES/2334"},
        {"A/RES/77/1", "A/RES/77/1"},
        {"A/78/PV.5", "A/78/PV.5"},
        {"S/2023/123", "S/2023/123"},
        {"S/2023/123/Corr.1", "S/2023/123/CORR.1"},
        {"A/HRC/RES/52/1", "A/HRC/RES/52/1"},
        {"A/HRC/52/L.1/Rev.1", "A/HRC/52/L.1/REV.1"},
        {"E/CN.6/2024/L.3", "E/CN.6/2024/L.3"},
        {"UNEP/EA.5/Res.14", "UNEP/EA.5/RES.14"},
        {"S/PV.9000", "S/PV.9000"},
        {"S/PRST/2023/1", "S/PRST/2023/1"},
        {"A/ES-10/L.22", "A/ES-10/L.22"},
        {"A/RES/ES-10/19", "A/RES/ES-10/19"},
        {"A/C.3/78/L.5/Rev.1", "A/C.3/78/L.5/REV.1"},
        {"ST/SGB/2019/8", "ST/SGB/2019/8"},
        {"CRC/C/GC/25", "CRC/C/GC/25"},
        {"CCPR/C/GC/36", "CCPR/C/GC/36"},
        {"TD/B/70/1", "TD/B/70/1"},
        {"FCCC/CP/2015/10/Add.1", "FCCC/CP/2015/10/ADD.1"},
        {"E/ICEF/2024/1", "E/ICEF/2024/1"},
        {"INFCIRC/225/Rev.5", "INFCIRC/225/REV.5"},
    }));
    INFO(c.text);
    const auto found = find_document_symbols(c.text);
    REQUIRE(found.size() == 1);
    CHECK(found[0].begin == 0);
    CHECK(found[0].end == std::string_view(c.text).size());
    CHECK(found[0].symbol == c.symbol);
}

TEST_CASE("document symbols are found in running text with byte ranges", "[unit][symbol]") {
    const std::string text =
        "The Council recalled resolution S/RES/2334 (2016), the report (S/2023/123) and "
        "General Assembly resolution A/RES/77/1. See also A/78/PV.5: the record.";
    const auto found = find_document_symbols(text);
    REQUIRE(found.size() == 4);
    CHECK(text.substr(found[0].begin, found[0].end - found[0].begin) == "S/RES/2334 (2016)");
    CHECK(text.substr(found[1].begin, found[1].end - found[1].begin) == "S/2023/123");
    CHECK(text.substr(found[2].begin, found[2].end - found[2].begin) == "A/RES/77/1");
    CHECK(text.substr(found[3].begin, found[3].end - found[3].begin) == "A/78/PV.5");
    CHECK(symbols_in(text) ==
          std::vector<std::string>{"S/RES/2334 (2016)", "S/2023/123", "A/RES/77/1", "A/78/PV.5"});
}

TEST_CASE("document symbols stop before punctuation that ends a sentence", "[unit][symbol]") {
    CHECK(symbols_in("adopted S/RES/2334.") == std::vector<std::string>{"S/RES/2334"});
    CHECK(symbols_in("S/RES/2334, S/RES/2720; A/RES/77/1!") ==
          std::vector<std::string>{"S/RES/2334", "S/RES/2720", "A/RES/77/1"});
    CHECK(symbols_in("“S/RES/2334”") == std::vector<std::string>{"S/RES/2334"});
    CHECK(symbols_in("A/78/PV.5-") == std::vector<std::string>{"A/78/PV.5"});
    CHECK(symbols_in("Is it S/2023/123?") == std::vector<std::string>{"S/2023/123"});
}

TEST_CASE("a bracketed number that is not a year is not a year suffix", "[unit][symbol]") {
    CHECK(symbols_in("S/RES/2334 (para. 4)") == std::vector<std::string>{"S/RES/2334"});
    CHECK(symbols_in("S/RES/2334 (1234)") == std::vector<std::string>{"S/RES/2334"});
    CHECK(symbols_in("S/RES/2334   (2016)") == std::vector<std::string>{"S/RES/2334"});
    CHECK(symbols_in("S/RES/2334\n(2016)") == std::vector<std::string>{"S/RES/2334"});
}

TEST_CASE("ordinary text is not taken for a document symbol", "[unit][symbol]") {
    const auto text = GENERATE(
        as<std::string>{},  //
        "and/or", "24/7", "12/05/2020", "2020/12/05", "1/2", "3/4 of the vote", "s/he", "S/he said",
        "A/C", "a/c units", "E/2", "A/4 paper", "A/78", "CAT/DOG", "km/h", "I/O", "TCP/IP",
        "S/MIME", "w/o", "A/B testing", "CO2/year", "https://www.un.org/securitycouncil/s/res/2334",
        "https://undocs.org/S/RES/2334(2016)", "www.un.org/S/2023/123", "docs/S/2023/123",
        "XS/2023/123", "AS/2023/123", "BS/2023/123", "symbol:S/RES/2334", "user@S/2023/123",
        "S/2023/123/", "S/2023/123_x", "+S/2023/123", "-S/2023/123", "RES/2334", "/S/2023/123",
        "S/", "S//2023", "S/-2023", "S/.5", "", "A", "résolution/2334");
    INFO(text);
    CHECK(find_document_symbols(text).empty());
}

TEST_CASE("a symbol never starts inside a word", "[unit][symbol]") {
    CHECK(symbols_in("UNEP/EA.5/Res.14") == std::vector<std::string>{"UNEP/EA.5/RES.14"});
    CHECK(symbols_in("NEP/EA.5/Res.14").empty());
    CHECK(symbols_in("xA/RES/77/1").empty());
    CHECK(symbols_in("9S/2023/123").empty());
}

TEST_CASE("overlong runs of segments are not symbols", "[unit][symbol]") {
    std::string run = "S";
    for (int i = 0; i < 40; ++i) run += "/ABCDEFGH1";
    CHECK(find_document_symbols(run).empty());
}

TEST_CASE("normalise_document_symbol folds case and spacing", "[unit][symbol]") {
    CHECK(normalise_document_symbol("S/RES/2334 (2016)") == "S/RES/2334 (2016)");
    CHECK(normalise_document_symbol("s/res/2334(2016)") == "S/RES/2334 (2016)");
    CHECK(normalise_document_symbol("  S / RES / 2334  ( 2016 ) ") == "S/RES/2334 (2016)");
    CHECK(normalise_document_symbol("UNEP/EA.5/Res.14") == "UNEP/EA.5/RES.14");
    CHECK(normalise_document_symbol("a/78/pv.5") == "A/78/PV.5");
    CHECK(normalise_document_symbol("(2016)") == "(2016)");
    CHECK(normalise_document_symbol("S/RES/2334 (XXVI)") == "S/RES/2334(XXVI)");
    CHECK(normalise_document_symbol("  ").empty());
}

TEST_CASE("document symbol keys are lower-case, without spaces, with a yearless twin",
          "[unit][symbol]") {
    CHECK(document_symbol_key("S/RES/2334 (2016)") == "s/res/2334(2016)");
    CHECK(document_symbol_key("s/res/2334(2016)") == "s/res/2334(2016)");
    CHECK(document_symbol_key("A/78/PV.5") == "a/78/pv.5");
    CHECK(document_symbol_keys("S/RES/2334 (2016)") ==
          std::vector<std::string>{"s/res/2334(2016)", "s/res/2334"});
    CHECK(document_symbol_keys("S/RES/2334") == std::vector<std::string>{"s/res/2334"});
    CHECK(document_symbol_keys("A/RES/77/1") == std::vector<std::string>{"a/res/77/1"});
    CHECK(document_symbol_keys(" ").empty());
    // Every spelling of one symbol gets the same keys.
    CHECK(document_symbol_keys(normalise_document_symbol("s/res/2334(2016)")) ==
          document_symbol_keys("S/RES/2334 (2016)"));
}
