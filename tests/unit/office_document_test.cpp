// @brief Unit tests of indexer/office_document.hpp and zip_archive.hpp: DOCX and ODT
// text and metadata, and the limits on what a zip may inflate to; the files are zipped
// by the test itself (tests/support/format_fixtures.hpp).
#include "office_document.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

#include "parse_error.hpp"
#include "support/format_fixtures.hpp"
#include "zip_archive.hpp"

using namespace diplosearch;
using diplosearch::indexer::document_from_docx;
using diplosearch::indexer::document_from_odt;
using diplosearch::indexer::ParseError;
using diplosearch::indexer::UnreadableDocument;
using diplosearch::indexer::ZipArchive;
using diplosearch::test::make_zip;
using diplosearch::test::OfficeFixture;

namespace {

OfficeFixture statement() {
    OfficeFixture fixture;
    fixture.paragraphs = {"Statement by the Spokesperson", "The Ministry welcomes the talks.",
                          "Trade & transit will be reviewed in <May>."};
    fixture.title = "Statement on the Gwadar talks";
    fixture.creator = "Spokesperson's Office";
    fixture.created = "2015-04-21T02:15:00Z";
    return fixture;
}

// What statement() must read back as, whichever format carried it.
void check_statement(const Document& doc) {
    CHECK(doc.text ==
          "Statement by the Spokesperson\nThe Ministry welcomes the talks.\n"
          "Trade & transit will be reviewed in <May>.\n");
    CHECK(doc.title == "Statement on the Gwadar talks");
    CHECK(doc.speaker == "Spokesperson's Office");
    CHECK(doc.date == "2015-04-21");
}

const std::string kWordNamespace =
    "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

std::string docx_with_body(const std::string& body) {
    return make_zip({{"word/document.xml", "<w:document " + kWordNamespace + "><w:body>" + body +
                                               "</w:body></w:document>"}});
}

}  // namespace

TEST_CASE("docx: paragraphs become lines and core properties become fields", "[unit][docx]") {
    check_statement(document_from_docx(diplosearch::test::make_docx(statement())));
}

TEST_CASE("docx: runs tabs and breaks are kept and deletions and field codes dropped",
          "[unit][docx]") {
    const Document doc = document_from_docx(docx_with_body(
        "<w:p><w:r><w:t>Gwa</w:t></w:r><w:r><w:t>dar</w:t></w:r><w:r><w:tab/><w:t>port</w:t>"
        "<w:br/><w:t>talks</w:t></w:r>"
        "<w:del><w:r><w:delText>withdrawn wording</w:delText></w:r></w:del>"
        "<w:r><w:instrText> PAGE </w:instrText></w:r></w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell one</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"));
    CHECK(doc.text == "Gwadar\tport\ntalks\ncell one\n");
    CHECK(doc.title.empty());
    CHECK(doc.date.empty());
}

TEST_CASE("docx: text boxes are read once, not again from their fallback", "[unit][docx]") {
    const Document doc = document_from_docx(docx_with_body(
        "<w:p><mc:AlternateContent xmlns:mc=\"urn:mc\"><mc:Choice><w:t>box</w:t></mc:Choice>"
        "<mc:Fallback><w:t>box</w:t></mc:Fallback></mc:AlternateContent></w:p>"));
    CHECK(doc.text == "box\n");
}

TEST_CASE("docx: entities declared in a DTD are not expanded", "[unit][docx]") {
    const Document doc = document_from_docx(
        make_zip({{"word/document.xml",
                   "<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY a \"aaaaaaaaaa\">"
                   "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY ext SYSTEM "
                   "\"file:///etc/passwd\">]>"
                   "<w:document " +
                       kWordNamespace +
                       "><w:body><w:p><w:r><w:t>x&b;&ext;y &amp; z</w:t>"
                       "</w:r></w:p></w:body></w:document>"}}));
    CHECK(doc.text.find("aaaa") == std::string::npos);
    CHECK(doc.text.find("root") == std::string::npos);
    CHECK(doc.text.find("y & z") != std::string::npos);
}

TEST_CASE("odt: headings and paragraphs become lines and meta.xml gives fields", "[unit][odt]") {
    check_statement(document_from_odt(diplosearch::test::make_odt(statement())));
}

TEST_CASE("odt: spaces tabs and line breaks and no annotations or deletions", "[unit][odt]") {
    const std::string content =
        "<office:document-content xmlns:office=\"o\" xmlns:text=\"t\" xmlns:dc=\"d\">"
        "<office:body><office:text>"
        "<text:tracked-changes><text:changed-region><text:deletion><text:p>deleted</text:p>"
        "</text:deletion></text:changed-region></text:tracked-changes>"
        "<text:p>a<text:s text:c=\"3\"/>b<text:tab/>c<text:line-break/>"
        "<text:span>d</text:span><office:annotation><dc:creator>Reviewer</dc:creator>"
        "<text:p>a comment</text:p></office:annotation></text:p>"
        "<table:table xmlns:table=\"tb\"><table:table-row><table:table-cell><text:p>cell</text:p>"
        "</table:table-cell></table:table-row></table:table>"
        "<text:p>meta:creation-date missing, so <text:span>dc:date</text:span> is used</text:p>"
        "</office:text></office:body></office:document-content>";
    const std::string meta =
        "<office:document-meta xmlns:office=\"o\" xmlns:dc=\"d\"><office:meta>"
        "<dc:date>2019-11-05T16:00:00</dc:date><dc:creator>Desk</dc:creator>"
        "</office:meta></office:document-meta>";
    const Document doc =
        document_from_odt(make_zip({{"content.xml", content}, {"meta.xml", meta}}));
    CHECK(doc.text == "a   b\tc\nd\ncell\nmeta:creation-date missing, so dc:date is used\n");
    CHECK(doc.date == "2019-11-05");
    CHECK(doc.speaker == "Desk");
    CHECK(doc.title.empty());
}

TEST_CASE("office: files that are not what they claim are rejected with a reason",
          "[unit][docx][odt]") {
    CHECK_THROWS_AS(document_from_docx("plain text, not a zip"), ParseError);
    CHECK_THROWS_WITH(document_from_docx(make_zip({{"content.xml", "<x/>"}})),
                      Catch::Contains("word/document.xml is missing"));
    CHECK_THROWS_WITH(document_from_odt(make_zip({{"word/document.xml", "<x/>"}})),
                      Catch::Contains("content.xml is missing"));
    CHECK_THROWS_WITH(document_from_odt(make_zip({{"content.xml", "<open><unclosed>"}})),
                      Catch::Contains("content.xml: malformed XML"));
    const std::string docx = diplosearch::test::make_docx(statement());
    CHECK_THROWS_AS(document_from_docx(docx.substr(0, docx.size() / 2)), ParseError);
}

TEST_CASE("office: an encrypted Office file is skipped as unreadable", "[unit][docx]") {
    const std::string ole =
        std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0');
    CHECK_THROWS_AS(document_from_docx(ole), UnreadableDocument);
    CHECK_THROWS_AS(document_from_odt(ole), UnreadableDocument);
}

TEST_CASE("office: a zip bomb is refused at the inflate budget", "[unit][docx][zip]") {
    // 17 MiB of one letter deflates to a few KiB: the sizes in the archive are not
    // what stops it, the bytes counted while inflating are.
    const std::string bomb =
        docx_with_body("<w:p><w:r><w:t>" + std::string(17 << 20, 'a') + "</w:t></w:r></w:p>");
    CHECK(bomb.size() < 100 * 1024);
    CHECK_THROWS_WITH(document_from_docx(bomb), Catch::Contains("more than 16 MiB"));
    CHECK_THROWS_AS(document_from_docx(bomb), std::invalid_argument);
}

TEST_CASE("zip: the budget covers every entry read together", "[unit][zip]") {
    const std::string bytes =
        make_zip({{"a", std::string(600, 'a')}, {"b", std::string(600, 'b')}});
    ZipArchive archive(bytes, 1000);
    CHECK(archive.contains("a"));
    CHECK_FALSE(archive.contains("c"));
    CHECK(archive.read("a").size() == 600);
    CHECK_THROWS_AS(archive.read("b"), std::invalid_argument);
    CHECK_THROWS_AS(archive.read("c"), ParseError);
}
