/// @file
/// @brief Documents from PDF files, read with poppler's C++ API.
#pragma once

#include <string>
#include <string_view>

#include "diplosearch/document.hpp"

namespace diplosearch::indexer {

/// Builds a raw Document from the bytes of a PDF file: the text of every page in
/// reading order (pages apart by a blank line), the title and author from the
/// document information dictionary (`Title`, `Author`), and the date from its
/// `CreationDate` (else `ModDate`). Fields the PDF leaves empty are left to extraction.
/// @throws UnreadableDocument for a PDF poppler cannot open, one locked by a password,
/// or one with no text layer (a scanned PDF): skipped, not indexed empty.
/// @throws std::invalid_argument when the text is larger than one document may be.
Document document_from_pdf(std::string_view bytes);

/// The date of a PDF date string (`D:YYYYMMDDHHmmSS+HH'mm'`, every part after the
/// year optional) as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, in the time zone it was
/// written in; "" when it does not start with a year.
std::string pdf_date(std::string_view value);

}  // namespace diplosearch::indexer
