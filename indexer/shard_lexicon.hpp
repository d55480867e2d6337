/// @file
/// @brief A shard's spelling data copied into a database of its own, its lexicon.
///
/// Xapian's remote backend serves documents and terms but not spelling data,
/// so a searcher reaching a shard over TCP reads that shard's spelling from
/// its lexicon, a small local database with no documents. Only the writer of
/// the shard (holding its lock) refreshes its lexicon.
#pragma once

#include <string>

namespace diplosearch::indexer {

/// Makes the spelling data of the database at @p lexicon_path (created when
/// absent) equal that of the live shard at @p shard_path, in one commit.
/// @throws IndexError when either database fails.
void copy_spelling(const std::string& shard_path, const std::string& lexicon_path);

}  // namespace diplosearch::indexer
