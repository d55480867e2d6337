// @brief CLI tests of the PDF, DOCX, ODT and e-mail formats: the real diplo-index reads a
// folder holding one file of each (made by the test), reports the scanned, encrypted and
// damaged PDFs as skipped with their reasons, and diplo-search finds the documents by
// their words, titles, dates and the e-mail fields `from:` and `to:`.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "support/format_fixtures.hpp"
#include "support/test_env.hpp"

using diplosearch::test::CommandResult;
using diplosearch::test::diplo_index_bin;
using diplosearch::test::diplo_search_bin;
using diplosearch::test::run_command;
using diplosearch::test::shell_quote;
using diplosearch::test::TempDir;
using diplosearch::test::write_file;
using nlohmann::json;

namespace {

constexpr int kOk = 0;

// One folder with every new format, indexed once by the real binary.
struct FormatsFolder {
    TempDir dir;
    std::string db = (dir / "db").string();
    std::string report = (dir / "report.json").string();
    CommandResult indexing;

    FormatsFolder() {
        using namespace diplosearch::test;
        const auto docs = dir / "docs";
        PdfFixture pdf;
        pdf.pages = {"Joint statement on maritime cooperation",
                     "The ministers agreed to expand hydrographic surveys near Trincomalee."};
        pdf.title = "Joint statement on maritime cooperation";
        pdf.creation_date = "D:20230914101500+05'30'";
        write_file(docs / "statement.pdf", make_pdf(pdf));

        PdfFixture scan = pdf;
        scan.image_only = true;
        write_file(docs / "scanned.pdf", make_pdf(scan));
        PdfFixture locked = pdf;
        locked.encrypted = true;
        write_file(docs / "locked.pdf", make_pdf(locked));
        write_file(docs / "broken.pdf", "%PDF-1.4\nthis is not the rest of a PDF\n");

        OfficeFixture office;
        office.paragraphs = {"Statement by the Spokesperson",
                             "The Ministry welcomes the desalination agreement."};
        office.title = "Desalination agreement welcomed";
        office.created = "2019-06-11T08:00:00Z";
        write_file(docs / "desalination.docx", make_docx(office));
        office.paragraphs = {"Note verbale",
                             "The Embassy presents its compliments on the "
                             "philatelic exhibition."};
        office.title = "Philatelic exhibition note";
        office.created = "2018-02-01T08:00:00Z";
        write_file(docs / "exhibition.odt", make_odt(office));

        write_file(docs / "gwadar.eml", multipart_email());
        write_file(docs / "fisheries.eml", html_only_email());

        indexing =
            run_command(shell_quote(diplo_index_bin()) + " --db " + shell_quote(db) + " --report " +
                        shell_quote(report) + " " + shell_quote(docs.string()));
    }
};

const FormatsFolder& folder() {
    static const FormatsFolder instance;
    return instance;
}

json search_json(const std::string& query) {
    const CommandResult result =
        run_command(shell_quote(diplo_search_bin()) + " --db " + shell_quote(folder().db) +
                    " --format json --facets none --limit 50 " + shell_quote(query));
    INFO(result.err);
    REQUIRE(result.exit_code == kOk);
    return json::parse(result.out);
}

std::set<std::string> ids(const std::string& query) {
    std::set<std::string> found;
    const json results = search_json(query);
    for (const auto& hit : results["hits"]) found.insert(hit["id"].get<std::string>());
    UNSCOPED_INFO(query << ": " << results.dump());
    return found;
}

}  // namespace

TEST_CASE("formats: a folder of pdf docx odt and eml files is indexed", "[cli][formats]") {
    const auto& f = folder();
    INFO(f.indexing.err);
    CHECK(f.indexing.exit_code == kOk);
    CHECK_THAT(f.indexing.err, Catch::Contains("indexed 5 (added 5, updated 0)"));
    CHECK_THAT(f.indexing.err, Catch::Contains("skipped 3, rejected 0"));
}

TEST_CASE("formats: scanned encrypted and damaged PDFs are reported as skipped with reasons",
          "[cli][formats]") {
    const auto& f = folder();
    CHECK_THAT(f.indexing.err, Catch::Contains("scanned.pdf: skipped: PDF has no text layer"));
    CHECK_THAT(f.indexing.err, Catch::Contains("locked.pdf: skipped: encrypted PDF"));
    CHECK_THAT(f.indexing.err, Catch::Contains("broken.pdf: skipped: not a readable PDF"));
    // Poppler's own complaints about the damaged file stay out of the log.
    CHECK_THAT(f.indexing.err, !Catch::Contains("Syntax Error"));
    CHECK_THAT(f.indexing.err, !Catch::Contains("Internal Error"));
    CHECK(ids("trincomalee") == std::set<std::string>{"docs/statement.pdf"});
}

TEST_CASE("formats: titles dates and text of each format are searchable", "[cli][formats]") {
    CHECK(ids("hydrographic") == std::set<std::string>{"docs/statement.pdf"});
    CHECK(ids("desalination") == std::set<std::string>{"docs/desalination.docx"});
    CHECK(ids("philatelic") == std::set<std::string>{"docs/exhibition.odt"});
    CHECK(ids("fisheries") == std::set<std::string>{"docs/fisheries.eml"});
    CHECK(ids("title:communique") == std::set<std::string>{"docs/gwadar.eml"});
    CHECK(ids("year:2019") == std::set<std::string>{"docs/desalination.docx"});
    CHECK(ids("date:2023-09-14") == std::set<std::string>{"docs/statement.pdf"});
    CHECK(ids("date:2015-04-21") == std::set<std::string>{"docs/gwadar.eml"});
    // The HTML alternative of the e-mail is not indexed beside its plain text.
    CHECK(ids("zanzibarite").empty());
}

TEST_CASE("formats: e-mail sender and recipients are fields", "[cli][formats]") {
    CHECK(ids("from:press") == std::set<std::string>{"docs/gwadar.eml"});
    CHECK(ids("from:spokesperson") == std::set<std::string>{"docs/fisheries.eml"});
    CHECK(ids("from:mofa") == std::set<std::string>{"docs/gwadar.eml"});
    CHECK(ids("sender:ministry") == std::set<std::string>{"docs/gwadar.eml"});
    CHECK(ids("to:desk") == std::set<std::string>{"docs/gwadar.eml"});
    CHECK(ids("to:archive") == std::set<std::string>{"docs/gwadar.eml"});
    CHECK(ids("recipients:newsroom") == std::set<std::string>{"docs/gwadar.eml"});
    CHECK(ids("to:\"desk@embassy.example\"") == std::set<std::string>{"docs/gwadar.eml"});
    CHECK(ids("gwadar from:spokesperson").empty());
    // Addresses are not body text: a plain word of an address finds nothing.
    CHECK(ids("newsroom").empty());
}

TEST_CASE("formats: JSON hits carry sender and recipients", "[cli][formats]") {
    const json results = search_json("from:press");
    REQUIRE(results["hits"].size() == 1);
    const json& hit = results["hits"][0];
    CHECK(hit["title"] == "Communiqué on the Gwadar port talks");
    CHECK(hit["sender"] == "Press Office — Ministry <press@mofa.example>");
    CHECK(hit["recipients"] ==
          json::array({"Desk Officer <desk@embassy.example>", "newsroom@wire.example",
                       "Archive <archive@mofa.example>"}));
    const json pdf = search_json("hydrographic")["hits"][0];
    CHECK_FALSE(pdf.contains("sender"));
    CHECK_FALSE(pdf.contains("recipients"));
}

TEST_CASE("formats: the job report lists the skipped PDFs", "[cli][formats]") {
    const auto& f = folder();
    const CommandResult cat = run_command("cat " + shell_quote(f.report));
    const json report = json::parse(cat.out);
    CHECK(report["files"]["skipped"] == 3);
    std::set<std::string> skipped;
    for (const auto& problem : report["problems"]) {
        if (problem["kind"] == "skipped") skipped.insert(problem["source"].get<std::string>());
    }
    CHECK(skipped.size() == 3);
}

TEST_CASE("formats: --format pdf reads a PDF whatever its name", "[cli][formats]") {
    TempDir dir;
    diplosearch::test::PdfFixture pdf;
    pdf.pages = {"Aide-memoire on the boundary commission"};
    write_file(dir / "aide-memoire.bin", diplosearch::test::make_pdf(pdf));
    const CommandResult result =
        run_command(shell_quote(diplo_index_bin()) + " --db " + shell_quote((dir / "db").string()) +
                    " --format pdf " + shell_quote((dir / "aide-memoire.bin").string()));
    INFO(result.err);
    CHECK(result.exit_code == kOk);
    CHECK_THAT(result.err, Catch::Contains("indexed 1"));
}
