/// @file
/// @brief Read-only access to a zip archive held in memory (libzip), with a bound on
/// how much it may inflate to.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

struct zip;

namespace diplosearch::indexer {

/// A zip archive in memory: the container of DOCX and ODT files.
///
/// Every read counts against one budget of uncompressed bytes for the whole archive,
/// counted as the bytes inflate, never trusting the sizes the archive declares: a
/// small file that would inflate to gigabytes (a zip bomb) is refused at the budget.
class ZipArchive {
  public:
    /// @param bytes the archive; must outlive this object.
    /// @param max_uncompressed_bytes the most bytes all reads together may return.
    /// @throws ParseError when @p bytes is not a zip archive.
    ZipArchive(std::string_view bytes, std::size_t max_uncompressed_bytes);
    ~ZipArchive();
    ZipArchive(const ZipArchive&) = delete;
    ZipArchive& operator=(const ZipArchive&) = delete;

    /// Whether the archive holds an entry called @p name.
    bool contains(const std::string& name) const;

    /// The uncompressed content of entry @p name.
    /// @throws ParseError when it is missing or damaged; UnreadableDocument when it is
    /// encrypted; std::invalid_argument when the budget would be exceeded.
    std::string read(const std::string& name);

  private:
    struct Closer {
        void operator()(zip* archive) const;
    };
    std::unique_ptr<zip, Closer> m_archive;
    std::size_t m_limit;
    std::size_t m_budget;  // What is left of m_limit.
};

}  // namespace diplosearch::indexer
