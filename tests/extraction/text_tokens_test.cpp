// @brief Tests of indexer/extraction/text_tokens.hpp, the tokeniser the extractors
// share: hyphens, apostrophes and inner periods, case flags, paragraphs and
// sentence starts, offsets into the text, and Unicode folding.
#include "extraction/text_tokens.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using diplosearch::extraction::fold;
using diplosearch::extraction::Token;
using diplosearch::extraction::tokenise;

namespace {

std::vector<std::string> texts(const std::vector<Token>& tokens) {
    std::vector<std::string> out;
    for (const auto& t : tokens) out.emplace_back(t.text);
    return out;
}

std::vector<std::string> folded(const std::vector<Token>& tokens) {
    std::vector<std::string> out;
    for (const auto& t : tokens) out.push_back(t.folded);
    return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("tokenise: hyphens split words and mark the second", "[extraction][tokens]") {
    struct Case {
        std::string text;
        Strings words;
        std::vector<bool> hyphen_before;
    };
    const std::vector<Case> cases = {
        {"China-Pakistan Economic Corridor",
         {"China", "Pakistan", "Economic", "Corridor"},
         {false, true, false, false}},
        {"post-war anti-terrorism",
         {"post", "war", "anti", "terrorism"},
         {false, true, false, true}},
        {"China\xE2\x80\x90Pakistan", {"China", "Pakistan"}, {false, true}},  // U+2010.
        {"China\xE2\x80\x91Pakistan", {"China", "Pakistan"}, {false, true}},  // U+2011.
        {"China - Pakistan", {"China", "Pakistan"}, {false, false}},          // A spaced dash.
        {"2026-01-04", {"2026", "01", "04"}, {false, true, true}},
        {"-Pakistan", {"Pakistan"}, {false}},  // Nothing before the hyphen.
    };
    for (const auto& c : cases) {
        INFO(c.text);
        const auto tokens = tokenise(c.text);
        CHECK(texts(tokens) == c.words);
        REQUIRE(tokens.size() == c.hyphen_before.size());
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            INFO(i);
            CHECK(tokens[i].hyphen_before == c.hyphen_before[i]);
        }
    }
}

TEST_CASE("tokenise: inner apostrophes and periods keep a word whole", "[extraction][tokens]") {
    struct Case {
        std::string text;
        Strings words;
    };
    const std::vector<Case> cases = {
        {"the People's Republic", {"the", "People's", "Republic"}},
        {"the People\xE2\x80\x99s Republic", {"the", "People\xE2\x80\x99s", "Republic"}},
        {"C\xC3\xB4te d'Ivoire", {"C\xC3\xB4te", "d'Ivoire"}},
        {"we don't know", {"we", "don't", "know"}},
        {"the U.S. delegation", {"the", "U.S", "delegation"}},
        {"U.N.-led talks", {"U.N", "led", "talks"}},
        {"'quoted' words", {"quoted", "words"}},
        {"States' rights", {"States", "rights"}},
        {"end. Next", {"end", "Next"}},
        {"1,800 troops", {"1", "800", "troops"}},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        CHECK(texts(tokenise(c.text)) == c.words);
    }
}

TEST_CASE("tokenise: capitalised and all_caps flags", "[extraction][tokens]") {
    struct Case {
        std::string word;
        bool capitalised;
        bool all_caps;
    };
    const std::vector<Case> cases = {
        {"Islamabad", true, false},
        {"ISLAMABAD", true, true},
        {"islamabad", false, false},
        {"UN", true, true},
        {"A", true, false},  // All caps needs two letters.
        {"iPhone", false, false},
        {"U.S", true, true},
        {"T\xC3\x9CRKIYE", true, true},
        {"\xC3\x89"
         "COLE",
         true, true},
        {"\xC3\x89"
         "cole",
         true, false},
        {"COP27", true, true},
        {"2026", false, false},
    };
    for (const auto& c : cases) {
        INFO(c.word);
        const auto tokens = tokenise(c.word == "U.S" ? std::string("U.S.") : c.word);
        REQUIRE(tokens.size() == 1);
        CHECK(tokens[0].capitalised == c.capitalised);
        CHECK(tokens[0].all_caps == c.all_caps);
    }
}

TEST_CASE("tokenise: paragraphs are blank-line separated", "[extraction][tokens]") {
    const std::string text =
        "\n\nOne two.\n\nThree\n\n\nFour\n \nFive\r\n\r\nSix\nSeven\n\t\nEight";
    const auto tokens = tokenise(text);
    REQUIRE(texts(tokens) ==
            Strings{"One", "two", "Three", "Four", "Five", "Six", "Seven", "Eight"});
    const std::vector<std::uint32_t> expected = {0, 0, 1, 2, 3, 4, 4, 5};
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        INFO(tokens[i].text);
        CHECK(tokens[i].paragraph == expected[i]);
    }
}

TEST_CASE("tokenise: sentence starts after . ! ? : and paragraph breaks", "[extraction][tokens]") {
    const std::string text = "One. Two! Three? Four: five, six\n\nHeading\n\nBody text";
    const auto tokens = tokenise(text);
    REQUIRE(texts(tokens) ==
            Strings{"One", "Two", "Three", "Four", "five", "six", "Heading", "Body", "text"});
    const std::vector<bool> expected = {true, true, true, true, true, false, true, true, false};
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        INFO(tokens[i].text);
        CHECK(tokens[i].sentence_start == expected[i]);
    }
    // A single line break does not start a sentence.
    const auto wrapped = tokenise("the talks\ncontinued");
    REQUIRE(wrapped.size() == 3);
    CHECK_FALSE(wrapped[2].sentence_start);
}

TEST_CASE("tokenise: offsets and views point into the text", "[extraction][tokens]") {
    const std::string text =
        "\xEF\xBB\xBFS\xC3\xA3o Tom\xC3\xA9, 4 January \xE2\x80\x94 the People\xE2\x80\x99s "
        "Republic of China\xE2\x80\x93Pakistan talks.";
    const auto tokens = tokenise(text);
    REQUIRE_FALSE(tokens.empty());
    CHECK(tokens[0].text == "S\xC3\xA3o");  // The byte order mark is not a word.
    CHECK(tokens[0].offset == 3);
    for (const auto& t : tokens) {
        INFO(t.text);
        REQUIRE(t.offset + t.text.size() <= text.size());
        CHECK(text.substr(t.offset, t.text.size()) == t.text);
        CHECK(t.text.data() == text.data() + t.offset);
    }
    for (std::size_t i = 1; i < tokens.size(); ++i) {
        CHECK(tokens[i - 1].offset + tokens[i - 1].text.size() <= tokens[i].offset);
    }
}

TEST_CASE("tokenise and fold: non-ASCII words are lower-cased", "[extraction][tokens]") {
    struct Case {
        std::string text;
        Strings folded;
    };
    const std::vector<Case> cases = {
        {"C\xC3\xB4te d'Ivoire", {"c\xC3\xB4te", "d'ivoire"}},
        {"T\xC3\xBCrkiye", {"t\xC3\xBCrkiye"}},
        {"T\xC3\x9CRKIYE", {"t\xC3\xBCrkiye"}},
        {"S\xC3\x83O TOM\xC3\x89", {"s\xC3\xA3o", "tom\xC3\xA9"}},
        {"\xCE\x95\xCE\xBB\xCE\xBB\xCE\xAC\xCE\xB4\xCE\xB1",  // Ελλάδα
         {"\xCE\xB5\xCE\xBB\xCE\xBB\xCE\xAC\xCE\xB4\xCE\xB1"}},
        {"BRAS\xC3\x8DLIA", {"bras\xC3\xADlia"}},
        {"Islamabad ISLAMABAD", {"islamabad", "islamabad"}},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        CHECK(folded(tokenise(c.text)) == c.folded);
    }
    CHECK(fold("T\xC3\x9CRKIYE") == "t\xC3\xBCrkiye");
    CHECK(fold("C\xC3\x94TE") == "c\xC3\xB4te");
    CHECK(fold("Mixed Case") == "mixed case");
    CHECK(fold("") == "");
}

TEST_CASE("tokenise: empty and word-less texts", "[extraction][tokens]") {
    CHECK(tokenise("").empty());
    CHECK(tokenise(" \n\n\t ").empty());
    CHECK(tokenise("\xE2\x80\x94 -- ... !?").empty());
    const auto one = tokenise("word");
    REQUIRE(one.size() == 1);
    CHECK(one[0].sentence_start);
    CHECK(one[0].paragraph == 0);
    CHECK_FALSE(one[0].hyphen_before);
}

TEST_CASE("tokenise: en dashes join touching words, and line-break hyphens still join",
          "[extraction][tokens]") {
    const auto joined = tokenise("China\u2013Pakistan talks");
    REQUIRE(joined.size() == 3);
    CHECK(joined[1].hyphen_before);
    const auto spaced = tokenise("China \u2013 Pakistan");
    REQUIRE(spaced.size() == 2);
    CHECK_FALSE(spaced[1].hyphen_before);
    const auto wrapped = tokenise("sixty-\nninth session");
    REQUIRE(wrapped.size() == 3);
    CHECK(wrapped[1].hyphen_before);
}

TEST_CASE("tokenise: periods in numbers, abbreviations and initials do not start sentences",
          "[extraction][tokens]") {
    struct Case {
        std::string text;
        std::string word;
        bool starts;
    };
    const auto c = GENERATE(values<Case>({
        {"Growth was 3.67 percent", "67", false},
        {"We met Mr. Khan today", "Khan", false},
        {"The U.S. delegation spoke", "delegation", false},
        {"Signed by J. Smith", "Smith", false},
        {"Talks ended. Ministers left", "Ministers", true},
    }));
    INFO(c.text);
    bool found = false;
    for (const auto& t : tokenise(c.text)) {
        if (t.text == c.word) {
            found = true;
            CHECK(t.sentence_start == c.starts);
        }
    }
    CHECK(found);
}
