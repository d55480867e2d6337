// @brief libFuzzer target: language detection (CLD2) and the non-Latin country
// name matcher on arbitrary bytes, as document text and queries reach them.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "extraction/script_name_matcher.hpp"
#include "language.hpp"
#include "language_detector.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const auto guess = diplosearch::language::detect_language(bytes);
    if (guess.reliable && guess.code.empty()) __builtin_trap();
    (void)diplosearch::language::canonical_code(bytes);
    static const diplosearch::extraction::ScriptNameMatcher matcher = [] {
        diplosearch::extraction::ScriptNameMatcher m;
        using diplosearch::extraction::MentionKind;
        m.add("中国", 0, MentionKind::kName);
        m.add("Россия", 1, MentionKind::kName);
        m.add("السودان", 2, MentionKind::kName);
        return m;
    }();
    for (const auto& match : matcher.find(bytes)) {
        if (match.offset + match.length > bytes.size()) __builtin_trap();
    }
    return 0;
}
