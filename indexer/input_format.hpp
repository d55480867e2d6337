/// @file
/// @brief The input formats and how a file's format is chosen.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace diplosearch::indexer {

enum class InputFormat { kJsonl, kJson, kText, kMarkdown, kHtml, kPdf, kDocx, kOdt, kEmail };

/// Parses a `--format` value (`jsonl`, `json`, `text`/`txt`, `markdown`/`md`, `html`,
/// `pdf`, `docx`, `odt`, `eml`/`email`).
std::optional<InputFormat> parse_format_name(std::string_view name);

/// The format implied by a file name's extension (a trailing `.zst` is looked through).
std::optional<InputFormat> format_from_path(std::string_view path);

/// A file name's supported extensions, for messages.
inline constexpr std::string_view kSupportedExtensions =
    ".jsonl .ndjson .json .txt .text .md .markdown .html .htm .pdf .docx .odt .eml "
    "(optionally .zst)";

/// Whether files of @p format are read as bytes by their own parser (PDF, zipped XML,
/// MIME), never through the text path's UTF-16, binary and UTF-8 checks.
bool is_binary_format(InputFormat format);

}  // namespace diplosearch::indexer
