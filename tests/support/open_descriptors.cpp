/// @file
/// @brief Lists the process's open file descriptors from /proc/self/fd.
#include "support/open_descriptors.hpp"

#include <dirent.h>
#include <unistd.h>

#include <array>
#include <cstdlib>

namespace diplosearch::test {

std::map<int, std::string> open_descriptors() {
    std::map<int, std::string> open;
    // opendir rather than std::filesystem: its own descriptor is known (dirfd)
    // and left out.
    DIR* dir = ::opendir("/proc/self/fd");
    if (dir == nullptr) return open;
    const int own = ::dirfd(dir);
    while (const dirent* entry = ::readdir(dir)) {
        char* end = nullptr;
        const long fd = std::strtol(entry->d_name, &end, 10);
        if (end == entry->d_name || *end != '\0' || fd == own) continue;
        std::array<char, 4096> target{};
        const std::string link = std::string("/proc/self/fd/") + entry->d_name;
        const ssize_t length = ::readlink(link.c_str(), target.data(), target.size() - 1);
        open.emplace(static_cast<int>(fd),
                     length > 0 ? std::string(target.data(), static_cast<std::size_t>(length))
                                : std::string("?"));
    }
    ::closedir(dir);
    return open;
}

std::map<int, std::string> opened_since(const std::map<int, std::string>& before,
                                        const std::map<int, std::string>& after) {
    std::map<int, std::string> opened;
    for (const auto& [fd, target] : after) {
        const auto was = before.find(fd);
        if (was == before.end() || was->second != target) opened.emplace(fd, target);
    }
    return opened;
}

}  // namespace diplosearch::test
