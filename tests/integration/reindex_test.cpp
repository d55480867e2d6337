/// @file
/// @brief Reindex jobs end to end: incremental reruns, file stamps, --prune,
/// rebuilds into generations with readers switching over, rollback, debris,
/// checkpoints, and readers querying while a writer commits.
#include <xapian.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <thread>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "diplosearch/errors.hpp"
#include "diplosearch/indexer.hpp"
#include "diplosearch/searcher.hpp"
#include "support/test_env.hpp"

using namespace diplosearch;
using diplosearch::test::TempDir;
using diplosearch::test::write_file;
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

// Stamps are only trusted for files that last changed two seconds ago or more
// (see FileStamp::settled), so tests of the stamp short-cut wait that long.
void wait_until_files_settle() {
    std::this_thread::sleep_for(std::chrono::milliseconds(2100));
}

std::string record(const std::string& id, const std::string& title, const std::string& text) {
    return json{{"id", id}, {"title", title}, {"text", text}, {"date", "2024-05-01"}}.dump() + "\n";
}

// A small corpus: three text files, one JSONL file with three records.
fs::path write_corpus(const fs::path& root) {
    const fs::path docs = root / "docs";
    write_file(docs / "alpha.txt", "Alpha talks\n\nThe alpha delegation discussed fisheries.\n");
    write_file(docs / "beta.txt", "Beta talks\n\nThe beta delegation discussed railways.\n");
    write_file(docs / "sub" / "gamma.md",
               "# Gamma talks\n\nThe gamma delegation discussed ports.\n");
    write_file(docs / "feed.jsonl", record("feed-1", "Feed one", "Harbour dredging resumed.") +
                                        record("feed-2", "Feed two", "Pipeline tariffs agreed.") +
                                        record("feed-3", "Feed three", "Visa waiver signed."));
    return docs;
}

IndexerOptions quick_options() {
    IndexerOptions options;
    options.extract = false;
    options.spelling = false;
    return options;
}

IndexStats run_job(const std::string& db, const std::vector<std::string>& sources,
                   IndexerOptions options = quick_options()) {
    Indexer indexer(db, options);
    indexer.set_problem_handler([](const InputProblem&) {});
    indexer.add_sources(sources);
    return indexer.finish();
}

std::set<std::string> ids_in(const std::string& db) {
    Xapian::Database xdb(db);
    std::set<std::string> ids;
    for (auto t = xdb.allterms_begin("Q"); t != xdb.allterms_end("Q"); ++t)
        ids.insert((*t).substr(1));
    return ids;
}

std::size_t hits(Searcher& searcher, const std::string& query) {
    SearchRequest request;
    request.query = query;
    return searcher.search(request).total;
}

std::string stub_of(const std::string& db) {
    std::ifstream in(fs::path(db) / "XAPIANDB");
    std::string backend;
    std::string target;
    in >> backend >> target;
    return target;
}

std::set<std::string> generation_folders(const std::string& db) {
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(db)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("gen-", 0) == 0) names.insert(name);
    }
    return names;
}

json checkpoint_of(const std::string& db) {
    return json::parse(Xapian::Database(db).get_metadata("diplosearch.checkpoint"));
}

}  // namespace

TEST_CASE("a new database is a generation folder with a stub naming it", "[reindex]") {
    TempDir dir;
    const auto docs = write_corpus(dir.path());
    const std::string db = (dir / "index").string();
    const IndexStats stats = run_job(db, {docs.string()});
    CHECK(stats.added == 6);
    CHECK(stats.doccount == 6);
    CHECK(stats.generation == 1);
    CHECK(stub_of(db) == "gen-000001");
    CHECK(generation_folders(db) == std::set<std::string>{"gen-000001"});
    CHECK(Xapian::Database(db).get_doccount() == 6);
    // The job's summary is kept beside the database.
    std::ifstream summary(fs::path(db) / "last-job.json");
    const json job = json::parse(summary);
    CHECK(job["status"] == "ok");
    CHECK(job["documents"]["added"] == 6);
    CHECK(job["database_after"]["doccount"] == 6);
}

TEST_CASE("an unchanged rerun touches nothing", "[reindex]") {
    TempDir dir;
    const auto docs = write_corpus(dir.path());
    const std::string db = (dir / "index").string();
    wait_until_files_settle();
    const IndexStats first = run_job(db, {docs.string()});
    REQUIRE(first.added == 6);
    const Xapian::rev revision = Xapian::Database(db).get_revision();

    SECTION("files are skipped unread by their stamps") {
        const IndexStats again = run_job(db, {docs.string()});
        CHECK(again.files_unchanged == 4);
        CHECK(again.files_read == 0);
        CHECK(again.unchanged == 6);
        CHECK(again.indexed == 0);
        CHECK(again.revision == revision);
    }
    SECTION("with --rehash, documents are skipped by their content hash") {
        IndexerOptions options = quick_options();
        options.rehash = true;
        const IndexStats again = run_job(db, {docs.string()}, options);
        CHECK(again.files_read == 4);
        CHECK(again.unchanged == 6);
        CHECK(again.indexed == 0);
        CHECK(again.revision == revision);
    }
    SECTION("a change with the same size and a restored mtime is still seen") {
        const fs::path alpha = docs / "alpha.txt";
        const auto mtime = fs::last_write_time(alpha);
        std::string text = "Alpha talks\n\nThe alpha delegation discussed fisheries.\n";
        text.replace(text.find("fisheries"), 9, "satellite");  // Same length.
        write_file(alpha, text);
        fs::last_write_time(alpha, mtime);  // As `cp -p` or `touch -r` would.
        const IndexStats again = run_job(db, {docs.string()});
        CHECK(again.files_read == 1);
        CHECK(again.updated == 1);
        CHECK(again.unchanged == 5);
        Searcher searcher(db);
        CHECK(hits(searcher, "satellite") == 1);
        CHECK(hits(searcher, "fisheries") == 0);
    }
}

TEST_CASE("edits, additions and removals, with and without --prune", "[reindex]") {
    TempDir dir;
    const auto docs = write_corpus(dir.path());
    const std::string db = (dir / "index").string();
    run_job(db, {docs.string()});

    write_file(docs / "beta.txt", "Beta talks resumed\n\nThe beta delegation discussed tunnels.\n");
    write_file(docs / "delta.txt", "Delta talks\n\nThe delta delegation discussed grain.\n");
    fs::remove(docs / "sub" / "gamma.md");
    write_file(docs / "feed.jsonl", record("feed-1", "Feed one", "Harbour dredging resumed.") +
                                        record("feed-3", "Feed three", "Visa waiver signed."));

    const IndexStats incremental = run_job(db, {docs.string()});
    CHECK(incremental.added == 1);
    // beta.txt, and feed-3, whose line moved: where a document was read is part of it.
    CHECK(incremental.updated == 2);
    CHECK(incremental.deleted == 0);  // Without --prune nothing is ever deleted.
    CHECK(ids_in(db).count("docs/sub/gamma.md") == 1);
    CHECK(ids_in(db).count("feed-2") == 1);
    CHECK(incremental.doccount == 7);

    IndexerOptions prune = quick_options();
    prune.prune = true;
    const IndexStats pruned = run_job(db, {docs.string()}, prune);
    CHECK(pruned.deleted == 2);
    CHECK(pruned.doccount == 5);
    CHECK(ids_in(db) == std::set<std::string>{"docs/alpha.txt", "docs/beta.txt", "docs/delta.txt",
                                              "feed-1", "feed-3"});
    Searcher searcher(db);
    CHECK(hits(searcher, "tunnels") == 1);
    CHECK(hits(searcher, "railways") == 0);
    CHECK(hits(searcher, "ports") == 0);
    CHECK(hits(searcher, "pipeline") == 0);

    const IndexStats again = run_job(db, {docs.string()}, prune);
    CHECK(again.deleted == 0);
    CHECK(again.indexed == 0);
}

TEST_CASE("pruning never deletes what it could not read", "[reindex]") {
    TempDir dir;
    const auto docs = write_corpus(dir.path());
    const std::string db = (dir / "index").string();
    IndexerOptions prune = quick_options();
    prune.prune = true;
    run_job(db, {docs.string()}, prune);

    SECTION("a file that is now malformed keeps its documents") {
        write_file(docs / "feed.jsonl", record("feed-1", "Feed one", "Harbour dredging resumed.") +
                                            "{\"id\": \"feed-2\", broken\n");
        const IndexStats stats = run_job(db, {docs.string()}, prune);
        CHECK(stats.rejected == 1);
        CHECK(stats.deleted == 0);
        CHECK(ids_in(db).count("feed-2") == 1);
        CHECK(ids_in(db).count("feed-3") == 1);
    }
    SECTION("a source that is gone is not pruned") {
        fs::rename(docs, dir / "moved");
        const IndexStats stats = run_job(db, {docs.string()}, prune);
        CHECK(stats.rejected == 1);
        CHECK(stats.deleted == 0);
        CHECK(Xapian::Database(db).get_doccount() == 6);
    }
    SECTION("an empty folder (an unmounted disk?) is not pruned") {
        for (const auto& entry : std::vector<fs::path>(fs::directory_iterator(docs), {})) {
            fs::remove_all(entry);
        }
        const IndexStats stats = run_job(db, {docs.string()}, prune);
        CHECK(stats.deleted == 0);
        CHECK(Xapian::Database(db).get_doccount() == 6);
    }
    SECTION("pruning one source leaves the documents of other sources alone") {
        const fs::path other = dir / "other";
        write_file(other / "note.txt", "Other note\n\nSomething else entirely.\n");
        run_job(db, {other.string()}, prune);
        CHECK(Xapian::Database(db).get_doccount() == 7);
        fs::remove(docs / "alpha.txt");
        const IndexStats stats = run_job(db, {docs.string()}, prune);
        CHECK(stats.deleted == 1);
        CHECK(ids_in(db).count("other/note.txt") == 1);
    }
    SECTION("a file source prunes only its own records") {
        write_file(docs / "feed.jsonl", record("feed-3", "Feed three", "Visa waiver signed."));
        const IndexStats stats = run_job(db, {(docs / "feed.jsonl").string()}, prune);
        CHECK(stats.deleted == 2);
        CHECK(Xapian::Database(db).get_doccount() == 4);
    }
}

TEST_CASE("a rebuild switches readers to a new generation and keeps the old one", "[reindex]") {
    TempDir dir;
    const auto docs = write_corpus(dir.path());
    const std::string db = (dir / "index").string();
    run_job(db, {docs.string()});

    Searcher reader(db);  // Opened on generation 1 and held across the rebuild.
    REQUIRE(hits(reader, "railways") == 1);
    Xapian::Database pinned(db);

    fs::remove(docs / "beta.txt");
    write_file(docs / "omega.txt", "Omega talks\n\nThe omega delegation discussed lighthouses.\n");
    IndexerOptions rebuild = quick_options();
    rebuild.rebuild = true;
    {
        Indexer indexer(db, rebuild);
        indexer.set_problem_handler([](const InputProblem&) {});
        indexer.add_sources({docs.string()});
        indexer.commit();
        // Committed, but not live until finish(): readers still see generation 1.
        CHECK(stub_of(db) == "gen-000001");
        CHECK(hits(reader, "railways") == 1);
        CHECK(hits(reader, "lighthouses") == 0);
        const IndexStats stats = indexer.finish();
        CHECK(stats.generation == 2);
        CHECK(stats.added == 6);
        CHECK(stats.doccount == 6);
    }
    CHECK(stub_of(db) == "gen-000002");
    // The reader follows on its next query, without being reopened by the caller.
    CHECK(hits(reader, "railways") == 0);
    CHECK(hits(reader, "lighthouses") == 1);
    // A handle opened on the old generation keeps working on it.
    CHECK(pinned.get_doccount() == 6);
    CHECK(pinned.term_exists("railways"));
    CHECK(generation_folders(db) == std::set<std::string>{"gen-000001", "gen-000002"});

    SECTION("--keep bounds the generations kept") {
        run_job(db, {docs.string()}, rebuild);
        CHECK(generation_folders(db) == std::set<std::string>{"gen-000002", "gen-000003"});
        rebuild.keep = 0;
        run_job(db, {docs.string()}, rebuild);
        CHECK(generation_folders(db) == std::set<std::string>{"gen-000004"});
    }
    SECTION("rollback makes the previous generation live again") {
        const auto r = test::run_command(test::shell_quote(test::diplo_index_bin()) +
                                         " rollback --db " + test::shell_quote(db));
        CHECK(r.exit_code == 0);
        CHECK(stub_of(db) == "gen-000001");
        CHECK(generation_folders(db) == std::set<std::string>{"gen-000001"});
        CHECK(hits(reader, "railways") == 1);
        const auto again = test::run_command(test::shell_quote(test::diplo_index_bin()) +
                                             " rollback --db " + test::shell_quote(db));
        CHECK(again.exit_code == 2);
        CHECK_THAT(again.err, Catch::Contains("no older generation"));
    }
}

TEST_CASE("an interrupted rebuild leaves the live index untouched and its debris is removed",
          "[reindex]") {
    TempDir dir;
    const auto docs = write_corpus(dir.path());
    const std::string db = (dir / "index").string();
    run_job(db, {docs.string()});
    const Xapian::rev revision = Xapian::Database(db).get_revision();

    SECTION("an exception during the rebuild drops the new generation") {
        IndexerOptions rebuild = quick_options();
        rebuild.rebuild = true;
        try {
            Indexer indexer(db, rebuild);
            indexer.add_sources({docs.string()});
            indexer.commit();
            throw std::runtime_error("job killed");
        } catch (const std::runtime_error&) {
        }
        CHECK(stub_of(db) == "gen-000001");
        CHECK(generation_folders(db) == std::set<std::string>{"gen-000001"});
    }
    SECTION("debris of a killed rebuild goes at the next job") {
        // What a rebuild killed before its switch leaves behind.
        Xapian::WritableDatabase(db + "/gen-000002", Xapian::DB_CREATE).commit();
        write_file(fs::path(db) / "XAPIANDB.tmp", "auto gen-000002\n");
        const IndexStats stats = run_job(db, {docs.string()});
        CHECK(stats.generation == 1);
        CHECK(generation_folders(db) == std::set<std::string>{"gen-000001"});
        CHECK_FALSE(fs::exists(fs::path(db) / "XAPIANDB.tmp"));
    }
    CHECK(Xapian::Database(db).get_revision() == revision);
    CHECK(Xapian::Database(db).get_doccount() == 6);
}

TEST_CASE("a database of another schema is rebuilt in place", "[reindex]") {
    TempDir dir;
    const auto docs = write_corpus(dir.path());
    const std::string db = (dir / "index").string();
    run_job(db, {docs.string()});
    {
        Xapian::WritableDatabase old(db, Xapian::DB_OPEN);
        old.set_metadata("diplosearch.schema_version", "1");
        old.commit();
    }
    CHECK_THROWS_AS(run_job(db, {docs.string()}), SchemaMismatchError);
    CHECK_THROWS_AS(Searcher(db), SchemaMismatchError);
    IndexerOptions rebuild = quick_options();
    rebuild.rebuild = true;
    CHECK(run_job(db, {docs.string()}, rebuild).doccount == 6);
    Searcher searcher(db);
    CHECK(hits(searcher, "fisheries") == 1);
}

TEST_CASE("one writer at a time: a second indexer is refused or waits", "[reindex]") {
    TempDir dir;
    const auto docs = write_corpus(dir.path());
    const std::string db = (dir / "index").string();
    Indexer first(db, quick_options());
    CHECK_THROWS_AS(Indexer(db, quick_options()), DatabaseLockedError);
    IndexerOptions rebuild = quick_options();
    rebuild.rebuild = true;
    CHECK_THROWS_AS(Indexer(db, rebuild), DatabaseLockedError);
}

TEST_CASE("every commit carries a checkpoint, batches bounded by documents and bytes",
          "[reindex]") {
    TempDir dir;
    const fs::path docs = dir / "docs";
    std::string lines;
    for (int i = 1; i <= 40; ++i) {
        lines += record("rec-" + std::to_string(i), "Record " + std::to_string(i),
                        std::string(2000, 'a' + static_cast<char>(i % 26)) + " text");
    }
    write_file(docs / "many.jsonl", lines);
    const std::string db = (dir / "index").string();

    IndexerOptions by_count = quick_options();
    by_count.batch_size = 7;
    run_job(db, {docs.string()}, by_count);
    json checkpoint = checkpoint_of(db);
    CHECK(checkpoint["batch"] == 6);  // 40 documents in batches of 7.
    CHECK(checkpoint["documents"] == 40);
    CHECK(checkpoint["doccount"] == 40);
    CHECK(checkpoint["job"].get<std::string>().find('/') != std::string::npos);

    IndexerOptions by_bytes = quick_options();
    by_bytes.rebuild = true;
    by_bytes.batch_bytes = 10000;  // About five documents of 2 KB.
    run_job(db, {docs.string()}, by_bytes);
    checkpoint = checkpoint_of(db);
    CHECK(checkpoint["batch"] == 8);
    CHECK(checkpoint["doccount"] == 40);
}

TEST_CASE("readers querying in a loop while a writer commits see no failure", "[reindex]") {
    TempDir dir;
    const std::string db = (dir / "index").string();
    const fs::path docs = dir / "docs";
    write_file(docs / "seed.txt", "Seed\n\nThe harbour talks began.\n");
    run_job(db, {docs.string()});

    std::atomic<bool> writing{true};
    std::atomic<int> queries{0};
    std::atomic<int> failures{0};
    std::string failure;
    std::thread reader([&] {
        std::optional<Searcher> searcher;
        while (writing) {
            try {
                if (!searcher) searcher.emplace(db);
                SearchRequest request;
                request.query = "harbour";
                request.limit = 5;
                request.facets = {"country", "year"};
                searcher->search(request);
                ++queries;
            } catch (const std::exception& e) {
                if (failures++ == 0) failure = e.what();
            }
        }
    });
    {
        IndexerOptions options = quick_options();
        options.batch_size = 3;
        Indexer indexer(db, options);
        for (int i = 0; i < 300; ++i) {
            Document doc;
            doc.id = "live-" + std::to_string(i);
            doc.title = "Harbour bulletin " + std::to_string(i);
            doc.text = "The harbour authority reported shipping movements, bulletin " +
                       std::to_string(i) + ".";
            indexer.add_document(doc);
        }
        indexer.finish();
    }
    writing = false;
    reader.join();
    INFO(failure);
    CHECK(failures == 0);
    CHECK(queries > 0);
    CHECK(Xapian::Database(db).get_doccount() == 301);
}

TEST_CASE("a creation killed half-way is started again", "[reindex]") {
    TempDir dir;
    const auto docs = write_corpus(dir.path());
    const std::string db = (dir / "index").string();
    // What a kill during Xapian's creation of generation 1 leaves: no stub,
    // and a folder that is not yet a database.
    write_file(fs::path(db) / "gen-000001" / "postlist.glass", "");
    write_file(fs::path(db) / "gen-000001" / "v.tmp", "partial");
    const IndexStats stats = run_job(db, {docs.string()});
    CHECK(stats.added == 6);
    CHECK(stub_of(db) == "gen-000001");
    CHECK(Xapian::Database(db).get_doccount() == 6);
}
