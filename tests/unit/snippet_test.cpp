// @brief Unit tests of searcher/snippet.hpp: highlight markers, HTML escaping on and
// off, stemmed matches, and passage length.
#include "snippet.hpp"

#include <xapian.h>

#include <catch2/catch.hpp>
#include <string>

#include "query_builder.hpp"
#include "unit_index.hpp"

using namespace diplosearch;
using namespace diplosearch::searcher;
using diplosearch::test::make_doc;

namespace {

const std::string kText =
    "ISLAMABAD <Agency> & partners: Pakistan and China signed agreements on the port of "
    "Gwadar.\nThe \"economic corridor\" will link Gwadar to Kashgar.";

// The MSet of @p query over a one-document database holding kText.
struct Searched {
    Xapian::WritableDatabase db = diplosearch::test::memory_db(
        {make_doc("d", "Gwadar talks", "2015", {"PAK"}, {"cpec"}, "article", kText)});
    QueryBuilder builder{db};
    Xapian::MSet mset;

    explicit Searched(const std::string& query) {
        Xapian::Enquire enquire(db);
        enquire.set_query(builder.parse(query, nullptr));
        mset = enquire.get_mset(0, 10);
    }

    std::string snippet(const std::string& text, std::size_t length, const Highlight& h) const {
        return make_snippet(mset, text, length, builder.stemmer(), h);
    }
};

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("snippet marks matched words with the default <b> markers", "[unit][snippet]") {
    const Searched s("gwadar");
    REQUIRE(s.mset.size() == 1);
    const std::string snippet = s.snippet(kText, 500, Highlight{});
    CHECK(contains(snippet, "<b>Gwadar</b>"));
    CHECK_FALSE(contains(snippet, "<b>Pakistan</b>"));
    CHECK_FALSE(contains(snippet, "\x01"));
    CHECK_FALSE(contains(snippet, "\x02"));
}

TEST_CASE("snippet uses custom markers verbatim", "[unit][snippet]") {
    const Searched s("kashgar OR pakistan");
    Highlight h;
    h.start = "\x1b[1m";
    h.end = "\x1b[0m";
    const std::string snippet = s.snippet(kText, 500, h);
    CHECK(contains(snippet, "\x1b[1mKashgar\x1b[0m"));
    CHECK(contains(snippet, "\x1b[1mPakistan\x1b[0m"));
    CHECK_FALSE(contains(snippet, "<b>"));
}

TEST_CASE("snippet highlights words that share the query's stem", "[unit][snippet]") {
    const Searched s("agreement");
    const std::string snippet = s.snippet(kText, 500, Highlight{});
    CHECK(contains(snippet, "<b>agreements</b>"));
}

TEST_CASE("snippet escapes HTML when asked to", "[unit][snippet]") {
    const Searched s("gwadar");
    Highlight h;
    h.html_escape = true;
    const std::string snippet = s.snippet(kText, 500, h);
    CHECK(contains(snippet, "&lt;Agency&gt; &amp; partners"));
    CHECK_FALSE(contains(snippet, "<Agency>"));
    CHECK(contains(snippet, "<b>Gwadar</b>"));  // Markers are not escaped.
}

TEST_CASE("snippet gives plain text when HTML escaping is off", "[unit][snippet]") {
    const Searched s("gwadar");
    Highlight h;
    h.start = "[";
    h.end = "]";
    h.html_escape = false;
    const std::string snippet = s.snippet(kText, 500, h);
    CHECK(contains(snippet, "<Agency> & partners"));
    CHECK(contains(snippet, "\"economic corridor\""));
    CHECK(contains(snippet, "[Gwadar]"));
    CHECK_FALSE(contains(snippet, "&amp;"));
    CHECK_FALSE(contains(snippet, "&lt;"));
}

TEST_CASE("snippet keeps literal entity text intact when unescaping", "[unit][snippet]") {
    const std::string text = "Gwadar &amp; Kashgar &lt;x&gt; today";
    const Searched s("gwadar");
    Highlight h;
    h.html_escape = false;
    const std::string plain = s.snippet(text, 500, h);
    CHECK(contains(plain, "&amp; Kashgar &lt;x&gt; today"));
    h.html_escape = true;
    CHECK(contains(s.snippet(text, 500, h), "&amp;amp; Kashgar &amp;lt;x&amp;gt; today"));
}

TEST_CASE("snippet turns newlines into spaces", "[unit][snippet]") {
    const Searched s("gwadar");
    const std::string snippet = s.snippet(kText, 500, Highlight{});
    CHECK_FALSE(contains(snippet, "\n"));
    CHECK(contains(snippet, "Gwadar</b>. The"));
}

TEST_CASE("snippet of a long text is a shorter passage around the match", "[unit][snippet]") {
    std::string text;
    for (int i = 0; i < 200; ++i) text += "Filler sentence number " + std::to_string(i) + ". ";
    text += "The Kashgar link was discussed. ";
    for (int i = 0; i < 200; ++i) text += "More filler " + std::to_string(i) + ". ";
    const Searched s("kashgar");
    const std::string snippet = s.snippet(text, 120, Highlight{});
    CHECK(contains(snippet, "<b>Kashgar</b>"));
    CHECK(snippet.size() < 300);
    CHECK(contains(snippet, "…"));
}

TEST_CASE("snippet is empty for empty text or zero length", "[unit][snippet]") {
    const Searched s("gwadar");
    CHECK(s.snippet("", 200, Highlight{}).empty());
    CHECK(s.snippet(kText, 0, Highlight{}).empty());
}
