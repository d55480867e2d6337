/// @file
/// @brief Expands a SOURCE argument into the files to index, in a stable order.
#pragma once

#include <string>
#include <vector>

namespace diplosearch::indexer {

/// One file to index.
struct SourceFile {
    std::string path;     ///< Path to open (as given, joined with the walk).
    std::string id_base;  ///< Stable name for derived ids: relative to the source's parent.
};

/// The files under @p source: the file itself, or every regular file below a
/// directory (hidden entries skipped), sorted by path so runs are repeatable.
/// @throws InputError when @p source does not exist or cannot be walked.
std::vector<SourceFile> list_source_files(const std::string& source);

}  // namespace diplosearch::indexer
