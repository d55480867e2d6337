// @brief Integration tests on the bundled sample corpus (corpus/documents): the whole
// corpus indexed once per test process, then checked against counts taken from the
// files themselves.
//
// The expected numbers below were counted independently of DiploSearch, with a Python
// script that parses every file (front matter, JSON, JSON Lines, HTML <meta> tags),
// maps alpha-2 codes and country names to alpha-3 with corpus/gazetteer/countries.tsv,
// and counts values per document. They agree with the tables in corpus/README.md.
#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "diplosearch/diplosearch.hpp"
#include "support/test_env.hpp"

using namespace diplosearch;
using diplosearch::test::sample_corpus;
using diplosearch::test::source_dir;
using diplosearch::test::TempDir;

namespace {

constexpr std::uint64_t kDocuments = 74;

using Counts = std::vector<std::pair<std::string, std::uint64_t>>;

// The sample corpus indexed once per process.
struct Corpus {
    TempDir dir;
    std::string db = (dir / "db").string();
    IndexStats stats;
    std::vector<InputProblem> problems;

    // The counts below are of the documents' own metadata, so extraction of metadata
    // from the text is off here (one test compares with it on).
    explicit Corpus(bool extract = false) {
        IndexerOptions options;
        options.extract = extract;
        Indexer indexer(db, options);
        indexer.set_problem_handler([this](const InputProblem& p) { problems.push_back(p); });
        indexer.add_source(sample_corpus().string());
        indexer.commit();
        stats = indexer.stats();
    }
};

const Corpus& corpus() {
    static const Corpus instance;
    return instance;
}

SearchResults search(SearchRequest request) {
    Searcher searcher(corpus().db);
    return searcher.search(request);
}

SearchResults query(const std::string& text, std::uint32_t limit = 10) {
    SearchRequest request;
    request.query = text;
    request.limit = limit;
    request.facet_size = 0;
    return search(request);
}

std::vector<std::string> ids_of(const SearchResults& results) {
    std::vector<std::string> ids;
    for (const auto& hit : results.hits) ids.push_back(hit.document.id);
    return ids;
}

std::set<std::string> id_set(const SearchResults& results) {
    const auto ids = ids_of(results);
    return {ids.begin(), ids.end()};
}

// The hits that hold every word of the query (the others follow them when few do).
std::set<std::string> complete_set(const SearchResults& results) {
    std::set<std::string> ids;
    for (const auto& hit : results.hits) {
        if (hit.all_words) ids.insert(hit.document.id);
    }
    return ids;
}

const Facet& facet_of(const SearchResults& results, const std::string& field) {
    const auto it = std::find_if(results.facets.begin(), results.facets.end(),
                                 [&](const Facet& f) { return f.field == field; });
    REQUIRE(it != results.facets.end());
    return *it;
}

Counts counts_of(const SearchResults& results, const std::string& field) {
    Counts out;
    for (const auto& v : facet_of(results, field).values) out.emplace_back(v.value, v.count);
    return out;
}

SearchResults everything() {
    SearchRequest request;
    request.limit = 0;
    request.facet_size = 0;
    return search(request);
}

// Number of rows in the "Every document" table of corpus/README.md.
std::uint64_t readme_document_rows() {
    std::ifstream in(source_dir() / "corpus" / "README.md");
    REQUIRE(in);
    std::uint64_t rows = 0;
    bool in_table = false;
    for (std::string line; std::getline(in, line);) {
        if (line.starts_with("## ")) in_table = line == "## Every document";
        if (in_table && line.starts_with("| `")) ++rows;
    }
    return rows;
}

const std::set<std::string> kCpecAndGwadar = {
    "pk-cn-2015-gwadar-talks",
    "pk-cn-2025-cpec-security-talks",
    "documents/news/gwadar-residents-water-protest-2021.md",
    "mofa-pk-cpec-2013-mou",
    "cpec-jcc-2017-joint-statement",
    "documents/web/embassy-cn-cpec-phase-two-2021.html",
};

}  // namespace

TEST_CASE("every document of the sample corpus is indexed", "[integration][corpus]") {
    const Corpus& c = corpus();
    INFO(c.problems.size() << " problems");
    CHECK(c.stats.indexed == kDocuments);
    CHECK(c.stats.rejected == 0);
    CHECK(c.stats.skipped == 0);
    CHECK(c.stats.warnings == 0);
    CHECK(c.problems.empty());
    CHECK(readme_document_rows() == kDocuments);
    CHECK(Xapian::Database(c.db).get_doccount() == kDocuments);
    Searcher searcher(c.db);
    CHECK(searcher.info().documents == kDocuments);
    CHECK(everything().total == kDocuments);
}

TEST_CASE("country facet over the empty query", "[integration][corpus]") {
    const auto results = everything();
    const Counts counts = counts_of(results, "country");
    CHECK(facet_of(results, "country").distinct == 59);
    REQUIRE(counts.size() == 59);
    CHECK(Counts(counts.begin(), counts.begin() + 13) == Counts{{"CHN", 14},
                                                                {"PAK", 13},
                                                                {"IND", 8},
                                                                {"USA", 6},
                                                                {"IRN", 5},
                                                                {"BRA", 4},
                                                                {"EGY", 4},
                                                                {"ETH", 4},
                                                                {"ITA", 4},
                                                                {"PHL", 4},
                                                                {"RUS", 4},
                                                                {"SDN", 4},
                                                                {"VNM", 4}});
    auto count = [&](const std::string& code) -> std::uint64_t {
        for (const auto& [value, n] : counts) {
            if (value == code) return n;
        }
        return 0;
    };
    // Values written as names or alpha-2 codes are counted under alpha-3.
    CHECK(count("ARG") == 3);  // "BR, AR", "Brazil, Argentina", ARG
    CHECK(count("GBR") == 2);  // "United Kingdom", GBR
    CHECK(count("VNM") == 4);  // "Vietnam", "VN", VNM
    CHECK(count("SOM") == 1);  // "Somalia"
    CHECK(count("DEU") == 2);  // "Germany", DEU
    CHECK(count("TUV") == 3);
    CHECK(count("UKR") == 1);
    CHECK(count("EUU") == 0);
    std::uint64_t sum = 0;
    for (const auto& [value, n] : counts) {
        INFO(value);
        CHECK(value.size() == 3);
        CHECK(std::all_of(value.begin(), value.end(),
                          [](char ch) { return ch >= 'A' && ch <= 'Z'; }));
        sum += n;
    }
    CHECK(sum == 155);
    CHECK(facet_of(results, "country").values[0].label == "China");
    CHECK(facet_of(results, "country").values[1].label == "Pakistan");
}

TEST_CASE("topic facet over the empty query", "[integration][corpus]") {
    const auto results = everything();
    CHECK(counts_of(results, "topic") == Counts{{"security", 16},
                                                {"trade", 12},
                                                {"climate", 10},
                                                {"infrastructure", 10},
                                                {"maritime", 10},
                                                {"energy", 9},
                                                {"water", 9},
                                                {"humanitarian", 8},
                                                {"migration", 7},
                                                {"cpec", 5},
                                                {"nuclear", 5},
                                                {"counter-terrorism", 4},
                                                {"health", 4},
                                                {"human-rights", 4},
                                                {"territorial-disputes", 1}});
    CHECK(facet_of(results, "topic").distinct == 15);
    CHECK(facet_of(results, "topic").distinct >= 8);
}

TEST_CASE("type facet over the empty query", "[integration][corpus]") {
    const auto results = everything();
    CHECK(counts_of(results, "type") == Counts{{"article", 23},
                                               {"press-release", 9},
                                               {"joint-statement", 8},
                                               {"speech", 5},
                                               {"declaration", 4},
                                               {"transcript", 4},
                                               {"communique", 3},
                                               {"resolution", 3}});
}

TEST_CASE("year facet covers 2000 to 2026", "[integration][corpus]") {
    const auto results = everything();
    const Counts counts = counts_of(results, "year");
    CHECK(counts == Counts{{"2025", 9}, {"2023", 8}, {"2024", 7}, {"2015", 4}, {"2003", 3},
                           {"2006", 3}, {"2008", 3}, {"2016", 3}, {"2022", 3}, {"2007", 2},
                           {"2019", 2}, {"2021", 2}, {"2026", 2}, {"2000", 1}, {"2001", 1},
                           {"2002", 1}, {"2004", 1}, {"2005", 1}, {"2010", 1}, {"2011", 1},
                           {"2013", 1}, {"2014", 1}, {"2017", 1}, {"2018", 1}, {"2020", 1}});
    std::set<int> years;
    for (const auto& [value, n] : counts) years.insert(std::stoi(value));
    CHECK(*years.begin() == 2000);
    CHECK(*years.rbegin() == 2026);

    SearchRequest recent;
    recent.year_from = 2020;
    recent.year_to = 2026;
    CHECK(search(recent).total == 32);
    SearchRequest noughties;
    noughties.year_from = 2000;
    noughties.year_to = 2009;
    CHECK(search(noughties).total == 16);
    SearchRequest one;
    one.year_from = one.year_to = 2023;
    CHECK(search(one).total == 8);
    // 11 documents have no date: outside every year range.
    SearchRequest dated;
    dated.year_from = 1;
    CHECK(search(dated).total == kDocuments - 11);
}

TEST_CASE("documents without a field are absent from its facet", "[integration][corpus]") {
    Xapian::Database db(corpus().db);
    auto without_value = [&](Xapian::valueno slot) {
        std::uint64_t n = 0;
        for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
            if (db.get_document(*it).get_value(slot).empty()) ++n;
        }
        return n;
    };
    CHECK(without_value(0) == 11);  // date
    CHECK(without_value(2) == 18);  // countries
    CHECK(without_value(3) == 17);  // topics
    CHECK(without_value(4) == 15);  // type
}

TEST_CASE("filters on the sample corpus", "[integration][corpus]") {
    SearchRequest request;
    request.limit = 100;
    request.countries = {"Pakistan", "IN"};
    CHECK(search(request).total == 15);  // PAK 13 + IND 8 - both 6
    request.topics = {"water"};
    CHECK(id_set(search(request)) ==
          std::set<std::string>{"iwt-2007-baglihar-expert", "pakfo-2025-indus-briefing",
                                "iwt-2023-india-notice", "worldbank-iwt-2016-pause"});
    request.types = {"article"};
    CHECK(id_set(search(request)) ==
          std::set<std::string>{"iwt-2007-baglihar-expert", "iwt-2023-india-notice"});
}

TEST_CASE("CPEC Gwadar finds the CPEC and Gwadar documents", "[integration][corpus]") {
    const auto results = query("CPEC Gwadar");
    // Six documents mention both words (corpus/README.md, checked with grep); as
    // that is fewer than 10, the 2007 Gwadar report, with one of them, follows.
    CHECK(results.all_words == 6);
    CHECK(results.total == 7);
    CHECK(complete_set(results) == kCpecAndGwadar);
    REQUIRE(results.hits.size() == 7);
    for (int i = 0; i < 6; ++i) {
        INFO(results.hits[i].document.id);
        CHECK(kCpecAndGwadar.count(results.hits[i].document.id) == 1);
        CHECK(results.hits[i].score > 0.0);
    }
    CHECK(results.hits[6].document.id == "gwadar-port-2007-inauguration");
    CHECK_FALSE(results.hits[6].all_words);
    const auto& country = facet_of(results, "country").values;
    REQUIRE(country.size() >= 2);
    CHECK(std::set<std::string>{country[0].value, country[1].value} ==
          std::set<std::string>{"PAK", "CHN"});
    CHECK(country[0].count == 6);  // The protest report has no metadata.
    CHECK(country[1].count == 6);

    // Gwadar alone adds the 2007 inauguration, from before CPEC existed.
    auto gwadar = query("gwadar");
    auto expected = kCpecAndGwadar;
    expected.insert("gwadar-port-2007-inauguration");
    CHECK(id_set(gwadar) == expected);
    CHECK(query("cpec").total == 6);
    CHECK(query("CPEC OR Gwadar").total == 7);
}

TEST_CASE("theme queries find their documents", "[integration][corpus]") {
    CHECK(complete_set(query("Indus Waters Treaty")) ==
          std::set<std::string>{"iwt-2007-baglihar-expert", "worldbank-iwt-2016-pause",
                                "iwt-2023-india-notice", "pakfo-2025-indus-briefing"});
    CHECK(complete_set(query("\"South China Sea\"")) ==
          std::set<std::string>{"scs-2002-phnom-penh-declaration",
                                "scs-2016-arbitral-award-reaction",
                                "phl-vnm-2024-coastguard-statement",
                                "documents/web/dfa-ph-second-thomas-shoal-2023.html"});
    CHECK(complete_set(query("Renaissance Dam")) ==
          std::set<std::string>{"gerd-2015-khartoum-principles", "unsc-egypt-gerd-2020-statement",
                                "documents/web/egypt-ethiopia-2023-joint-statement.html",
                                "gerd-2025-inauguration"});
    CHECK(complete_set(query("Arctic Council")) ==
          std::set<std::string>{"arctic-2011-nuuk-ministerial", "arctic-2022-pause-statement",
                                "arctic-2025-tromso-handover"});
    CHECK(complete_set(query("grain corridor")) ==
          std::set<std::string>{"grain-corridor-2022-istanbul-signing",
                                "documents/press/unsc-ukraine-grain-2023-statement.txt",
                                "documents/web/ukraine-grain-corridor-2024.html"});
}

TEST_CASE("HTML boilerplate words have no hits", "[integration][corpus]") {
    // Each appears in the nav, footer, script or paywall of the HTML pages
    // (grep finds Subscribe in all 7 pages) but in no document's content.
    Xapian::Database db(corpus().db);
    for (const char* word : {"Subscribe", "cookie", "trackingPixel", "Copyright"}) {
        INFO(word);
        SearchRequest exact;
        exact.query = word;
        exact.typo_tolerance = false;  // Near words ("cooking") are not the point here.
        CHECK(search(exact).total == 0);
        std::string lower(word);
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        CHECK_FALSE(db.term_exists(lower));
        CHECK_FALSE(db.term_exists("S" + lower));
    }
}

TEST_CASE("documents without front matter take their id from the path", "[integration][corpus]") {
    Searcher searcher(corpus().db);
    const auto protest = searcher.document("documents/news/gwadar-residents-water-protest-2021.md");
    REQUIRE(protest);
    CHECK(protest->title ==
          "Gwadar residents demand water and fishing rights as CPEC projects expand");
    CHECK(protest->date.empty());
    CHECK(protest->countries.empty());
    CHECK_THAT(protest->text, Catch::StartsWith("GWADAR, 3 December"));

    const auto donors = searcher.document("documents/press/kashmir-earthquake-2005-donors.txt");
    REQUIRE(donors);
    CHECK(donors->title ==
          "Donors pledge support for earthquake reconstruction at Islamabad conference");
    CHECK_THAT(donors->text, Catch::StartsWith("ISLAMABAD, 19 November"));

    const auto talks = searcher.document("pk-cn-2015-gwadar-talks");
    REQUIRE(talks);
    CHECK(talks->title == "Pakistan and China sign Gwadar port agreements");
    CHECK(talks->date == "2015-04-20");
    CHECK(talks->countries == std::vector<std::string>{"PAK", "CHN"});
    CHECK(talks->topics == std::vector<std::string>{"cpec", "infrastructure", "trade"});
    CHECK(talks->source == "Dawn (sample)");

    // JSONL record 1 of wire-asia: alpha-2 codes normalised, path with the line.
    const auto jcc = searcher.document("cpec-jcc-2017-joint-statement");
    REQUIRE(jcc);
    CHECK(jcc->countries == std::vector<std::string>{"PAK", "CHN"});
    CHECK_THAT(jcc->path, Catch::EndsWith("feeds/wire-asia.jsonl:1"));

    // A six-country JSONL record and a year-only date.
    const auto afcfta = searcher.document("afcfta-2018-kigali-declaration");
    REQUIRE(afcfta);
    CHECK(afcfta->date == "2018");
    CHECK(afcfta->countries.empty());
}

TEST_CASE("with extraction on, the corpus' own metadata is kept", "[integration][corpus]") {
    const Corpus extracted(true);
    CHECK(extracted.stats.indexed == kDocuments);
    CHECK(extracted.stats.rejected == 0);
    Searcher without(corpus().db);
    Searcher with(extracted.db);
    SearchRequest all;
    all.limit = 1000;
    all.facets.clear();
    const auto results = without.search(all);
    REQUIRE(results.hits.size() == kDocuments);
    for (const auto& hit : results.hits) {
        const auto& source = hit.document;
        INFO(source.id);
        const auto doc = with.document(source.id);
        REQUIRE(doc);
        if (!source.countries.empty()) CHECK(doc->countries == source.countries);
        if (!source.topics.empty()) CHECK(doc->topics == source.topics);
        if (!source.date.empty()) CHECK(doc->date == source.date);
        if (!source.type.empty()) CHECK(doc->type == source.type);
        CHECK(doc->title == source.title);
    }
    // Extraction only adds: every count is at least the source's own.
    SearchRequest facets;
    facets.limit = 0;
    facets.facet_size = 0;
    const auto base = without.search(facets);
    const auto more = with.search(facets);
    for (const char* field : {"country", "topic", "type", "year"}) {
        INFO(field);
        const Counts more_counts = counts_of(more, field);
        for (const auto& [value, n] : counts_of(base, field)) {
            INFO(value);
            // A named capture: clang before 16 cannot capture a structured binding.
            const auto it =
                std::find_if(more_counts.begin(), more_counts.end(),
                             [&wanted = value](const auto& e) { return e.first == wanted; });
            REQUIRE(it != more_counts.end());
            CHECK(it->second >= n);
        }
    }
    // The CPEC query still has Pakistan and China as its top countries.
    SearchRequest cpec;
    cpec.query = "CPEC Gwadar";
    const auto hits = with.search(cpec);
    CHECK(hits.all_words == 6);
    const auto& country = facet_of(hits, "country").values;
    REQUIRE(country.size() >= 2);
    CHECK(std::set<std::string>{country[0].value, country[1].value} ==
          std::set<std::string>{"PAK", "CHN"});
}
