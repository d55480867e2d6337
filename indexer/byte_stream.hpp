/// @file
/// @brief Sequential byte sources: plain files, zstd-compressed files, std::istream,
/// and a line reader over any of them.
#pragma once

#include <cstddef>
#include <istream>
#include <memory>
#include <string>

namespace diplosearch::indexer {

/// A source of bytes read front to back.
class ByteStream {
  public:
    virtual ~ByteStream() = default;
    /// Reads up to @p size bytes; returns 0 at end of input.
    /// @throws InputError on a read or decompression error.
    virtual std::size_t read(char* buffer, std::size_t size) = 0;
};

/// Opens @p path, decompressing on the fly when it ends in `.zst`.
/// @throws InputError when the file cannot be opened.
std::unique_ptr<ByteStream> open_file_stream(const std::string& path);

/// Wraps a std::istream (not owned); @p name labels errors.
std::unique_ptr<ByteStream> wrap_istream(std::istream& input, const std::string& name);

/// Reads the whole stream into memory.
std::string read_all(ByteStream& stream);

/// Splits a stream into `\n`-terminated lines without loading it whole.
class LineReader {
  public:
    explicit LineReader(ByteStream& stream) : m_stream(stream) {}
    /// Next line without its `\n`; false at end of input.
    bool next(std::string& line);
    /// 1-based number of the line last returned.
    std::uint64_t line_number() const { return m_line; }

  private:
    ByteStream& m_stream;
    std::string m_buffer;
    std::size_t m_pos = 0;
    bool m_eof = false;
    std::uint64_t m_line = 0;
};

}  // namespace diplosearch::indexer
