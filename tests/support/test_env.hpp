/// @file
/// @brief What tests need from their surroundings: paths to the source tree,
/// the binaries and the shared corpus, temporary folders, and running commands.
#pragma once

#include <filesystem>
#include <string>

namespace diplosearch::test {

/// The project's source tree (for corpus/).
std::filesystem::path source_dir();

/// The bundled sample corpus: corpus/documents.
std::filesystem::path sample_corpus();

/// The shared real corpus file, or an empty path when it is not present
/// (env DIPLOSEARCH_SHARED_CORPUS overrides the default ../shared/corpus/ungdc.jsonl.zst).
std::filesystem::path shared_ungdc();

/// Paths of the built binaries.
std::string diplo_index_bin();
std::string diplo_search_bin();
std::string embed_bin();

/// A fresh directory removed (with its contents) when the object dies.
class TempDir {
  public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

  private:
    std::filesystem::path m_path;
};

/// Result of running a shell command.
struct CommandResult {
    int exit_code = -1;
    std::string out;  ///< Standard output.
    std::string err;  ///< Standard error.
};

/// Runs @p command with /bin/sh, capturing stdout and stderr; stdin is @p input.
CommandResult run_command(const std::string& command, const std::string& input = "");

/// Quotes @p s for /bin/sh.
std::string shell_quote(const std::string& s);

/// Writes @p content to @p path, creating parent folders.
void write_file(const std::filesystem::path& path, const std::string& content);

}  // namespace diplosearch::test
