// @brief A service embedding DiploSearch: index a folder, then answer a faceted query.
// Usage: embed DB_DIR SOURCE QUERY
#include <iostream>

#include <diplosearch/diplosearch.hpp>

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: embed DB_DIR SOURCE QUERY\n";
        return 2;
    }
    try {
        {
            diplosearch::Indexer indexer(argv[1]);
            indexer.add_source(argv[2]);
            indexer.commit();
        }  // Closing the indexer releases the write lock.
        diplosearch::Searcher searcher(argv[1]);
        diplosearch::SearchRequest request;
        request.query = argv[3];
        request.limit = 3;
        const auto results = searcher.search(request);
        std::cout << results.total << " hits\n";
        for (const auto& hit : results.hits) {
            std::cout << hit.rank << ". " << hit.document.title << " [" << hit.document.id << "]\n";
        }
        for (const auto& facet : results.facets) {
            std::cout << facet.field << ":";
            for (const auto& v : facet.values) std::cout << ' ' << v.value << '=' << v.count;
            std::cout << '\n';
        }
    } catch (const diplosearch::Error& e) {
        std::cerr << "embed: " << e.what() << '\n';
        return 1;
    }
}
