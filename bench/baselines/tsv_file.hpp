/// @file
/// @brief Reading the benchmarks' tab-separated files (query sets, judgments, runs).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace diplosearch::bench {

/// One line's fields, split on tabs; empty fields are kept.
std::vector<std::string> split_tabs(const std::string& line);

/// The rows of the TSV file at @p path: empty lines and lines starting with '#'
/// are skipped, and so is a row whose first field is @p header_first (the
/// column-name line), when given.
/// @throws std::runtime_error when the file cannot be opened.
std::vector<std::vector<std::string>> read_tsv(const std::string& path,
                                               std::string_view header_first = {});

}  // namespace diplosearch::bench
