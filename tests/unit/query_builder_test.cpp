// @brief Unit tests of searcher/query_builder.hpp: parsed queries run against a small
// in-memory database built with the indexer's DocumentBuilder, so each test checks
// which documents a query really matches.
#include "query_builder.hpp"

#include <xapian.h>

#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "diplosearch/errors.hpp"
#include "document_builder.hpp"
#include "support/test_env.hpp"
#include "unit_index.hpp"

using namespace diplosearch;
using Catch::Matchers::Contains;
using diplosearch::searcher::QueryBuilder;
using diplosearch::test::make_doc;
using diplosearch::test::matching_ids;
using Ids = std::set<std::string>;

namespace {

std::vector<Document> corpus() {
    std::vector<Document> docs = {
        make_doc("gwadar-2015", "Pakistan and China sign Gwadar port agreements", "2015-04-20",
                 {"PAK", "CHN"}, {"cpec", "trade"}, "article",
                 "ISLAMABAD - Pakistan and China signed agreements on the port of Gwadar and "
                 "the economic corridor."),
        make_doc("ebola-2014", "Statement on the Ebola outbreak", "2014-09-18",
                 {"LBR", "SLE", "GIN"}, {"health", "human-rights"}, "speech",
                 "Ebola virus disease has claimed lives in Monrovia. Health workers need support."),
        make_doc("brexit-2017", "United Kingdom notifies withdrawal", "2017-03-29", {"GBR"},
                 {"trade"}, "letter",
                 "The United Kingdom notified the European Council of its intention to withdraw."),
        make_doc("caspian-2018", "Caspian convention signed at Aktau", "2018",
                 {"RUS", "IRN", "KAZ", "AZE", "TKM"}, {"maritime"}, "treaty",
                 "Five littoral states agreed the legal status of the sea and port access."),
        make_doc("sixparty-2003", "Six-party talks open in Beijing", "2003-08-27",
                 {"PRK", "KOR", "CHN", "USA", "JPN", "RUS"}, {"nuclear", "security"}, "communique",
                 "Delegations met in Beijing to discuss the nuclear programme."),
        make_doc("icj-2019", "The Gambia v. Myanmar hearings open", "2019-12-10", {"GMB", "MMR"},
                 {"human-rights"}, "article",
                 "Hearings opened at the International Court of Justice. Port agreements were "
                 "not discussed."),
        make_doc("undated", "Undated note on Gwadar", "", {}, {}, "note",
                 "A note on agreements about the port."),
        make_doc("cpec-2016", "CPEC review meeting", "2016-12-31", {"PAK"}, {"cpec"}, "article",
                 "Officials reviewed corridor projects in Gwadar."),
        make_doc("talks-2010-04", "Trade talks in April", "2010-04", {"USA"}, {"trade"}, "article",
                 "Negotiators met for talks."),
        make_doc("civ-2010", "Ivory Coast election crisis", "2010", {"CIV"}, {"elections"},
                 "statement", "Côte d'Ivoire held a disputed election."),
    };
    docs[1].speaker = "Permanent Representative of Liberia";
    docs[0].url = "https://example.org/gwadar";
    docs[0].mentions = {"PAK", "CHN", "IND"};
    docs[5].mentions = {"GMB", "MMR", "BGD"};
    docs[7].mentions = {"PAK"};
    return docs;
}

const Ids kAll = {"gwadar-2015", "ebola-2014", "brexit-2017", "caspian-2018",  "sixparty-2003",
                  "icj-2019",    "undated",    "cpec-2016",   "talks-2010-04", "civ-2010"};

struct Fixture {
    Xapian::WritableDatabase db = diplosearch::test::memory_db(corpus());
    QueryBuilder builder{db};

    Ids match(const std::string& query) { return matching_ids(db, builder.parse(query, nullptr)); }
};

struct Case {
    std::string query;
    Ids ids;
};

}  // namespace

TEST_CASE("query builder: free text, fields, boolean operators, phrases and wildcards",
          "[unit][query_builder]") {
    Fixture f;
    const auto c = GENERATE(values<Case>({
        {"gwadar", {"gwadar-2015", "undated", "cpec-2016"}},
        {"GWADAR", {"gwadar-2015", "undated", "cpec-2016"}},
        {"agreement", {"gwadar-2015", "icj-2019", "undated"}},  // Stemmed.
        {"gwadar agreements", {"gwadar-2015", "undated"}},      // Default AND.
        {"gwadar AND agreements", {"gwadar-2015", "undated"}},
        {"gwadar OR ebola", {"gwadar-2015", "undated", "cpec-2016", "ebola-2014"}},
        {"port NOT gwadar", {"caspian-2018", "icj-2019"}},
        {"gwadar -title:gwadar", {"cpec-2016"}},
        {"+ebola +health", {"ebola-2014"}},
        {"title:gwadar", {"gwadar-2015", "undated"}},
        {"title:agreements", {"gwadar-2015"}},
        {"title:talks", {"sixparty-2003", "talks-2010-04"}},
        {"speaker:liberia", {"ebola-2014"}},
        {"\"port agreements\"", {"gwadar-2015", "icj-2019"}},
        {"\"agreements port\"", {}},
        {"title:\"gwadar port\"", {"gwadar-2015"}},
        {"gwad*", {"gwadar-2015", "undated", "cpec-2016"}},
        {"title:hear*", {"icj-2019"}},
        {"zzzz*", {}},
        {"nonexistentword", {}},
    }));
    INFO(c.query);
    CHECK(f.match(c.query) == c.ids);
}

TEST_CASE("query builder: country: and mentions: take codes, alpha-2, names and quoted names",
          "[unit][query_builder]") {
    Fixture f;
    const auto c = GENERATE(values<Case>({
        {"country:PAK", {"gwadar-2015", "cpec-2016"}},
        {"country:pak", {"gwadar-2015", "cpec-2016"}},
        {"country:PK", {"gwadar-2015", "cpec-2016"}},
        {"country:Pakistan", {"gwadar-2015", "cpec-2016"}},
        {"country:\"Islamic Republic of Pakistan\"", {"gwadar-2015", "cpec-2016"}},
        {"country:\"South Korea\"", {"sixparty-2003"}},
        {"country:\"the gambia\"", {"icj-2019"}},
        {"country:Gambia", {"icj-2019"}},
        {"country:Burma", {"icj-2019"}},
        {"country:\"Ivory Coast\"", {"civ-2010"}},
        {"country:UK", {"brexit-2017"}},
        {"country:US", {"sixparty-2003", "talks-2010-04"}},
        {"country:NER", {}},  // Known but unused.
        // The same field twice is OR, different fields AND.
        {"country:PAK country:GBR", {"gwadar-2015", "cpec-2016", "brexit-2017"}},
        {"country:CHN topic:cpec", {"gwadar-2015"}},
        {"gwadar country:PAK", {"gwadar-2015", "cpec-2016"}},
        {"agreements -country:PAK", {"icj-2019", "undated"}},
        // mentions: resolves countries the same way.
        {"mentions:India", {"gwadar-2015"}},
        {"mentions:BD", {"icj-2019"}},
        {"mentions:Pakistan", {"gwadar-2015", "cpec-2016"}},
        {"mentions:USA", {}},
    }));
    INFO(c.query);
    CHECK(f.match(c.query) == c.ids);
}

TEST_CASE("query builder: topic:, type:, lang:, id: and url: filters", "[unit][query_builder]") {
    Fixture f;
    const auto c = GENERATE(values<Case>({
        {"topic:human-rights", {"ebola-2014", "icj-2019"}},
        {"topic:\"Human Rights\"", {"ebola-2014", "icj-2019"}},
        {"topic:Human_Rights", {"ebola-2014", "icj-2019"}},
        {"topic:trade", {"gwadar-2015", "brexit-2017", "talks-2010-04"}},
        {"topic:CPEC", {"gwadar-2015", "cpec-2016"}},
        {"type:speech", {"ebola-2014"}},
        {"type:Article", {"gwadar-2015", "icj-2019", "cpec-2016", "talks-2010-04"}},
        {"type:article type:letter",
         {"gwadar-2015", "icj-2019", "cpec-2016", "talks-2010-04", "brexit-2017"}},
        {"lang:EN", kAll},
        {"lang:fr", {}},
        {"id:gwadar-2015", {"gwadar-2015"}},
        {"id:GWADAR-2015", {}},  // Ids are exact.
        {"url:https://EXAMPLE.org/gwadar", {"gwadar-2015"}},
    }));
    INFO(c.query);
    CHECK(f.match(c.query) == c.ids);
}

TEST_CASE("query builder: year: takes a year or an inclusive range", "[unit][query_builder]") {
    Fixture f;
    const auto c = GENERATE(values<Case>({
        {"year:2015", {"gwadar-2015"}},
        {"year:2010", {"talks-2010-04", "civ-2010"}},
        {"year:2011", {}},
        {"year:2010..2016",
         {"talks-2010-04", "civ-2010", "ebola-2014", "gwadar-2015", "cpec-2016"}},
        {"year:2015..2015", {"gwadar-2015"}},
        {"year:2017..", {"brexit-2017", "caspian-2018", "icj-2019"}},
        {"year:..2003", {"sixparty-2003"}},
        {"year:2016..2010", {}},
        {"gwadar year:2015..", {"gwadar-2015", "cpec-2016"}},
    }));
    INFO(c.query);
    CHECK(f.match(c.query) == c.ids);
}

TEST_CASE("query builder: date: takes partial dates and inclusive ranges",
          "[unit][query_builder]") {
    Fixture f;
    const auto c = GENERATE(values<Case>({
        {"date:2015-04", {"gwadar-2015"}},
        {"date:2015-04-20", {"gwadar-2015"}},
        {"date:2015-04-21", {}},
        {"date:2015", {"gwadar-2015"}},
        // A year covers its month- and day-precision documents; a month does not
        // cover a document only known to the year.
        {"date:2010", {"talks-2010-04", "civ-2010"}},
        {"date:2010-04", {"talks-2010-04"}},
        {"date:2016-12-31", {"cpec-2016"}},
        {"date:2014-09..2016-12", {"ebola-2014", "gwadar-2015", "cpec-2016"}},
        {"date:2014-09-19..2016-12-30", {"gwadar-2015"}},
        {"date:2017-03-29..2018", {"brexit-2017", "caspian-2018"}},
        {"date:2019-12-10..", {"icj-2019"}},
        {"date:..2003-08", {"sixparty-2003"}},
        {"date:..2003-08-26", {}},
        {"date:2023-05-02T10:00:00Z", {}},
    }));
    INFO(c.query);
    CHECK(f.match(c.query) == c.ids);
}

TEST_CASE("query builder: an empty or blank query matches every document",
          "[unit][query_builder]") {
    Fixture f;
    const std::string query = GENERATE(as<std::string>{}, "", " ", "\t\n  ");
    const Xapian::Query parsed = f.builder.parse(query, nullptr);
    CHECK(parsed.get_description() == Xapian::Query::MatchAll.get_description());
    CHECK(matching_ids(f.db, parsed) == kAll);
}

TEST_CASE("query builder: invalid field values are QueryError naming the value",
          "[unit][query_builder]") {
    Fixture f;
    struct Bad {
        std::string query;
        std::string message;
    };
    const auto c = GENERATE(values<Bad>({
        {"country:Narnia", "unknown country 'Narnia'"},
        {"trade country:\"Atlantis Republic\"", "unknown country 'Atlantis Republic'"},
        {"country:ZZ", "unknown country 'ZZ'"},
        {"year:15x", "year: expected YYYY or YYYY..YYYY, got '15x'"},
        {"year:0", "got '0'"},
        {"year:10000", "got '10000'"},
        {"year:2015..abc", "got '2015..abc'"},
        {"year:..", "got '..'"},
        {"date:..", "a range needs at least one end"},
        {"date:2015-13", "date: expected YYYY[-MM[-DD]], got '2015-13'"},
        {"date:2015-02-30", "got '2015-02-30'"},
        {"date:April", "got 'April'"},
        {"date:2015..2016-13", "got '2016-13'"},
    }));
    INFO(c.query);
    CHECK_THROWS_AS(f.builder.parse(c.query, nullptr), QueryError);
    CHECK_THROWS_WITH(f.builder.parse(c.query, nullptr), Contains(c.message));
    CHECK_THROWS_WITH(f.builder.parse(c.query, nullptr), Contains("'" + c.query + "'"));
}

TEST_CASE("query builder: syntax errors are QueryError", "[unit][query_builder]") {
    Fixture f;
    const std::string query = GENERATE(as<std::string>{}, "gwadar AND", "AND", "gwadar OR",
                                       "OR gwadar", "gwadar AND OR port");
    INFO(query);
    CHECK_THROWS_AS(f.builder.parse(query, nullptr), QueryError);
    CHECK_THROWS_WITH(f.builder.parse(query, nullptr), Contains("query syntax error"));
}

TEST_CASE("query builder: any_of ORs normalised filter values", "[unit][query_builder]") {
    Fixture f;
    CHECK(matching_ids(f.db, f.builder.any_of("country", {"PK", "United Kingdom"})) ==
          Ids{"gwadar-2015", "cpec-2016", "brexit-2017"});
    CHECK(matching_ids(f.db, f.builder.any_of("topic", {"Human Rights"})) ==
          Ids{"ebola-2014", "icj-2019"});
    CHECK(matching_ids(f.db, f.builder.any_of("type", {"SPEECH", "treaty"})) ==
          Ids{"ebola-2014", "caspian-2018"});
    CHECK(matching_ids(f.db, f.builder.any_of("year", {"2003", "2018..2019"})) ==
          Ids{"sixparty-2003", "caspian-2018", "icj-2019"});
}

TEST_CASE("query builder: any_of rejects bad values and non-filter fields",
          "[unit][query_builder]") {
    Fixture f;
    CHECK_THROWS_AS(f.builder.any_of("country", {"PAK", "Narnia"}), QueryError);
    CHECK_THROWS_WITH(f.builder.any_of("country", {"Narnia"}), Contains("--country"));
    CHECK_THROWS_AS(f.builder.any_of("year", {"twenty"}), QueryError);
    CHECK_THROWS_AS(f.builder.any_of("country", {"  "}), QueryError);
    CHECK_THROWS_WITH(f.builder.any_of("title", {"x"}), Contains("not a filter field"));
    CHECK_THROWS_AS(f.builder.any_of("nope", {"x"}), QueryError);
}

TEST_CASE("query builder: year_range and date_range with open ends", "[unit][query_builder]") {
    Fixture f;
    CHECK(matching_ids(f.db, QueryBuilder::year_range(2014, 2015)) ==
          Ids{"ebola-2014", "gwadar-2015"});
    CHECK(matching_ids(f.db, QueryBuilder::year_range(2018, std::nullopt)) ==
          Ids{"caspian-2018", "icj-2019"});
    CHECK(matching_ids(f.db, QueryBuilder::year_range(std::nullopt, 2003)) == Ids{"sixparty-2003"});
    // No bounds: everything, including undated documents.
    CHECK(matching_ids(f.db, QueryBuilder::year_range(std::nullopt, std::nullopt)) == kAll);

    CHECK(matching_ids(f.db, QueryBuilder::date_range("2015-04", "2016")) ==
          Ids{"gwadar-2015", "cpec-2016"});
    CHECK(matching_ids(f.db, QueryBuilder::date_range(" 2019 ", "")) == Ids{"icj-2019"});
    CHECK(matching_ids(f.db, QueryBuilder::date_range("", "2003-08-27")) == Ids{"sixparty-2003"});
    CHECK(matching_ids(f.db, QueryBuilder::date_range("", " ")) == kAll);
    CHECK_THROWS_AS(QueryBuilder::date_range("2015-13", ""), QueryError);
    CHECK_THROWS_AS(QueryBuilder::date_range("", "soon"), QueryError);
}

TEST_CASE("query builder: spelling correction when the database has spelling data",
          "[unit][query_builder]") {
    diplosearch::test::TempDir dir;
    Xapian::WritableDatabase db((dir / "db").string(), Xapian::DB_CREATE_OR_OPEN);
    indexer::DocumentBuilder builder(&db);
    for (const auto& doc : corpus()) {
        db.replace_document(indexer::DocumentBuilder::id_term(doc.id), builder.build(doc));
    }
    db.commit();

    QueryBuilder qb(db);
    std::string corrected = "stale";
    const Xapian::Query query = qb.parse("gwadr port", &corrected);
    CHECK(corrected == "gwadar port");
    // The suggestion does not change the query, but the unknown word is typo tolerant.
    CHECK(matching_ids(db, query) == Ids{"gwadar-2015", "undated"});

    qb.parse("gwadar port", &corrected);
    CHECK(corrected.empty());
    CHECK_NOTHROW(qb.parse("gwadr", nullptr));
}

TEST_CASE("query builder: no spelling data means no correction", "[unit][query_builder]") {
    Fixture f;
    std::string corrected = "stale";
    f.builder.parse("gwadr", &corrected);
    CHECK(corrected.empty());
}

TEST_CASE("query builder: a query of only -words matches everything except them",
          "[unit][query_builder]") {
    Fixture f;
    CHECK(f.match("-gwadar") == Ids{"ebola-2014", "brexit-2017", "caspian-2018", "sixparty-2003",
                                    "icj-2019", "talks-2010-04", "civ-2010"});
    CHECK(f.match("-gwadar -ebola") == Ids{"brexit-2017", "caspian-2018", "sixparty-2003",
                                           "icj-2019", "talks-2010-04", "civ-2010"});
    // With a positive word, '-' keeps its usual meaning.
    CHECK(f.match("port -gwadar") == Ids{"caspian-2018", "icj-2019"});
}

TEST_CASE("query builder: a word no document has matches its nearest vocabulary words",
          "[unit][query_builder][typo]") {
    Fixture f;
    // One edit from a real word: a missing letter, a swap, an extra letter.
    CHECK(f.match("Pakistn") == Ids{"gwadar-2015"});
    CHECK(f.match("Gwadr") == Ids{"gwadar-2015", "undated", "cpec-2016"});
    CHECK(f.match("Ebloa") == Ids{"ebola-2014"});
    CHECK(f.match("Pakistn Gwadr") == Ids{"gwadar-2015"});
    // Explicitly fuzzy: the word itself and its neighbours.
    CHECK(f.match("fuzzy:Gwadr") == Ids{"gwadar-2015", "undated", "cpec-2016"});
    // Known words, short words and numbers stay exact.
    CHECK(f.match("talks") == Ids{"sixparty-2003", "talks-2010-04"});
    CHECK(f.match("sae").empty());
    // Nothing near enough: no match rather than a wild guess.
    CHECK(f.match("Zqxwvy").empty());
}

TEST_CASE("query builder: near words rank below exact matches", "[unit][query_builder][typo]") {
    std::vector<Document> docs = {
        make_doc("exact", "Port", "", {}, {}, "note", "The Gwadr anchorage."),
        make_doc("near", "Port", "", {}, {}, "note", "The Gwadar anchorage."),
    };
    Xapian::WritableDatabase db = diplosearch::test::memory_db(docs);
    QueryBuilder builder{db};
    Xapian::Enquire enquire(db);
    enquire.set_query(builder.parse("fuzzy:gwadr", nullptr));
    const Xapian::MSet mset = enquire.get_mset(0, 10);
    REQUIRE(mset.size() == 2);
    CHECK(stored_document::load(mset.begin().get_document(), false).id == "exact");
}

TEST_CASE("query builder: a rare word next to a common one is taken for a typo too",
          "[unit][query_builder][typo]") {
    using diplosearch::searcher::likely_typo;
    // Fifty documents say Guinea, one says Guinee (the French spelling), one
    // says bauxite, which has no common neighbour.
    std::vector<Document> docs;
    for (int i = 0; i < 50; ++i) {
        docs.push_back(make_doc("guinea-" + std::to_string(i), "Note", "", {}, {}, "note",
                                "The Gulf of Guinea."));
    }
    docs.push_back(make_doc("guinee", "Note", "", {}, {}, "note", "Compagnie de Guinée bauxite."));
    Xapian::WritableDatabase db = diplosearch::test::memory_db(docs);
    const std::vector<Xapian::Stem> stemmer{Xapian::Stem("english")};
    CHECK(likely_typo(db, "guinee", stemmer));
    CHECK(likely_typo(db, "guineaa", stemmer));  // No document at all.
    CHECK_FALSE(likely_typo(db, "guinea", stemmer));
    CHECK_FALSE(likely_typo(db, "bauxite", stemmer));
    // The rare word still matches its own document, and the common one as a near word.
    QueryBuilder builder{db};
    const Ids matched = matching_ids(db, builder.parse("Guinee", nullptr));
    CHECK(matched.size() == 51);
    CHECK(matched.count("guinee") == 1);
}

TEST_CASE("query builder: nearest words and edit distance", "[unit][query_builder][typo]") {
    using diplosearch::searcher::edit_distance;
    using diplosearch::searcher::nearest_words;
    CHECK(edit_distance("trade", "tarde", 2) == 1);  // An adjacent swap is one edit.
    CHECK(edit_distance("pakistan", "pakistn", 2) == 1);
    CHECK(edit_distance("côte", "cote", 2) == 1);      // Counted in code points, not bytes.
    CHECK(edit_distance("abcdef", "uvwxyz", 2) == 3);  // Beyond the cutoff.
    Fixture f;
    const auto near = nearest_words(f.db, "Gwadr", 3);
    REQUIRE(near.size() == 1);
    CHECK(near[0].word == "gwadar");
    CHECK(near[0].distance == 1);
    CHECK(near[0].documents == 3);
    CHECK(nearest_words(f.db, "gwadar", 3).empty());  // Itself is not a neighbour.
}

TEST_CASE("query builder: stopwords are ignored outside phrases", "[unit][query_builder]") {
    Fixture f;
    CHECK(f.match("the port of Gwadar") == f.match("port Gwadar"));
    CHECK(f.match("\"port of Gwadar\"") == Ids{"gwadar-2015"});
}

TEST_CASE("query builder: relaxed form matches documents with some of the words",
          "[unit][query_builder][relax]") {
    Fixture f;
    const auto parsed = f.builder.parse_query("Gwadar Ebola", true);
    CHECK(matching_ids(f.db, parsed.all_words).empty());
    CHECK(matching_ids(f.db, parsed.some_words) ==
          Ids{"gwadar-2015", "undated", "cpec-2016", "ebola-2014"});
    // Required and excluded words and filters keep their meaning.
    CHECK(matching_ids(f.db, f.builder.parse_query("Gwadar Ebola +port", true).some_words) ==
          Ids{"gwadar-2015", "undated", "caspian-2018", "icj-2019"});
    CHECK(matching_ids(f.db, f.builder.parse_query("Gwadar port -corridor", true).some_words) ==
          Ids{"undated", "caspian-2018", "icj-2019"});
    CHECK(matching_ids(f.db, f.builder.parse_query("Gwadar Ebola year:2014", true).some_words) ==
          Ids{"ebola-2014"});
    // Not relaxed: one word, explicit operators or parentheses, or not asked.
    CHECK(f.builder.parse_query("Gwadar", true).some_words.empty());
    CHECK(f.builder.parse_query("Gwadar AND Ebola", true).some_words.empty());
    CHECK(f.builder.parse_query("(Gwadar Ebola)", true).some_words.empty());
    CHECK(f.builder.parse_query("Gwadar Ebola", false).some_words.empty());
}

TEST_CASE("query builder: accents are folded in words but not in filter values",
          "[unit][query_builder][accents]") {
    Fixture f;
    CHECK(f.match("Cote d'Ivoire") == Ids{"civ-2010"});
    CHECK(f.match("côte") == Ids{"civ-2010"});
    CHECK(f.match("\"CÔTE D'IVOIRE\"") == Ids{"civ-2010"});
    CHECK(f.match("title:Côte").empty());  // The title says Ivory Coast.
    const std::string filter = f.builder.parse("id:café-2010", nullptr).get_description();
    CHECK_THAT(filter, Contains("café-2010"));
    const std::string words = f.builder.parse("café", nullptr).get_description();
    CHECK_THAT(words, Contains("cafe"));
    CHECK_THAT(words, !Contains("café"));
}
