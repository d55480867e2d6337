/// @file
/// @brief Encoding of several strings in one value slot, for multi-valued facets.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace diplosearch::value_list {

/// Joins @p items into one slot value (each item length-prefixed, so any byte is allowed).
std::string encode(const std::vector<std::string>& items);

/// Calls @p visit with each item of an encoded value, without allocating.
template <typename Visitor>
void for_each(std::string_view encoded, Visitor&& visit) {
    std::size_t i = 0;
    while (i < encoded.size()) {
        const auto len = static_cast<unsigned char>(encoded[i]);
        ++i;
        if (i + len > encoded.size()) return;  // Truncated: ignore the tail.
        visit(encoded.substr(i, len));
        i += len;
    }
}

/// Splits an encoded value back into its items.
std::vector<std::string> decode(std::string_view encoded);

}  // namespace diplosearch::value_list
