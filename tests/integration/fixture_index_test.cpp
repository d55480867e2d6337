// @brief Integration tests on a small fixture corpus written by the tests themselves:
// every input format through diplosearch::Indexer into Xapian (terms, values, ids,
// stats, idempotence, replacement, locking), then diplosearch::Searcher over it
// (totals, order, filters, ranges, sorting, paging, facets, snippets, errors).
#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "diplosearch/diplosearch.hpp"
#include "support/test_env.hpp"

using namespace diplosearch;
using diplosearch::test::TempDir;
using diplosearch::test::write_file;

namespace {

// Value slots, restated here (schema.hpp is the source of truth) so that a silent
// renumbering, which would break every existing database, fails these tests.
constexpr Xapian::valueno kSlotDate = 0;
constexpr Xapian::valueno kSlotYear = 1;
constexpr Xapian::valueno kSlotCountries = 2;
constexpr Xapian::valueno kSlotTopics = 3;
constexpr Xapian::valueno kSlotType = 4;
constexpr Xapian::valueno kSlotLang = 5;

// A multi-valued slot as the schema defines it: each item preceded by its length in one byte.
std::string encoded_list(std::initializer_list<std::string_view> items) {
    std::string out;
    for (const auto item : items) {
        out += static_cast<char>(item.size());
        out += item;
    }
    return out;
}

// Ids of the fixture documents. Derived ids are relative to the parent of the source
// folder `docs`, so they start with `docs/`.
const std::string kWire = "wire-2015-gwadar";                 // JSONL line 1
const std::string kBorder = "docs/feeds/wire.jsonl#3";        // JSONL line 3, no id
const std::string kSeattle = "arc-1999-seattle";              // JSON array element 1
const std::string kKyoto = "docs/archive/collection.json#2";  // JSON array element 2, no id
const std::string kGas = "docs/archive/single.json";          // JSON object, no id
const std::string kKhartoum = "gerd-2015-khartoum";           // Markdown with front matter
const std::string kStatement = "docs/press/statement.txt";    // text without front matter
const std::string kPage = "docs/web/cpec-phase-two.html";     // HTML with boilerplate

const std::string kJsonl =
    R"({"id": "wire-2015-gwadar", "title": "Gwadar port talks resume", "date": "2015-04-20", )"
    R"("country": ["PAK", "CHN"], "topic": ["CPEC", "Trade"], "type": "Article", "lang": "EN", )"
    R"("source": "Asia Wire", "url": "https://Example.org/Wire-1", )"
    R"("speaker": ["Nawaz Sharif", "Li Keqiang"], )"
    R"("text": "Officials from Pakistan and China met in Islamabad to discuss the Gwadar )"
    R"(port and the China-Pakistan Economic Corridor. The negotiations covered financing, )"
    R"(security and electricity generation."})"
    "\n"
    R"({"id": "wire-broken", "title": "Truncated record", "text": )"
    "\n"
    R"({"title": "Border trade fair opens", "date": "2019-11", "country": ["IND", "Narnia"], )"
    R"("topic": "trade", "type": "article", "text": "A border trade fair opened in Amritsar )"
    R"(with traders from both sides of the frontier. Negotiations on tariffs continue."})"
    "\n";

const std::string kJsonArray = R"([
  {"id": "arc-1999-seattle", "title": "Seattle ministerial collapses", "date": "1999-12-03",
   "country": "USA", "topics": ["trade"], "type": "communique",
   "text": "Trade ministers meeting in Seattle failed to launch a new round of negotiations amid street protests."},
  {"title": "Kyoto protocol adopted", "date": "1997-12-11", "countries": ["Japan"],
   "topic": ["climate"], "type": "treaty",
   "text": "Delegates in Kyoto adopted a protocol setting binding emission targets for industrialised countries."}
])";

const std::string kJsonObject = R"({
  "title": "Gas price agreement signed", "date": "2006-01-04", "country": "RU; UA",
  "topic": ["energy"], "type": "agreement",
  "text": "Russia and Ukraine signed an agreement ending the gas dispute; supplies through the pipeline resumed."
})";

const std::string kMarkdown = R"(---
id: gerd-2015-khartoum
date: 2015-03-23
country: EGY, ETH, SDN
topics:
  - water
  - dams
type: declaration
lang: en
source: News Desk
---
# Khartoum declaration of principles signed

Leaders of Egypt, Ethiopia and Sudan signed a declaration of principles on the Grand
Ethiopian Renaissance Dam in Khartoum. The negotiations on filling the reservoir continue.
)";

const std::string kText =
    "Statement on the Gwadar security situation\n"
    "\n"
    "The ministry condemned the attack near Gwadar and reaffirmed its commitment to the\n"
    "corridor projects around Gwadar.\n";

const std::string kHtml = R"(<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>CPEC phase two launched</title>
  <meta name="date" content="2021-06-15">
  <meta name="countries" content="PAK, CHN">
  <meta name="topics" content="cpec; infrastructure">
  <meta name="type" content="Press Release">
  <meta property="og:site_name" content="Embassy Site">
  <link rel="canonical" href="https://example.org/cpec-phase-two">
  <script>var trackingPixel = "head";</script>
</head>
<body>
  <header><a href="/">Embassy home</a></header>
  <nav><ul><li>Home</li><li>Subscribe</li><li>Newsletter</li></ul></nav>
  <script>window.trackingPixel = new Image();</script>
  <main>
    <h1>CPEC phase two launched</h1>
    <p>The embassy announced the second phase of the economic corridor, focusing on
       special economic zones and agriculture.</p>
  </main>
  <footer>Subscribe to our newsletter. This site uses a cookie banner.</footer>
</body>
</html>
)";

// Writes the fixture corpus below @p root/docs and returns that folder.
std::filesystem::path write_fixture(const std::filesystem::path& root) {
    const auto docs = root / "docs";
    write_file(docs / "feeds" / "wire.jsonl", kJsonl);
    write_file(docs / "archive" / "collection.json", kJsonArray);
    write_file(docs / "archive" / "single.json", kJsonObject);
    write_file(docs / "news" / "gerd.md", kMarkdown);
    write_file(docs / "press" / "statement.txt", kText);
    write_file(docs / "web" / "cpec-phase-two.html", kHtml);
    write_file(docs / "notes" / "empty.md", "");
    // An ELF header followed by NUL bytes, under a text extension.
    write_file(docs / "notes" / "blob.txt", std::string("\177ELF") + std::string(80, '\0'));
    return docs;
}

struct IndexRun {
    IndexStats stats;
    std::vector<InputProblem> problems;
};

// Most tests check how each format's own metadata is indexed, so extraction of
// metadata from the text is off unless a test asks for it.
IndexerOptions source_metadata_only() {
    IndexerOptions options;
    options.extract = false;
    return options;
}

IndexRun index_source(const std::string& db, const std::string& source,
                      IndexerOptions options = source_metadata_only()) {
    IndexRun run;
    Indexer indexer(db, options);
    indexer.set_problem_handler([&](const InputProblem& p) { run.problems.push_back(p); });
    indexer.add_source(source);
    indexer.commit();
    run.stats = indexer.stats();
    return run;
}

// The fixture corpus indexed into a fresh database.
struct Fixture {
    TempDir dir;
    std::filesystem::path docs = write_fixture(dir.path());
    std::string db = (dir / "db").string();
    IndexRun first = index_source(db, docs.string());
};

Xapian::Document xapian_document(const Xapian::Database& db, const std::string& id) {
    const std::string term = "Q" + id;
    auto it = db.postlist_begin(term);
    REQUIRE(it != db.postlist_end(term));
    const Xapian::Document doc = db.get_document(*it);
    ++it;
    CHECK(it == db.postlist_end(term));  // Ids are unique.
    return doc;
}

std::set<std::string> terms_of(const Xapian::Document& doc) {
    return {doc.termlist_begin(), doc.termlist_end()};
}

std::vector<std::string> ids_of(const SearchResults& results) {
    std::vector<std::string> ids;
    for (const auto& hit : results.hits) ids.push_back(hit.document.id);
    return ids;
}

std::vector<std::pair<std::string, std::uint64_t>> counts_of(const SearchResults& results,
                                                             const std::string& field) {
    for (const auto& facet : results.facets) {
        if (facet.field != field) continue;
        std::vector<std::pair<std::string, std::uint64_t>> out;
        for (const auto& v : facet.values) out.emplace_back(v.value, v.count);
        return out;
    }
    FAIL("no facet " << field);
    return {};
}

const Facet& facet_of(const SearchResults& results, const std::string& field) {
    const auto it = std::find_if(results.facets.begin(), results.facets.end(),
                                 [&](const Facet& f) { return f.field == field; });
    REQUIRE(it != results.facets.end());
    return *it;
}

SearchRequest all_facets(SearchRequest request) {
    request.facet_size = 0;
    return request;
}

using Counts = std::vector<std::pair<std::string, std::uint64_t>>;

// Everything stored about one document: data, terms and values.
struct Snapshot {
    std::string data;
    std::set<std::string> terms;
    std::map<Xapian::valueno, std::string> values;
    bool operator==(const Snapshot&) const = default;
};

std::map<std::string, Snapshot> snapshot(const std::string& path) {
    Xapian::Database db(path);
    std::map<std::string, Snapshot> out;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        const Xapian::Document doc = db.get_document(*it);
        Snapshot s{doc.get_data(), terms_of(doc), {}};
        for (auto v = doc.values_begin(); v != doc.values_end(); ++v)
            s.values[v.get_valueno()] = *v;
        std::string id;
        for (const auto& t : s.terms) {
            if (t.starts_with("Q")) id = t.substr(1);
        }
        out[id] = s;
    }
    return out;
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Indexing
// ---------------------------------------------------------------------------------------

TEST_CASE("index stats count indexed, skipped, rejected and warnings exactly",
          "[integration][indexer]") {
    Fixture f;
    const IndexStats& s = f.first.stats;
    CHECK(s.indexed == 8);
    CHECK(s.skipped == 2);   // empty.md, blob.txt
    CHECK(s.rejected == 1);  // wire.jsonl line 2
    CHECK(s.warnings == 1);  // wire.jsonl line 3: unknown country Narnia
    CHECK(s.seconds >= 0.0);
    CHECK(Xapian::Database(f.db).get_doccount() == 8);
}

TEST_CASE("problems name the file, the line and the reason", "[integration][indexer]") {
    Fixture f;
    const auto& problems = f.first.problems;
    REQUIRE(problems.size() == 4);
    auto find = [&](ProblemKind kind, const std::string& file_suffix) -> const InputProblem* {
        for (const auto& p : problems) {
            if (p.kind == kind && p.source.ends_with(file_suffix)) return &p;
        }
        return nullptr;
    };
    const InputProblem* rejected = find(ProblemKind::kRejected, "feeds/wire.jsonl");
    REQUIRE(rejected);
    CHECK(rejected->line == 2);
    CHECK_THAT(rejected->reason, Catch::Contains("invalid JSON"));

    const InputProblem* warning = find(ProblemKind::kWarning, "feeds/wire.jsonl");
    REQUIRE(warning);
    CHECK(warning->line == 3);
    CHECK_THAT(warning->reason, Catch::Contains("Narnia"));

    const InputProblem* empty = find(ProblemKind::kSkipped, "notes/empty.md");
    REQUIRE(empty);
    CHECK_THAT(empty->reason, Catch::Contains("empty"));
    const InputProblem* binary = find(ProblemKind::kSkipped, "notes/blob.txt");
    REQUIRE(binary);
    CHECK_THAT(binary->reason, Catch::Contains("binary"));
}

TEST_CASE("ids are explicit or derived from the path below the source's parent",
          "[integration][indexer]") {
    Fixture f;
    Xapian::Database db(f.db);
    std::set<std::string> ids;
    for (auto it = db.allterms_begin("Q"); it != db.allterms_end("Q"); ++it) {
        ids.insert((*it).substr(1));
    }
    CHECK(ids == std::set<std::string>{kWire, kBorder, kSeattle, kKyoto, kGas, kKhartoum,
                                       kStatement, kPage});
}

TEST_CASE("a JSONL record gets boolean terms, free-text terms and values",
          "[integration][indexer]") {
    Fixture f;
    Xapian::Database db(f.db);
    const Xapian::Document doc = xapian_document(db, kWire);
    const auto terms = terms_of(doc);
    for (const char* expected :
         {"Qwire-2015-gwadar", "XCpak", "XCchn", "XTcpec", "XTtrade", "XKarticle", "Len",
          "XSasia-wire", "Y2015", "M201504", "D20150420", "Uhttps://example.org/wire-1",
          // Title words under S, speaker words under A, and both unprefixed.
          "Sgwadar", "Sport", "Stalks", "Anawaz", "Asharif", "Akeqiang", "gwadar", "port",
          "islamabad", "negotiations", "corridor"}) {
        INFO(expected);
        CHECK(terms.count(expected) == 1);
    }
    // Body words are not title words.
    CHECK(terms.count("Sislamabad") == 0);
    // Nothing for a country the document is not about.
    CHECK(terms.count("XCind") == 0);

    CHECK(doc.get_value(kSlotDate) == "20150420");
    CHECK(Xapian::sortable_unserialise(doc.get_value(kSlotYear)) == 2015.0);
    CHECK(doc.get_value(kSlotCountries) == encoded_list({"PAK", "CHN"}));
    CHECK(doc.get_value(kSlotTopics) == encoded_list({"cpec", "trade"}));
    CHECK(doc.get_value(kSlotType) == "article");
    CHECK(doc.get_value(kSlotLang) == "en");

    // The title counts three times in the unprefixed index, the body once.
    auto wdf = [&](const std::string& term) {
        auto it = doc.termlist_begin();
        it.skip_to(term);
        REQUIRE(it != doc.termlist_end());
        REQUIRE(*it == term);
        return it.get_wdf();
    };
    CHECK(wdf("gwadar") == 4);
    CHECK(wdf("islamabad") == 1);
    CHECK(wdf("Sgwadar") == 1);
}

TEST_CASE("partial dates, unknown countries and name/alpha-2 countries normalise",
          "[integration][indexer]") {
    Fixture f;
    Xapian::Database db(f.db);

    // 2019-11: year and month terms, no day term; date value padded with 00.
    const Xapian::Document border = xapian_document(db, kBorder);
    auto terms = terms_of(border);
    CHECK(terms.count("Y2019") == 1);
    CHECK(terms.count("M201911") == 1);
    CHECK(std::none_of(terms.begin(), terms.end(),
                       [](const std::string& t) { return t.starts_with("D"); }));
    CHECK(border.get_value(kSlotDate) == "20191100");
    // Narnia was dropped with a warning, India kept.
    CHECK(terms.count("XCind") == 1);
    CHECK(border.get_value(kSlotCountries) == encoded_list({"IND"}));

    // "Japan" resolves to JPN; "RU; UA" splits into two alpha-2 codes.
    CHECK(terms_of(xapian_document(db, kKyoto)).count("XCjpn") == 1);
    const Xapian::Document gas = xapian_document(db, kGas);
    CHECK(terms_of(gas).count("XCrus") == 1);
    CHECK(terms_of(gas).count("XCukr") == 1);
    CHECK(gas.get_value(kSlotCountries) == encoded_list({"RUS", "UKR"}));

    // The text file has no metadata: no date, country, topic or type terms or values.
    const Xapian::Document statement = xapian_document(db, kStatement);
    for (const auto& t : terms_of(statement)) {
        INFO(t);
        CHECK_FALSE((t.starts_with("XC") || t.starts_with("XT") || t.starts_with("XK") ||
                     t.starts_with("Y") || t.starts_with("M") || t.starts_with("D")));
    }
    CHECK(statement.get_value(kSlotDate).empty());
    CHECK(statement.get_value(kSlotYear).empty());
    // Only the content hash, the stored fields and the undated date order
    // key: it has no copy to cluster with.
    CHECK(statement.values_count() == 3);
    CHECK(statement.get_value(7).size() == 16);
    CHECK(statement.get_value(9).starts_with("{"));
    CHECK(statement.get_value(10) == "\xff");
    CHECK(statement.get_value(8).empty());
}

TEST_CASE("Markdown front matter and heading, text title line", "[integration][indexer]") {
    Fixture f;
    Searcher searcher(f.db);

    const auto md = searcher.document(kKhartoum);
    REQUIRE(md);
    CHECK(md->title == "Khartoum declaration of principles signed");
    CHECK(md->date == "2015-03-23");
    CHECK(md->countries == std::vector<std::string>{"EGY", "ETH", "SDN"});
    CHECK(md->topics == std::vector<std::string>{"water", "dams"});
    CHECK(md->type == "declaration");
    CHECK(md->lang == "en");
    CHECK(md->source == "News Desk");
    CHECK_THAT(md->text, Catch::StartsWith("Leaders of Egypt"));
    CHECK_THAT(md->text, !Catch::Contains("---"));
    CHECK_THAT(md->text, !Catch::Contains("type: declaration"));

    const auto txt = searcher.document(kStatement);
    REQUIRE(txt);
    CHECK(txt->title == "Statement on the Gwadar security situation");
    CHECK_THAT(txt->text, Catch::StartsWith("The ministry condemned"));
    CHECK(txt->date.empty());
    CHECK(txt->countries.empty());
    CHECK_THAT(txt->path, Catch::EndsWith("docs/press/statement.txt"));

    Xapian::Database db(f.db);
    const auto md_terms = terms_of(xapian_document(db, kKhartoum));
    for (const char* expected : {"XCegy", "XCeth", "XCsdn", "XTwater", "XTdams", "XKdeclaration",
                                 "XSnews-desk", "D20150323", "Skhartoum"}) {
        INFO(expected);
        CHECK(md_terms.count(expected) == 1);
    }
}

TEST_CASE("HTML meta tags are used and boilerplate is not indexed", "[integration][indexer]") {
    Fixture f;
    Xapian::Database db(f.db);
    const auto terms = terms_of(xapian_document(db, kPage));
    for (const char* expected :
         {"XCpak", "XCchn", "XTcpec", "XTinfrastructure", "XKpress-release", "Len",
          "XSembassy-site", "D20210615", "M202106", "Y2021", "Uhttps://example.org/cpec-phase-two",
          "Scpec", "Slaunched", "agriculture", "embassy"}) {
        INFO(expected);
        CHECK(terms.count(expected) == 1);
    }
    // Navigation, scripts, header and footer never reach the index, in any document.
    for (const char* boilerplate : {"subscribe", "trackingpixel", "newsletter", "cookie", "banner",
                                    "Ssubscribe", "image", "home"}) {
        INFO(boilerplate);
        CHECK_FALSE(db.term_exists(boilerplate));
    }

    Searcher searcher(f.db);
    const auto page = searcher.document(kPage);
    REQUIRE(page);
    CHECK(page->title == "CPEC phase two launched");
    CHECK(page->url == "https://example.org/cpec-phase-two");
    CHECK(page->source == "Embassy Site");
    CHECK_THAT(page->text, Catch::Contains("special economic zones"));
    CHECK_THAT(page->text, !Catch::Contains("Subscribe"));
    CHECK_THAT(page->text, !Catch::Contains("trackingPixel"));
    CHECK_THAT(page->text, !Catch::Contains("<"));
    for (const char* word : {"Subscribe", "cookie", "trackingPixel"}) {
        SearchRequest request;
        request.query = word;
        CHECK(searcher.search(request).total == 0);
    }
}

TEST_CASE("re-indexing the same input leaves the database identical", "[integration][indexer]") {
    Fixture f;
    const auto before = snapshot(f.db);
    REQUIRE(before.size() == 8);
    const IndexRun again = index_source(f.db, f.docs.string());
    CHECK(again.stats.indexed == 0);  // Unchanged documents are not indexed again.
    CHECK(again.stats.unchanged == 8);
    CHECK(again.stats.rejected == 1);
    CHECK(Xapian::Database(f.db).get_doccount() == 8);
    CHECK(snapshot(f.db) == before);
}

TEST_CASE("a changed document replaces the old version", "[integration][indexer]") {
    Fixture f;
    write_file(f.docs / "press" / "statement.txt",
               "Revised statement on the Gwadar situation\n\nThe ministry welcomed the "
               "ceasefire and the reopening of the harbour.\n");
    const IndexRun again = index_source(f.db, f.docs.string());
    CHECK(again.stats.indexed == 1);  // Only the changed document.
    CHECK(again.stats.unchanged == 7);

    Xapian::Database db(f.db);
    CHECK(db.get_doccount() == 8);
    CHECK(db.get_termfreq("Q" + kStatement) == 1);
    CHECK(db.term_exists("ceasefire"));
    CHECK_FALSE(db.term_exists("condemned"));

    Searcher searcher(f.db);
    const auto doc = searcher.document(kStatement);
    REQUIRE(doc);
    CHECK(doc->title == "Revised statement on the Gwadar situation");
    SearchRequest request;
    request.query = "condemned";
    CHECK(searcher.search(request).total == 0);
    request.query = "ceasefire";
    CHECK(ids_of(searcher.search(request)) == std::vector<std::string>{kStatement});
}

TEST_CASE("with extraction on, source metadata wins and indexing stays idempotent",
          "[integration][indexer]") {
    TempDir dir;
    const auto docs = write_fixture(dir.path());
    const std::string plain = (dir / "plain").string();
    const std::string extracted = (dir / "extracted").string();
    index_source(plain, docs.string());
    const IndexRun run = index_source(extracted, docs.string(), IndexerOptions{});
    CHECK(run.stats.indexed == 8);
    CHECK(run.stats.rejected == 1);
    CHECK(run.stats.skipped == 2);

    Searcher without(plain);
    Searcher with(extracted);
    const std::set<std::string> fields = {"country", "topic", "date", "type", "lang"};
    for (const auto& id : {kWire, kBorder, kSeattle, kKyoto, kGas, kKhartoum, kStatement, kPage}) {
        INFO(id);
        const auto source = without.document(id);
        const auto doc = with.document(id);
        REQUIRE(source);
        REQUIRE(doc);
        CHECK(source->extracted.empty());
        CHECK(source->mentions.empty());
        for (const auto& field : doc->extracted) CHECK(fields.count(field) == 1);
        auto listed = [&](const std::string& field) {
            return std::find(doc->extracted.begin(), doc->extracted.end(), field) !=
                   doc->extracted.end();
        };
        // A field the source gave is kept as given and never listed as extracted;
        // a field listed as extracted has a value.
        if (!source->countries.empty()) {
            CHECK(doc->countries == source->countries);
            CHECK_FALSE(listed("country"));
        }
        if (listed("country")) CHECK_FALSE(doc->countries.empty());
        if (!source->topics.empty()) {
            CHECK(doc->topics == source->topics);
            CHECK_FALSE(listed("topic"));
        }
        if (listed("topic")) CHECK_FALSE(doc->topics.empty());
        if (!source->date.empty()) {
            CHECK(doc->date == source->date);
            CHECK_FALSE(listed("date"));
        }
        if (listed("date")) CHECK_FALSE(doc->date.empty());
        if (!source->type.empty()) {
            CHECK(doc->type == source->type);
            CHECK_FALSE(listed("type"));
        }
        if (listed("type")) CHECK_FALSE(doc->type.empty());
        CHECK(doc->title == source->title);
        CHECK(doc->text == source->text);
    }
    // The wire record names both its countries in the text: they are mentioned.
    const auto wire = with.document(kWire);
    REQUIRE(wire);
    CHECK(std::find(wire->mentions.begin(), wire->mentions.end(), "PAK") != wire->mentions.end());
    CHECK(std::find(wire->mentions.begin(), wire->mentions.end(), "CHN") != wire->mentions.end());

    const auto before = snapshot(extracted);
    index_source(extracted, docs.string(), IndexerOptions{});
    CHECK(snapshot(extracted) == before);
}

TEST_CASE("documents added through the API are searchable after commit", "[integration][indexer]") {
    TempDir dir;
    const std::string db = (dir / "db").string();
    {
        Indexer indexer(db);
        Document doc;
        doc.id = "api-1";
        doc.title = "Api document";
        doc.text = "Zanzibar spice trade delegation.";
        doc.countries = {"Tanzania"};
        doc.date = "2020-02-30";  // Invalid day: dropped with a warning.
        indexer.add_document(doc);
        CHECK(indexer.stats().warnings == 1);

        Document empty;
        empty.id = "api-2";
        CHECK_THROWS_AS(indexer.add_document(empty), InputError);
        indexer.commit();
        CHECK(indexer.stats().indexed == 1);
    }
    Searcher searcher(db);
    SearchRequest request;
    request.query = "zanzibar";
    const auto results = searcher.search(request);
    REQUIRE(results.total == 1);
    CHECK(results.hits[0].document.countries == std::vector<std::string>{"TZA"});
    CHECK(results.hits[0].document.date.empty());
}

TEST_CASE("a missing source is reported as rejected, naming it", "[integration][indexer]") {
    TempDir dir;
    const std::string missing = (dir / "no-such-folder").string();
    const IndexRun run = index_source((dir / "db").string(), missing);
    CHECK(run.stats.indexed == 0);
    CHECK(run.stats.rejected == 1);
    REQUIRE(run.problems.size() == 1);
    CHECK(run.problems[0].kind == ProblemKind::kRejected);
    CHECK(run.problems[0].source == missing);
    CHECK_THAT(run.problems[0].reason, Catch::Contains("no such file"));
}

TEST_CASE("a second Indexer on the same database is refused while the first lives",
          "[integration][indexer]") {
    TempDir dir;
    const std::string db = (dir / "db").string();
    {
        Indexer first(db);
        CHECK_THROWS_AS(Indexer(db), DatabaseLockedError);
        try {
            Indexer second(db);
            FAIL("second indexer opened");
        } catch (const DatabaseLockedError& e) {
            CHECK_THAT(e.what(), Catch::Contains(db));
        }
    }
    // Released when the first one closes.
    CHECK_NOTHROW(Indexer(db));
}

// ---------------------------------------------------------------------------------------
// Searching
// ---------------------------------------------------------------------------------------

TEST_CASE("known queries give exact totals and order", "[integration][searcher]") {
    Fixture f;
    Searcher searcher(f.db);
    SearchRequest request;

    request.query = "gwadar";
    auto results = searcher.search(request);
    CHECK(results.total == 2);
    // The statement has Gwadar in its title and twice in a short body.
    CHECK(ids_of(results) == std::vector<std::string>{kStatement, kWire});
    CHECK(results.hits[0].rank == 1);
    CHECK(results.hits[1].rank == 2);
    CHECK(results.hits[0].score > results.hits[1].score);
    CHECK(results.hits[1].score > 0.0);

    // Only documents with all the words when asked for that (--match all).
    request.query = "gwadar negotiations";
    request.match = MatchMode::kAllWords;
    CHECK(ids_of(searcher.search(request)) == std::vector<std::string>{kWire});
    // By default, as fewer than 10 documents have them all, those with some follow.
    request.match = MatchMode::kMostWords;
    results = searcher.search(request);
    CHECK(results.total == 5);
    CHECK(results.all_words == 1);
    REQUIRE(results.hits.size() == 5);
    CHECK(results.hits[0].document.id == kWire);
    CHECK(results.hits[0].all_words);
    CHECK_FALSE(results.hits[1].all_words);
    CHECK(results.hits[0].score > results.hits[1].score);

    request.query = "negotiations";
    results = searcher.search(request);
    CHECK(results.total == 4);
    const auto ids = ids_of(results);
    CHECK(std::set<std::string>(ids.begin(), ids.end()) ==
          std::set<std::string>{kWire, kBorder, kSeattle, kKhartoum});

    request.query = "corridor";
    results = searcher.search(request);
    CHECK(results.total == 3);  // wire, statement, page

    request.query = "\"economic corridor\"";
    results = searcher.search(request);
    const auto phrase = ids_of(results);
    CHECK(std::set<std::string>(phrase.begin(), phrase.end()) ==
          std::set<std::string>{kWire, kPage});

    request.query = "gwadar OR kyoto";
    CHECK(searcher.search(request).total == 3);
    request.query = "gwadar -port";
    CHECK(ids_of(searcher.search(request)) == std::vector<std::string>{kStatement});
    request.query = "title:gwadar";
    CHECK(searcher.search(request).total == 2);
    request.query = "title:negotiations";
    CHECK(searcher.search(request).total == 0);
    request.query = "speaker:sharif";
    CHECK(ids_of(searcher.search(request)) == std::vector<std::string>{kWire});
    request.query = "negotiat*";
    CHECK(searcher.search(request).total == 4);
    request.query = "zyzzyva";
    results = searcher.search(request);
    CHECK(results.total == 0);
    CHECK(results.hits.empty());
}

TEST_CASE("field syntax in the query filters like the options", "[integration][searcher]") {
    Fixture f;
    Searcher searcher(f.db);
    SearchRequest request;
    auto ids = [&](const std::string& q) {
        request.query = q;
        auto v = ids_of(searcher.search(request));
        return std::set<std::string>(v.begin(), v.end());
    };
    CHECK(ids("country:PAK") == std::set<std::string>{kWire, kPage});
    CHECK(ids("country:Pakistan") == std::set<std::string>{kWire, kPage});
    CHECK(ids("country:pk") == std::set<std::string>{kWire, kPage});
    CHECK(ids("negotiations country:IND") == std::set<std::string>{kBorder});
    CHECK(ids("topic:trade") == std::set<std::string>{kWire, kBorder, kSeattle});
    CHECK(ids("type:article") == std::set<std::string>{kWire, kBorder});
    CHECK(ids("year:2015") == std::set<std::string>{kWire, kKhartoum});
    CHECK(ids("year:1990..2000") == std::set<std::string>{kSeattle, kKyoto});
    CHECK(ids("date:2015-04") == std::set<std::string>{kWire});
    CHECK(ids("date:2015-03-01..2015-03-31") == std::set<std::string>{kKhartoum});
    CHECK(ids("id:" + kSeattle) == std::set<std::string>{kSeattle});
    CHECK(ids("lang:en") == std::set<std::string>{kWire, kKhartoum, kPage});
}

TEST_CASE("filters are any-of within a field and AND across fields", "[integration][searcher]") {
    Fixture f;
    Searcher searcher(f.db);
    auto ids = [&](const SearchRequest& r) {
        auto v = ids_of(searcher.search(r));
        return std::set<std::string>(v.begin(), v.end());
    };
    SearchRequest request;
    request.countries = {"PAK"};
    CHECK(ids(request) == std::set<std::string>{kWire, kPage});
    request.countries = {"PAK", "Japan"};
    CHECK(ids(request) == std::set<std::string>{kWire, kPage, kKyoto});
    request.countries = {"pak"};
    request.topics = {"trade"};
    CHECK(ids(request) == std::set<std::string>{kWire});
    request.topics = {"trade", "Infrastructure"};
    CHECK(ids(request) == std::set<std::string>{kWire, kPage});
    request.types = {"press release"};
    CHECK(ids(request) == std::set<std::string>{kPage});
    request.query = "agriculture";
    CHECK(ids(request) == std::set<std::string>{kPage});
    request.query = "gwadar";
    CHECK(ids(request).empty());

    SearchRequest by_type;
    by_type.types = {"treaty", "agreement"};
    CHECK(ids(by_type) == std::set<std::string>{kKyoto, kGas});
    CHECK(searcher.search(by_type).total == 2);
}

TEST_CASE("year ranges, single years and date bounds", "[integration][searcher]") {
    Fixture f;
    Searcher searcher(f.db);
    auto ids = [&](const SearchRequest& r) {
        auto v = ids_of(searcher.search(r));
        return std::set<std::string>(v.begin(), v.end());
    };
    SearchRequest request;
    request.year_from = 2015;
    request.year_to = 2015;
    CHECK(ids(request) == std::set<std::string>{kWire, kKhartoum});
    request.year_from = 1990;
    request.year_to = 2006;
    CHECK(ids(request) == std::set<std::string>{kSeattle, kKyoto, kGas});
    request.year_to.reset();
    request.year_from = 2016;
    CHECK(ids(request) == std::set<std::string>{kBorder, kPage});
    request.year_from.reset();
    request.year_to = 1998;
    CHECK(ids(request) == std::set<std::string>{kKyoto});

    SearchRequest dates;
    dates.date_from = "2015-04-01";
    dates.date_to = "2019-12-31";
    CHECK(ids(dates) == std::set<std::string>{kWire, kBorder});
    dates.date_from = "2015-03-23";  // Inclusive at both ends.
    dates.date_to = "2015-04-20";
    CHECK(ids(dates) == std::set<std::string>{kWire, kKhartoum});
    dates.date_from = "2015-03";
    dates.date_to = "2015-03";  // A month covers all its days.
    CHECK(ids(dates) == std::set<std::string>{kKhartoum});
    dates.date_from = "2019";
    dates.date_to = "";
    CHECK(ids(dates) == std::set<std::string>{kBorder, kPage});
    dates.date_from = "";
    dates.date_to = "1999";
    CHECK(ids(dates) == std::set<std::string>{kSeattle, kKyoto});

    SearchRequest bad;
    bad.year_from = 2020;
    bad.year_to = 2010;
    CHECK_THROWS_AS(searcher.search(bad), QueryError);
    SearchRequest bad_date;
    bad_date.date_from = "2015-13-01";
    CHECK_THROWS_AS(searcher.search(bad_date), QueryError);
}

TEST_CASE("sorting by date and paging", "[integration][searcher]") {
    Fixture f;
    Searcher searcher(f.db);
    SearchRequest request;
    request.year_from = 1900;  // Dated documents only.
    request.sort = SortOrder::kDateAscending;
    auto results = searcher.search(request);
    CHECK(results.total == 7);
    const std::vector<std::string> oldest_first = {kKyoto, kSeattle, kGas, kKhartoum,
                                                   kWire,  kBorder,  kPage};
    CHECK(ids_of(results) == oldest_first);

    request.sort = SortOrder::kDateDescending;
    std::vector<std::string> newest_first(oldest_first.rbegin(), oldest_first.rend());
    CHECK(ids_of(searcher.search(request)) == newest_first);

    // All documents, newest first: the undated one comes last.
    SearchRequest everything;
    everything.sort = SortOrder::kDateDescending;
    results = searcher.search(everything);
    CHECK(results.total == 8);
    REQUIRE(results.hits.size() == 8);
    CHECK(results.hits.back().document.id == kStatement);

    // Paging through the oldest-first list.
    request.sort = SortOrder::kDateAscending;
    request.offset = 2;
    request.limit = 3;
    results = searcher.search(request);
    CHECK(results.total == 7);
    CHECK(results.offset == 2);
    CHECK(results.limit == 3);
    CHECK(ids_of(results) == std::vector<std::string>{kGas, kKhartoum, kWire});
    REQUIRE(results.hits.size() == 3);
    CHECK(results.hits[0].rank == 3);
    CHECK(results.hits[2].rank == 5);

    request.offset = 6;
    results = searcher.search(request);
    CHECK(ids_of(results) == std::vector<std::string>{kPage});
    CHECK(results.hits[0].rank == 7);
    request.offset = 7;
    results = searcher.search(request);
    CHECK(results.total == 7);
    CHECK(results.hits.empty());
    request.offset = 0;
    request.limit = 0;
    results = searcher.search(request);
    CHECK(results.total == 7);
    CHECK(results.hits.empty());

    // Date sort within a text query.
    SearchRequest q;
    q.query = "negotiations";
    q.sort = SortOrder::kDateAscending;
    CHECK(ids_of(searcher.search(q)) ==
          std::vector<std::string>{kSeattle, kKhartoum, kWire, kBorder});
}

TEST_CASE("the empty query matches everything with zero scores", "[integration][searcher]") {
    Fixture f;
    Searcher searcher(f.db);
    SearchRequest request;
    request.limit = 100;
    const auto results = searcher.search(request);
    CHECK(results.total == 8);
    CHECK(results.hits.size() == 8);
    CHECK_FALSE(results.suggestion);
    for (const auto& hit : results.hits) {
        CHECK(hit.score == 0.0);
        CHECK(hit.document.text.empty());  // Hits do not carry the body.
    }
    request.query = "   ";
    CHECK(searcher.search(request).total == 8);
}

TEST_CASE("facet counts over the empty query, multi-valued fields counted per value",
          "[integration][searcher]") {
    Fixture f;
    Searcher searcher(f.db);
    const auto results = searcher.search(all_facets({}));
    REQUIRE(results.facets.size() == 4);
    CHECK(results.facets[0].field == "country");
    CHECK(results.facets[1].field == "topic");
    CHECK(results.facets[2].field == "year");
    CHECK(results.facets[3].field == "type");

    // Count desc, then value asc. wire and page are [PAK, CHN]: counted under both.
    CHECK(counts_of(results, "country") == Counts{{"CHN", 2},
                                                  {"PAK", 2},
                                                  {"EGY", 1},
                                                  {"ETH", 1},
                                                  {"IND", 1},
                                                  {"JPN", 1},
                                                  {"RUS", 1},
                                                  {"SDN", 1},
                                                  {"UKR", 1},
                                                  {"USA", 1}});
    CHECK(counts_of(results, "topic") == Counts{{"trade", 3},
                                                {"cpec", 2},
                                                {"climate", 1},
                                                {"dams", 1},
                                                {"energy", 1},
                                                {"infrastructure", 1},
                                                {"water", 1}});
    CHECK(counts_of(results, "year") ==
          Counts{{"2015", 2}, {"1997", 1}, {"1999", 1}, {"2006", 1}, {"2019", 1}, {"2021", 1}});
    CHECK(counts_of(results, "type") == Counts{{"article", 2},
                                               {"agreement", 1},
                                               {"communique", 1},
                                               {"declaration", 1},
                                               {"press-release", 1},
                                               {"treaty", 1}});
    const Facet& country = facet_of(results, "country");
    CHECK(country.distinct == 10);
    CHECK(country.values[0].label == "China");
    CHECK(country.values[1].label == "Pakistan");
    CHECK(facet_of(results, "topic").values[0].label == "trade");

    SearchRequest only;
    only.facets = {"type"};
    const auto some = searcher.search(only);
    REQUIRE(some.facets.size() == 1);
    CHECK(some.facets[0].field == "type");
    only.facets.clear();
    CHECK(searcher.search(only).facets.empty());
    only.facets = {"colour"};
    CHECK_THROWS_AS(searcher.search(only), QueryError);
}

TEST_CASE("facets follow the query", "[integration][searcher]") {
    Fixture f;
    Searcher searcher(f.db);
    SearchRequest request = all_facets({});
    request.query = "negotiations";
    const auto results = searcher.search(request);
    CHECK(
        counts_of(results, "country") ==
        Counts{{"CHN", 1}, {"EGY", 1}, {"ETH", 1}, {"IND", 1}, {"PAK", 1}, {"SDN", 1}, {"USA", 1}});
    CHECK(counts_of(results, "year") == Counts{{"2015", 2}, {"1999", 1}, {"2019", 1}});
    CHECK(counts_of(results, "type") ==
          Counts{{"article", 2}, {"communique", 1}, {"declaration", 1}});
}

TEST_CASE("multi-select facets ignore their own field's filter only", "[integration][searcher]") {
    Fixture f;
    Searcher searcher(f.db);
    SearchRequest request = all_facets({});
    request.countries = {"PAK"};
    auto results = searcher.search(request);
    CHECK(results.total == 2);
    // The country facet still shows every country for the (empty) query...
    CHECK(counts_of(results, "country") == Counts{{"CHN", 2},
                                                  {"PAK", 2},
                                                  {"EGY", 1},
                                                  {"ETH", 1},
                                                  {"IND", 1},
                                                  {"JPN", 1},
                                                  {"RUS", 1},
                                                  {"SDN", 1},
                                                  {"UKR", 1},
                                                  {"USA", 1}});
    // ...while the other facets count only the filtered documents.
    CHECK(counts_of(results, "topic") == Counts{{"cpec", 2}, {"infrastructure", 1}, {"trade", 1}});
    CHECK(counts_of(results, "year") == Counts{{"2015", 1}, {"2021", 1}});
    CHECK(counts_of(results, "type") == Counts{{"article", 1}, {"press-release", 1}});

    // With two filtered fields, each facet drops only its own filter.
    request.topics = {"trade"};
    results = searcher.search(request);
    CHECK(results.total == 1);
    // Countries of trade documents: wire [PAK, CHN], border [IND], seattle [USA].
    CHECK(counts_of(results, "country") == Counts{{"CHN", 1}, {"IND", 1}, {"PAK", 1}, {"USA", 1}});
    // Topics of PAK documents: wire [cpec, trade], page [cpec, infrastructure].
    CHECK(counts_of(results, "topic") == Counts{{"cpec", 2}, {"infrastructure", 1}, {"trade", 1}});
    CHECK(counts_of(results, "type") == Counts{{"article", 1}});

    // A query narrows the multi-select facet too.
    SearchRequest q = all_facets({});
    q.query = "negotiations";
    q.countries = {"IND"};
    results = searcher.search(q);
    CHECK(results.total == 1);
    CHECK(
        counts_of(results, "country") ==
        Counts{{"CHN", 1}, {"EGY", 1}, {"ETH", 1}, {"IND", 1}, {"PAK", 1}, {"SDN", 1}, {"USA", 1}});
    CHECK(counts_of(results, "year") == Counts{{"2019", 1}});

    // Year filter: the year facet is multi-select as well.
    SearchRequest y = all_facets({});
    y.year_from = 2015;
    y.year_to = 2015;
    results = searcher.search(y);
    CHECK(results.total == 2);
    CHECK(counts_of(results, "year") ==
          Counts{{"2015", 2}, {"1997", 1}, {"1999", 1}, {"2006", 1}, {"2019", 1}, {"2021", 1}});
    CHECK(counts_of(results, "type") == Counts{{"article", 1}, {"declaration", 1}});
}

TEST_CASE("facet_size truncates values but distinct counts them all", "[integration][searcher]") {
    Fixture f;
    Searcher searcher(f.db);
    SearchRequest request;
    request.facet_size = 3;
    const auto results = searcher.search(request);
    CHECK(counts_of(results, "country") == Counts{{"CHN", 2}, {"PAK", 2}, {"EGY", 1}});
    CHECK(facet_of(results, "country").distinct == 10);
    CHECK(counts_of(results, "topic") == Counts{{"trade", 3}, {"cpec", 2}, {"climate", 1}});
    CHECK(facet_of(results, "topic").distinct == 7);
    CHECK(facet_of(results, "year").distinct == 6);
    CHECK(facet_of(results, "type").distinct == 6);

    SearchRequest defaults;  // facet_size 10 by default
    const auto d = searcher.search(defaults);
    CHECK(facet_of(d, "country").values.size() == 10);
    CHECK(facet_of(d, "topic").values.size() == 7);
}

TEST_CASE("snippets highlight the matched words", "[integration][searcher]") {
    Fixture f;
    Searcher searcher(f.db);
    SearchRequest request;
    request.query = "reservoir";
    auto results = searcher.search(request);
    REQUIRE(results.hits.size() == 1);
    CHECK_THAT(results.hits[0].snippet, Catch::Contains("<b>reservoir</b>"));

    request.query = "gwadar";
    results = searcher.search(request);
    REQUIRE(results.hits.size() == 2);
    for (const auto& hit : results.hits) {
        CHECK_THAT(hit.snippet, Catch::Contains("<b>Gwadar</b>"));
        CHECK(hit.snippet.find('\n') == std::string::npos);
    }

    request.query = "industrialised";
    request.highlight = Highlight{"[[", "]]", false};
    results = searcher.search(request);
    REQUIRE(results.hits.size() == 1);
    CHECK_THAT(results.hits[0].snippet, Catch::Contains("[[industrialised]]"));
    CHECK_THAT(results.hits[0].snippet, !Catch::Contains("<b>"));

    request.snippet_length = 0;
    results = searcher.search(request);
    REQUIRE(results.hits.size() == 1);
    CHECK(results.hits[0].snippet.empty());
}

TEST_CASE("document(id) round trip and info()", "[integration][searcher]") {
    Fixture f;
    Searcher searcher(f.db);
    const auto doc = searcher.document(kWire);
    REQUIRE(doc);
    CHECK(doc->id == kWire);
    CHECK(doc->title == "Gwadar port talks resume");
    CHECK(doc->date == "2015-04-20");
    CHECK(doc->year() == 2015);
    CHECK(doc->countries == std::vector<std::string>{"PAK", "CHN"});
    CHECK(doc->topics == std::vector<std::string>{"cpec", "trade"});
    CHECK(doc->type == "article");
    CHECK(doc->lang == "en");
    CHECK(doc->source == "Asia Wire");
    CHECK(doc->url == "https://Example.org/Wire-1");
    CHECK(doc->speaker == "Nawaz Sharif; Li Keqiang");
    CHECK_THAT(doc->path, Catch::EndsWith("docs/feeds/wire.jsonl:1"));
    CHECK_THAT(doc->text, Catch::StartsWith("Officials from Pakistan and China"));
    CHECK_THAT(doc->text, Catch::EndsWith("electricity generation."));

    const auto border = searcher.document(kBorder);
    REQUIRE(border);
    CHECK(border->date == "2019-11");
    CHECK(border->countries == std::vector<std::string>{"IND"});
    CHECK_THAT(border->path, Catch::EndsWith("docs/feeds/wire.jsonl:3"));

    const auto kyoto = searcher.document(kKyoto);
    REQUIRE(kyoto);
    CHECK(kyoto->title == "Kyoto protocol adopted");

    CHECK_FALSE(searcher.document("no-such-id"));
    CHECK_FALSE(searcher.document("wire-2015"));  // Exact ids only.

    const IndexInfo info = searcher.info();
    CHECK(info.documents == 8);
    CHECK(info.schema_version == "6");
    CHECK(info.path == f.db);
}

TEST_CASE("a misspelt word gets a spelling suggestion", "[integration][searcher]") {
    Fixture f;
    Searcher searcher(f.db);
    SearchRequest request;
    request.query = "negotiatons";
    auto results = searcher.search(request);
    CHECK(results.total == 4);  // Typo tolerance: the documents with "negotiations".
    REQUIRE(results.suggestion);
    CHECK(*results.suggestion == "negotiations");
    request.typo_tolerance = false;
    CHECK(searcher.search(request).total == 0);
    request.typo_tolerance = true;

    request.query = "gwadr port";
    results = searcher.search(request);
    REQUIRE(results.suggestion);
    CHECK(*results.suggestion == "gwadar port");

    request.query = "negotiations";
    CHECK_FALSE(searcher.search(request).suggestion);
}

TEST_CASE("a database indexed without spelling data suggests nothing", "[integration][searcher]") {
    TempDir dir;
    const auto docs = write_fixture(dir.path());
    const std::string db = (dir / "db").string();
    {
        IndexerOptions options = source_metadata_only();
        options.spelling = false;
        Indexer indexer(db, options);
        indexer.set_problem_handler([](const InputProblem&) {});
        indexer.add_source(docs.string());
    }  // The destructor commits.
    Searcher searcher(db);
    CHECK(searcher.info().documents == 8);
    SearchRequest request;
    request.query = "negotiatons";
    CHECK_FALSE(searcher.search(request).suggestion);
}

TEST_CASE("query and filter errors throw QueryError", "[integration][searcher]") {
    Fixture f;
    Searcher searcher(f.db);
    SearchRequest request;
    for (const char* bad : {"cpec AND", "country:Narnia", "year:20x5", "date:2015-02-30"}) {
        INFO(bad);
        request.query = bad;
        CHECK_THROWS_AS(searcher.search(request), QueryError);
    }
    SearchRequest filter;
    filter.countries = {"Narnia"};
    try {
        searcher.search(filter);
        FAIL("no QueryError");
    } catch (const QueryError& e) {
        CHECK_THAT(e.what(), Catch::Contains("Narnia"));
    }
    // QueryError is an Error but not an IndexError.
    CHECK_THROWS_AS(searcher.search(filter), Error);
}

TEST_CASE("opening errors", "[integration][searcher]") {
    TempDir dir;
    const std::string missing = (dir / "nothing-here").string();
    try {
        Searcher searcher(missing);
        FAIL("opened a missing database");
    } catch (const DatabaseNotFoundError& e) {
        CHECK_THAT(e.what(), Catch::Contains(missing));
    }
    // A folder that is not a database.
    std::filesystem::create_directories(dir / "plain");
    CHECK_THROWS_AS(Searcher((dir / "plain").string()), DatabaseNotFoundError);

    // Another schema version.
    const std::string other = (dir / "other").string();
    {
        Xapian::WritableDatabase db(other, Xapian::DB_CREATE_OR_OPEN);
        Xapian::Document doc;
        doc.add_boolean_term("Qx");
        doc.set_data("{}");
        db.add_document(doc);
        db.set_metadata("diplosearch.schema_version", "999");
        db.commit();
    }
    CHECK_THROWS_AS(Searcher(other), SchemaMismatchError);
    CHECK_THROWS_AS(Indexer(other), SchemaMismatchError);
}

TEST_CASE("a searcher sees later commits", "[integration][searcher]") {
    Fixture f;
    Searcher searcher(f.db);
    CHECK(searcher.info().documents == 8);
    {
        Indexer indexer(f.db);
        Document doc;
        doc.id = "late-1";
        doc.title = "Late arrival";
        doc.text = "Quokka conservation agreement.";
        indexer.add_document(doc);
        indexer.commit();
        SearchRequest request;
        request.query = "quokka";
        CHECK(searcher.search(request).total == 1);  // While the indexer is still open.
    }
    CHECK(searcher.info().documents == 9);
}
