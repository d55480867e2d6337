/// @file
/// @brief Test environment helpers.
#include "support/test_env.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace diplosearch::test {

namespace fs = std::filesystem;

fs::path source_dir() {
    return DIPLOSEARCH_SOURCE_DIR;
}

fs::path sample_corpus() {
    return source_dir() / "corpus" / "documents";
}

fs::path shared_ungdc() {
    fs::path path = fs::path(DIPLOSEARCH_SHARED_DIR) / "corpus" / "ungdc.jsonl.zst";
    if (const char* env = std::getenv("DIPLOSEARCH_SHARED_CORPUS")) path = env;
    std::error_code ec;
    return fs::is_regular_file(path, ec) ? path : fs::path();
}

std::string diplo_index_bin() {
    return DIPLO_INDEX_BIN;
}
std::string diplo_search_bin() {
    return DIPLO_SEARCH_BIN;
}
std::string embed_bin() {
    return DIPLO_EMBED_BIN;
}

TempDir::TempDir() {
    std::random_device rd;
    const fs::path base = fs::temp_directory_path();
    for (int attempt = 0; attempt < 100; ++attempt) {
        fs::path candidate = base / ("diplosearch-test-" + std::to_string(rd()));
        if (fs::create_directory(candidate)) {
            m_path = candidate;
            return;
        }
    }
    throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
}

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (const char c : s) {
        if (c == '\'') {
            out += "'\\''";
        } else {
            out += c;
        }
    }
    return out + "'";
}

void write_file(const fs::path& path, const std::string& content) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

CommandResult run_command(const std::string& command, const std::string& input) {
    TempDir io;
    write_file(io / "in", input);
    const std::string full = "( " + command + " ) <" + shell_quote((io / "in").string()) + " >" +
                             shell_quote((io / "out").string()) + " 2>" +
                             shell_quote((io / "err").string());
    const int status = std::system(full.c_str());
    CommandResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    auto slurp = [](const fs::path& p) {
        std::ifstream in(p, std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        return ss.str();
    };
    result.out = slurp(io / "out");
    result.err = slurp(io / "err");
    return result;
}

}  // namespace diplosearch::test
