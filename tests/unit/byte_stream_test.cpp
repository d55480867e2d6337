// @brief Unit tests of indexer/byte_stream.hpp: plain, zstd and istream sources and
// the LineReader over them.
#include "byte_stream.hpp"

#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "diplosearch/errors.hpp"
#include "support/test_env.hpp"

using namespace diplosearch;
using namespace diplosearch::indexer;
using diplosearch::test::run_command;
using diplosearch::test::shell_quote;
using diplosearch::test::TempDir;
using diplosearch::test::write_file;
using Strings = std::vector<std::string>;

namespace {

Strings read_lines(ByteStream& stream) {
    LineReader reader(stream);
    Strings lines;
    std::string line;
    while (reader.next(line)) {
        lines.push_back(line);
        CHECK(reader.line_number() == lines.size());
    }
    CHECK_FALSE(reader.next(line));  // Stays at the end.
    return lines;
}

Strings lines_of(const std::string& content) {
    std::istringstream in(content);
    const auto stream = wrap_istream(in, "test");
    return read_lines(*stream);
}

// Writes @p content to @p dir / @p name and compresses it with the zstd CLI.
std::string write_zst(const TempDir& dir, const std::string& name, const std::string& content) {
    const auto plain = dir / name;
    write_file(plain, content);
    const auto result = run_command("zstd -q -f " + shell_quote(plain.string()) + " -o " +
                                    shell_quote(plain.string() + ".zst"));
    REQUIRE(result.exit_code == 0);
    return plain.string() + ".zst";
}

}  // namespace

TEST_CASE("LineReader splits on LF, with or without a final newline", "[unit][byte_stream]") {
    struct Case {
        std::string content;
        Strings lines;
    };
    const auto c = GENERATE(values<Case>({
        {"", {}},
        {"\n", {""}},
        {"one", {"one"}},
        {"one\n", {"one"}},
        {"one\ntwo", {"one", "two"}},
        {"one\ntwo\n", {"one", "two"}},
        {"a\n\nb\n\n", {"a", "", "b", ""}},
        {"cr\r\nkept\r\n", {"cr\r", "kept\r"}},
        {std::string("nul\0byte\n", 9), {std::string("nul\0byte", 8)}},
    }));
    CHECK(lines_of(c.content) == c.lines);
}

TEST_CASE("LineReader handles lines longer than its 256 KiB chunk", "[unit][byte_stream]") {
    const std::string long_line(600 * 1024 + 7, 'x');
    const std::string exact(256 * 1024, 'y');
    const std::string content = "short\n" + long_line + "\n" + exact + "\n\nlast" + long_line;
    const Strings lines = lines_of(content);
    REQUIRE(lines.size() == 5);
    CHECK(lines[0] == "short");
    CHECK(lines[1] == long_line);
    CHECK(lines[2] == exact);
    CHECK(lines[3].empty());
    CHECK(lines[4] == "last" + long_line);
}

TEST_CASE("LineReader handles many short lines across chunk boundaries", "[unit][byte_stream]") {
    std::string content;
    Strings expected;
    for (int i = 0; i < 60000; ++i) {
        expected.push_back("line " + std::to_string(i));
        content += expected.back() + "\n";
    }
    CHECK(content.size() > 2 * 256 * 1024);
    CHECK(lines_of(content) == expected);
}

TEST_CASE("read_all reads a whole stream", "[unit][byte_stream]") {
    const std::string content = std::string(200 * 1024, 'z') + "tail";
    std::istringstream in(content);
    const auto stream = wrap_istream(in, "test");
    CHECK(read_all(*stream) == content);
    char buffer[8];
    CHECK(stream->read(buffer, sizeof buffer) == 0);
}

TEST_CASE("open_file_stream reads plain files", "[unit][byte_stream]") {
    TempDir dir;
    write_file(dir / "a.jsonl", "{\"id\": 1}\n{\"id\": 2}");
    const auto stream = open_file_stream((dir / "a.jsonl").string());
    CHECK(read_lines(*stream) == Strings{"{\"id\": 1}", "{\"id\": 2}"});

    write_file(dir / "empty.txt", "");
    CHECK(read_all(*open_file_stream((dir / "empty.txt").string())).empty());
}

TEST_CASE("open_file_stream decompresses .zst files", "[unit][byte_stream]") {
    TempDir dir;
    SECTION("small file, lines") {
        const auto path = write_zst(dir, "wire.jsonl", "first\nsecond\nthird");
        const auto stream = open_file_stream(path);
        CHECK(read_lines(*stream) == Strings{"first", "second", "third"});
    }
    SECTION("several MiB, larger than any buffer, read whole and by line") {
        std::string content;
        for (int i = 0; i < 100000; ++i) {
            content += "{\"id\": \"" + std::to_string(i) + "\", \"text\": \"line " +
                       std::to_string(i % 97) + "\"}\n";
        }
        content += std::string(300 * 1024, 'q');  // A long last line without newline.
        const auto path = write_zst(dir, "big.jsonl", content);
        CHECK(read_all(*open_file_stream(path)) == content);
        const auto lines = read_lines(*open_file_stream(path));
        REQUIRE(lines.size() == 100001);
        CHECK(lines[0] == "{\"id\": \"0\", \"text\": \"line 0\"}");
        CHECK(lines[99999] == "{\"id\": \"99999\", \"text\": \"line 89\"}");
        CHECK(lines[100000] == std::string(300 * 1024, 'q'));
    }
    SECTION("empty content") {
        const auto path = write_zst(dir, "empty.jsonl", "");
        CHECK(read_all(*open_file_stream(path)).empty());
    }
    SECTION("concatenated frames read as one stream") {
        const auto a = write_zst(dir, "a.txt", "from a\n");
        const auto b = write_zst(dir, "b.txt", "from b\n");
        const auto both = (dir / "both.txt.zst").string();
        REQUIRE(
            run_command("cat " + shell_quote(a) + " " + shell_quote(b) + " > " + shell_quote(both))
                .exit_code == 0);
        CHECK(read_all(*open_file_stream(both)) == "from a\nfrom b\n");
    }
}

TEST_CASE("open_file_stream reports broken .zst files as InputError", "[unit][byte_stream]") {
    TempDir dir;
    SECTION("truncated") {
        std::string content;
        for (int i = 0; i < 5000; ++i) content += "record " + std::to_string(i) + "\n";
        const auto path = write_zst(dir, "t.txt", content);
        const auto truncated = (dir / "truncated.txt.zst").string();
        REQUIRE(run_command("head -c 100 " + shell_quote(path) + " > " + shell_quote(truncated))
                    .exit_code == 0);
        const auto stream = open_file_stream(truncated);
        CHECK_THROWS_AS(read_all(*stream), InputError);
    }
    SECTION("not zstd at all") {
        const auto path = dir / "plain.txt.zst";
        write_file(path, "this is not compressed\n");
        const auto stream = open_file_stream(path.string());
        CHECK_THROWS_AS(read_all(*stream), InputError);
    }
}

TEST_CASE("open_file_stream on a missing file is an InputError naming it", "[unit][byte_stream]") {
    TempDir dir;
    const std::string missing = (dir / "missing.jsonl").string();
    try {
        open_file_stream(missing);
        FAIL("expected InputError");
    } catch (const InputError& e) {
        CHECK(e.source() == missing);
        CHECK(e.reason().find("cannot open") != std::string::npos);
    }
    CHECK_THROWS_AS(open_file_stream(missing + ".zst"), InputError);
}
