// @brief Unit tests of indexer/email_document.hpp: headers to fields (RFC 2047 words
// decoded), the body from text/plain (quoted-printable, charsets) or from HTML, and
// what is not a message.
#include "email_document.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "parse_error.hpp"
#include "support/format_fixtures.hpp"

using namespace diplosearch;
using diplosearch::indexer::document_from_email;
using diplosearch::indexer::ParseError;
using Strings = std::vector<std::string>;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("email: subject date sender and recipients from the headers", "[unit][email]") {
    const Document doc = document_from_email(diplosearch::test::multipart_email());
    CHECK(doc.title == "Communiqué on the Gwadar port talks");
    // 02:15 at +0500 is the 20th in UTC: the day is the one the sender wrote.
    CHECK(doc.date == "2015-04-21");
    CHECK(doc.sender == "Press Office — Ministry <press@mofa.example>");
    CHECK(doc.recipients == Strings{"Desk Officer <desk@embassy.example>", "newsroom@wire.example",
                                    "Archive <archive@mofa.example>"});
}

TEST_CASE("email: the text/plain part is decoded and the HTML copy is left out", "[unit][email]") {
    const Document doc = document_from_email(diplosearch::test::multipart_email());
    CHECK(contains(doc.text, "agreed a joint communiqué on the Gwadar port"));
    CHECK(contains(doc.text, "maritime cooperation."));
    CHECK_FALSE(contains(doc.text, "zanzibarite"));
    CHECK_FALSE(contains(doc.text, "multi-part message"));
}

TEST_CASE("email: without text/plain the HTML part is read as HTML", "[unit][email]") {
    const Document doc = document_from_email(diplosearch::test::html_only_email());
    CHECK(doc.text == "Statement on fisheries cooperation in the Indian Ocean.");
    CHECK(doc.title == "Statement on fisheries");
    CHECK(doc.date == "2020-03-02");
    CHECK(doc.sender == "spokesperson@mfa.example");
    CHECK(doc.recipients.empty());
}

TEST_CASE("email: a legacy charset and attachments", "[unit][email]") {
    const std::string message =
        "From: =?ISO-8859-1?Q?Fran=E7ois?= <f@quai.example>\n"
        "To: Group: a@x.example, b@y.example;\n"
        "Subject: =?iso-8859-1?b?Q29tbXVuaXF16SBjb25qb2ludA==?=\n"
        "Content-Type: multipart/mixed; boundary=b\n"
        "\n"
        "--b\n"
        "Content-Type: text/plain; charset=ISO-8859-1\n"
        "Content-Transfer-Encoding: 8bit\n"
        "\n"
        "D\xE9" "claration commune.\n"
        "--b\n"
        "Content-Type: text/plain\n"
        "Content-Disposition: attachment; filename=notes.txt\n"
        "\n"
        "attached notes are not the message\n"
        "--b--\n";
    const Document doc = document_from_email(message);
    CHECK(doc.title == "Communiqué conjoint");
    CHECK(doc.sender == "François <f@quai.example>");
    CHECK(doc.recipients == Strings{"a@x.example", "b@y.example"});
    CHECK(contains(doc.text, "Déclaration commune."));
    CHECK_FALSE(contains(doc.text, "attached notes"));
    CHECK(doc.date.empty());
}

TEST_CASE("email: bytes with no header are not a message", "[unit][email]") {
    const std::string input = GENERATE(as<std::string>{}, "", "\n\n\n", "%PDF-1.4 binary");
    INFO("'" << input << "'");
    CHECK_THROWS_AS(document_from_email(input), ParseError);
}
