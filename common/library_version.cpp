/// @file
/// @brief diplosearch::library_version(), compiled into libdiplosearch only: a program
/// linked against the shared library can tell which build it loaded at run time.
#include "diplosearch/version.hpp"

namespace diplosearch {

const char* library_version() noexcept {
    return DIPLOSEARCH_VERSION;
}

}  // namespace diplosearch
