/// @file
/// @brief Expands a SOURCE argument into the files to index, in a stable order.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace diplosearch::indexer {

/// One file to index.
struct SourceFile {
    std::string path;        ///< Path to open (as given, joined with the walk).
    std::string id_base;     ///< Stable name for derived ids: relative to the source's parent.
    std::uint64_t size = 0;  ///< Bytes on disk when listed (for progress).
    /// Absolute, normalised path: names the file however the source was given,
    /// so it ties documents and stamps to their file across jobs.
    std::string absolute_path;
};

/// What a SOURCE argument expands to.
struct SourceListing {
    std::string root_path;  ///< The source's absolute, normalised path.
    bool directory = false;
    std::vector<SourceFile> files;
};

/// The files under @p source: the file itself, or every regular file below a
/// directory (hidden entries skipped), sorted by path so runs are repeatable.
/// @throws InputError when @p source does not exist or cannot be walked.
SourceListing list_source(const std::string& source);

}  // namespace diplosearch::indexer
