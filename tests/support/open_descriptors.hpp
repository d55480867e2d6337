/// @file
/// @brief The file descriptors a test process holds open, to catch the ones a
/// test case leaves open (every Catch2 test binary checks this at exit).
#pragma once

#include <map>
#include <string>

namespace diplosearch::test {

/// The process's open descriptors (from /proc/self/fd), each with what it
/// refers to (a path, `socket:[N]`, `pipe:[N]`, ...).
std::map<int, std::string> open_descriptors();

/// The descriptors in @p after that were not open, to the same thing, in @p before.
std::map<int, std::string> opened_since(const std::map<int, std::string>& before,
                                        const std::map<int, std::string>& after);

}  // namespace diplosearch::test
