/// @file
/// @brief Documents from word-processor files: DOCX (Office Open XML) and ODT
/// (OpenDocument text), both zip archives of XML parts.
#pragma once

#include <string_view>

#include "diplosearch/document.hpp"

namespace diplosearch::indexer {

/// Builds a raw Document from a DOCX file: the text of `word/document.xml`, one line
/// per paragraph (deleted revisions and field codes left out), and from
/// `docProps/core.xml` the title (`dc:title`), date (`dcterms:created`) and author
/// (`dc:creator`, as speaker).
/// @throws ParseError when it is not a zip archive or its XML is malformed;
/// UnreadableDocument when it is encrypted; std::invalid_argument when it inflates
/// past the limit of one document.
Document document_from_docx(std::string_view bytes);

/// Builds a raw Document from an ODT file: the paragraphs and headings of
/// `content.xml` (annotations and tracked deletions left out), and from `meta.xml`
/// the title (`dc:title`), date (`meta:creation-date`, else `dc:date`) and author
/// (`meta:initial-creator`, else `dc:creator`).
/// @throws as document_from_docx().
Document document_from_odt(std::string_view bytes);

}  // namespace diplosearch::indexer
