/// @file
/// @brief The input formats and how a file's format is chosen.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace diplosearch::indexer {

enum class InputFormat { kJsonl, kJson, kText, kMarkdown, kHtml };

/// Parses a `--format` value (`jsonl`, `json`, `text`/`txt`, `markdown`/`md`, `html`).
std::optional<InputFormat> parse_format_name(std::string_view name);

/// The format implied by a file name's extension (a trailing `.zst` is looked through).
std::optional<InputFormat> format_from_path(std::string_view path);

/// A file name's supported extensions, for messages.
inline constexpr std::string_view kSupportedExtensions =
    ".jsonl .ndjson .json .txt .text .md .markdown .html .htm (optionally .zst)";

}  // namespace diplosearch::indexer
