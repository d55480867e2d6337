/// @file
/// @brief Documents from HTML pages, parsed with gumbo (an HTML5 parser).
#pragma once

#include <string_view>

#include "diplosearch/document.hpp"

namespace diplosearch::indexer {

/// Builds a raw Document from an HTML page: the title from `<title>` (else the
/// first `<h1>`), metadata from `<meta name=...>` (date, country, topic, type,
/// source, author/speaker, id), the language from `<html lang>`, and the text of
/// `<main>` or `<article>` when present, else `<body>`, with scripts, styles,
/// navigation, headers, footers and forms dropped.
Document document_from_html(std::string_view html);

}  // namespace diplosearch::indexer
