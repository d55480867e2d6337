/// @file
/// @brief Sequential byte sources: plain files, zstd-compressed files, std::istream,
/// and a line reader over any of them.
#pragma once

#include <cstddef>
#include <istream>
#include <memory>
#include <string>

#include "diplosearch/errors.hpp"

namespace diplosearch::indexer {

/// The most bytes one document may take: a whole-file document, one JSONL
/// record, or one document of a JSON file. Bigger ones are rejected, those in
/// files and records unread, which bounds the indexer's memory: indexing takes
/// about twenty times a document's size (see docs/reliability.md).
inline constexpr std::size_t kMaxDocumentBytes = 16ULL << 20;

/// The most bytes a `.json` file may hold: it is parsed whole, and may hold many
/// documents.
inline constexpr std::size_t kMaxJsonFileBytes = 128ULL << 20;

/// A listed file that is gone when it is opened: skipped, not rejected.
class FileVanished : public InputError {
  public:
    explicit FileVanished(const std::string& path);
};

/// A source of bytes read front to back.
class ByteStream {
  public:
    virtual ~ByteStream() = default;
    /// Reads up to @p size bytes; returns 0 at end of input.
    /// @throws InputError on a read or decompression error.
    virtual std::size_t read(char* buffer, std::size_t size) = 0;
};

/// Opens @p path, decompressing on the fly when it ends in `.zst`.
/// @throws FileVanished when it does not exist; InputError when it cannot be
/// opened or is not a regular file (FIFOs and devices are refused, never waited on).
std::unique_ptr<ByteStream> open_file_stream(const std::string& path);

/// Wraps a std::istream (not owned); @p name labels errors.
std::unique_ptr<ByteStream> wrap_istream(std::istream& input, const std::string& name);

/// Reads the whole stream into memory.
/// @throws InputError once it holds more than @p max_bytes (the reason says so;
/// the caller knows the file).
std::string read_all(ByteStream& stream, std::size_t max_bytes = kMaxDocumentBytes);

/// Splits a stream into `\n`-terminated lines without loading it whole.
class LineReader {
  public:
    explicit LineReader(ByteStream& stream, std::size_t max_line_bytes = kMaxDocumentBytes)
        : m_stream(stream), m_max_line_bytes(max_line_bytes) {}
    /// Next line without its `\n`; false at end of input. A line longer than
    /// the limit is skipped unbuffered and given as "" with overlong() true.
    bool next(std::string& line);
    /// Whether the line last returned was over the limit (and so given empty).
    bool overlong() const { return m_overlong; }
    /// 1-based number of the line last returned.
    std::uint64_t line_number() const { return m_line; }

  private:
    ByteStream& m_stream;
    std::size_t m_max_line_bytes;
    bool m_overlong = false;
    std::string m_buffer;
    std::size_t m_pos = 0;
    bool m_eof = false;
    std::uint64_t m_line = 0;
};

}  // namespace diplosearch::indexer
