/// @file
/// @brief Generation folders and the stub that names the live one.
#include "generations.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <string>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "diplosearch/errors.hpp"

namespace diplosearch::generations {

namespace {

constexpr std::string_view kGenerationPrefix = "gen-";
constexpr std::string_view kTempStubName = "XAPIANDB.tmp";

// "gen-000042" -> 42; anything else -> nullopt.
std::optional<unsigned> parse_generation_name(std::string_view name) {
    if (name.substr(0, kGenerationPrefix.size()) != kGenerationPrefix) return std::nullopt;
    name.remove_prefix(kGenerationPrefix.size());
    if (name.empty() || name.size() > 9) return std::nullopt;
    unsigned number = 0;
    for (const char c : name) {
        if (c < '0' || c > '9') return std::nullopt;
        number = number * 10 + static_cast<unsigned>(c - '0');
    }
    return number;
}

std::string generation_name(unsigned number) {
    return fmt::format("{}{:06d}", kGenerationPrefix, number);
}

[[noreturn]] void throw_errno(const fs::path& db, const std::string& what) {
    throw IndexError(fmt::format("{}: {}: {}", db.string(), what, std::strerror(errno)));
}

// Closes a POSIX descriptor on every path out.
class FileDescriptor {
  public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    ~FileDescriptor() {
        if (m_fd >= 0) ::close(m_fd);
    }
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    int get() const { return m_fd; }

  private:
    int m_fd;
};

void write_synced(const fs::path& db, const fs::path& file, const std::string& content) {
    FileDescriptor fd(::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (fd.get() < 0) throw_errno(db, "cannot create " + file.filename().string());
    std::string_view rest = content;
    while (!rest.empty()) {
        const ssize_t written = ::write(fd.get(), rest.data(), rest.size());
        if (written < 0) {
            if (errno == EINTR) continue;
            throw_errno(db, "cannot write " + file.filename().string());
        }
        rest.remove_prefix(static_cast<std::size_t>(written));
    }
    if (::fsync(fd.get()) != 0) throw_errno(db, "cannot sync " + file.filename().string());
}

void sync_folder(const fs::path& db, const fs::path& folder) {
    FileDescriptor fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0 || ::fsync(fd.get()) != 0) {
        throw_errno(db, folder == db ? std::string("cannot sync the folder")
                                     : "cannot sync " + folder.filename().string());
    }
}

}  // namespace

Layout layout_of(const fs::path& db) {
    std::error_code ec;
    const auto status = fs::status(db, ec);
    if (!fs::exists(status)) return Layout::kMissing;
    if (!fs::is_directory(status)) return Layout::kUnknown;
    if (fs::exists(db / kStubName, ec)) {
        // The stub is only ever replaced whole: one naming no generation lists shards.
        return live_generation(db) ? Layout::kGenerational : Layout::kSharded;
    }
    if (fs::exists(db / "iamglass", ec) || fs::exists(db / "iamchert", ec)) return Layout::kPlain;
    // Empty, or holding only what a creation cut short left behind.
    for (fs::directory_iterator it(db, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name != kTempStubName && !parse_generation_name(name)) return Layout::kUnknown;
    }
    return ec ? Layout::kUnknown : Layout::kMissing;
}

fs::path generation_dir(const fs::path& db, unsigned number) {
    return db / generation_name(number);
}

std::optional<unsigned> live_generation(const fs::path& db) {
    std::ifstream stub(db / kStubName);
    std::string backend;
    std::string target;
    if (!(stub >> backend >> target)) return std::nullopt;
    return parse_generation_name(target);
}

std::vector<unsigned> list_generations(const fs::path& db) {
    std::vector<unsigned> numbers;
    std::error_code ec;
    for (fs::directory_iterator it(db, ec), end; !ec && it != end; it.increment(ec)) {
        const auto number = parse_generation_name(it->path().filename().string());
        if (number && it->is_directory(ec)) numbers.push_back(*number);
    }
    std::sort(numbers.begin(), numbers.end());
    return numbers;
}

void replace_file(const fs::path& db, std::string_view name, const std::string& content,
                  std::string_view temp_suffix) {
    const fs::path target = db / name;
    const fs::path temp = db / (std::string(name) + std::string(temp_suffix));
    write_synced(db, temp, content);
    if (::rename(temp.c_str(), target.c_str()) != 0) {
        throw_errno(db, "cannot rename " + temp.filename().string());
    }
    sync_folder(db, db);
}

void sync_folder_contents(const fs::path& db, const fs::path& folder) {
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        const fs::path& file = it->path();
        const std::string name = (folder.filename() / file.filename()).string();
        // A descriptor of our own: the compaction's are closed by now.
        FileDescriptor fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC));
        if (fd.get() < 0) throw_errno(db, "cannot open " + name + " to sync it");
        if (::fdatasync(fd.get()) != 0) throw_errno(db, "cannot sync " + name);
    }
    if (ec) {
        throw IndexError(fmt::format("{}: cannot list {} to sync it: {}", db.string(),
                                     folder.filename().string(), ec.message()));
    }
    sync_folder(db, folder);
}

void switch_live(const fs::path& db, unsigned number) {
    // The stub names the generation relative to itself, so the folder can move.
    replace_file(db, kStubName, fmt::format("auto {}\n", generation_name(number)));
}

void remove_generation(const fs::path& db, unsigned number) {
    std::error_code ec;
    fs::remove_all(generation_dir(db, number), ec);
    if (ec) {
        spdlog::warn("{}: cannot remove {}: {}", db.string(), generation_name(number),
                     ec.message());
    } else {
        spdlog::debug("{}: removed {}", db.string(), generation_name(number));
    }
}

void remove_debris(const fs::path& db) {
    std::error_code ec;
    fs::remove(db / kTempStubName, ec);
    if (fs::exists(db / kCompactTempName, ec)) {
        spdlog::info("{}: removing a compaction left by an interrupted job", db.string());
        fs::remove_all(db / kCompactTempName, ec);
    }
    const auto live = live_generation(db);
    if (!live) return;
    for (const unsigned number : list_generations(db)) {
        if (number > *live) {
            spdlog::info("{}: removing {} left by an interrupted rebuild", db.string(),
                         generation_name(number));
            remove_generation(db, number);
        }
    }
}

std::optional<StubIdentity> stub_identity(const fs::path& db) {
    struct stat info {};
    if (::stat((db / kStubName).c_str(), &info) != 0) return std::nullopt;
    return StubIdentity{
        info.st_dev, info.st_ino,
        static_cast<long long>(info.st_mtim.tv_sec) * 1'000'000'000LL + info.st_mtim.tv_nsec};
}

}  // namespace diplosearch::generations
