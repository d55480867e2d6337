/// @file
/// @brief Size/mtime stamps that let an incremental job skip unchanged files
/// without reading them.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>

namespace diplosearch::indexer {

/// What stat() says about a source file. A file rewritten in any way gets a
/// new change time (ctime), which no user tool can set back, so comparing all
/// of these never misses a change, whatever mtime a tool preserves.
struct FileStamp {
    dev_t device = 0;
    ino_t inode = 0;
    long long size = 0;
    long long modified_ns = 0;
    long long changed_ns = 0;

    /// The stamp of @p path now, or nullopt when it cannot be stat()ed.
    static std::optional<FileStamp> of(const std::string& path);

    /// False while the file may still be changing within the timestamp
    /// granularity of its filesystem (changed less than two seconds ago): such
    /// a stamp is not trusted, as git does with its "racily clean" entries.
    bool settled() const;

    bool operator==(const FileStamp&) const = default;
};

/// A stamp as stored in the database: the stamp, the rules that indexed the
/// file (a change of rules invalidates every stamp) and the file's name.
struct StoredStamp {
    FileStamp stamp;
    std::string rules;
    std::string origin_key;

    std::string encode() const;
    static std::optional<StoredStamp> decode(const std::string& value);
};

/// Metadata key of the stamp for source file @p origin_key.
std::string stamp_key(const std::string& origin_key);

}  // namespace diplosearch::indexer
