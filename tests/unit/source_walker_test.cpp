// @brief Unit tests of indexer/source_walker.hpp: which files a SOURCE expands to, in
// which order, and the id bases derived from them.
#include "source_walker.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "diplosearch/errors.hpp"
#include "support/test_env.hpp"

using namespace diplosearch;
using namespace diplosearch::indexer;
using diplosearch::test::TempDir;
using diplosearch::test::write_file;
using Strings = std::vector<std::string>;
namespace fs = std::filesystem;

namespace {

std::vector<SourceFile> files_of(const std::string& source) {
    return list_source(source).files;
}

Strings paths_of(const std::vector<SourceFile>& files) {
    Strings out;
    for (const auto& f : files) out.push_back(f.path);
    return out;
}

Strings ids_of(const std::vector<SourceFile>& files) {
    Strings out;
    for (const auto& f : files) out.push_back(f.id_base);
    return out;
}

// A small tree under dir/docs, written in an order unrelated to the sorted one.
void make_tree(const TempDir& dir) {
    write_file(dir / "docs/news/b.md", "b");
    write_file(dir / "docs/a.txt", "a");
    write_file(dir / "docs/news/a.md", "a");
    write_file(dir / "docs/feeds/wire.jsonl", "{}");
    write_file(dir / "docs/z.html", "<p>z</p>");
    write_file(dir / "docs/.hidden.md", "hidden");
    write_file(dir / "docs/.git/config", "hidden");
    write_file(dir / "docs/news/.draft/c.md", "hidden");
    write_file(dir / "docs/news/.swp", "hidden");
    fs::create_directories(dir / "docs/empty");
}

}  // namespace

TEST_CASE("source walker lists regular files sorted by path, skipping hidden ones",
          "[unit][source_walker]") {
    TempDir dir;
    make_tree(dir);
    const std::string root = (dir / "docs").string();
    const auto files = files_of(root);
    CHECK(paths_of(files) == Strings{root + "/a.txt", root + "/feeds/wire.jsonl",
                                     root + "/news/a.md", root + "/news/b.md", root + "/z.html"});
}

TEST_CASE("source walker id bases are relative to the source's parent", "[unit][source_walker]") {
    TempDir dir;
    make_tree(dir);
    const Strings expected = {"docs/a.txt", "docs/feeds/wire.jsonl", "docs/news/a.md",
                              "docs/news/b.md", "docs/z.html"};
    SECTION("directory given plainly") {
        CHECK(ids_of(files_of((dir / "docs").string())) == expected);
    }
    SECTION("directory given with a trailing slash") {
        CHECK(ids_of(files_of((dir / "docs").string() + "/")) == expected);
    }
    SECTION("directory given with redundant components") {
        CHECK(ids_of(files_of((dir / "docs/news/../.").string())) == expected);
    }
    SECTION("a subdirectory") {
        CHECK(ids_of(files_of((dir / "docs/news").string())) == Strings{"news/a.md", "news/b.md"});
    }
}

TEST_CASE("source walker takes a single file as itself", "[unit][source_walker]") {
    TempDir dir;
    make_tree(dir);
    const std::string path = (dir / "docs/news/a.md").string();
    const auto files = files_of(path);
    REQUIRE(files.size() == 1);
    CHECK(files[0].path == path);
    CHECK(files[0].id_base == "a.md");
}

TEST_CASE("source walker gives an empty list for an empty directory", "[unit][source_walker]") {
    TempDir dir;
    fs::create_directories(dir / "empty");
    CHECK(files_of((dir / "empty").string()).empty());
}

TEST_CASE("source walker reports a missing source as InputError", "[unit][source_walker]") {
    TempDir dir;
    const std::string missing = (dir / "nope").string();
    try {
        files_of(missing);
        FAIL("expected InputError");
    } catch (const InputError& e) {
        CHECK(e.source() == missing);
        CHECK(e.reason() == "no such file or directory");
    }
}

TEST_CASE("source walker order is byte order of the paths", "[unit][source_walker]") {
    TempDir dir;
    for (const char* name : {"b.md", "B.md", "a-b.md", "a.md", "a/x.md", "10.md", "9.md"}) {
        write_file(dir / "src" / name, "x");
    }
    const std::string root = (dir / "src").string();
    CHECK(ids_of(files_of(root)) == Strings{"src/10.md", "src/9.md", "src/B.md", "src/a-b.md",
                                            "src/a.md", "src/a/x.md", "src/b.md"});
}
