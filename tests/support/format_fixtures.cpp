/// @file
/// @brief PDF, DOCX, ODT and e-mail fixtures written from scratch.
#include "support/format_fixtures.hpp"

#include <zip.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace diplosearch::test {

namespace {

// UTF-8 to Latin-1 (WinAnsiEncoding agrees with it on the letters used here).
std::string latin1(const std::string& utf8) {
    std::string out;
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else if ((c & 0xE0) == 0xC0 && i + 1 < utf8.size()) {
            out += static_cast<char>(((c & 0x1F) << 6) | (utf8[++i] & 0x3F));
        } else {
            throw std::invalid_argument("PDF fixture text must be Latin-1");
        }
    }
    return out;
}

std::string pdf_literal(const std::string& s) {
    std::string out = "(";
    for (const char c : s) {
        if (c == '(' || c == ')' || c == '\\') out += '\\';
        out += c;
    }
    return out + ")";
}

// A text string as UTF-16BE with a byte order mark, as PDF writers store Unicode.
std::string pdf_utf16(const std::string& utf8) {
    std::string out = "<FEFF";
    char hex[8];
    for (std::size_t i = 0; i < utf8.size();) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        unsigned cp = c;
        int extra = 0;
        if (c >= 0xF0) {
            cp = c & 0x07U;
            extra = 3;
        } else if (c >= 0xE0) {
            cp = c & 0x0FU;
            extra = 2;
        } else if (c >= 0xC0) {
            cp = c & 0x1FU;
            extra = 1;
        }
        for (int k = 1; k <= extra && i + k < utf8.size(); ++k) {
            cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3FU);
        }
        i += 1 + extra;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            std::snprintf(hex, sizeof hex, "%04X", 0xD800 + (cp >> 10));
            out += hex;
            cp = 0xDC00 + (cp & 0x3FF);
        }
        std::snprintf(hex, sizeof hex, "%04X", cp);
        out += hex;
    }
    return out + ">";
}

std::string content_stream(const std::string& page) {
    std::string ops = "BT /F1 12 Tf 14 TL 72 720 Td\n";
    std::size_t start = 0;
    while (start <= page.size()) {
        const auto end = page.find('\n', start);
        ops += pdf_literal(latin1(page.substr(start, end - start))) + " Tj T*\n";
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return ops + "ET\n";
}

// Objects are numbered from 1 in the order added; the xref table records where each
// begins, which is what a reader seeks by.
class PdfWriter {
  public:
    void set(int number, std::string body) {
        if (static_cast<std::size_t>(number) > m_objects.size()) m_objects.resize(number);
        m_objects[number - 1] = std::move(body);
    }
    std::string finish(int root, int info, const std::string& trailer_extra) {
        std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
        std::vector<std::size_t> offsets;
        for (std::size_t i = 0; i < m_objects.size(); ++i) {
            offsets.push_back(out.size());
            out += std::to_string(i + 1) + " 0 obj\n" + m_objects[i] + "\nendobj\n";
        }
        const std::size_t xref = out.size();
        out += "xref\n0 " + std::to_string(m_objects.size() + 1) + "\n0000000000 65535 f \n";
        char line[32];
        for (const std::size_t offset : offsets) {
            std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
            out += line;
        }
        out += "trailer\n<< /Size " + std::to_string(m_objects.size() + 1) + " /Root " +
               std::to_string(root) + " 0 R";
        if (info > 0) out += " /Info " + std::to_string(info) + " 0 R";
        out += trailer_extra + " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
        return out;
    }

  private:
    std::vector<std::string> m_objects;
};

std::string stream_object(const std::string& dictionary, const std::string& data) {
    return "<< " + dictionary + " /Length " + std::to_string(data.size()) + " >>\nstream\n" + data +
           "\nendstream";
}

std::string xml_escape(const std::string& s) {
    std::string out;
    for (const char c : s) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

struct ZipDiscard {
    void operator()(zip_t* archive) const { zip_discard(archive); }
};

}  // namespace

std::string make_pdf(const PdfFixture& fixture) {
    PdfWriter pdf;
    const int catalog = 1, pages = 2, font = 3;
    pdf.set(catalog, "<< /Type /Catalog /Pages 2 0 R >>");
    pdf.set(font,
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    int next = 4;
    std::string kids;
    for (const auto& page : fixture.pages) {
        const int page_number = next++;
        const int contents = next++;
        kids += std::to_string(page_number) + " 0 R ";
        std::string resources = "/Font << /F1 3 0 R >>";
        std::string ops = content_stream(page);
        if (fixture.image_only) {
            const int image = next++;
            // A 4x4 gray "scan": pixels and no text operators at all.
            pdf.set(image, stream_object("/Type /XObject /Subtype /Image /Width 4 /Height 4 "
                                         "/ColorSpace /DeviceGray /BitsPerComponent 8",
                                         std::string(16, '\x80')));
            resources = "/XObject << /Im1 " + std::to_string(image) + " 0 R >>";
            ops = "q 612 0 0 792 0 0 cm /Im1 Do Q\n";
        }
        pdf.set(page_number, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << " +
                                 resources + " >> /Contents " + std::to_string(contents) +
                                 " 0 R >>");
        pdf.set(contents, stream_object("", ops));
    }
    pdf.set(pages, "<< /Type /Pages /Kids [" + kids + "] /Count " +
                       std::to_string(fixture.pages.size()) + " >>");
    int info = 0;
    if (!fixture.title.empty() || !fixture.author.empty() || !fixture.creation_date.empty()) {
        info = next++;
        std::string dict = "<<";
        if (!fixture.title.empty()) dict += " /Title " + pdf_utf16(fixture.title);
        if (!fixture.author.empty()) dict += " /Author " + pdf_literal(latin1(fixture.author));
        if (!fixture.creation_date.empty())
            dict += " /CreationDate " + pdf_literal(fixture.creation_date);
        pdf.set(info, dict + " >>");
    }
    std::string trailer_extra;
    if (fixture.encrypted) {
        // RC4 40-bit standard security: /U holds no hash of the empty password, so
        // opening without one fails as it would for a real password-protected file.
        const int encrypt = next++;
        const std::string hash32 = "<" + std::string(64, 'A') + ">";
        pdf.set(encrypt,
                "<< /Filter /Standard /V 1 /R 2 /O " + hash32 + " /U " + hash32 + " /P -4 >>");
        const std::string id = "<" + std::string(32, '1') + ">";
        trailer_extra = " /Encrypt " + std::to_string(encrypt) + " 0 R /ID [" + id + id + "]";
    }
    return pdf.finish(catalog, info, trailer_extra);
}

std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* buffer = zip_source_buffer_create(nullptr, 0, 0, &error);
    if (!buffer) throw std::runtime_error("zip_source_buffer_create failed");
    zip_source_keep(buffer);  // Read back after zip_close.
    std::unique_ptr<zip_t, ZipDiscard> archive(zip_open_from_source(buffer, ZIP_TRUNCATE, &error));
    if (!archive) {
        zip_source_free(buffer);
        throw std::runtime_error("zip_open_from_source failed");
    }
    for (const auto& [name, content] : entries) {
        zip_source_t* data = zip_source_buffer(archive.get(), content.data(), content.size(), 0);
        if (!data || zip_file_add(archive.get(), name.c_str(), data, ZIP_FL_ENC_UTF_8) < 0) {
            zip_source_free(data);
            throw std::runtime_error("zip_file_add failed: " + name);
        }
    }
    if (zip_close(archive.get()) < 0) throw std::runtime_error("zip_close failed");
    archive.release();  // zip_close freed it.
    std::string bytes;
    if (zip_source_open(buffer) < 0) throw std::runtime_error("zip_source_open failed");
    char chunk[8192];
    zip_int64_t got = 0;
    while ((got = zip_source_read(buffer, chunk, sizeof chunk)) > 0) {
        bytes.append(chunk, static_cast<std::size_t>(got));
    }
    zip_source_close(buffer);
    zip_source_free(buffer);
    zip_error_fini(&error);
    return bytes;
}

std::string make_docx(const OfficeFixture& fixture) {
    std::string body;
    for (const auto& paragraph : fixture.paragraphs) {
        body +=
            "<w:p><w:r><w:t xml:space=\"preserve\">" + xml_escape(paragraph) + "</w:t></w:r></w:p>";
    }
    const std::string document =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
        "<w:body>" +
        body + "<w:sectPr/></w:body></w:document>";
    const std::string core =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        "<cp:coreProperties "
        "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
        "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        "<dc:title>" +
        xml_escape(fixture.title) +
        "</dc:title>"
        "<dc:creator>" +
        xml_escape(fixture.creator) +
        "</dc:creator>"
        "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" +
        fixture.created +
        "</dcterms:created>"
        "</cp:coreProperties>";
    const std::string types =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
        "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
    return make_zip({{"[Content_Types].xml", types},
                     {"word/document.xml", document},
                     {"docProps/core.xml", core}});
}

std::string make_odt(const OfficeFixture& fixture) {
    std::string body;
    bool heading = true;  // The first paragraph is a heading, as in most statements.
    for (const auto& paragraph : fixture.paragraphs) {
        body += heading ? "<text:h text:outline-level=\"1\">" + xml_escape(paragraph) + "</text:h>"
                        : "<text:p>" + xml_escape(paragraph) + "</text:p>";
        heading = false;
    }
    const std::string content =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<office:document-content "
        "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.3\">"
        "<office:body><office:text>" +
        body + "</office:text></office:body></office:document-content>";
    const std::string meta =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
        "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" "
        "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.3\"><office:meta>"
        "<dc:title>" +
        xml_escape(fixture.title) +
        "</dc:title>"
        "<meta:initial-creator>" +
        xml_escape(fixture.creator) +
        "</meta:initial-creator>"
        "<meta:creation-date>" +
        fixture.created +
        "</meta:creation-date>"
        "</office:meta></office:document-meta>";
    return make_zip({{"mimetype", "application/vnd.oasis.opendocument.text"},
                     {"content.xml", content},
                     {"meta.xml", meta}});
}

std::string multipart_email() {
    return "From: =?UTF-8?Q?Press_Office_=E2=80=94_Ministry?= <press@mofa.example>\r\n"
           "To: Desk Officer <desk@embassy.example>, newsroom@wire.example\r\n"
           "Cc: \"Archive\" <archive@mofa.example>\r\n"
           "Subject: =?UTF-8?Q?Communiqu=C3=A9_on_the_Gwadar_port_talks?=\r\n"
           "Date: Tue, 21 Apr 2015 02:15:00 +0500\r\n"
           "Message-ID: <gwadar-2015@mofa.example>\r\n"
           "MIME-Version: 1.0\r\n"
           "Content-Type: multipart/alternative; boundary=\"sep\"\r\n"
           "\r\n"
           "This is a multi-part message in MIME format.\r\n"
           "--sep\r\n"
           "Content-Type: text/plain; charset=UTF-8\r\n"
           "Content-Transfer-Encoding: quoted-printable\r\n"
           "\r\n"
           "The delegations met in Islamabad and agreed a joint communiqu=C3=A9 on the G=\r\n"
           "wadar port and the economic corridor.\r\n"
           "\r\n"
           "Both sides welcomed the progress on maritime cooperation.\r\n"
           "--sep\r\n"
           "Content-Type: text/html; charset=UTF-8\r\n"
           "\r\n"
           "<html><body><p>HTML copy that must not be indexed twice: zanzibarite.</p></body>"
           "</html>\r\n"
           "--sep--\r\n";
}

std::string html_only_email() {
    // "<html><head><title>x</title><style>p{}</style></head><body><p>Statement on
    // fisheries cooperation in the Indian Ocean.</p></body></html>" in base64.
    return "From: spokesperson@mfa.example\r\n"
           "To: Undisclosed recipients:;\r\n"
           "Subject: Statement on fisheries\r\n"
           "Date: Mon, 02 Mar 2020 18:00:00 -0100\r\n"
           "MIME-Version: 1.0\r\n"
           "Content-Type: text/html; charset=ISO-8859-1\r\n"
           "Content-Transfer-Encoding: base64\r\n"
           "\r\n"
           "PGh0bWw+PGhlYWQ+PHRpdGxlPng8L3RpdGxlPjxzdHlsZT5we308L3N0eWxlPjwvaGVhZD48Ym9k\r\n"
           "eT48cD5TdGF0ZW1lbnQgb24gZmlzaGVyaWVzIGNvb3BlcmF0aW9uIGluIHRoZSBJbmRpYW4gT2Nl\r\n"
           "YW4uPC9wPjwvYm9keT48L2h0bWw+\r\n";
}

}  // namespace diplosearch::test
