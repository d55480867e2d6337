/// @file
/// @brief libzip behind RAII handles, reads bounded by an inflate budget.
#include "zip_archive.hpp"

#include <zip.h>

#include <stdexcept>

#include <fmt/format.h>

#include "parse_error.hpp"

namespace diplosearch::indexer {

namespace {

struct FileCloser {
    void operator()(zip_file_t* file) const { zip_fclose(file); }
};

std::string error_text(int code) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string text = zip_error_strerror(&error);
    zip_error_fini(&error);
    return text;
}

}  // namespace

void ZipArchive::Closer::operator()(zip* archive) const {
    zip_discard(archive);  // Read-only: nothing to write back.
}

ZipArchive::ZipArchive(std::string_view bytes, std::size_t max_uncompressed_bytes)
    : m_limit(max_uncompressed_bytes), m_budget(max_uncompressed_bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) {
        zip_error_fini(&error);
        throw ParseError(0, "cannot read the zip archive: out of memory");
    }
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!archive) {
        zip_source_free(source);  // Still ours when the open failed.
        const std::string reason = zip_error_strerror(&error);
        zip_error_fini(&error);
        throw ParseError(0, "not a zip archive: " + reason);
    }
    zip_error_fini(&error);
    m_archive.reset(archive);
}

ZipArchive::~ZipArchive() = default;

bool ZipArchive::contains(const std::string& name) const {
    return zip_name_locate(m_archive.get(), name.c_str(), 0) >= 0;
}

std::string ZipArchive::read(const std::string& name) {
    const zip_int64_t index = zip_name_locate(m_archive.get(), name.c_str(), 0);
    if (index < 0) throw ParseError(0, fmt::format("{} is missing from the archive", name));
    const std::unique_ptr<zip_file_t, FileCloser> file(
        zip_fopen_index(m_archive.get(), static_cast<zip_uint64_t>(index), 0));
    if (!file) {
        const int code = zip_error_code_zip(zip_get_error(m_archive.get()));
        if (code == ZIP_ER_NOPASSWD || code == ZIP_ER_WRONGPASSWD) {
            throw UnreadableDocument(fmt::format("{} is encrypted", name));
        }
        throw ParseError(0,
                         fmt::format("cannot open {} in the archive: {}", name, error_text(code)));
    }
    std::string content;
    char buffer[64 * 1024];
    for (;;) {
        const zip_int64_t got = zip_fread(file.get(), buffer, sizeof buffer);
        if (got < 0) {
            throw ParseError(0,
                             fmt::format("{} is damaged: {}", name, zip_file_strerror(file.get())));
        }
        if (got == 0) break;
        const auto size = static_cast<std::size_t>(got);
        if (size > m_budget) {
            throw std::invalid_argument(fmt::format(
                "archive inflates to more than {} MiB, the limit for one document", m_limit >> 20));
        }
        m_budget -= size;
        content.append(buffer, size);
    }
    return content;
}

}  // namespace diplosearch::indexer
