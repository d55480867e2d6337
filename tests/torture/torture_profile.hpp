/// @file
/// @brief Which profile of the torture suite runs (TORTURE_LONG=1 in the environment
/// selects the long one, docs/reliability.md; anything else the fast one CI runs), and
/// whether this is a sanitizer build, whose time and memory bounds are wider.
#pragma once

#include <cstdlib>
#include <string_view>

namespace diplosearch::test {

inline bool torture_long() {
    const char* value = std::getenv("TORTURE_LONG");
    return value != nullptr && std::string_view(value) == "1";
}

#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif
#else
inline constexpr bool kSanitized = false;
#endif

/// AddressSanitizer runs the code several times slower and holds freed memory in
/// quarantine: bounds meant to catch a hang or a blow-up, not to measure, are
/// multiplied by these in a sanitizer build.
inline constexpr double kTimeBoundFactor = kSanitized ? 4.0 : 1.0;
inline constexpr long kMemoryBoundFactor = kSanitized ? 2 : 1;

}  // namespace diplosearch::test
