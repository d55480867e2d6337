// @brief Indexes three documents into a temporary database with the installed library,
// searches them and checks counts, facets, hits and a caught library exception.
// Exits non-zero on any mismatch; built by tests/package/consumer_test.sh.
#include <stdlib.h>  // mkdtemp

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include <diplosearch/diplosearch.hpp>

namespace {

int g_failures = 0;

void expect(bool ok, std::string_view what) {
    if (!ok) {
        std::cerr << "consumer: FAILED: " << what << '\n';
        ++g_failures;
    }
}

diplosearch::Document make_document(std::string id, std::string title, std::string date,
                                    std::vector<std::string> countries, std::string topic,
                                    std::string type, std::string text) {
    diplosearch::Document document;
    document.id = std::move(id);
    document.title = std::move(title);
    document.date = std::move(date);
    document.countries = std::move(countries);
    document.topics = {std::move(topic)};
    document.type = std::move(type);
    document.lang = "en";
    document.text = std::move(text);
    return document;
}

std::uint64_t facet_count(const diplosearch::SearchResults& results, std::string_view field,
                          std::string_view value) {
    for (const auto& facet : results.facets) {
        if (facet.field != field) continue;
        for (const auto& facet_value : facet.values) {
            if (facet_value.value == value) return facet_value.count;
        }
    }
    return 0;
}

void index_documents(const std::string& db) {
    diplosearch::Indexer indexer(db);
    indexer.add_document(
        make_document("pk-cn-2015-gwadar", "Pakistan and China sign Gwadar port agreements",
                      "2015-04-20", {"PAK", "China"}, "cpec", "article",
                      "Pakistan and China signed agreements to expand the Gwadar port and the road "
                      "network linking it to Kashgar, the leaders said in Islamabad."));
    indexer.add_document(make_document(
        "in-pk-2021-ceasefire", "India and Pakistan reaffirm the ceasefire", "2021-02-25",
        {"IND", "PAK"}, "security", "communique",
        "The militaries of India and Pakistan agreed to observe all agreements on the "
        "ceasefire along the Line of Control."));
    indexer.add_document(
        make_document("un-2019-climate-summit", "Secretary-General opens the Climate Action Summit",
                      "2019-09-23", {"USA"}, "climate", "speech",
                      "The Secretary-General asked leaders in New York for concrete plans to cut "
                      "emissions by half within the decade."));
    const auto stats = indexer.finish();
    expect(stats.indexed == 3, "three documents indexed");
    expect(stats.doccount == 3, "database holds three documents");
}

void check_searches(const std::string& db) {
    diplosearch::Searcher searcher(db);
    expect(searcher.info().documents == 3, "info() counts three documents");

    diplosearch::SearchRequest request;
    request.query = "agreements";
    const auto results = searcher.search(request);
    expect(results.total == 2, "'agreements' matches two documents");
    expect(results.hits.size() == 2, "'agreements' returns two hits");
    expect(facet_count(results, "country", "PAK") == 2, "country facet PAK=2");
    expect(facet_count(results, "country", "CHN") == 1, "country facet CHN=1 (from 'China')");
    expect(facet_count(results, "country", "IND") == 1, "country facet IND=1");
    expect(facet_count(results, "year", "2015") == 1, "year facet 2015=1");
    expect(facet_count(results, "topic", "climate") == 0, "no climate document matches");

    diplosearch::SearchRequest filtered;
    filtered.query = "gwadar port";
    filtered.countries = {"CHN"};
    filtered.year_from = 2010;
    const auto gwadar = searcher.search(filtered);
    expect(gwadar.total == 1 && !gwadar.hits.empty() &&
               gwadar.hits.front().document.id == "pk-cn-2015-gwadar",
           "'gwadar port' in China finds the Gwadar article");
    expect(!gwadar.hits.empty() && gwadar.hits.front().snippet.find("<b>") != std::string::npos,
           "the Gwadar hit has a highlighted snippet");

    const auto speech = searcher.document("un-2019-climate-summit");
    expect(speech && speech->year() == 2019 && speech->type == "speech",
           "document() returns the climate speech with its year and type");
    expect(!searcher.document("no-such-document"), "document() of an unknown id is empty");
}

void check_missing_database(const std::string& missing) {
    try {
        diplosearch::Searcher searcher(missing);
        expect(false, "opening a missing database throws");
    } catch (const diplosearch::DatabaseNotFoundError& e) {
        expect(std::strstr(e.what(), missing.c_str()) != nullptr,
               "DatabaseNotFoundError names the path");
    }
}

}  // namespace

int main() {
    expect(std::string_view(diplosearch::library_version()) == DIPLOSEARCH_VERSION,
           "the library loaded is the one the headers belong to");

    const auto temp_pattern =
        (std::filesystem::temp_directory_path() / "diplosearch-consumer-XXXXXX").string();
    std::vector<char> temp_dir(temp_pattern.begin(), temp_pattern.end());
    temp_dir.push_back('\0');
    if (mkdtemp(temp_dir.data()) == nullptr) {
        std::cerr << "consumer: cannot create a temporary directory\n";
        return 1;
    }
    const std::filesystem::path root(temp_dir.data());
    try {
        const auto db = (root / "db").string();
        index_documents(db);
        check_searches(db);
        check_missing_database((root / "missing").string());
    } catch (const diplosearch::Error& e) {
        std::cerr << "consumer: unexpected error: " << e.what() << '\n';
        ++g_failures;
    }
    std::filesystem::remove_all(root);
    if (g_failures > 0) return 1;
    std::cout << "consumer: libdiplosearch " << diplosearch::library_version() << " ok\n";
    return 0;
}
