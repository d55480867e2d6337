/// @file
/// @brief Running diplo-serve in place of diplo-search.
#include "serve_command.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "diplosearch/errors.hpp"

namespace diplosearch::searcher {

namespace fs = std::filesystem;

void exec_service(int argc, char** argv) {
    std::error_code error;
    const fs::path self = fs::read_symlink("/proc/self/exe", error);
    if (error) {
        throw Error(fmt::format("serve: cannot locate diplo-search itself: {}", error.message()));
    }
    // Installed, both live in bin/; in the build tree, in searcher/ and server/.
    fs::path service = self.parent_path() / "diplo-serve";
    if (const fs::path built = self.parent_path().parent_path() / "server" / "diplo-serve";
        !fs::exists(service) && fs::exists(built)) {
        service = built;
    }
    std::vector<char*> args;
    args.push_back(const_cast<char*>("diplo-serve"));
    for (int i = 2; i < argc; ++i) args.push_back(argv[i]);
    args.push_back(nullptr);
    execv(service.c_str(), args.data());
    throw Error(fmt::format("serve: cannot run {}: {}", service.string(), std::strerror(errno)));
}

}  // namespace diplosearch::searcher
