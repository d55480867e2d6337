/// @file
/// @brief What each Xapian document stores so results print without
/// re-reading the source: the fields as one line of JSON in a value slot, and
/// the text for snippets, zstd-compressed, as the document data.
#pragma once

#include <xapian.h>

#include <string>
#include <string_view>

#include "diplosearch/document.hpp"

namespace diplosearch::stored_document {

/// Stores @p doc in @p xdoc: its fields (all but the text) as one line of JSON
/// in schema::ValueSlot::kMetadata, and its text, cut to
/// schema::kStoredTextBytes, as one zstd frame in the document data (empty
/// data when the text is empty).
///
/// Why apart: a hit's metadata is then read without touching its text, and
/// the data holds nothing Xapian's own zlib compression could shrink, so
/// reading it costs no inflate.
void store(const Document& doc, Xapian::Document& xdoc);

/// Reads what store() wrote. @p with_text false leaves `text` empty and never
/// reads the document data.
/// @throws IndexError when the metadata or the text frame is damaged.
Document load(const Xapian::Document& xdoc, bool with_text = true);

/// The one-line JSON of @p doc's fields (not its text), empty fields left out.
std::string encode_metadata(const Document& doc);

/// Parses encode_metadata()'s JSON; `text` stays empty.
/// @throws IndexError when it is not a JSON object of document fields.
Document decode_metadata(std::string_view json);

/// @p text (cut to schema::kStoredTextBytes) as one zstd frame; empty for empty text.
std::string compress_text(std::string_view text);

/// The text of a compress_text() frame; empty for empty input.
/// @throws IndexError when the frame is damaged.
std::string decompress_text(std::string_view frame);

}  // namespace diplosearch::stored_document
