// @brief Unit tests of indexer/document_normaliser.hpp: the canonical form of
// countries, topics, types, dates, titles and ids, and the warnings it gives.
#include "document_normaliser.hpp"
#include "text.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <vector>

using namespace diplosearch;
using diplosearch::indexer::DocumentNormaliser;
using Strings = std::vector<std::string>;

namespace {

struct Normalised {
    Document doc;
    Strings warnings;
};

Normalised normalise(Document doc, const std::string& fallback_id = "fallback/id.md") {
    const DocumentNormaliser normaliser(CountryGazetteer::builtin());
    Strings warnings;
    normaliser.normalise(doc, fallback_id, warnings);
    return {std::move(doc), std::move(warnings)};
}

Document with_text(const std::string& text = "Body text.") {
    Document doc;
    doc.text = text;
    return doc;
}

bool any_contains(const Strings& warnings, const std::string& needle) {
    for (const auto& w : warnings) {
        if (w.find(needle) != std::string::npos) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("normaliser: countries become unique alpha-3 codes in order", "[unit][normaliser]") {
    Document doc = with_text();
    doc.countries = {"PK", "PAK", "Pakistan", "china", "Islamic Republic of Pakistan", "CN"};
    const auto n = normalise(doc);
    CHECK(n.doc.countries == Strings{"PAK", "CHN"});
    CHECK(n.warnings.empty());
}

TEST_CASE("normaliser: country values separated by semicolons or commas are split",
          "[unit][normaliser]") {
    Document doc = with_text();
    doc.countries = {"PAK; CHN", "IND,Bangladesh", " ; ", "Burma"};
    const auto n = normalise(doc);
    CHECK(n.doc.countries == Strings{"PAK", "CHN", "IND", "BGD", "MMR"});
    CHECK(n.warnings.empty());
}

TEST_CASE("normaliser: unknown countries are dropped with a warning naming them",
          "[unit][normaliser]") {
    Document doc = with_text();
    doc.countries = {"PAK", "Narnia", "Atlantis; CHN"};
    const auto n = normalise(doc);
    CHECK(n.doc.countries == Strings{"PAK", "CHN"});
    REQUIRE(n.warnings.size() == 2);
    CHECK(any_contains(n.warnings, "unknown country 'Narnia'"));
    CHECK(any_contains(n.warnings, "unknown country 'Atlantis'"));
}

TEST_CASE("normaliser: topics become unique slugs, type a slug, lang lower-case",
          "[unit][normaliser]") {
    Document doc = with_text();
    doc.topics = {"Human Rights", "human-rights", "Trade; Climate Change", "  ", "CPEC"};
    doc.type = "Press Release";
    doc.lang = " EN ";
    const auto n = normalise(doc);
    CHECK(n.doc.topics == Strings{"human-rights", "trade", "climate-change", "cpec"});
    CHECK(n.doc.type == "press-release");
    CHECK(n.doc.lang == "en");
}

TEST_CASE("normaliser: dates are validated and written as ISO", "[unit][normaliser]") {
    struct Case {
        std::string input;
        std::string expected;
    };
    const auto c = GENERATE(values<Case>({
        {"2015", "2015"},
        {" 2015-04 ", "2015-04"},
        {"2015-04-20", "2015-04-20"},
        {"2015-04-20T10:30:00Z", "2015-04-20"},
        {"2016-02-29", "2016-02-29"},
        {"", ""},
    }));
    Document doc = with_text();
    doc.date = c.input;
    const auto n = normalise(doc);
    CHECK(n.doc.date == c.expected);
    CHECK(n.warnings.empty());
}

TEST_CASE("normaliser: a bad date is dropped with a warning", "[unit][normaliser]") {
    const std::string bad =
        GENERATE(as<std::string>{}, "2015-02-29", "2015-13", "20 April 2015", "2015/04/20", "0");
    Document doc = with_text();
    doc.date = bad;
    const auto n = normalise(doc);
    CHECK(n.doc.date.empty());
    REQUIRE(n.warnings.size() == 1);
    CHECK(any_contains(n.warnings, "invalid date '" + bad + "'"));
}

TEST_CASE("normaliser: a missing title is derived from the first line of text",
          "[unit][normaliser]") {
    SECTION("short first line") {
        const auto n = normalise(with_text("\n\n  Joint   statement\ton trade \nSecond line."));
        CHECK(n.doc.title == "Joint statement on trade");
        CHECK(n.doc.text == "Joint   statement\ton trade \nSecond line.");
    }
    SECTION("long first line is cut at a word and marked with an ellipsis") {
        std::string line;
        while (line.size() < 300) line += "negotiations ";
        const auto n = normalise(with_text(line));
        CHECK(n.doc.title.ends_with("…"));
        const std::string kept = n.doc.title.substr(0, n.doc.title.size() - 3);
        CHECK(kept.size() <= 120);
        CHECK(kept.size() > 40);
        CHECK(line.starts_with(kept));
        CHECK(kept.ends_with("negotiations"));  // Cut at a space, not inside a word.
    }
    SECTION("long line without spaces is cut on a UTF-8 boundary") {
        std::string line = "x";
        for (int i = 0; i < 100; ++i) line += "é";
        const auto n = normalise(with_text(line));
        const std::string kept = n.doc.title.substr(0, n.doc.title.size() - 3);
        CHECK(n.doc.title.ends_with("…"));
        CHECK(kept.size() == 119);  // 'x' and 59 two-byte characters.
        CHECK(line.starts_with(kept));
    }
    SECTION("a given title is kept, white space collapsed") {
        Document doc = with_text();
        doc.title = "  A \n given\ttitle ";
        CHECK(normalise(doc).doc.title == "A given title");
    }
}

TEST_CASE("normaliser: the fallback id is used when the document has none", "[unit][normaliser]") {
    CHECK(normalise(with_text(), "docs/a.md").doc.id == "docs/a.md");
    Document doc = with_text();
    doc.id = "  explicit-id  ";
    CHECK(normalise(doc, "docs/a.md").doc.id == "explicit-id");
    doc.id = "   ";
    CHECK(normalise(doc, "docs/b.md").doc.id == "docs/b.md");
}

TEST_CASE("normaliser: unusable documents are std::invalid_argument", "[unit][normaliser]") {
    const DocumentNormaliser normaliser(CountryGazetteer::builtin());
    Strings warnings;
    SECTION("no text and no title") {
        Document doc;
        doc.id = "x";
        doc.countries = {"PAK"};
        CHECK_THROWS_AS(normaliser.normalise(doc, "f", warnings), std::invalid_argument);
        doc.text = " \n\t ";
        doc.title = "   ";
        CHECK_THROWS_AS(normaliser.normalise(doc, "f", warnings), std::invalid_argument);
    }
    SECTION("a title alone is enough") {
        Document doc;
        doc.title = "Title only";
        CHECK_NOTHROW(normaliser.normalise(doc, "f", warnings));
        CHECK(doc.text.empty());
    }
    SECTION("no id and no fallback") {
        Document doc = with_text();
        CHECK_THROWS_AS(normaliser.normalise(doc, "", warnings), std::invalid_argument);
    }
    SECTION("an id over 200 bytes") {
        Document doc = with_text();
        doc.id = std::string(201, 'i');
        CHECK_THROWS_AS(normaliser.normalise(doc, "f", warnings), std::invalid_argument);
        doc.id = std::string(200, 'i');
        CHECK_NOTHROW(normaliser.normalise(doc, "f", warnings));
    }
}

TEST_CASE("normaliser: invalid UTF-8 and BOMs are repaired with one warning",
          "[unit][normaliser]") {
    Document doc = with_text(
        "\xEF\xBB\xBF"
        "Caf\xE9 text");
    doc.title = "Bad \xC0\xAF title";
    doc.id = "\xEF\xBB\xBFid-1";
    doc.countries = {"\xEF\xBB\xBFPAK"};
    doc.topics = {
        "tr\xFF"
        "ade"};
    const auto n = normalise(doc);
    CHECK(n.doc.text == "Caf\xEF\xBF\xBD text");
    CHECK(n.doc.title == "Bad \xEF\xBF\xBD title");
    CHECK(n.doc.id == "id-1");
    CHECK(n.doc.countries == Strings{"PAK"});
    CHECK(n.doc.topics == Strings{"tr-ade"});  // U+FFFD is not a letter: it separates.
    REQUIRE(n.warnings.size() == 1);
    CHECK(any_contains(n.warnings, "repaired 3 invalid UTF-8"));
}

TEST_CASE("normaliser: text line ends are normalised and the text trimmed", "[unit][normaliser]") {
    Document doc = with_text("\r\n  First\r\nSecond\rThird  \r\n");
    doc.title = "T";
    CHECK(normalise(doc).doc.text == "First\nSecond\nThird");
}

TEST_CASE("normaliser: source and speaker collapse white space, url is trimmed",
          "[unit][normaliser]") {
    Document doc = with_text();
    doc.source = "  Dawn \n (sample) ";
    doc.speaker = "Nawaz  Sharif;\tXi Jinping";
    doc.url = "  https://example.org/x  ";
    const auto n = normalise(doc);
    CHECK(n.doc.source == "Dawn (sample)");
    CHECK(n.doc.speaker == "Nawaz Sharif; Xi Jinping");
    CHECK(n.doc.url == "https://example.org/x");
}

TEST_CASE("normaliser splits country lists but keeps ISO names that contain commas",
          "[unit][normaliser]") {
    struct Case {
        Strings input;
        Strings expected;
        std::size_t warnings;
    };
    const auto c = GENERATE(values<Case>({
        {{"Congo, The Democratic Republic of the", "Korea, Republic of"}, {"COD", "KOR"}, 0},
        {{"Iran, Islamic Republic of; PK"}, {"IRN", "PAK"}, 0},
        {{"PAK, CHN ,IND"}, {"PAK", "CHN", "IND"}, 0},
        {{"Narnia, PAK"}, {"PAK"}, 1},
        {{"People\u2019s Republic of China"}, {"CHN"}, 0},
    }));
    Document doc = with_text();
    doc.countries = c.input;
    const auto result = normalise(doc);
    CHECK(result.doc.countries == c.expected);
    CHECK(result.warnings.size() == c.warnings);
}

TEST_CASE("normaliser splits topic strings on commas and semicolons", "[unit][normaliser]") {
    Document doc = with_text();
    doc.topics = {"Human Rights, Trade; energy"};
    CHECK(normalise(doc).doc.topics == Strings{"human-rights", "trade", "energy"});
}

TEST_CASE("normaliser: an id taken from a file name that is not UTF-8 is repaired",
          "[unit][normaliser]") {
    const auto n = normalise(with_text(), "documents/new\xC7/x.md");
    std::string check = n.doc.id;
    CHECK(diplosearch::text::repair_utf8(check) == 0);
    CHECK(n.doc.id.starts_with("documents/new"));
    CHECK(n.doc.id.ends_with("/x.md"));
    CHECK(any_contains(n.warnings, "id taken from the file name"));
    // A valid path-derived id is kept exactly, spaces included.
    CHECK(normalise(with_text(), "docs/a file .md").doc.id == "docs/a file .md");
}
