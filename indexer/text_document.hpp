/// @file
/// @brief Plain text and Markdown documents with an optional front-matter block.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "diplosearch/document.hpp"

namespace diplosearch::indexer {

/// The `---` ... `---` block at the top of a text file, and what follows it.
struct FrontMatter {
    std::vector<std::pair<std::string, std::vector<std::string>>> fields;  ///< In file order.
    std::string_view body;
    std::size_t body_line = 1;  ///< 1-based line on which the body starts.
};

/// Splits @p content into front matter and body. Keys are `key: value` lines;
/// a value may be quoted, a `[a, b]` list, or `- item` lines under an empty key.
/// Content without a leading `---` line is all body.
/// @throws ParseError naming the line of an unclosed block or a malformed line.
FrontMatter split_front_matter(std::string_view content);

/// Builds a raw Document from a text or Markdown file's content (BOM and line
/// ends already normalised). Without a `title`, a leading `# Heading` (Markdown)
/// or a short first line (text) becomes the title.
/// @throws ParseError for malformed front matter.
Document document_from_text(std::string_view content, bool markdown);

}  // namespace diplosearch::indexer
