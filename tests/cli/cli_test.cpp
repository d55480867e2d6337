// @brief CLI tests: the real diplo-index and diplo-search binaries run through /bin/sh,
// checking exit codes, messages on stderr, and the text and JSON output contracts.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "diplosearch/version.hpp"
#include "support/test_env.hpp"

using diplosearch::test::CommandResult;
using diplosearch::test::diplo_index_bin;
using diplosearch::test::diplo_search_bin;
using diplosearch::test::run_command;
using diplosearch::test::sample_corpus;
using diplosearch::test::shell_quote;
using diplosearch::test::TempDir;
using diplosearch::test::write_file;
using nlohmann::json;

namespace {

// Exit codes documented in --help.
constexpr int kOk = 0;
constexpr int kFailure = 1;
constexpr int kUsage = 2;
constexpr int kNoDatabase = 3;
constexpr int kLocked = 4;
constexpr int kRejected = 5;
constexpr int kSchema = 6;

std::string q(const std::string& s) {
    return shell_quote(s);
}

CommandResult index_cmd(const std::string& args, const std::string& input = "") {
    return run_command(q(diplo_index_bin()) + " " + args, input);
}

CommandResult search_cmd(const std::string& args) {
    return run_command(q(diplo_search_bin()) + " " + args);
}

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

// Scores are floating point: mask them in text output before exact comparison.
std::string mask_scores(const std::string& s) {
    return std::regex_replace(s, std::regex(R"(  \[[0-9]+\.[0-9]{2}\]\n)"), "  [S]\n");
}

// A small corpus whose output is fully predictable.
const std::string kFixtureJsonl =
    R"({"id": "a-1", "title": "Gwadar port talks", "date": "2015-04-20", "country": ["PAK", "CHN"], )"
    R"("topic": ["cpec"], "type": "article", "source": "Wire", )"
    R"("text": "Pakistan and China discussed the Gwadar port."})"
    "\n"
    R"({"id": "b-2", "title": "Khartoum declaration", "date": "2015-03-23", )"
    R"("country": ["EGY", "ETH", "SDN"], "topic": ["water"], "type": "declaration", )"
    R"("text": "Egypt, Ethiopia and Sudan signed a declaration on the dam & the reservoir <today>."})"
    "\n"
    R"({"id": "c-3", "title": "Gwadar fishermen protest", "date": "2021-12-03", "country": "PAK", )"
    R"("topic": ["cpec", "water"], "type": "article", )"
    R"("text": "Fishermen in Gwadar demanded drinking water and an end to trawling near Gwadar."})"
    "\n";

// A database built by diplo-index from @p source into a fresh folder.
struct IndexedDb {
    TempDir dir;
    std::string db = (dir / "db").string();
    CommandResult indexing;
    explicit IndexedDb(const std::string& source) {
        indexing = index_cmd("--db " + q(db) + " " + q(source));
    }
};

struct FixtureDb {
    TempDir src;
    IndexedDb idx{[&] {
        write_file(src / "fixture.jsonl", kFixtureJsonl);
        return (src / "fixture.jsonl").string();
    }()};
    const std::string& db() const { return idx.db; }
};

json search_json(const std::string& db, const std::string& args) {
    const CommandResult r = search_cmd("--db " + q(db) + " --format json " + args);
    INFO(r.err);
    REQUIRE(r.exit_code == kOk);
    return json::parse(r.out);
}

std::uint64_t doc_count(const std::string& db) {
    return search_json(db, "--limit 0 --facets none")["total"].get<std::uint64_t>();
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Help, version, usage errors
// ---------------------------------------------------------------------------------------

TEST_CASE("help and version exit 0 for both binaries", "[cli]") {
    const std::string version = DIPLOSEARCH_VERSION;
    for (const auto& [bin, name] : {std::pair{diplo_index_bin(), std::string("diplo-index")},
                                    std::pair{diplo_search_bin(), std::string("diplo-search")}}) {
        INFO(name);
        const CommandResult help = run_command(q(bin) + " --help");
        CHECK(help.exit_code == kOk);
        CHECK_THAT(help.out, Catch::StartsWith("Usage: " + name + " --db PATH"));
        CHECK_THAT(help.out, Catch::Contains("Exit codes:"));
        CHECK_THAT(help.out, Catch::Contains("  4  database locked by another indexer"));
        CHECK_THAT(help.out, Catch::Contains("  6  database schema version not supported"));
        CHECK(help.err.empty());
        CHECK(run_command(q(bin) + " -h").out == help.out);

        const CommandResult ver = run_command(q(bin) + " --version");
        CHECK(ver.exit_code == kOk);
        CHECK(ver.out == name + " " + version + "\n");
        CHECK(ver.err.empty());
    }
    CHECK_THAT(run_command(q(diplo_search_bin()) + " --help").out,
               Catch::Contains("--facet-size N"));
    CHECK_THAT(run_command(q(diplo_index_bin()) + " --help").out,
               Catch::Contains("--batch-size N"));
}

TEST_CASE("diplo-search serve runs the HTTP service with the arguments after serve", "[cli]") {
    const CommandResult help = search_cmd("serve --help");
    CHECK(help.exit_code == kOk);
    CHECK_THAT(help.out, Catch::StartsWith("Usage: diplo-serve --db PATH"));
    CHECK_THAT(search_cmd("--help").out, Catch::Contains("diplo-search serve --db PATH"));
    // The service's own checks and exit codes, not the search command's.
    const CommandResult missing = search_cmd("serve --db /nonexistent/diplo-db");
    CHECK(missing.exit_code == 3);
    CHECK_THAT(missing.err, Catch::StartsWith("diplo-serve: /nonexistent/diplo-db"));
    CHECK(search_cmd("serve --no-such-option").exit_code == kUsage);
}

TEST_CASE("usage errors exit 2 with one message line", "[cli]") {
    TempDir dir;
    struct Case {
        std::string command;
        std::string message;
    };
    int n = 0;
    // Each case gets its own database path, which a usage error must not create.
    auto db = [&] { return q((dir / ("db" + std::to_string(++n))).string()); };
    const std::string corpus = q(sample_corpus().string());
    const std::vector<Case> cases = {
        {q(diplo_index_bin()) + " --db " + db() + " --frobnicate x", "frobnicate"},
        {q(diplo_search_bin()) + " --db " + db() + " --frobnicate", "frobnicate"},
        {q(diplo_index_bin()) + " " + corpus, "--db PATH is required"},
        {q(diplo_search_bin()) + " cpec", "--db PATH is required"},
        {q(diplo_index_bin()) + " --db " + db(), "no SOURCE given"},
        {q(diplo_index_bin()) + " --db " + db() + " --log-level chatty " + corpus,
         "unknown log level"},
        {q(diplo_index_bin()) + " --db " + db() + " --batch-size many " + corpus, "batch-size"},
        {q(diplo_index_bin()) + " --db " + db() + " --format xml " + corpus,
         "unknown input format 'xml'"},
    };
    for (const auto& c : cases) {
        INFO(c.command);
        const CommandResult r = run_command(c.command);
        CHECK(r.exit_code == kUsage);
        CHECK(r.out.empty());
        CHECK(lines_of(r.err).size() == 1);
        CHECK_THAT(r.err, Catch::Contains(c.message));
    }
    for (int i = 1; i <= n; ++i) {
        INFO(i);
        CHECK_FALSE(std::filesystem::exists(dir / ("db" + std::to_string(i))));
    }
}

TEST_CASE("search option values are validated", "[cli]") {
    FixtureDb f;
    REQUIRE(f.idx.indexing.exit_code == kOk);
    for (const char* args :
         {"--format xml gwadar", "--sort sideways gwadar", "--year abc", "--year 2020..2010",
          "--year ..", "--from 2015-13-01", "--to 2015-02-30", "--facets colour", "--limit ten",
          "--log-format yaml gwadar", "--log-level loud gwadar"}) {
        INFO(args);
        const CommandResult r = search_cmd("--db " + q(f.db()) + " " + args);
        CHECK(r.exit_code == kUsage);
        CHECK(r.out.empty());
        CHECK(lines_of(r.err).size() == 1);
        CHECK_THAT(r.err, Catch::StartsWith("diplo-search: "));
    }
    // Negative counts must not wrap around as unsigned values would.
    for (const char* args : {"--limit -3", "--limit=-3", "--offset -1", "--facet-size -1",
                             "--snippet-length -5", "--limit 99999999999"}) {
        INFO(args);
        const CommandResult r = search_cmd("--db " + q(f.db()) + " " + args);
        CHECK(r.exit_code == kUsage);
        CHECK(r.out.empty());
    }
}

// ---------------------------------------------------------------------------------------
// diplo-index
// ---------------------------------------------------------------------------------------

TEST_CASE("indexing the sample corpus exits 0 and reports its counts", "[cli]") {
    IndexedDb idx(sample_corpus().string());
    INFO(idx.indexing.err);
    CHECK(idx.indexing.exit_code == kOk);
    CHECK(idx.indexing.out.empty());
    CHECK_THAT(idx.indexing.err, Catch::Contains("rejected 0"));
    const std::uint64_t count = doc_count(idx.db);
    CHECK(count > 50);
    CHECK_THAT(idx.indexing.err, Catch::Contains("indexed " + std::to_string(count) + " ("));
}

TEST_CASE("a malformed JSONL line exits 5 naming file and line and keeps the other lines",
          "[cli]") {
    TempDir dir;
    const auto file = dir / "feed.jsonl";
    write_file(file,
               "{\"id\": \"ok-1\", \"title\": \"First\", \"text\": \"Alpha treaty text.\"}\n"
               "{\"id\": \"bad\", \"title\": \n"
               "{\"id\": \"ok-3\", \"title\": \"Third\", \"text\": \"Gamma treaty text.\"}\n");
    const std::string db = (dir / "db").string();
    const CommandResult r = index_cmd("--db " + q(db) + " " + q(file.string()));
    CHECK(r.exit_code == kRejected);
    bool named = false;
    for (const auto& line : lines_of(r.err)) {
        if (line.find(file.string() + ":2") != std::string::npos) {
            named = true;
            CHECK_THAT(line, Catch::Contains("rejected"));
            CHECK_THAT(line, Catch::Contains("invalid JSON"));
        }
    }
    CHECK(named);
    CHECK_THAT(
        r.err,
        Catch::Contains(
            "indexed 2 (added 2, updated 0), unchanged 0, deleted 0, skipped 0, rejected 1"));
    CHECK(doc_count(db) == 2);
    const json hits = search_json(db, "treaty")["hits"];
    REQUIRE(hits.size() == 2);
}

TEST_CASE("malformed front matter is rejected with its line", "[cli]") {
    TempDir dir;
    write_file(dir / "src" / "a.md", "---\ntitle: Fine\nthis line has no colon\n---\nBody text.\n");
    write_file(dir / "src" / "b.md", "---\ntitle: Never closed\ndate: 2020\n");
    write_file(dir / "src" / "c.md", "# Good one\n\nBody text.\n");
    const std::string db = (dir / "db").string();
    const CommandResult r = index_cmd("--db " + q(db) + " " + q((dir / "src").string()));
    CHECK(r.exit_code == kRejected);
    CHECK_THAT(r.err, Catch::Contains((dir / "src" / "a.md").string() + ":3"));
    CHECK_THAT(r.err, Catch::Contains((dir / "src" / "b.md").string()));
    CHECK_THAT(r.err, Catch::Contains("never closed"));
    CHECK_THAT(
        r.err,
        Catch::Contains(
            "indexed 1 (added 1, updated 0), unchanged 0, deleted 0, skipped 0, rejected 2"));
}

TEST_CASE("a missing source path exits 5 with a clear message", "[cli]") {
    TempDir dir;
    const std::string missing = (dir / "no-such-folder").string();
    const CommandResult r = index_cmd("--db " + q((dir / "db").string()) + " " + q(missing));
    CHECK(r.exit_code == kRejected);
    CHECK_THAT(r.err, Catch::Contains(missing));
    CHECK_THAT(r.err, Catch::Contains("no such file or directory"));
}

TEST_CASE("JSONL on stdin is indexed with stdin#line ids", "[cli]") {
    TempDir dir;
    const std::string db = (dir / "db").string();
    const CommandResult r =
        index_cmd("--db " + q(db) + " -",
                  "{\"title\": \"Piped one\", \"text\": \"Walrus accord.\"}\n\n"
                  "{\"title\": \"Piped two\", \"text\": \"Walrus protocol.\"}\n");
    INFO(r.err);
    CHECK(r.exit_code == kOk);
    const json hits = search_json(db, "--sort date walrus")["hits"];
    REQUIRE(hits.size() == 2);
    std::vector<std::string> ids = {hits[0]["id"], hits[1]["id"]};
    std::sort(ids.begin(), ids.end());
    CHECK(ids == std::vector<std::string>{"stdin#1", "stdin#3"});
    CHECK(search_json(db, "'id:stdin#3'")["hits"][0]["title"] == "Piped two");
}

TEST_CASE("re-running diplo-index leaves the document count unchanged", "[cli]") {
    IndexedDb idx(sample_corpus().string());
    REQUIRE(idx.indexing.exit_code == kOk);
    const std::uint64_t before = doc_count(idx.db);
    const json first = search_json(idx.db, "--limit 5 --facet-size 0 treaty");
    const CommandResult again = index_cmd("--db " + q(idx.db) + " " + q(sample_corpus().string()));
    CHECK(again.exit_code == kOk);
    CHECK(doc_count(idx.db) == before);
    const json second = search_json(idx.db, "--limit 5 --facet-size 0 treaty");
    CHECK(second["total"] == first["total"]);
    CHECK(second["facets"] == first["facets"]);
    for (std::size_t i = 0; i < first["hits"].size(); ++i) {
        CHECK(second["hits"][i]["id"] == first["hits"][i]["id"]);
    }
}

TEST_CASE("log format json and quiet shape the stderr of diplo-index", "[cli]") {
    TempDir dir;
    write_file(dir / "feed.jsonl", kFixtureJsonl + "not json\n");
    const std::string src = q((dir / "feed.jsonl").string());
    const CommandResult r =
        index_cmd("--db " + q((dir / "db").string()) + " --log-format json " + src);
    CHECK(r.exit_code == kRejected);
    const auto lines = lines_of(r.err);
    REQUIRE(lines.size() == 2);
    const json error = json::parse(lines[0]);
    CHECK(error["level"] == "error");
    CHECK(error["program"] == "diplo-index");
    CHECK_THAT(error["message"].get<std::string>(), Catch::Contains("feed.jsonl:4"));
    const json info = json::parse(lines[1]);
    CHECK(info["level"] == "info");
    CHECK_THAT(info["message"].get<std::string>(), Catch::Contains("indexed 3"));

    const CommandResult quiet = index_cmd("--db " + q((dir / "db2").string()) + " -q " + src);
    CHECK(quiet.exit_code == kRejected);
    CHECK(lines_of(quiet.err).size() == 1);  // Only the rejection.
    CHECK_THAT(quiet.err, Catch::Contains("rejected"));
}

TEST_CASE("a second diplo-index on a locked database exits 4", "[cli]") {
    TempDir dir;
    const std::string db = (dir / "db").string();
    const std::string fifo = (dir / "feed").string();
    write_file(dir / "other.jsonl", kFixtureJsonl);
    // The first indexer reads JSONL from a FIFO that this script holds open, so it keeps
    // the lock until the script closes its end. The second starts once the database
    // exists (the stub is written after the lock is taken).
    const std::string script =
        "set -u\n"
        "mkfifo " +
        q(fifo) + "\n" + q(diplo_index_bin()) + " --db " + q(db) + " - <" + q(fifo) +
        " >/dev/null 2>" + q((dir / "first.err").string()) +
        " &\n"
        "first=$!\n"
        "exec 3>" +
        q(fifo) +
        "\n"
        "i=0\n"
        "while [ ! -e " +
        q(db + "/XAPIANDB") +
        " ] && [ $i -lt 500 ]; do sleep 0.01; "
        "i=$((i+1)); done\n" +
        q(diplo_index_bin()) + " --db " + q(db) + " " + q((dir / "other.jsonl").string()) +
        "\n"
        "echo \"second=$?\"\n"
        "echo '{\"id\": \"fifo-1\", \"title\": \"Via fifo\", \"text\": \"Narwhal.\"}' >&3\n"
        "exec 3>&-\n"
        "wait $first\n"
        "echo \"first=$?\"\n";
    const CommandResult r = run_command(script);
    CHECK_THAT(r.out, Catch::Contains("second=" + std::to_string(kLocked) + "\n"));
    CHECK_THAT(r.out, Catch::Contains("first=0\n"));
    CHECK_THAT(r.err, Catch::Contains("diplo-index: " + db + ": locked by another indexer"));
    CHECK(lines_of(r.err).size() == 1);
    // Only the first indexer's document made it in.
    CHECK(doc_count(db) == 1);
    CHECK(search_json(db, "narwhal")["total"] == 1);
}

TEST_CASE("diplo-index --wait waits for the lock instead of failing", "[cli]") {
    TempDir dir;
    const std::string db = (dir / "db").string();
    const std::string fifo = (dir / "feed").string();
    write_file(dir / "other.jsonl", kFixtureJsonl);
    // As above, the first indexer holds the lock until the script closes the FIFO; the
    // second, started meanwhile with --wait (and without the FIFO's write end, or the
    // first would never see its end), must then get the lock and succeed.
    const std::string script =
        "set -u\nmkfifo " + q(fifo) + "\n" + q(diplo_index_bin()) + " -q --db " + q(db) + " - <" +
        q(fifo) + " &\nfirst=$!\nexec 3>" + q(fifo) + "\ni=0\nwhile [ ! -e " + q(db + "/XAPIANDB") +
        " ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i+1)); done\n" + q(diplo_index_bin()) +
        " -q --wait 30 --db " + q(db) + " " + q((dir / "other.jsonl").string()) +
        " 3>&- &\nsecond=$!\nsleep 0.5\n"
        "echo '{\"id\": \"fifo-1\", \"title\": \"Via fifo\", \"text\": \"Narwhal.\"}' >&3\n"
        "exec 3>&-\nwait $first\necho \"first=$?\"\nwait $second\necho \"second=$?\"\n";
    const CommandResult r = run_command(script);
    CHECK_THAT(r.out, Catch::Contains("first=0\n"));
    CHECK_THAT(r.out, Catch::Contains("second=0\n"));
    CHECK(doc_count(db) > 1);
    CHECK(search_json(db, "narwhal")["total"] == 1);
}

TEST_CASE("re-running diplo-index reports unchanged documents and writes nothing", "[cli]") {
    TempDir dir;
    const std::string db = (dir / "db").string();
    const std::string source = diplosearch::test::sample_corpus().string();
    const CommandResult first = index_cmd("--db " + q(db) + " " + q(source));
    REQUIRE(first.exit_code == 0);
    CHECK_THAT(first.err, Catch::Contains("indexed 74 (added 74, updated 0), unchanged 0"));
    const CommandResult second = index_cmd("--db " + q(db) + " " + q(source));
    CHECK(second.exit_code == 0);
    // Every file's size, times and inode match its stamp: none is read again.
    CHECK_THAT(second.err, Catch::Contains("indexed 0 (added 0, updated 0), unchanged 74"));
    CHECK_THAT(second.err, Catch::Contains("(0 files read, 58 unchanged)"));
    // --rehash reads every file and finds every document unchanged by its hash.
    const CommandResult rehashed = index_cmd("--rehash --db " + q(db) + " " + q(source));
    CHECK_THAT(rehashed.err, Catch::Contains("indexed 0 (added 0, updated 0), unchanged 74"));
    CHECK_THAT(rehashed.err, Catch::Contains("(58 files read, 0 unchanged)"));
    // Turning extraction off changes how documents are indexed, so they are redone.
    const CommandResult third = index_cmd("--no-extract --db " + q(db) + " " + q(source));
    CHECK_THAT(third.err, Catch::Contains("indexed 74 (added 0, updated 74), unchanged 0"));
}

// ---------------------------------------------------------------------------------------
// diplo-search
// ---------------------------------------------------------------------------------------

TEST_CASE("diplo-search on a missing database exits 3 naming the path", "[cli]") {
    TempDir dir;
    const std::string missing = (dir / "nowhere").string();
    const CommandResult r = search_cmd("--db " + q(missing) + " cpec");
    CHECK(r.exit_code == kNoDatabase);
    CHECK(r.out.empty());
    CHECK(lines_of(r.err).size() == 1);
    CHECK_THAT(r.err, Catch::StartsWith("diplo-search: " + missing));

    std::filesystem::create_directories(dir / "empty");
    const CommandResult empty = search_cmd("--db " + q((dir / "empty").string()) + " cpec");
    CHECK(empty.exit_code == kNoDatabase);
    CHECK_THAT(empty.err, Catch::Contains((dir / "empty").string()));
}

TEST_CASE("a query syntax error exits 2 with one line on stderr", "[cli]") {
    FixtureDb f;
    const CommandResult r = search_cmd("--db " + q(f.db()) + " 'cpec AND'");
    CHECK(r.exit_code == kUsage);
    CHECK(r.out.empty());
    const auto lines = lines_of(r.err);
    REQUIRE(lines.size() == 1);
    CHECK_THAT(lines[0], Catch::StartsWith("diplo-search: query syntax error in 'cpec AND'"));
}

TEST_CASE("an unknown country exits 2", "[cli]") {
    FixtureDb f;
    for (const char* args :
         {"--country Narnia", "--country PAK,Narnia gwadar", "'country:Narnia'"}) {
        INFO(args);
        const CommandResult r = search_cmd("--db " + q(f.db()) + " " + args);
        CHECK(r.exit_code == kUsage);
        CHECK(r.out.empty());
        CHECK(lines_of(r.err).size() == 1);
        CHECK_THAT(r.err, Catch::Contains("unknown country 'Narnia'"));
    }
}

TEST_CASE("a database with another schema version exits 6", "[cli]") {
    FixtureDb f;
    REQUIRE(f.idx.indexing.exit_code == kOk);
    {
        Xapian::WritableDatabase db(f.db(), Xapian::DB_OPEN);
        REQUIRE(db.get_metadata("diplosearch.schema_version") == "6");
        db.set_metadata("diplosearch.schema_version", "999");
        db.commit();
    }
    const CommandResult r = search_cmd("--db " + q(f.db()) + " gwadar");
    CHECK(r.exit_code == kSchema);
    CHECK(r.out.empty());
    CHECK(lines_of(r.err).size() == 1);
    CHECK_THAT(r.err, Catch::Contains("schema version 999"));

    const CommandResult idx = index_cmd("--db " + q(f.db()) + " " + q(f.src.path().string()));
    CHECK(idx.exit_code == kSchema);
}

TEST_CASE("JSON output follows the documented contract", "[cli]") {
    FixtureDb f;
    // Plain BM25 (no title boost), so the order below follows from term counts.
    const json j = search_json(f.db(), "--facet-size 0 --title-boost 0 gwadar");
    CHECK(j["format_version"] == 2);
    CHECK(j["query"] == "gwadar");
    CHECK(j["total"] == 2);
    CHECK(j["offset"] == 0);
    CHECK(j["limit"] == 10);
    CHECK(j.contains("suggestion"));
    CHECK(j["suggestion"].is_null());
    REQUIRE(j["hits"].is_array());
    REQUIRE(j["hits"].size() == 2);
    for (const auto& hit : j["hits"]) {
        for (const char* key : {"rank", "score", "id", "title", "date", "year", "countries",
                                "topics", "type", "source", "url", "path", "snippet"}) {
            INFO(key);
            CHECK(hit.contains(key));
        }
        CHECK(hit["rank"].is_number_integer());
        CHECK(hit["score"].is_number());
        CHECK(hit["score"].get<double>() > 0.0);
        CHECK(hit["countries"].is_array());
        CHECK(hit["topics"].is_array());
        CHECK(hit["url"].is_null());
        CHECK_THAT(hit["path"].get<std::string>(), Catch::Contains("fixture.jsonl:"));
        CHECK_THAT(hit["snippet"].get<std::string>(), Catch::Contains("<b>Gwadar</b>"));
    }
    // c-3 mentions Gwadar twice.
    const json& top = j["hits"][0];
    CHECK(top["rank"] == 1);
    CHECK(top["id"] == "c-3");
    CHECK(top["title"] == "Gwadar fishermen protest");
    CHECK(top["date"] == "2021-12-03");
    CHECK(top["year"] == 2021);
    CHECK(top["countries"] == json::array({"PAK"}));
    CHECK(top["topics"] == json::array({"cpec", "water"}));
    CHECK(top["type"] == "article");
    CHECK(top["source"].is_null());
    const json& second = j["hits"][1];
    CHECK(second["rank"] == 2);
    CHECK(second["id"] == "a-1");
    CHECK(second["source"] == "Wire");
    CHECK(second["countries"] == json::array({"PAK", "CHN"}));
    CHECK(top["score"].get<double>() >= second["score"].get<double>());

    const json& country = j["facets"]["country"];
    CHECK(country["distinct"] == 2);
    CHECK(country["values"] == json::parse(R"([{"value": "PAK", "label": "Pakistan", "count": 2},
                          {"value": "CHN", "label": "China", "count": 1}])"));
    CHECK(j["facets"]["topic"]["values"] ==
          json::parse(R"([{"value": "cpec", "label": "cpec", "count": 2},
                          {"value": "water", "label": "water", "count": 1}])"));
    CHECK(j["facets"]["year"]["values"] ==
          json::parse(R"([{"value": "2015", "label": "2015", "count": 1},
                          {"value": "2021", "label": "2021", "count": 1}])"));
    CHECK(j["facets"]["type"]["values"] ==
          json::parse(R"([{"value": "article", "label": "article", "count": 2}])"));

    // Snippets are HTML-escaped around the <b> markers.
    const json r = search_json(f.db(), "reservoir");
    REQUIRE(r["hits"].size() == 1);
    CHECK_THAT(r["hits"][0]["snippet"].get<std::string>(),
               Catch::Contains("dam &amp; the <b>reservoir</b> &lt;today&gt;."));
    CHECK(r["hits"][0]["url"].is_null());

    // Spelling suggestion, empty hits (typo tolerance off, else near words match).
    const json s = search_json(f.db(), "--no-fuzzy gwadr");
    CHECK(s["total"] == 0);
    CHECK(s["hits"] == json::array());
    CHECK(s["suggestion"] == "gwadar");

    // --facets none, limit and offset are echoed.
    const json n = search_json(f.db(), "--facets none --limit 1 --offset 1");
    CHECK(n["facets"] == json::object());
    CHECK(n["limit"] == 1);
    CHECK(n["offset"] == 1);
    CHECK(n["query"] == "");
    CHECK(n["total"] == 3);
    REQUIRE(n["hits"].size() == 1);
    CHECK(n["hits"][0]["rank"] == 2);
    CHECK(n["hits"][0]["score"] == 0.0);
}

TEST_CASE("text output is stable and has no ANSI escapes when not on a terminal", "[cli]") {
    FixtureDb f;
    CommandResult r = search_cmd("--db " + q(f.db()) + " --match all port gwadar");
    CHECK(r.exit_code == kOk);
    CHECK(r.err.empty());
    CHECK(r.out.find('\x1b') == std::string::npos);
    CHECK(mask_scores(r.out) ==
          "1 result for \"port gwadar\", showing 1-1\n"
          "\n"
          "  1. Gwadar port talks  [S]\n"
          "     2015-04-20 | PAK, CHN | cpec | article | Wire\n"
          "     id: a-1\n"
          "     Pakistan and China discussed the Gwadar port.\n"
          "\n"
          "Facets:\n"
          "  country: China (CHN) 1, Pakistan (PAK) 1\n"
          "  topic:   cpec 1\n"
          "  year:    2015 1\n"
          "  type:    article 1\n");

    // By default the one complete match is followed by the documents with some words.
    r = search_cmd("--db " + q(f.db()) + " --facets none port gwadar");
    CHECK(r.exit_code == kOk);
    CHECK(lines_of(r.out).at(0) == "2 results for \"port gwadar\", showing 1-2");
    CHECK(lines_of(r.out).at(1) == "1 with every word, then 1 with some of them");

    // Plain text is not HTML-escaped.
    r = search_cmd("--db " + q(f.db()) + " --facets none reservoir");
    CHECK(r.exit_code == kOk);
    CHECK(mask_scores(r.out) ==
          "1 result for \"reservoir\", showing 1-1\n"
          "\n"
          "  1. Khartoum declaration  [S]\n"
          "     2015-03-23 | EGY, ETH, SDN | water | declaration\n"
          "     id: b-2\n"
          "     Egypt, Ethiopia and Sudan signed a declaration on the dam & the reservoir "
          "<today>.\n");

    r = search_cmd("--db " + q(f.db()) + " --no-fuzzy --facets country --facet-size 1 gwadr");
    CHECK(r.exit_code == kOk);
    CHECK(r.out ==
          "0 results for \"gwadr\"\n"
          "Did you mean: gwadar\n"
          "\n"
          "Facets:\n"
          "  country: -\n");

    r = search_cmd("--db " + q(f.db()) + " --facets country,type --facet-size 1 --limit 0");
    CHECK(r.out ==
          "3 results for all documents\n"
          "\n"
          "Facets:\n"
          "  country: Pakistan (PAK) 2 (+4 more)\n"
          "  type:    article 2 (+1 more)\n");

    // The sample corpus: the top hit for a known query, first lines only.
    IndexedDb corpus(sample_corpus().string());
    r = search_cmd("--db " + q(corpus.db) + " --limit 3 --facets none 'CPEC Gwadar'");
    CHECK(r.exit_code == kOk);
    CHECK(r.out.find('\x1b') == std::string::npos);
    const auto lines = lines_of(r.out);
    REQUIRE(lines.size() > 3);
    CHECK(
        std::regex_match(lines[0], std::regex(R"([0-9]+ results for "CPEC Gwadar", showing 1-3)")));
    CHECK(lines[1] == "6 with every word, then 1 with some of them");
    CHECK(lines[2].empty());
    CHECK(
        std::regex_match(lines[3], std::regex(R"(  1\. .*(CPEC|Gwadar).*  \[[0-9]+\.[0-9]{2}\])")));
}

TEST_CASE("text output on a terminal uses bold escapes", "[cli]") {
    if (run_command("command -v script").exit_code != 0) {
        WARN("script(1) not available: terminal output not tested");
        return;
    }
    FixtureDb f;
    const std::string inner =
        q(diplo_search_bin()) + " --db " + q(f.db()) + " --facets none reservoir";
    const CommandResult r = run_command("script -qec " + q(inner) + " /dev/null");
    CHECK(r.exit_code == kOk);
    CHECK_THAT(r.out, Catch::Contains("\x1b[1mKhartoum declaration\x1b[0m"));
    CHECK_THAT(r.out, Catch::Contains("\x1b[1mreservoir\x1b[0m"));
}

TEST_CASE("year and date filters and date sorting and paging on the sample corpus", "[cli]") {
    IndexedDb idx(sample_corpus().string());
    REQUIRE(idx.indexing.exit_code == kOk);

    // --year: every hit is inside the range, and the total equals the year facet's
    // counts inside the range for the unfiltered query.
    const json all = search_json(idx.db, "--limit 0 --facets year --facet-size 0");
    std::uint64_t in_range = 0;
    for (const auto& v : all["facets"]["year"]["values"]) {
        const int year = std::stoi(v["value"].get<std::string>());
        if (year >= 2015 && year <= 2020) in_range += v["count"].get<std::uint64_t>();
    }
    REQUIRE(in_range > 0);
    const json ranged =
        search_json(idx.db, "--year 2015..2020 --limit 1000 --facets year --facet-size 0");
    CHECK(ranged["total"] == in_range);
    CHECK(ranged["hits"].size() == in_range);
    for (const auto& hit : ranged["hits"]) {
        REQUIRE(hit["year"].is_number_integer());
        CHECK(hit["year"].get<int>() >= 2015);
        CHECK(hit["year"].get<int>() <= 2020);
    }
    // The year facet is multi-select: it still lists years outside the filter.
    CHECK(ranged["facets"]["year"] == all["facets"]["year"]);
    const json single = search_json(idx.db, "--year 2015 --limit 1000 --facets none");
    for (const auto& hit : single["hits"]) CHECK(hit["year"] == 2015);
    const json open = search_json(idx.db, "--year 2020.. --limit 1000 --facets none");
    for (const auto& hit : open["hits"]) CHECK(hit["year"].get<int>() >= 2020);

    // --from/--to
    const json dated =
        search_json(idx.db, "--from 2015-03-01 --to 2016-06-30 --limit 1000 --facets none");
    REQUIRE(dated["total"].get<int>() > 0);
    for (const auto& hit : dated["hits"]) {
        const std::string date = hit["date"];
        CHECK(date >= "2015-03");
        CHECK(date <= "2016-06-30");
    }

    // --sort -date: dates never increase; undated hits come last.
    const json newest = search_json(idx.db, "--sort -date --limit 1000 --facets none");
    REQUIRE(newest["hits"].size() == newest["total"].get<std::size_t>());
    std::string previous = "9999";
    bool undated_seen = false;
    for (const auto& hit : newest["hits"]) {
        if (hit["date"].is_null()) {
            undated_seen = true;
            continue;
        }
        CHECK_FALSE(undated_seen);
        const std::string date = hit["date"];
        CHECK(date <= previous);
        previous = date;
    }
    const json oldest = search_json(idx.db, "--sort date --year 1900.. --limit 1000 --facets none");
    previous = "0000";
    for (const auto& hit : oldest["hits"]) {
        const std::string date = hit["date"];
        CHECK(date >= previous);
        previous = date;
    }

    // --limit/--offset page through the same ranking.
    const json ten = search_json(idx.db, "--limit 10 --facets none treaty");
    REQUIRE(ten["hits"].size() == 10);
    const json page = search_json(idx.db, "--limit 3 --offset 4 --facets none treaty");
    CHECK(page["total"] == ten["total"]);
    REQUIRE(page["hits"].size() == 3);
    for (int i = 0; i < 3; ++i) {
        CHECK(page["hits"][i]["id"] == ten["hits"][4 + i]["id"]);
        CHECK(page["hits"][i]["rank"] == 5 + i);
    }
    const json beyond = search_json(idx.db, "--limit 3 --offset 100000 --facets none treaty");
    CHECK(beyond["hits"].empty());
    CHECK(beyond["total"] == ten["total"]);

    // -n, -c, -t short options.
    const json shorts = search_json(idx.db, "-n 2 -c PAK -t cpec --facets none");
    CHECK(shorts["hits"].size() == 2);
    for (const auto& hit : shorts["hits"]) {
        CHECK(std::find(hit["countries"].begin(), hit["countries"].end(), "PAK") !=
              hit["countries"].end());
        CHECK(std::find(hit["topics"].begin(), hit["topics"].end(), "cpec") != hit["topics"].end());
    }
}

TEST_CASE("diplo-index --explain shows extraction evidence without writing a database", "[cli]") {
    const std::string file =
        (diplosearch::test::sample_corpus() / "news" / "gwadar-residents-water-protest-2021.md")
            .string();
    const CommandResult text = index_cmd("--explain " + q(file));
    CHECK(text.exit_code == 0);
    CHECK_THAT(text.out, Catch::Contains("country   [extracted] PAK, CHN"));
    CHECK_THAT(text.out, Catch::Contains("\"Pakistan\" name"));
    CHECK_THAT(text.out, Catch::Contains("type      [extracted] article"));

    const CommandResult as_json = index_cmd("--explain --json " + q(file));
    REQUIRE(as_json.exit_code == 0);
    const auto parsed = nlohmann::json::parse(as_json.out);
    CHECK(parsed["format_version"] == 1);
    REQUIRE(parsed["documents"].size() == 1);
    const auto& doc = parsed["documents"][0];
    CHECK(doc["country"]["origin"] == "extracted");
    CHECK(doc["country"]["value"] == nlohmann::json::array({"PAK", "CHN"}));
    CHECK(doc["evidence"]["spans"].size() >= 3);
    CHECK(doc["evidence"]["topics"][0]["topic"] == doc["topic"]["value"][0]);

    const CommandResult missing = index_cmd("--explain /nonexistent/file.md");
    CHECK(missing.exit_code == 5);
    CHECK_THAT(missing.err, Catch::Contains("/nonexistent/file.md"));
}

// ---------------------------------------------------------------------------------------
// Reindex jobs: reports, stats, generations
// ---------------------------------------------------------------------------------------

TEST_CASE("a job report is written as JSON, also for a failed job", "[cli][reindex]") {
    TempDir dir;
    const std::string db = (dir / "db").string();
    const CommandResult ok =
        index_cmd("--report - --db " + q(db) + " " + q(sample_corpus().string()));
    REQUIRE(ok.exit_code == kOk);
    const json report = json::parse(ok.out);
    CHECK(report["format_version"] == 1);
    CHECK(report["status"] == "ok");
    CHECK(report["mode"] == "incremental");
    CHECK(report["documents"]["added"] == 74);
    CHECK(report["documents"]["rejected"] == 0);
    CHECK(report["files"]["read"] == 58);
    CHECK(report["database_after"]["doccount"] == 74);
    CHECK(report["database_after"]["generation"] == 1);
    CHECK(report["bytes"].get<std::uint64_t>() > 100000);

    write_file(dir / "bad.jsonl", "{\"id\": \"a\", \"text\": \"Fine.\"}\n{broken\n");
    const std::string file_report = (dir / "report.json").string();
    const CommandResult rejected = index_cmd("--report " + q(file_report) + " --db " + q(db) + " " +
                                             q((dir / "bad.jsonl").string()));
    CHECK(rejected.exit_code == kRejected);
    std::ifstream in(file_report);
    const json partial = json::parse(in);
    CHECK(partial["status"] == "ok-with-rejections");
    REQUIRE(partial["problems"].size() == 1);
    CHECK(partial["problems"][0]["kind"] == "rejected");
    CHECK(partial["problems"][0]["line"] == 2);
    CHECK_THAT(partial["problems"][0]["reason"].get<std::string>(),
               Catch::Contains("invalid JSON"));

    // A database that cannot be opened: the report says why, and the exit code too.
    write_file(dir / "not-a-db" / "stray.txt", "x");
    const CommandResult failed = index_cmd("--report - --db " + q((dir / "not-a-db").string()) +
                                           " " + q((dir / "bad.jsonl").string()));
    CHECK(failed.exit_code == 1);
    const json failure = json::parse(failed.out);
    CHECK(failure["status"] == "failed");
    CHECK_THAT(failure["error"].get<std::string>(), Catch::Contains("not a DiploSearch database"));
}

TEST_CASE("diplo-index stats describes the database", "[cli][reindex]") {
    FixtureDb f;
    const auto count = doc_count(f.db());
    const CommandResult text = index_cmd("stats --db " + q(f.db()));
    CHECK(text.exit_code == kOk);
    CHECK_THAT(text.out, Catch::Contains("generations     1 (live)"));
    const CommandResult r = index_cmd("stats --json --db " + q(f.db()));
    REQUIRE(r.exit_code == kOk);
    const json stats = json::parse(r.out);
    CHECK(stats["doccount"] == count);
    CHECK(stats["layout"] == "generations");
    CHECK(stats["live_generation"] == 1);
    CHECK(stats["schema_version"] == "6");
    CHECK(stats["facet_values"]["country"].get<int>() > 0);
    CHECK(stats["checkpoint"]["doccount"] == count);
    CHECK(stats["last_job"]["documents"]["added"] == count);
    CHECK(stats["content_digest"].get<std::string>().size() == 16);

    // The digest depends on contents only: a rebuild of the same sources matches it.
    const CommandResult rebuilt =
        index_cmd("--rebuild --db " + q(f.db()) + " " + q((f.src / "fixture.jsonl").string()));
    CHECK(rebuilt.exit_code == kOk);
    const json after = json::parse(index_cmd("stats --json --db " + q(f.db())).out);
    CHECK(after["live_generation"] == 2);
    CHECK(after["generations"] == json::array({1, 2}));
    CHECK(after["content_digest"] == stats["content_digest"]);

    TempDir dir;
    const CommandResult missing = index_cmd("stats --db " + q((dir / "none").string()));
    CHECK(missing.exit_code == kNoDatabase);
    CHECK(lines_of(missing.err).size() == 1);
}

TEST_CASE("reindex options are checked", "[cli][reindex]") {
    TempDir dir;
    const std::string db = (dir / "db").string();
    const std::string src = q(sample_corpus().string());
    CHECK(index_cmd("--keep 2 --db " + q(db) + " " + src).exit_code == kUsage);
    CHECK(index_cmd("--batch-mb 0 --db " + q(db) + " " + src).exit_code == kUsage);
    CHECK(index_cmd("--keep -1 --rebuild --db " + q(db) + " " + src).exit_code == kUsage);
    CHECK(index_cmd("rollback --db " + q(db)).exit_code == kNoDatabase);
    CHECK_FALSE(std::filesystem::exists(db));
}

namespace {

std::uintmax_t folder_bytes(const std::filesystem::path& folder) {
    std::uintmax_t bytes = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(folder)) {
        if (entry.is_regular_file()) bytes += entry.file_size();
    }
    return bytes;
}

json stats_json(const std::string& db) {
    const CommandResult r = index_cmd("stats --json --db " + q(db));
    INFO(r.err);
    REQUIRE(r.exit_code == kOk);
    return json::parse(r.out);
}

}  // namespace

TEST_CASE("compact jobs and rebuilds finish with a smaller compacted generation, same contents",
          "[cli][reindex]") {
    TempDir dir;
    const std::string db = (dir / "db").string();
    const std::string src = q(sample_corpus().string());
    REQUIRE(index_cmd("--db " + q(db) + " " + src).exit_code == kOk);
    const json loose = stats_json(db);
    const auto loose_bytes = folder_bytes(dir / "db" / "gen-000001");

    // A plain job with --compact: the compacted copy becomes generation 2 and
    // the loose one goes (same documents: nothing to roll back to).
    const CommandResult compacted = index_cmd("--compact --db " + q(db) + " " + src);
    INFO(compacted.err);
    REQUIRE(compacted.exit_code == kOk);
    json after = stats_json(db);
    CHECK(after["live_generation"] == 2);
    CHECK(after["generations"] == json::array({2}));
    CHECK(after["doccount"] == loose["doccount"]);
    CHECK(after["content_digest"] == loose["content_digest"]);
    CHECK(folder_bytes(dir / "db" / "gen-000002") < loose_bytes);
    CHECK(search_json(db, "--facets none gwadar")["total"].get<int>() > 0);

    // A rebuild compacts unless told not to; --keep still applies.
    REQUIRE(index_cmd("--rebuild --no-compact --db " + q(db) + " " + src).exit_code == kOk);
    REQUIRE(index_cmd("--rebuild --db " + q(db) + " " + src).exit_code == kOk);
    after = stats_json(db);
    CHECK(after["live_generation"] == 4);
    CHECK(after["generations"] == json::array({3, 4}));
    CHECK(after["content_digest"] == loose["content_digest"]);
    CHECK(folder_bytes(dir / "db" / "gen-000004") < folder_bytes(dir / "db" / "gen-000003"));

    // A compaction cut short leaves a folder the next job removes.
    std::filesystem::create_directory(dir / "db" / "compact.tmp");
    REQUIRE(index_cmd("--db " + q(db) + " " + src).exit_code == kOk);
    CHECK_FALSE(std::filesystem::exists(dir / "db" / "compact.tmp"));

    CHECK(index_cmd("--no-compact --db " + q(db) + " " + src).exit_code == kUsage);
    CHECK(index_cmd("--rebuild --compact --no-compact --db " + q(db) + " " + src).exit_code ==
          kUsage);
}

TEST_CASE("a rebuild with a source that cannot be read keeps the live generation",
          "[cli][reindex]") {
    TempDir dir;
    const std::string db = (dir / "db").string();
    REQUIRE(index_cmd("--db " + q(db) + " " + q(sample_corpus().string())).exit_code == kOk);
    const json before = stats_json(db);
    const CommandResult r =
        index_cmd("--rebuild --db " + q(db) + " " + q((dir / "mistyped").string()));
    CHECK(r.exit_code == kFailure);
    CHECK_THAT(r.err, Catch::Contains("not switching to the rebuilt generation"));
    CHECK_THAT(r.err, Catch::Contains("mistyped"));
    const json after = stats_json(db);
    CHECK(after["live_generation"] == 1);
    CHECK(after["generations"] == json::array({1}));
    CHECK(after["doccount"] == before["doccount"]);
}

TEST_CASE("a progress bar is drawn on a terminal and never otherwise", "[cli][reindex]") {
    TempDir dir;
    const std::string src = q(sample_corpus().string());
    const CommandResult piped = index_cmd("--db " + q((dir / "piped").string()) + " " + src);
    CHECK(piped.exit_code == kOk);
    CHECK(piped.err.find('\r') == std::string::npos);

    // util-linux `script` runs the indexer with a pseudo-terminal as its stderr.
    if (run_command("command -v script").exit_code != 0) {
        WARN("script(1) is not installed: the terminal case is not checked");
        return;
    }
    const CommandResult tty = run_command(
        "script -qec " +
        q(q(diplo_index_bin()) + " --db " + q((dir / "tty").string()) + " " + src) + " /dev/null");
    CHECK(tty.exit_code == kOk);
    CHECK_THAT(tty.out, Catch::Contains("\r["));
    CHECK_THAT(tty.out, Catch::Contains(" MB, "));
    CHECK_THAT(tty.out, Catch::Contains("docs/s, ETA "));
    CHECK_THAT(tty.out, Catch::Contains("indexed 74 (added 74"));

    const CommandResult quiet = run_command(
        "script -qec " +
        q(q(diplo_index_bin()) + " -q --db " + q((dir / "quiet").string()) + " " + src) +
        " /dev/null");
    CHECK(quiet.exit_code == kOk);
    CHECK(quiet.out.find('\r') == std::string::npos);
}

TEST_CASE("diplo-search synonym and correction options", "[cli][quality]") {
    FixtureDb f;
    TempDir dir;
    const CommandResult missing =
        search_cmd("--db " + q(f.db()) + " --synonyms " + q((dir / "none.tsv").string()) + " x");
    CHECK(missing.exit_code == kUsage);
    CHECK(lines_of(missing.err).size() == 1);
    CHECK_THAT(missing.err, Catch::Contains("none.tsv: cannot read the synonym table"));

    write_file(dir / "mine.tsv", "narwhal\tunicorn of the sea\n");
    const json mine = search_json(
        f.db(), "--synonyms " + q((dir / "mine.tsv").string()) + " '\"unicorn of the sea\"'");
    CHECK(mine["total"] == search_json(f.db(), "narwhal")["total"]);
    CHECK(search_json(f.db(), "--no-synonyms '\"unicorn of the sea\"'")["total"] == 0);

    const CommandResult corrected =
        search_cmd("--db " + q(f.db()) + " --no-fuzzy --auto-correct gwadr");
    CHECK(corrected.exit_code == kOk);
    CHECK_THAT(corrected.out,
               Catch::Contains("No document has every word of \"gwadr\"; searched for \"gwadar\""));
}

TEST_CASE("with JSON logs, the error line of a failed job is JSON too", "[cli][reindex]") {
    TempDir dir;
    write_file(dir / "not-a-db" / "stray.txt", "x");
    const CommandResult r = index_cmd("--log-format json --db " + q((dir / "not-a-db").string()) +
                                      " " + q(sample_corpus().string()));
    CHECK(r.exit_code == 1);
    const auto lines = lines_of(r.err);
    REQUIRE(lines.size() == 1);
    const json line = json::parse(lines.front());
    CHECK(line["level"] == "error");
    CHECK_THAT(line["message"].get<std::string>(), Catch::Contains("not a DiploSearch database"));
}

TEST_CASE("diplo-search --suggest completes words and titles as text and JSON", "[cli]") {
    FixtureDb f;
    CommandResult r = search_cmd("--db " + q(f.db()) + " --suggest gwa");
    CHECK(r.exit_code == kOk);
    CHECK(r.err.empty());
    CHECK(r.out ==
          "term       2  gwadar\n"
          "title      1  Gwadar port talks  (id: a-1)\n"
          "title      1  Gwadar fishermen protest  (id: c-3)\n");
    CHECK(search_json(f.db(), "--suggest 'Pakistan gw'") == json::parse(R"({
        "format_version": 2,
        "prefix": "Pakistan gw",
        "suggestions": [
            {"text": "Pakistan gwadar", "kind": "term", "id": null, "documents": 1}
        ]})"));
    CHECK(search_json(f.db(), "--suggest ''")["suggestions"].empty());
    r = search_cmd("--db " + q(f.db()) + " --suggest gwa port");
    CHECK(r.exit_code == kUsage);
    CHECK_THAT(r.err, Catch::Contains("give no QUERY words too"));

    // The sample corpus: the completion comes first or near it, titles follow.
    IndexedDb corpus(sample_corpus().string());
    REQUIRE(corpus.indexing.exit_code == kOk);
    r = search_cmd("--db " + q(corpus.db) + " --suggest Gwa --limit 3");
    CHECK(r.exit_code == kOk);
    const auto lines = lines_of(r.out);
    REQUIRE(lines.size() == 3);
    CHECK(std::regex_match(lines[0], std::regex(R"(term +[0-9]+  gwadar)")));
    CHECK(std::regex_match(lines[2], std::regex(R"(title +[0-9]+  .*Gwadar.*  \(id: .+\))")));

    const json council = search_json(corpus.db, "--suggest 'security co'");
    CHECK(council["format_version"] == 2);
    CHECK(council["prefix"] == "security co");
    const auto& list = council["suggestions"];
    REQUIRE(list.size() == 10);
    const auto found = std::find_if(list.begin(), list.end(),
                                    [](const json& s) { return s["text"] == "security council"; });
    REQUIRE(found != list.end());
    CHECK((*found)["kind"] == "term");
    CHECK((*found)["id"].is_null());
    CHECK((*found)["documents"].get<int>() > 0);
    CHECK(list.back()["kind"] == "title");
    CHECK(list.back()["id"].is_string());
    CHECK_THAT(list.back()["text"].get<std::string>(),
               Catch::Contains("security", Catch::CaseSensitive::No));
}
