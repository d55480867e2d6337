/// @file
/// @brief Length-prefixed lists in value slots.
#include "value_list.hpp"

#include "text.hpp"

namespace diplosearch::value_list {

std::string encode(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) {
        // Items are codes and slugs; a longer one is cut on a UTF-8 boundary.
        const std::string_view kept = text::utf8_prefix(item, 255);
        out.push_back(static_cast<char>(kept.size()));
        out.append(kept);
    }
    return out;
}

std::vector<std::string> decode(std::string_view encoded) {
    std::vector<std::string> items;
    for_each(encoded, [&](std::string_view item) { items.emplace_back(item); });
    return items;
}

}  // namespace diplosearch::value_list
