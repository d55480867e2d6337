// @brief Unit tests of indexer/text_document.hpp: the front-matter block of text and
// Markdown files, its errors, and title detection without front matter.
#include "text_document.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "parse_error.hpp"

using namespace diplosearch;
using namespace diplosearch::indexer;
using Catch::Matchers::Contains;
using Strings = std::vector<std::string>;

namespace {

// The values of @p key in @p fm (the first occurrence), or a marker when absent.
Strings values_of(const FrontMatter& fm, const std::string& key) {
    for (const auto& [k, v] : fm.fields) {
        if (k == key) return v;
    }
    return {"<absent>"};
}

// The line a ParseError names, or 0 when @p content parses.
std::uint64_t error_line(std::string_view content) {
    try {
        split_front_matter(content);
    } catch (const ParseError& e) {
        return e.line();
    }
    return 0;
}

}  // namespace

TEST_CASE("front matter: key-value pairs in file order and the body after it",
          "[unit][front_matter]") {
    const std::string content =
        "---\n"
        "id: pk-cn-2015\n"
        "Title: Pakistan and China sign: Gwadar port agreements\n"
        "date: 2015-04-20\n"
        "---\n"
        "Body line one.\n"
        "Body line two.\n";
    const FrontMatter fm = split_front_matter(content);
    REQUIRE(fm.fields.size() == 3);
    CHECK(fm.fields[0].first == "id");
    CHECK(fm.fields[1].first == "title");  // Keys are lower-cased.
    CHECK(fm.fields[2].first == "date");
    CHECK(fm.fields[0].second == Strings{"pk-cn-2015"});
    // Only the first colon separates key and value.
    CHECK(fm.fields[1].second == Strings{"Pakistan and China sign: Gwadar port agreements"});
    CHECK(fm.body == "Body line one.\nBody line two.\n");
    CHECK(fm.body_line == 6);
}

TEST_CASE("front matter: values may be quoted, bracketed lists or empty", "[unit][front_matter]") {
    const FrontMatter fm = split_front_matter(
        "---\n"
        "double: \"A, quoted: value\"\n"
        "single: 'single quoted'\n"
        "mismatched: \"not closed'\n"
        "list: [PAK, CHN ,  IND]\n"
        "quoted_list: [\"Human Rights\", 'Trade']\n"
        "empty_list: []\n"
        "list_with_gaps: [a, , b,]\n"
        "empty:\n"
        "blank_quoted: \"\"\n"
        "---\n");
    CHECK(values_of(fm, "double") == Strings{"A, quoted: value"});
    CHECK(values_of(fm, "single") == Strings{"single quoted"});
    CHECK(values_of(fm, "mismatched") == Strings{"\"not closed'"});
    CHECK(values_of(fm, "list") == Strings{"PAK", "CHN", "IND"});
    CHECK(values_of(fm, "quoted_list") == Strings{"Human Rights", "Trade"});
    CHECK(values_of(fm, "empty_list").empty());
    CHECK(values_of(fm, "list_with_gaps") == Strings{"a", "b"});
    CHECK(values_of(fm, "empty").empty());
    CHECK(values_of(fm, "blank_quoted").empty());
    CHECK(fm.body.empty());
}

TEST_CASE("front matter: indented '- item' lines continue the previous key",
          "[unit][front_matter]") {
    const FrontMatter fm = split_front_matter(
        "---\n"
        "title: Khartoum principles\n"
        "country:\n"
        "  - EGY\n"
        "  - \"ETH\"\n"
        "  - 'SDN'\n"
        "topic:\n"
        "    - water\n"
        "---\n"
        "text\n");
    CHECK(values_of(fm, "country") == Strings{"EGY", "ETH", "SDN"});
    CHECK(values_of(fm, "topic") == Strings{"water"});
    CHECK(values_of(fm, "title") == Strings{"Khartoum principles"});
}

TEST_CASE("front matter: comments and blank lines are skipped, '...' also closes",
          "[unit][front_matter]") {
    const FrontMatter fm = split_front_matter(
        "---\n"
        "# a comment line\n"
        "\n"
        "   # an indented comment\n"
        "id: x\n"
        "...\n"
        "body\n");
    REQUIRE(fm.fields.size() == 1);
    CHECK(values_of(fm, "id") == Strings{"x"});
    CHECK(fm.body == "body\n");
    CHECK(fm.body_line == 7);
}

TEST_CASE("front matter: content without a leading '---' line is all body",
          "[unit][front_matter]") {
    const std::string content = GENERATE(as<std::string>{}, "Just text\nid: not a key\n", "",
                                         "\n---\nid: x\n---\n", "----\nx\n", "-- -\nx\n");
    const FrontMatter fm = split_front_matter(content);
    CHECK(fm.fields.empty());
    CHECK(fm.body == content);
    CHECK(fm.body_line == 1);
}

TEST_CASE("front matter: an unclosed block is a ParseError at line 1", "[unit][front_matter]") {
    const std::string content =
        GENERATE(as<std::string>{}, "---", "---\n", "---\nid: x\ntitle: y\n",
                 "---\nid: x\nbody: here", "--- \nid: x\n");
    INFO(content);
    CHECK(error_line(content) == 1);
    CHECK_THROWS_WITH(split_front_matter(content), Contains("never closed"));
}

TEST_CASE("front matter: a malformed line is a ParseError naming that line",
          "[unit][front_matter]") {
    struct Case {
        std::string content;
        std::uint64_t line;
        std::string quoted;
    };
    const auto c = GENERATE(values<Case>({
        {"---\nid: x\nthis line has no colon\n---\n", 3, "this line has no colon"},
        {"---\n\n# comment\n\nbad key!: v\n---\n", 5, "bad key!: v"},
        {"---\n: no key\n---\n", 2, ": no key"},
        {"---\ntitle: ok\nkey with space: v\n---\n", 3, "key with space: v"},
        {"---\n- item before any key\n---\n", 2, "- item before any key"},
    }));
    INFO(c.content);
    CHECK(error_line(c.content) == c.line);
    CHECK_THROWS_WITH(split_front_matter(c.content), Contains("'" + c.quoted + "'"));
}

TEST_CASE("front matter: the quoted malformed line is cut on a UTF-8 boundary",
          "[unit][front_matter]") {
    // 'a' then 2-byte characters: byte 60 is the middle of a character.
    std::string line = "a";
    for (int i = 0; i < 40; ++i) line += "é";  // 81 bytes, no colon
    try {
        split_front_matter("---\n" + line + "\n---\n");
        FAIL("expected a ParseError");
    } catch (const ParseError& e) {
        const std::string what = e.what();
        CHECK(e.line() == 2);
        CHECK(what.find("'" + line.substr(0, 59) + "'") != std::string::npos);
    }
}

TEST_CASE("document_from_text maps front-matter keys onto the document", "[unit][front_matter]") {
    const Document doc = document_from_text(
        "---\n"
        "id: pk-cn-2015-gwadar-talks\n"
        "title: Pakistan and China sign Gwadar port agreements\n"
        "date: 2015-04-20\n"
        "country: [PAK, CHN]\n"
        "topic: [cpec, infrastructure, trade]\n"
        "type: article\n"
        "source: Dawn (sample)\n"
        "lang: en\n"
        "url: https://example.org/a\n"
        "author: [Staff Reporter, Agency]\n"
        "unknown_key: ignored\n"
        "---\n"
        "ISLAMABAD, 20 April — Pakistan and China signed.\n\nSecond paragraph.\n",
        true);
    CHECK(doc.id == "pk-cn-2015-gwadar-talks");
    CHECK(doc.title == "Pakistan and China sign Gwadar port agreements");
    CHECK(doc.date == "2015-04-20");
    CHECK(doc.countries == Strings{"PAK", "CHN"});
    CHECK(doc.topics == Strings{"cpec", "infrastructure", "trade"});
    CHECK(doc.type == "article");
    CHECK(doc.source == "Dawn (sample)");
    CHECK(doc.lang == "en");
    CHECK(doc.url == "https://example.org/a");
    CHECK(doc.speaker == "Staff Reporter; Agency");
    CHECK(doc.text == "ISLAMABAD, 20 April — Pakistan and China signed.\n\nSecond paragraph.");
}

TEST_CASE("document_from_text leaves 'A, B' whole: the normaliser splits lists",
          "[unit][front_matter]") {
    const Document doc = document_from_text(
        "---\n"
        "title: Peace, Security and Development\n"
        "countries: PAK, CHN ,IND\n"
        "tags: \"human rights, trade\"\n"
        "speaker: Smith, John\n"
        "---\n"
        "Body\n",
        false);
    CHECK(doc.title == "Peace, Security and Development");
    CHECK(doc.countries == Strings{"PAK, CHN ,IND"});
    CHECK(doc.topics == Strings{"human rights, trade"});
    CHECK(doc.speaker == "Smith, John");
}

TEST_CASE("front matter: bracket lists split on commas outside quotes", "[unit][front_matter]") {
    const Document doc = document_from_text(
        "---\ntopics: ['Trade, Investment', \"Peace, Security\", energy]\n---\nx\n", false);
    CHECK(doc.topics == Strings{"Trade, Investment", "Peace, Security", "energy"});
}

TEST_CASE("front matter: unindented '- item' lines continue a key with no value",
          "[unit][front_matter]") {
    const Document doc =
        document_from_text("---\ntopics:\n- trade\n- energy\ntitle: T\n---\nx\n", false);
    CHECK(doc.topics == Strings{"trade", "energy"});
    CHECK(doc.title == "T");
    CHECK_THROWS_AS(document_from_text("---\ntitle: T\n- stray\n---\nx\n", false), ParseError);
}

TEST_CASE("document_from_text uses year when there is no date", "[unit][front_matter]") {
    CHECK(document_from_text("---\nyear: 2015\n---\nx\n", true).date == "2015");
    CHECK(document_from_text("---\nyear: 2015\ndate: 2016-01\n---\nx\n", true).date == "2016-01");
    CHECK(document_from_text("---\ndate: 2016-01\nyear: 2015\n---\nx\n", true).date == "2016-01");
}

TEST_CASE("document_from_text key aliases: countries, topics, tags, language, speaker",
          "[unit][front_matter]") {
    const Document doc = document_from_text(
        "---\ncountries: [FRA]\ntags: [climate]\nlanguage: fr\nspeaker: A\n---\nx\n", true);
    CHECK(doc.countries == Strings{"FRA"});
    CHECK(doc.topics == Strings{"climate"});
    CHECK(doc.lang == "fr");
    CHECK(doc.speaker == "A");
}

TEST_CASE("document_from_text takes a Markdown '# Title' as the title", "[unit][front_matter]") {
    SECTION("without front matter") {
        const Document doc = document_from_text(
            "\n\n# Khartoum Declaration of Principles \n\nThe three "
            "countries agreed.\n",
            true);
        CHECK(doc.title == "Khartoum Declaration of Principles");
        CHECK(doc.text == "The three countries agreed.");
    }
    SECTION("after front matter without a title") {
        const Document doc = document_from_text("---\nid: x\n---\n# Heading\nBody text.\n", true);
        CHECK(doc.id == "x");
        CHECK(doc.title == "Heading");
        CHECK(doc.text == "Body text.");
    }
    SECTION("a front-matter title wins and the heading stays in the text") {
        const Document doc =
            document_from_text("---\ntitle: Given\n---\n# Heading\nBody text.\n", true);
        CHECK(doc.title == "Given");
        CHECK(doc.text == "# Heading\nBody text.");
    }
    SECTION("a first line that is not a level-1 heading gives no title") {
        for (const std::string content :
             {"## Sub heading\nBody.\n", "Plain first line\nBody.\n", "#NoSpace\nBody.\n"}) {
            INFO(content);
            const Document doc = document_from_text(content, true);
            CHECK(doc.title.empty());
            CHECK(doc.text == content.substr(0, content.size() - 1));
        }
    }
}

TEST_CASE("document_from_text takes a short first line of plain text as the title",
          "[unit][front_matter]") {
    SECTION("short first line followed by more text") {
        const Document doc =
            document_from_text("\n  Joint Statement on Gwadar  \n\nThe two sides agreed.\n", false);
        CHECK(doc.title == "Joint Statement on Gwadar");
        CHECK(doc.text == "The two sides agreed.");
    }
    SECTION("a '# ' line in plain text is a title with its '#' kept") {
        const Document doc = document_from_text("# Not markdown\nBody.\n", false);
        CHECK(doc.title == "# Not markdown");
        CHECK(doc.text == "Body.");
    }
    SECTION("a single line is text, not a title") {
        const Document doc = document_from_text("Only one line without newline", false);
        CHECK(doc.title.empty());
        CHECK(doc.text == "Only one line without newline");
    }
    SECTION("a first line over 200 bytes is text, not a title") {
        const std::string first(201, 'w');
        const Document doc = document_from_text(first + "\nsecond\n", false);
        CHECK(doc.title.empty());
        CHECK(doc.text == first + "\nsecond");
    }
    SECTION("a first line of exactly 200 bytes is a title") {
        const std::string first(200, 'w');
        const Document doc = document_from_text(first + "\nsecond\n", false);
        CHECK(doc.title == first);
        CHECK(doc.text == "second");
    }
}

TEST_CASE("document_from_text propagates front-matter errors", "[unit][front_matter]") {
    CHECK_THROWS_AS(document_from_text("---\nid: x\n", true), ParseError);
    CHECK_THROWS_AS(document_from_text("---\nnot a pair\n---\n", false), ParseError);
}
