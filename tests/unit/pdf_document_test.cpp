// @brief Unit tests of indexer/pdf_document.hpp: page text, Info dict metadata, PDF
// dates, and the PDFs that are skipped (scanned, encrypted, damaged) - all on PDFs the
// test writes itself (tests/support/format_fixtures.hpp).
#include "pdf_document.hpp"

#include <catch2/catch.hpp>
#include <string>

#include "parse_error.hpp"
#include "support/format_fixtures.hpp"

using namespace diplosearch;
using diplosearch::indexer::document_from_pdf;
using diplosearch::indexer::pdf_date;
using diplosearch::indexer::UnreadableDocument;
using diplosearch::test::make_pdf;
using diplosearch::test::PdfFixture;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

PdfFixture statement() {
    PdfFixture pdf;
    pdf.pages = {"Joint statement on maritime cooperation\nThe two ministers met in Colombo.",
                 "They agreed a communiqué on fisheries (and ports)."};
    pdf.title = "Joint statement — maritime cooperation";
    pdf.author = "Ministry of Foreign Affairs";
    pdf.creation_date = "D:20230914101500+05'30'";
    return pdf;
}

}  // namespace

TEST_CASE("pdf: the text of every page in order", "[unit][pdf]") {
    const Document doc = document_from_pdf(make_pdf(statement()));
    CHECK(contains(doc.text, "The two ministers met in Colombo."));
    CHECK(contains(doc.text, "communiqué on fisheries (and ports)."));
    CHECK(doc.text.find("Colombo") < doc.text.find("fisheries"));
}

TEST_CASE("pdf: title author and date come from the Info dictionary", "[unit][pdf]") {
    const Document doc = document_from_pdf(make_pdf(statement()));
    CHECK(doc.title == "Joint statement — maritime cooperation");
    CHECK(doc.speaker == "Ministry of Foreign Affairs");
    CHECK(doc.date == "2023-09-14");
}

TEST_CASE("pdf: without an Info dictionary the fields stay empty for extraction", "[unit][pdf]") {
    PdfFixture pdf;
    pdf.pages = {"Press release\nIslamabad, 20 April 2015"};
    const Document doc = document_from_pdf(make_pdf(pdf));
    CHECK(doc.title.empty());
    CHECK(doc.date.empty());
    CHECK(doc.speaker.empty());
    CHECK(contains(doc.text, "Islamabad, 20 April 2015"));
}

TEST_CASE("pdf: ModDate stands in when there is no CreationDate", "[unit][pdf]") {
    CHECK(pdf_date("D:20150420") == "2015-04-20");
    CHECK(pdf_date("D:201504") == "2015-04");
    CHECK(pdf_date("D:2015") == "2015");
    CHECK(pdf_date("20150420093000Z") == "2015-04-20");
    CHECK(pdf_date("D:20230914235959-08'00'") == "2023-09-14");
    CHECK(pdf_date("") == "");
    CHECK(pdf_date("D:15") == "");
    CHECK(pdf_date("yesterday") == "");
}

TEST_CASE("pdf: a word processor caption or file name is not a title", "[unit][pdf]") {
    PdfFixture pdf = statement();
    SECTION("file name") {
        pdf.title = "statement_final_v2.docx";
        CHECK(document_from_pdf(make_pdf(pdf)).title.empty());
    }
    SECTION("Word caption") {
        pdf.title = "Microsoft Word - Gwadar port talks";
        CHECK(document_from_pdf(make_pdf(pdf)).title == "Gwadar port talks");
    }
}

TEST_CASE("pdf: a scanned PDF with no text layer is unreadable with a reason", "[unit][pdf]") {
    PdfFixture scan = statement();
    scan.image_only = true;
    try {
        document_from_pdf(make_pdf(scan));
        FAIL("a scanned PDF was read");
    } catch (const UnreadableDocument& e) {
        CHECK(contains(e.what(), "no text layer"));
        CHECK(contains(e.what(), "2 pages"));
    }
}

TEST_CASE("pdf: an encrypted PDF is unreadable with a reason", "[unit][pdf]") {
    PdfFixture locked = statement();
    locked.encrypted = true;
    CHECK_THROWS_WITH(document_from_pdf(make_pdf(locked)), Catch::Contains("encrypted"));
    CHECK_THROWS_AS(document_from_pdf(make_pdf(locked)), UnreadableDocument);
}

TEST_CASE("pdf: damaged or foreign bytes are unreadable and never crash", "[unit][pdf]") {
    const std::string good = make_pdf(statement());
    const std::string input =
        GENERATE_COPY(as<std::string>{}, "", "%PDF-1.4\n", "not a pdf at all",
                      std::string("%PDF-1.7\n\0\0\0\xff", 13), good.substr(0, good.size() / 3));
    INFO(input.size() << " bytes");
    CHECK_THROWS_AS(document_from_pdf(input), UnreadableDocument);
}
