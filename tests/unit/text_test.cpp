// @brief Unit tests of common/text.hpp: UTF-8 repair, BOM and line ends, binary
// detection, trimming, slugs, white space and UTF-8-safe prefixes.
#include "text.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace diplosearch;

namespace {

const std::string kReplacement = "\xEF\xBF\xBD";

// True when every byte sequence of @p s is well-formed UTF-8 (no repair needed).
bool is_valid_utf8(std::string s) {
    return text::repair_utf8(s) == 0;
}

}  // namespace

TEST_CASE("repair_utf8 leaves valid text, including multibyte characters, untouched",
          "[unit][text]") {
    const std::string original = GENERATE(as<std::string>{}, "", "plain ASCII text",
                                          "Côte d'Ivoire",                    // 2-byte
                                          "中华人民共和国",                   // 3-byte
                                          "emoji \xF0\x9F\x8C\x8D",           // 4-byte U+1F30D
                                          "\xEF\xBF\xBD already",             // U+FFFD itself
                                          "max \xF4\x8F\xBF\xBF",             // U+10FFFF
                                          "edge \xED\x9F\xBF \xEE\x80\x80");  // U+D7FF, U+E000
    std::string s = original;
    CHECK(text::repair_utf8(s) == 0);
    CHECK(s == original);
}

TEST_CASE("repair_utf8 replaces each invalid sequence with one U+FFFD", "[unit][text]") {
    struct Case {
        const char* what;
        std::string input;
        std::string expected;
        std::size_t replaced;
    };
    const auto c = GENERATE(values<Case>({
        {"overlong 2-byte slash",
         "a\xC0\xAF"
         "b",
         "a" + kReplacement + "b", 1},
        {"overlong 3-byte NUL",
         "a\xE0\x80\x80"
         "b",
         "a" + kReplacement + "b", 1},
        {"overlong 4-byte", "\xF0\x82\x82\xAC", kReplacement, 1},
        {"truncated 3-byte at end", "abc\xE2\x82", "abc" + kReplacement, 1},
        {"truncated 4-byte before ASCII",
         "\xF0\x9F\x8C"
         "x",
         kReplacement + "x", 1},
        {"truncated 2-byte then valid 2-byte",
         "\xC3"
         "\xC3\xA9",
         kReplacement + "\xC3\xA9", 1},
        {"high surrogate", "x\xED\xA0\x80y", "x" + kReplacement + "y", 1},
        {"low surrogate", "\xED\xBF\xBF", kReplacement, 1},
        {"lone continuation byte",
         "a\x80"
         "b",
         "a" + kReplacement + "b", 1},
        {"run of continuation bytes",
         "a\x80\x81\x82"
         "b",
         "a" + kReplacement + "b", 1},
        {"beyond U+10FFFF", "\xF4\x90\x80\x80", kReplacement, 1},
        {"invalid lead byte F8",
         "\xF8"
         "a",
         kReplacement + "a", 1},
        {"latin-1 bytes", "caf\xE9 na\xEFve", "caf" + kReplacement + " na" + kReplacement + "ve",
         2},
        {"valid text around invalid", "é\xFFé", "é" + kReplacement + "é", 1},
    }));
    INFO(c.what);
    std::string s = c.input;
    CHECK(text::repair_utf8(s) == c.replaced);
    CHECK(s == c.expected);
    CHECK(is_valid_utf8(s));
}

TEST_CASE("strip_bom removes only a leading byte order mark", "[unit][text]") {
    std::string with_bom = "\xEF\xBB\xBFtitle: x";
    text::strip_bom(with_bom);
    CHECK(with_bom == "title: x");

    std::string only_bom = "\xEF\xBB\xBF";
    text::strip_bom(only_bom);
    CHECK(only_bom.empty());

    std::string inner =
        "a\xEF\xBB\xBF"
        "b";
    text::strip_bom(inner);
    CHECK(inner ==
          "a\xEF\xBB\xBF"
          "b");

    std::string partial =
        "\xEF\xBB"
        "x";
    text::strip_bom(partial);
    CHECK(partial ==
          "\xEF\xBB"
          "x");

    std::string twice = "\xEF\xBB\xBF\xEF\xBB\xBFx";
    text::strip_bom(twice);
    CHECK(twice == "\xEF\xBB\xBFx");
}

TEST_CASE("normalise_line_ends turns CRLF and lone CR into LF", "[unit][text]") {
    struct Case {
        std::string input;
        std::string expected;
    };
    const auto c = GENERATE(values<Case>({
        {"a\r\nb\r\n", "a\nb\n"},
        {"a\rb\r", "a\nb\n"},
        {"a\r\r\nb", "a\n\nb"},
        {"a\n\rb", "a\n\nb"},
        {"mixed\r\nlines\rand\nmore", "mixed\nlines\nand\nmore"},
        {"no carriage returns\n", "no carriage returns\n"},
        {"\r", "\n"},
        {"", ""},
    }));
    std::string s = c.input;
    text::normalise_line_ends(s);
    CHECK(s == c.expected);
}

TEST_CASE("looks_binary detects NUL bytes and mostly-control content", "[unit][text]") {
    CHECK_FALSE(text::looks_binary(""));
    CHECK_FALSE(text::looks_binary("Plain text\twith tabs\r\nand lines\f"));
    CHECK_FALSE(text::looks_binary("Unicode: 中华人民共和国 Côte d'Ivoire"));
    CHECK(text::looks_binary(std::string("PK\x03\x04\0\0", 6)));
    CHECK(text::looks_binary(std::string("text then a NUL\0", 16)));
    CHECK(text::looks_binary("\x01\x02\x03\x04\x05\x06\x07\x08"));

    // Just above and at the 10% threshold of control characters.
    const std::string eleven_percent = std::string(89, 'a') + std::string(11, '\x01');
    CHECK(text::looks_binary(eleven_percent));
    const std::string ten_percent = std::string(90, 'a') + std::string(10, '\x01');
    CHECK_FALSE(text::looks_binary(ten_percent));

    // Only the first 8 KiB are examined.
    const std::string late_nul = std::string(9000, 'a') + std::string(1, '\0');
    CHECK_FALSE(text::looks_binary(late_nul));
}

TEST_CASE("trim removes ASCII white space at both ends only", "[unit][text]") {
    CHECK(text::trim("  a b \t\r\n") == "a b");
    CHECK(text::trim("\f\vx\v") == "x");
    CHECK(text::trim("   ").empty());
    CHECK(text::trim("").empty());
    CHECK(text::trim("inner  space") == "inner  space");
}

TEST_CASE("ascii_lower lower-cases ASCII letters and keeps other bytes", "[unit][text]") {
    CHECK(text::ascii_lower("Hello WORLD 123") == "hello world 123");
    CHECK(text::ascii_lower("ÉCOLE Côte") == "École côte");
    CHECK(text::ascii_lower("") == "");
}

TEST_CASE("slugify lower-cases and joins words with single dashes", "[unit][text]") {
    struct Case {
        std::string input;
        std::string expected;
    };
    const auto c = GENERATE(values<Case>({
        {"Human Rights", "human-rights"},
        {"human-rights", "human-rights"},
        {"  Trade & Investment!!  ", "trade-investment"},
        {"--Climate---Change--", "climate-change"},
        {"Non_Proliferation / Disarmament", "non-proliferation-disarmament"},
        {"G20 Summit 2016", "g20-summit-2016"},
        {"Côte d'Ivoire", "côte-d-ivoire"},
        {"中国 外交", "中国-外交"},
        {"Peace \u2014 Security", "peace-security"},
        {"Human\u00A0Rights", "human-rights"},
        {"People\u2019s", "people-s"},
        {"CÔTE D'IVOIRE", "côte-d-ivoire"},
        {"!!!", ""},
        {"", ""},
    }));
    CHECK(text::slugify(c.input) == c.expected);
}

TEST_CASE("collapse_whitespace joins white-space runs into one space and trims", "[unit][text]") {
    CHECK(text::collapse_whitespace("  a \t\n b\r\n\nc  ") == "a b c");
    CHECK(text::collapse_whitespace("single") == "single");
    CHECK(text::collapse_whitespace(" \n\t ") == "");
    CHECK(text::collapse_whitespace("x\fy\vz") == "x y z");
}

TEST_CASE("utf8_prefix never cuts a multibyte character", "[unit][text]") {
    const std::string s = "a€b";  // 'a', E2 82 AC, 'b': 5 bytes
    CHECK(text::utf8_prefix(s, 0) == "");
    CHECK(text::utf8_prefix(s, 1) == "a");
    CHECK(text::utf8_prefix(s, 2) == "a");
    CHECK(text::utf8_prefix(s, 3) == "a");
    CHECK(text::utf8_prefix(s, 4) == "a€");
    CHECK(text::utf8_prefix(s, 5) == "a€b");
    CHECK(text::utf8_prefix(s, 100) == "a€b");

    const std::string emoji = "\xF0\x9F\x8C\x8D\xF0\x9F\x8C\x8D";  // two 4-byte characters
    for (std::size_t max = 0; max <= emoji.size(); ++max) {
        const auto prefix = text::utf8_prefix(emoji, max);
        INFO("max_bytes = " << max);
        CHECK(prefix.size() <= max);
        CHECK(prefix.size() % 4 == 0);
        CHECK(prefix.size() + 4 > max);  // The longest such prefix.
        CHECK(is_valid_utf8(std::string(prefix)));
    }
}

TEST_CASE("fold_diacritics removes Latin accents and keeps everything else", "[unit][text]") {
    using text::fold_diacritics;
    CHECK(fold_diacritics("communiqué") == "communique");
    CHECK(fold_diacritics("Côte d'Ivoire") == "Cote d'Ivoire");
    CHECK(fold_diacritics("São Tomé and Príncipe") == "Sao Tome and Principe");
    CHECK(fold_diacritics("Türkiye, Curaçao, Åland") == "Turkiye, Curacao, Aland");
    CHECK(fold_diacritics("Straße Œuvre Łódź Ærø") == "Strasse OEuvre Lodz AEro");
    CHECK(fold_diacritics("Bucureşti București") == "Bucuresti Bucuresti");
    CHECK(fold_diacritics("e\xcc\x81t\xc3\xa9") == "ete");  // A combining acute accent is dropped.
    CHECK(fold_diacritics("3 × 4 ÷ 2") == "3 × 4 ÷ 2");
    CHECK(fold_diacritics("Москва 北京 القاهرة") == "Москва 北京 القاهرة");
    CHECK(fold_diacritics("plain ASCII") == "plain ASCII");
    CHECK(fold_diacritics("") == "");
}

TEST_CASE("append_folded_lower lower-cases and folds one code point", "[unit][text]") {
    const auto folded = [](std::initializer_list<unsigned> code_points) {
        std::string out;
        for (const unsigned cp : code_points) text::append_folded_lower(out, cp);
        return out;
    };
    CHECK(folded({'C', 0xF4, 't', 'e'}) == "cote");               // Côte
    CHECK(folded({0xC9, 'l', 'y', 's', 0xE9, 'e'}) == "elysee");  // Élysée
    CHECK(folded({0x152, 'u', 'v', 'r', 'e'}) == "oeuvre");       // Œuvre
    CHECK(folded({'e', 0x301}) == "e");                           // Combining acute dropped.
    CHECK(folded({0x41C, 0x43E}) == "мо");                        // Cyrillic: lower-cased only.
}
