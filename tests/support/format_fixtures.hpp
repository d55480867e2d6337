/// @file
/// @brief Small PDF, DOCX, ODT and e-mail files made by the tests themselves, so no
/// binary fixture is ever copied in: a PDF written object by object with its xref
/// table, word-processor files zipped with libzip, messages as text.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace diplosearch::test {

struct PdfFixture {
    std::vector<std::string> pages;  ///< One UTF-8 string per page (Latin-1 characters only);
                                     ///< lines split on `\n`.
    std::string title;               ///< Info dict Title, written as UTF-16BE; empty for none.
    std::string author;              ///< Info dict Author; empty for none.
    std::string creation_date;       ///< Info dict CreationDate (`D:...`); empty for none.
    bool image_only = false;         ///< Pages hold a gray image and no text (a scan).
    bool encrypted = false;          ///< An /Encrypt dictionary no empty password opens.
};

/// A valid PDF 1.4 file as @p fixture describes it.
std::string make_pdf(const PdfFixture& fixture);

/// A zip archive of @p entries (name, content), deflated.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries);

struct OfficeFixture {
    std::vector<std::string> paragraphs;  ///< Body paragraphs (XML-escaped by the maker).
    std::string title;
    std::string creator;
    std::string created;  ///< ISO 8601 timestamp (`2024-03-05T09:30:00Z`).
};

/// A DOCX file: [Content_Types].xml, word/document.xml and docProps/core.xml.
std::string make_docx(const OfficeFixture& fixture);

/// An ODT file: mimetype, content.xml and meta.xml.
std::string make_odt(const OfficeFixture& fixture);

/// A multipart/alternative message with a quoted-printable text/plain part, an HTML
/// part and an RFC 2047 encoded subject ("Communiqué on the Gwadar port talks").
std::string multipart_email();

/// A message with only an HTML body (base64), for the HTML fallback.
std::string html_only_email();

}  // namespace diplosearch::test
