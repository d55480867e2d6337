// @brief Integration test on real data: the first 2,000 records of the shared UN General
// Debate Corpus (../shared/corpus/ungdc.jsonl.zst), indexed through the API and checked
// against the records' own metadata. Skips with exit code 77 when the file is absent.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "diplosearch/diplosearch.hpp"
#include "support/test_env.hpp"

using namespace diplosearch;
using namespace diplosearch::test;

namespace {

constexpr std::size_t kRecords = 2000;
constexpr int kSkip = 77;

struct Record {
    std::string id;
    std::string title;
    std::string country;
    int year = 0;
    std::string type;
    std::string text;
};

// The sample decompressed into a temporary folder, its records parsed, and indexed.
struct Ungdc {
    TempDir dir;
    std::string jsonl = (dir / "ungdc-2000.jsonl").string();
    std::string db = (dir / "db").string();
    std::vector<Record> records;
    IndexStats stats;
    std::vector<InputProblem> problems;

    Ungdc() {
        const CommandResult unzip =
            run_command("zstd -dc " + shell_quote(shared_ungdc().string()) + " | head -n " +
                        std::to_string(kRecords) + " > " + shell_quote(jsonl));
        if (unzip.exit_code != 0) throw std::runtime_error("zstd failed: " + unzip.err);

        std::ifstream in(jsonl);
        for (std::string line; std::getline(in, line);) {
            const auto j = nlohmann::json::parse(line);
            Record r;
            r.id = j.at("id").get<std::string>();
            r.title = j.at("title").get<std::string>();
            r.country = j.at("country").get<std::string>();
            r.year = j.at("year").get<int>();
            r.type = j.at("type").get<std::string>();
            r.text = j.at("text").get<std::string>();
            records.push_back(std::move(r));
        }

        IndexerOptions options;
        options.spelling = false;  // Not checked here; saves about a tenth of the time.
        Indexer indexer(db, options);
        indexer.set_problem_handler([this](const InputProblem& p) { problems.push_back(p); });
        indexer.add_source(jsonl);
        indexer.commit();
        stats = indexer.stats();
    }
};

const Ungdc& ungdc() {
    static const Ungdc instance;
    return instance;
}

// The corpus' codes are alpha-3 except `EU`, which the gazetteer knows as EUU.
std::string expected_code(const std::string& code) {
    return code == "EU" ? "EUU" : code;
}

std::map<std::string, std::uint64_t> facet_map(const SearchResults& results,
                                               const std::string& field) {
    std::map<std::string, std::uint64_t> out;
    for (const auto& facet : results.facets) {
        if (facet.field != field) continue;
        for (const auto& v : facet.values) out[v.value] = v.count;
    }
    return out;
}

SearchResults everything() {
    Searcher searcher(ungdc().db);
    SearchRequest request;
    request.limit = 0;
    request.facet_size = 0;
    return searcher.search(request);
}

}  // namespace

TEST_CASE("ungdc: the first 2000 records are all indexed", "[integration][ungdc]") {
    const Ungdc& u = ungdc();
    REQUIRE(u.records.size() == kRecords);
    CHECK(u.stats.indexed == kRecords);
    CHECK(u.stats.rejected == 0);
    CHECK(u.stats.skipped == 0);
    CHECK(u.stats.warnings == 0);
    CHECK(u.problems.empty());
    Searcher searcher(u.db);
    CHECK(searcher.info().documents == kRecords);
    CHECK(everything().total == kRecords);
}

TEST_CASE("ungdc: facets equal the records' own metadata", "[integration][ungdc]") {
    const Ungdc& u = ungdc();
    std::map<std::string, std::uint64_t> countries;
    std::map<std::string, std::uint64_t> years;
    std::map<std::string, std::uint64_t> types;
    for (const auto& r : u.records) {
        ++countries[expected_code(r.country)];
        ++years[std::to_string(r.year)];
        ++types[r.type];
    }
    REQUIRE(types == std::map<std::string, std::uint64_t>{{"speech", kRecords}});

    const auto results = everything();
    CHECK(facet_map(results, "country") == countries);
    CHECK(facet_map(results, "year") == years);
    CHECK(facet_map(results, "type") == types);
    // Topics are not in the records: any come from extraction, which never touches
    // the country, year or type the records give.

    // Filters agree with the facet counts.
    Searcher searcher(u.db);
    const auto& [code, n] = *countries.begin();
    SearchRequest by_country;
    by_country.countries = {code};
    by_country.limit = 0;
    CHECK(searcher.search(by_country).total == n);
    const auto& [year, m] = *years.rbegin();
    SearchRequest by_year;
    by_year.year_from = by_year.year_to = std::stoi(year);
    by_year.limit = 0;
    CHECK(searcher.search(by_year).total == m);
}

TEST_CASE("ungdc: known ids are retrievable with their titles", "[integration][ungdc]") {
    const Ungdc& u = ungdc();
    Searcher searcher(u.db);
    const auto first = searcher.document("AFG_07_1952");
    REQUIRE(first);
    CHECK(first->title ==
          "Statement by Afghanistan at the 7th session of the UN General Assembly (1952)");
    CHECK(first->countries == std::vector<std::string>{"AFG"});
    CHECK(first->date == "1952");
    CHECK(first->type == "speech");
    CHECK(first->lang == "en");

    for (const std::size_t i : {std::size_t{1}, kRecords / 2, kRecords - 1}) {
        const Record& r = u.records[i];
        INFO(r.id);
        const auto doc = searcher.document(r.id);
        REQUIRE(doc);
        CHECK(doc->title == r.title);
        CHECK(doc->countries == std::vector<std::string>{expected_code(r.country)});
        CHECK(doc->year() == r.year);
        // The stored text has no byte order mark and no carriage returns.
        CHECK_FALSE(doc->text.starts_with("\xEF\xBB\xBF"));
        CHECK(doc->text.find('\r') == std::string::npos);
    }
    CHECK_FALSE(searcher.document("ZZZ_99_2099"));
}

TEST_CASE("ungdc: word queries return hits", "[integration][ungdc]") {
    const Ungdc& u = ungdc();
    std::uint64_t with_word = 0;
    for (const auto& r : u.records) {
        if (r.text.find("disarmament") != std::string::npos ||
            r.text.find("Disarmament") != std::string::npos) {
            ++with_word;
        }
    }
    REQUIRE(with_word > 100);

    Searcher searcher(u.db);
    SearchRequest request;
    request.query = "disarmament";
    request.facets = {"country"};
    const auto results = searcher.search(request);
    // Stemming may add a few inflected forms, never lose a literal match.
    CHECK(results.total >= with_word);
    CHECK(results.total <= with_word + with_word / 10);
    REQUIRE(results.hits.size() == 10);
    CHECK(results.hits[0].score >= results.hits[9].score);
    CHECK_THAT(results.hits[0].snippet, Catch::Contains("<b>"));

    request.query = "\"general assembly\" disarmament";
    request.countries = {"AFG"};
    const auto narrowed = searcher.search(request);
    CHECK(narrowed.total > 0);
    CHECK(narrowed.total < results.total);
    for (const auto& hit : narrowed.hits) {
        CHECK(hit.document.countries == std::vector<std::string>{"AFG"});
    }
}

TEST_CASE("ungdc: diplo-search answers on the same database", "[integration][ungdc]") {
    const Ungdc& u = ungdc();
    const CommandResult r =
        run_command(shell_quote(diplo_search_bin()) + " --db " + shell_quote(u.db) +
                    " --format json --limit 3 --facets type 'speaker:mr disarmament'");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["total"].get<std::uint64_t>() > 0);
    CHECK(j["hits"].size() == 3);
    CHECK(j["facets"]["type"]["values"][0]["value"] == "speech");
}

int main(int argc, char** argv) {
    if (shared_ungdc().empty()) {
        std::cout << "ungdc: skipped: ../shared/corpus/ungdc.jsonl.zst not present" << std::endl;
        return kSkip;
    }
    return Catch::Session().run(argc, argv);
}
