// @brief Unit tests of indexer/html_document.hpp: titles, meta tags, language,
// canonical links, boilerplate removal, entities and the choice of main content.
#include "html_document.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace diplosearch;
using diplosearch::indexer::document_from_html;
using Strings = std::vector<std::string>;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("html: the title comes from <title>, white space collapsed", "[unit][html]") {
    const Document doc = document_from_html(
        "<html><head><title>\n  CPEC   phase two\n &amp; Gwadar </title></head>"
        "<body><h1>Heading not used</h1><p>Text.</p></body></html>");
    CHECK(doc.title == "CPEC phase two & Gwadar");
}

TEST_CASE("html: without <title> the first <h1> is the title", "[unit][html]") {
    SECTION("no title element") {
        const Document doc = document_from_html(
            "<html><body><div><h1>First <em>heading</em></h1></div><h1>Second</h1>"
            "<p>Text.</p></body></html>");
        CHECK(doc.title == "First heading");
    }
    SECTION("an empty title element") {
        const Document doc =
            document_from_html("<html><head><title></title></head><body><h1>Heading</h1></body>");
        CHECK(doc.title == "Heading");
    }
    SECTION("neither title nor h1") {
        const Document doc = document_from_html("<p>Only a paragraph.</p>");
        CHECK(doc.title.empty());
        CHECK(doc.text == "Only a paragraph.");
    }
}

TEST_CASE("html: meta tags fill date, countries, topics, type, speaker, source and id",
          "[unit][html]") {
    const Document doc = document_from_html(R"(<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta name="DATE" content=" 2016-07-12 ">
  <meta name="country" content="PHL, CHN; VNM">
  <meta name="topics" content="maritime, law of the sea">
  <meta name="dc.type" content="Press Release">
  <meta name="author" content="Ministry of Foreign Affairs">
  <meta property="og:site_name" content="Foreign Ministry">
  <meta name="dc.identifier" content="scs-2016-award">
  <meta name="description" content="ignored">
  <meta name="keywords">
  <title>Arbitral award</title>
</head>
<body><p>The tribunal ruled.</p></body>
</html>)");
    CHECK(doc.date == "2016-07-12");
    CHECK(doc.countries == Strings{"PHL, CHN; VNM"});  // Split later by the normaliser.
    CHECK(doc.topics == Strings{"maritime, law of the sea"});
    CHECK(doc.type == "Press Release");
    CHECK(doc.speaker == "Ministry of Foreign Affairs");
    CHECK(doc.source == "Foreign Ministry");
    CHECK(doc.id == "scs-2016-award");
    CHECK(doc.lang == "en-GB");
    CHECK(doc.title == "Arbitral award");
    CHECK(doc.text == "The tribunal ruled.");
}

TEST_CASE("html: the first date meta wins, article:published_time is a date", "[unit][html]") {
    const Document doc = document_from_html(
        "<head><meta property=\"article:published_time\" content=\"2021-03-04T09:00:00Z\">"
        "<meta name=\"date\" content=\"1999\"></head><body>x</body>");
    CHECK(doc.date == "2021-03-04T09:00:00Z");
}

TEST_CASE("html: canonical link gives the url, og:url only as a fallback", "[unit][html]") {
    SECTION("canonical first") {
        const Document doc = document_from_html(
            "<head><link rel=\"Canonical\" href=\"https://example.org/a\">"
            "<meta property=\"og:url\" content=\"https://example.org/og\"></head><body>x</body>");
        CHECK(doc.url == "https://example.org/a");
    }
    SECTION("og:url first, canonical later still wins") {
        const Document doc = document_from_html(
            "<head><meta property=\"og:url\" content=\"https://example.org/og\">"
            "<link rel=\"canonical\" href=\"https://example.org/a\"></head><body>x</body>");
        CHECK(doc.url == "https://example.org/a");
    }
    SECTION("og:url alone") {
        const Document doc = document_from_html(
            "<head><meta property=\"og:url\" content=\"https://example.org/og\">"
            "<link rel=\"stylesheet\" href=\"style.css\"></head><body>x</body>");
        CHECK(doc.url == "https://example.org/og");
    }
}

TEST_CASE("html: no <html lang> leaves the language empty", "[unit][html]") {
    CHECK(document_from_html("<html><body>x</body></html>").lang.empty());
    CHECK(document_from_html("<html lang=\"fr\"><body>x</body></html>").lang == "fr");
}

TEST_CASE("html: scripts, styles, navigation, headers, footers and forms are not text",
          "[unit][html]") {
    const Document doc = document_from_html(R"(<html><head>
<title>Page</title><style>body { color: red; }</style><script>var headScript = 1;</script>
</head><body>
<header><a href="/">Site header</a></header>
<nav><ul><li>Home</li><li>News</li></ul></nav>
<script>var bodyScript = 2;</script>
<noscript>Enable JavaScript</noscript>
<p>Visible paragraph.</p>
<form><label>Search box</label><input name="q"><button>Go button</button></form>
<aside>Related links</aside>
<select><option>Option text</option></select>
<footer>Copyright footer</footer>
</body></html>)");
    CHECK(doc.text == "Visible paragraph.");
    for (const char* hidden :
         {"color", "headScript", "Site header", "Home", "bodyScript", "JavaScript", "Search box",
          "Go button", "Related", "Option", "Copyright"}) {
        INFO(hidden);
        CHECK_FALSE(contains(doc.text, hidden));
    }
}

TEST_CASE("html: entities are decoded in text and attributes", "[unit][html]") {
    const Document doc = document_from_html(
        "<head><meta name=\"source\" content=\"Smith &amp; Jones\"></head>"
        "<body><p>Caf&eacute; &lt;tag&gt; &quot;q&quot; &#8212; &#x41;&amp;B</p></body>");
    CHECK(doc.text == "Café <tag> \"q\" — A&B");
    CHECK(doc.source == "Smith & Jones");
}

TEST_CASE("html: <main> is preferred over <article>, and <article> over <body>", "[unit][html]") {
    SECTION("main") {
        const Document doc = document_from_html(
            "<body><div>Sidebar text</div><article>Article text</article>"
            "<main><p>Main text</p></main></body>");
        CHECK(doc.text == "Main text");
    }
    SECTION("article") {
        const Document doc = document_from_html(
            "<body><div>Sidebar text</div><article><p>Article text</p></article></body>");
        CHECK(doc.text == "Article text");
    }
    SECTION("body") {
        const Document doc =
            document_from_html("<body><div>Sidebar text</div><p>Body text</p></body>");
        CHECK(doc.text == "Sidebar text\nBody text");
    }
    SECTION("boilerplate inside main is still dropped") {
        const Document doc = document_from_html(
            "<body><main><nav>Breadcrumb</nav><p>Main text</p><footer>Share</footer></main>"
            "</body>");
        CHECK(doc.text == "Main text");
    }
}

TEST_CASE("html: block elements become lines, inline elements stay on the line", "[unit][html]") {
    const Document doc = document_from_html(
        "<body><h2>Section  title</h2><p>First <b>bold</b> \t  and <a href='#'>linked</a> "
        "words.</p><p></p><ul><li>One</li><li>Two</li></ul>Line<br>break</body>");
    CHECK(doc.text == "Section title\nFirst bold and linked words.\nOne\nTwo\nLine\nbreak");
}

TEST_CASE("html: a page with no body text has empty text", "[unit][html]") {
    const Document doc = document_from_html("<html><head><title>T</title></head></html>");
    CHECK(doc.title == "T");
    CHECK(doc.text.empty());
    CHECK(document_from_html("").text.empty());
}
