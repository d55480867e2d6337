/// @file
/// @brief PDF text and metadata through poppler-cpp.
#include "pdf_document.hpp"

#include <cctype>
#include <memory>
#include <mutex>
#include <stdexcept>

#include <fmt/format.h>
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-page.h>

#include "byte_stream.hpp"
#include "parse_error.hpp"
#include "text.hpp"

namespace diplosearch::indexer {

namespace {

// Poppler reports every damaged object it works around on stderr; the job already
// says what became of the file, so its running commentary would only bury that.
void silence_poppler() {
    static std::once_flag once;
    std::call_once(
        once, [] { poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr); });
}

std::string utf8(const poppler::ustring& value) {
    const poppler::byte_array bytes = value.to_utf8();
    return std::string(bytes.begin(), bytes.end());
}

// Word processors fill Title with their own window caption or the file name when
// the author gave none; neither is a title worth showing, so the text's first line
// is taken instead.
std::string meaningful_title(std::string title) {
    title = text::collapse_whitespace(title);
    constexpr std::string_view kWordCaption = "Microsoft Word - ";
    if (title.starts_with(kWordCaption)) title.erase(0, kWordCaption.size());
    const std::string lower = text::ascii_lower(title);
    for (const std::string_view extension : {".doc", ".docx", ".odt", ".pdf", ".rtf", ".txt"}) {
        if (lower.ends_with(extension)) return {};
    }
    return title;
}

std::string info_string(const poppler::document& pdf, const char* key) {
    return text::collapse_whitespace(utf8(pdf.info_key(key)));
}

}  // namespace

std::string pdf_date(std::string_view value) {
    value = text::trim(value);
    if (value.starts_with("D:")) value.remove_prefix(2);
    std::size_t digits = 0;
    while (digits < value.size() && digits < 8 &&
           std::isdigit(static_cast<unsigned char>(value[digits]))) {
        ++digits;
    }
    if (digits < 4) return {};
    std::string date(value.substr(0, 4));
    if (digits >= 6) date += fmt::format("-{}", value.substr(4, 2));
    if (digits >= 8) date += fmt::format("-{}", value.substr(6, 2));
    return date;
}

Document document_from_pdf(std::string_view bytes) {
    silence_poppler();
    const std::unique_ptr<poppler::document> pdf(
        poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
    if (!pdf) throw UnreadableDocument("not a readable PDF (damaged or not a PDF)");
    if (pdf->is_locked()) throw UnreadableDocument("encrypted PDF: it needs a password to open");

    Document doc;
    doc.title = meaningful_title(info_string(*pdf, "Title"));
    doc.speaker = info_string(*pdf, "Author");
    doc.date = pdf_date(info_string(*pdf, "CreationDate"));
    if (doc.date.empty()) doc.date = pdf_date(info_string(*pdf, "ModDate"));

    const int pages = pdf->pages();
    for (int i = 0; i < pages; ++i) {
        const std::unique_ptr<poppler::page> page(pdf->create_page(i));
        if (!page) continue;
        // Reading order, as pdftotext prints it: columns one after the other rather
        // than side by side, so phrases stay whole.
        const std::string page_text =
            utf8(page->text(poppler::rectf(), poppler::page::non_raw_non_physical_layout));
        if (text::trim(page_text).empty()) continue;
        if (!doc.text.empty()) doc.text += "\n\n";
        doc.text += page_text;
        if (doc.text.size() > kMaxDocumentBytes) {
            throw std::invalid_argument(
                fmt::format("PDF text larger than {} MiB, the limit for one document",
                            kMaxDocumentBytes >> 20));
        }
    }
    // Form feeds end pages in poppler's text; they mean nothing to the index.
    for (char& c : doc.text) {
        if (c == '\f') c = '\n';
    }
    if (text::trim(doc.text).empty()) {
        throw UnreadableDocument(
            fmt::format("PDF has no text layer ({} page{} of images or blank pages; a scan "
                        "needs OCR first)",
                        pages, pages == 1 ? "" : "s"));
    }
    return doc;
}

}  // namespace diplosearch::indexer
