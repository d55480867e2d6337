// @brief The Catch2 main shared by every test binary: runs the tests, then fails the
// run if they left file descriptors open.
//
// CTest runs one test case per process, so a descriptor still open when the session
// ends was opened by that test case (a database handle, a socket of the HTTP service, a
// pipe or file of the indexer) and never closed: issue 9 asks for no descriptor left
// open after tests. Descriptors open before main (inherited, the sanitizers' own) are
// not counted.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <iostream>

#include "support/open_descriptors.hpp"

int main(int argc, char* argv[]) {
    const auto before = diplosearch::test::open_descriptors();
    const int failed = Catch::Session().run(argc, argv);
    const auto left_open =
        diplosearch::test::opened_since(before, diplosearch::test::open_descriptors());
    if (left_open.empty()) return failed;
    std::cerr << "file descriptors left open by the tests (" << left_open.size() << "):\n";
    for (const auto& [fd, target] : left_open) std::cerr << "  " << fd << " -> " << target << '\n';
    return failed != 0 ? failed : 1;
}
