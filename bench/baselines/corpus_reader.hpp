/// @file
/// @brief Reads the benchmark corpora (JSONL, optionally zstd-compressed) into flat
/// records for the baseline engines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace diplosearch::bench {

/// One corpus record with the fields the baselines index and facet on. Fields the
/// source lacks are empty (strings) or 0 (numbers).
struct CorpusRecord {
    std::string id;
    std::string title;
    std::string text;  ///< Without a leading byte order mark.
    std::vector<std::string> countries;
    std::string type;
    std::string lang;
    std::string speaker;
    int year = 0;
    int session = 0;
};

/// What read_corpus() went through.
struct CorpusStats {
    std::size_t records = 0;
    std::uint64_t text_bytes = 0;  ///< Title plus text bytes of the records passed on.
};

/// Calls @p fn for every record with an id in @p path: a JSONL file, the same
/// compressed with zstd (`.zst`), or `-` for JSONL on standard input.
/// @param max_records stop after this many records; 0 reads them all.
/// @throws std::runtime_error when the file cannot be read or a line is not JSON.
CorpusStats read_corpus(const std::string& path, const std::function<void(const CorpusRecord&)>& fn,
                        std::size_t max_records = 0);

}  // namespace diplosearch::bench
