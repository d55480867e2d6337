/// @file
/// @brief File stamps.
#include "file_stamp.hpp"

#include <sys/stat.h>
#include <xxhash.h>

#include <ctime>
#include <sstream>

#include <fmt/format.h>

#include "schema.hpp"

namespace diplosearch::indexer {

namespace {

constexpr long long kNanosPerSecond = 1'000'000'000LL;
constexpr long long kSettleNanos = 2 * kNanosPerSecond;
constexpr std::string_view kStampVersion = "s1";

long long nanos(const timespec& t) {
    return static_cast<long long>(t.tv_sec) * kNanosPerSecond + t.tv_nsec;
}

}  // namespace

std::optional<FileStamp> FileStamp::of(const std::string& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return std::nullopt;
    return FileStamp{info.st_dev, info.st_ino, static_cast<long long>(info.st_size),
                     nanos(info.st_mtim), nanos(info.st_ctim)};
}

bool FileStamp::settled() const {
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    const long long latest = std::max(modified_ns, changed_ns);
    return nanos(now) - latest >= kSettleNanos;
}

std::string StoredStamp::encode() const {
    return fmt::format("{} {} {} {} {} {} {} {}", kStampVersion, rules, stamp.device, stamp.inode,
                       stamp.size, stamp.modified_ns, stamp.changed_ns, origin_key);
}

std::optional<StoredStamp> StoredStamp::decode(const std::string& value) {
    std::istringstream in(value);
    std::string version;
    StoredStamp stored;
    if (!(in >> version) || version != kStampVersion) return std::nullopt;
    if (!(in >> stored.rules >> stored.stamp.device >> stored.stamp.inode >> stored.stamp.size >>
          stored.stamp.modified_ns >> stored.stamp.changed_ns)) {
        return std::nullopt;
    }
    in.get();  // The one space before the name, which may itself hold spaces.
    std::getline(in, stored.origin_key, '\0');
    return stored;
}

std::string stamp_key(const std::string& origin_key) {
    return fmt::format("{}{:016x}", schema::metadata::kFileStampPrefix,
                       XXH3_64bits(origin_key.data(), origin_key.size()));
}

}  // namespace diplosearch::indexer
