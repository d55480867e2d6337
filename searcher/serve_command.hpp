/// @file
/// @brief `diplo-search serve ...`: the HTTP service under the search command's name.
#pragma once

namespace diplosearch::searcher {

/// Replaces this process with `diplo-serve`, passing the arguments after
/// `serve`: the one beside this executable (as `cmake --install` lays them
/// out), else the build tree's `../server/diplo-serve`. The search command
/// stays free of the HTTP library, and the service keeps one implementation.
/// @param argc, @param argv the whole command line, `argv[1]` being `serve`.
/// @throws Error naming the binary when it cannot be run.
[[noreturn]] void exec_service(int argc, char** argv);

}  // namespace diplosearch::searcher
