/// @file
/// @brief Input format names and extensions.
#include "input_format.hpp"

#include <array>
#include <utility>

#include "text.hpp"

namespace diplosearch::indexer {

namespace {

using Entry = std::pair<std::string_view, InputFormat>;

constexpr std::array kNames = {
    Entry{"jsonl", InputFormat::kJsonl}, Entry{"ndjson", InputFormat::kJsonl},
    Entry{"json", InputFormat::kJson},   Entry{"text", InputFormat::kText},
    Entry{"txt", InputFormat::kText},    Entry{"markdown", InputFormat::kMarkdown},
    Entry{"md", InputFormat::kMarkdown}, Entry{"html", InputFormat::kHtml},
    Entry{"htm", InputFormat::kHtml},    Entry{"pdf", InputFormat::kPdf},
    Entry{"docx", InputFormat::kDocx},   Entry{"odt", InputFormat::kOdt},
    Entry{"eml", InputFormat::kEmail},   Entry{"email", InputFormat::kEmail},
};

}  // namespace

std::optional<InputFormat> parse_format_name(std::string_view name) {
    const std::string lower = text::ascii_lower(name);
    for (const auto& [key, format] : kNames) {
        if (key == lower) return format;
    }
    return std::nullopt;
}

bool is_binary_format(InputFormat format) {
    return format == InputFormat::kPdf || format == InputFormat::kDocx ||
           format == InputFormat::kOdt || format == InputFormat::kEmail;
}

std::optional<InputFormat> format_from_path(std::string_view path) {
    if (path.ends_with(".zst")) path.remove_suffix(4);
    const auto slash = path.find_last_of('/');
    const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
    const auto dot = name.find_last_of('.');
    if (dot == std::string_view::npos || dot == 0) return std::nullopt;
    return parse_format_name(name.substr(dot + 1));
}

}  // namespace diplosearch::indexer
