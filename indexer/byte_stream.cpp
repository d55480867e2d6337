/// @file
/// @brief File, zstd and istream byte sources.
#include "byte_stream.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include <fmt/format.h>

#include <zstd.h>

#include "diplosearch/errors.hpp"

namespace diplosearch::indexer {

namespace {

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

class PlainFileStream final : public ByteStream {
  public:
    PlainFileStream(FilePtr file, std::string path)
        : m_file(std::move(file)), m_path(std::move(path)) {}
    std::size_t read(char* buffer, std::size_t size) override {
        const std::size_t n = std::fread(buffer, 1, size, m_file.get());
        if (n == 0 && std::ferror(m_file.get())) {
            throw InputError(m_path, 0, std::string("read error: ") + std::strerror(errno));
        }
        return n;
    }

  private:
    FilePtr m_file;
    std::string m_path;
};

struct DStreamFree {
    void operator()(ZSTD_DStream* s) const { ZSTD_freeDStream(s); }
};

class ZstdFileStream final : public ByteStream {
  public:
    ZstdFileStream(FilePtr file, std::string path)
        : m_file(std::move(file)),
          m_path(std::move(path)),
          m_dstream(ZSTD_createDStream()),
          m_in_buffer(ZSTD_DStreamInSize()) {
        if (!m_dstream) throw InputError(m_path, 0, "cannot allocate zstd decoder");
        ZSTD_initDStream(m_dstream.get());
    }

    std::size_t read(char* buffer, std::size_t size) override {
        ZSTD_outBuffer out{buffer, size, 0};
        while (out.pos == 0) {
            if (m_in.pos == m_in.size) {
                const std::size_t n =
                    std::fread(m_in_buffer.data(), 1, m_in_buffer.size(), m_file.get());
                if (n == 0) {
                    if (std::ferror(m_file.get())) {
                        throw InputError(m_path, 0,
                                         std::string("read error: ") + std::strerror(errno));
                    }
                    if (m_frame_open) throw InputError(m_path, 0, "truncated zstd stream");
                    return 0;
                }
                m_in = ZSTD_inBuffer{m_in_buffer.data(), n, 0};
            }
            const std::size_t rc = ZSTD_decompressStream(m_dstream.get(), &out, &m_in);
            if (ZSTD_isError(rc)) {
                throw InputError(m_path, 0, std::string("zstd: ") + ZSTD_getErrorName(rc));
            }
            m_frame_open = rc != 0;
        }
        return out.pos;
    }

  private:
    FilePtr m_file;
    std::string m_path;
    std::unique_ptr<ZSTD_DStream, DStreamFree> m_dstream;
    std::vector<char> m_in_buffer;
    ZSTD_inBuffer m_in{nullptr, 0, 0};
    bool m_frame_open = false;
};

class IstreamByteStream final : public ByteStream {
  public:
    IstreamByteStream(std::istream& input, std::string name)
        : m_input(input), m_name(std::move(name)) {}
    std::size_t read(char* buffer, std::size_t size) override {
        m_input.read(buffer, static_cast<std::streamsize>(size));
        if (m_input.bad()) throw InputError(m_name, 0, "read error");
        return static_cast<std::size_t>(m_input.gcount());
    }

  private:
    std::istream& m_input;
    std::string m_name;
};

}  // namespace

std::unique_ptr<ByteStream> open_file_stream(const std::string& path) {
    // O_NONBLOCK so that a FIFO put where a file was listed cannot hang the job
    // in open(); the type check then refuses it, and devices such as /dev/zero,
    // which would never end.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        const int error = errno;
        if (error == ENOENT) throw FileVanished(path);
        throw InputError(path, 0, std::string("cannot open: ") + std::strerror(error));
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw InputError(path, 0, "not a regular file");
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    FilePtr file(::fdopen(fd, "rb"));
    if (!file) {
        const int error = errno;
        ::close(fd);
        throw InputError(path, 0, std::string("cannot open: ") + std::strerror(error));
    }
    if (path.ends_with(".zst")) return std::make_unique<ZstdFileStream>(std::move(file), path);
    return std::make_unique<PlainFileStream>(std::move(file), path);
}

std::unique_ptr<ByteStream> wrap_istream(std::istream& input, const std::string& name) {
    return std::make_unique<IstreamByteStream>(input, name);
}

FileVanished::FileVanished(const std::string& path)
    : InputError(path, 0, "cannot open: No such file or directory (removed since it was listed)") {}

std::string read_all(ByteStream& stream, std::size_t max_bytes) {
    std::string out;
    char buffer[64 * 1024];
    while (const std::size_t n = stream.read(buffer, sizeof buffer)) {
        // Checked as it grows, so a huge file or a zstd bomb costs at most the limit.
        if (out.size() + n > max_bytes) {
            throw InputError(
                {}, 0,
                fmt::format("larger than {} MiB, the most read from one file", max_bytes >> 20));
        }
        out.append(buffer, n);
    }
    return out;
}

bool LineReader::next(std::string& line) {
    constexpr std::size_t kChunk = 256 * 1024;
    m_overlong = false;
    while (true) {
        const auto newline = m_buffer.find('\n', m_pos);
        if (newline == std::string::npos && m_buffer.size() - m_pos > m_max_line_bytes) {
            // Dropped as it is read, so an endless line never fills memory.
            m_overlong = true;
            m_buffer.clear();
            m_pos = 0;
        }
        if (newline != std::string::npos && (m_overlong || newline - m_pos > m_max_line_bytes)) {
            m_overlong = true;
            line.clear();
            m_pos = newline + 1;
            ++m_line;
            return true;
        }
        if (newline != std::string::npos) {
            line.assign(m_buffer, m_pos, newline - m_pos);
            m_pos = newline + 1;
            ++m_line;
            return true;
        }
        if (m_eof) {
            if (m_overlong) {
                line.clear();
                m_pos = m_buffer.size();
                ++m_line;
                return true;
            }
            if (m_pos >= m_buffer.size()) return false;
            line.assign(m_buffer, m_pos);  // Last line without a trailing newline.
            m_pos = m_buffer.size();
            ++m_line;
            return true;
        }
        m_buffer.erase(0, m_pos);
        m_pos = 0;
        const std::size_t old_size = m_buffer.size();
        m_buffer.resize(old_size + kChunk);
        const std::size_t n = m_stream.read(m_buffer.data() + old_size, kChunk);
        m_buffer.resize(old_size + n);
        if (n == 0) m_eof = true;
    }
}

}  // namespace diplosearch::indexer
