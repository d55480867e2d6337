/// @file
/// @brief Fuzzes text::repair_utf8: its output must be valid UTF-8, repairing it
/// again must change nothing, and valid input must come back untouched.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "text.hpp"

namespace {

// Strict UTF-8 (no overlongs, surrogates or code points above U+10FFFF), written
// independently of text.cpp so the two cannot share a mistake.
bool valid_utf8(const std::string& s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        unsigned cp = 0;
        unsigned min = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1, cp = c & 0x1F, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2, cp = c & 0x0F, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3, cp = c & 0x07, min = 0x10000;
        } else {
            return false;
        }
        if (i + n >= s.size()) return false;
        for (std::size_t k = 1; k <= n; ++k) {
            const auto d = static_cast<unsigned char>(s[i + k]);
            if ((d & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (d & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += n + 1;
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input(reinterpret_cast<const char*>(data), size);
    std::string repaired = input;
    const std::size_t fixes = diplosearch::text::repair_utf8(repaired);
    if (!valid_utf8(repaired)) std::abort();
    if (valid_utf8(input) && (fixes != 0 || repaired != input)) std::abort();
    std::string again = repaired;
    if (diplosearch::text::repair_utf8(again) != 0 || again != repaired) std::abort();
    // What the indexer does next with repaired text must not trip either.
    diplosearch::text::fold_diacritics(repaired);
    diplosearch::text::slugify(repaired);
    diplosearch::text::utf8_prefix(repaired, size / 2);
    return 0;
}
