/// @file
/// @brief Document data: the JSON blob stored with each Xapian document so
/// results print without re-reading the source.
#pragma once

#include <string>
#include <string_view>

#include "diplosearch/document.hpp"

namespace diplosearch::stored_document {

/// Serialises @p doc: its fields as one line of JSON, then a newline and the
/// body text, cut to schema::kStoredTextBytes, as one zstd frame (nothing
/// when the text is empty).
std::string encode(const Document& doc);

/// Parses what encode() wrote. @p with_text false leaves `text` empty; the
/// text is then neither decompressed nor scanned, so the metadata of a long
/// document reads as fast as that of a short one.
/// @throws IndexError when the data is not valid document data.
Document decode(std::string_view data, bool with_text = true);

}  // namespace diplosearch::stored_document
