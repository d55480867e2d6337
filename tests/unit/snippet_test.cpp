// @brief Unit tests of searcher/snippet.hpp: highlight markers, HTML escaping on and
// off, phrases as one span, stemmed and wildcard matches, the densest passage, UTF-8
// cuts, and passage length.
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

// @p query parsed as the searcher does over a one-document database holding
// @p body, and the MSet it gives there.
struct Searched {
    Xapian::WritableDatabase db;
    QueryBuilder builder{db};
    Xapian::Query query;
    Xapian::MSet mset;

    explicit Searched(const std::string& text, const std::string& body = kText)
        : db(diplosearch::test::memory_db(
              {make_doc("d", "Gwadar talks", "2015", {"PAK"}, {"cpec"}, "article", body)})),
          query(builder.parse(text, nullptr)) {
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        mset = enquire.get_mset(0, 10);
    }

    std::string snippet(const std::string& text, std::size_t length, const Highlight& h) const {
        return make_snippet(query, text, length, builder.stemmer(), h);
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

namespace {

Highlight brackets() {
    Highlight h;
    h.start = "[";
    h.end = "]";
    h.html_escape = false;
    return h;
}

}  // namespace

TEST_CASE("snippet marks a phrase as one span, not its words apart", "[unit][snippet]") {
    const std::string body =
        "Security experts met. The Security Council met in Geneva, and the Council of Europe "
        "watched.";
    const Searched s("\"Security Council\"", body);
    CHECK(s.snippet(body, 500, Highlight{}) ==
          "Security experts met. The <b>Security Council</b> met in Geneva, and the Council of "
          "Europe watched.");
}

TEST_CASE("snippet marks the words of a query one by one when they are not a phrase",
          "[unit][snippet]") {
    const std::string body = "The Security Council met; security matters to the council.";
    const Searched s("security council", body);
    CHECK(s.snippet(body, 500, brackets()) ==
          "The [Security] [Council] met; [security] matters to the [council].");
}

TEST_CASE("snippet marks the words of a query that stand alone as well as its phrases",
          "[unit][snippet]") {
    const std::string body = "The Security Council met; security matters to the council.";
    const Searched s("council \"security council\"", body);
    CHECK(s.snippet(body, 500, brackets()) ==
          "The [Security Council] met; security matters to the [council].");
}

TEST_CASE("snippet marks a synonym expanded to a phrase as one span", "[unit][snippet]") {
    // What the query parser makes of `UNSC` with the synonym table.
    const std::vector<std::string> words{"security", "council"};
    const Xapian::Query query(Xapian::Query::OP_OR, Xapian::Query("unsc"),
                              Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end()));
    const std::string body = "The UNSC, that is the Security Council, met. Security first.";
    CHECK(make_snippet(query, body, 500, Xapian::Stem("english"), Highlight{}) ==
          "The <b>UNSC</b>, that is the <b>Security Council</b>, met. Security first.");
}

TEST_CASE("snippet picks the passage with the most matches over an earlier sparse one",
          "[unit][snippet]") {
    std::string body = "Climate was mentioned early on. ";
    for (int i = 0; i < 30; ++i) body += "Delegates spoke about trade and tariffs at length. ";
    body += "Climate change is the defining issue; climate change threatens island states. ";
    for (int i = 0; i < 30; ++i) body += "Delegates spoke about trade and tariffs at length. ";
    const Searched s("climate change", body);
    CHECK(s.snippet(body, 100, brackets()) ==
          "…[Climate] [change] is the defining issue; [climate] [change] threatens island "
          "states.…");
}

TEST_CASE("snippet prefers a phrase match to its words apart", "[unit][snippet]") {
    std::string body = "The council heard security briefings. ";
    for (int i = 0; i < 20; ++i) body += "Delegates spoke about trade and tariffs at length. ";
    body += "Then the Security Council voted. ";
    for (int i = 0; i < 20; ++i) body += "Delegates spoke about trade and tariffs at length. ";
    const Searched s("council OR \"security council\"", body);
    CHECK(s.snippet(body, 60, brackets()) ==
          "…Then the [Security Council] voted. Delegates spoke about trade…");
}

TEST_CASE("snippet escapes HTML around exact spans", "[unit][snippet]") {
    const std::string body = "Talks on \"Gwadar\" & <Kashgar> went 'well'.";
    const Searched s("gwadar kashgar", body);
    CHECK(s.snippet(body, 500, Highlight{}) ==
          "Talks on &quot;<b>Gwadar</b>&quot; &amp; &lt;<b>Kashgar</b>&gt; went &#39;well&#39;.");
}

TEST_CASE("snippet matches words that share the query word's stem", "[unit][snippet]") {
    const std::string body = "They were negotiating; the negotiations that were negotiated failed.";
    const Searched s("negotiations", body);
    CHECK(s.snippet(body, 500, brackets()) ==
          "They were [negotiating]; the [negotiations] that were [negotiated] failed.");
    // A capitalised query word is matched as written (Xapian's STEM_SOME).
    const Searched exact("Negotiations", body);
    CHECK(exact.snippet(body, 500, brackets()) ==
          "They were negotiating; the [negotiations] that were negotiated failed.");
}

TEST_CASE("snippet marks words a wildcard covers", "[unit][snippet]") {
    const std::string body = "They were negotiating; the negotiations failed.";
    const Searched s("negot*", body);
    CHECK(s.snippet(body, 500, brackets()) ==
          "They were [negotiating]; the [negotiations] failed.");
}

TEST_CASE("snippet does not mark excluded words", "[unit][snippet]") {
    const Searched s("gwadar -kashgar");
    CHECK(s.snippet(kText, 500, brackets()) ==
          "ISLAMABAD <Agency> & partners: Pakistan and China signed agreements on the port of "
          "[Gwadar]. The \"economic corridor\" will link [Gwadar] to Kashgar.");
}

TEST_CASE("snippet handles accents and non-Latin scripts", "[unit][snippet]") {
    const std::string body =
        "Négociations à Genève: le Conseil de sécurité s'est réuni. Переговоры в Женеве "
        "продолжаются.";
    CHECK(Searched("Genève", body).snippet(body, 500, brackets()) ==
          "Négociations à [Genève]: le Conseil de sécurité s'est réuni. Переговоры в Женеве "
          "продолжаются.");
    CHECK(Searched("женеве", body).snippet(body, 500, brackets()) ==
          "Négociations à Genève: le Conseil de sécurité s'est réuni. Переговоры в [Женеве] "
          "продолжаются.");
    // Lengths count characters, and cuts fall between words.
    CHECK(Searched("женеве", body).snippet(body, 30, brackets()) == "…Переговоры в [Женеве]…");
}

TEST_CASE("snippet cuts a long unspaced run between characters", "[unit][snippet]") {
    std::string body;
    for (int i = 0; i < 40; ++i) body += "中华人民共和国";
    const Searched s("gwadar");
    const std::string snippet = s.snippet(body, 10, brackets());
    CHECK(snippet == "中华人民共和国中华人…");
}

TEST_CASE("snippet of a query without words is the start of the text", "[unit][snippet]") {
    const Searched s("country:PAK");
    CHECK(s.snippet(kText, 60, brackets()) ==
          "ISLAMABAD <Agency> & partners: Pakistan and China signed…");
    CHECK(make_snippet(Xapian::Query::MatchAll, kText, 60, Xapian::Stem("english"), brackets()) ==
          "ISLAMABAD <Agency> & partners: Pakistan and China signed…");
}

TEST_CASE("snippet keeps dotted acronyms whole", "[unit][snippet]") {
    const std::string body = "The U.N. envoy met the U.S. delegation.";
    const Searched s("un envoy", body);
    CHECK(s.snippet(body, 500, brackets()) == "The [U.N.] [envoy] met the U.S. delegation.");
}

TEST_CASE("snippet keeps punctuation attached to its first and last words", "[unit][snippet]") {
    const std::string body =
        "Delegates from many countries met in the hall today. (The economic corridor) ends "
        "<today>.";
    const Searched s("corridor", body);
    CHECK(s.snippet(body, 45, brackets()) == "…(The economic [corridor]) ends <today>.");
}
