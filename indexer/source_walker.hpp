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
    /// Non-empty for an entry that is listed only to be reported as skipped:
    /// a symbolic link that loops or leads outside the source root, a FIFO, a
    /// device, a directory that cannot be read.
    std::string skip_reason;
};

/// What a SOURCE argument expands to.
struct SourceListing {
    std::string root_path;  ///< The source's absolute, normalised path.
    bool directory = false;
    std::vector<SourceFile> files;
};

/// The files under @p source: the file itself, or every regular file below a
/// directory (hidden entries skipped), sorted by path so runs are repeatable.
/// Symbolic links to files inside the directory are listed; anything else that
/// is not a regular file or a directory is listed with a skip_reason, so that
/// nothing outside the source root is read and nothing can block the job.
/// @throws InputError when @p source does not exist or cannot be walked.
SourceListing list_source(const std::string& source);

}  // namespace diplosearch::indexer
