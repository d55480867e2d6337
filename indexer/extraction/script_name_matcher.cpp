/// @file
/// @brief Substring matching of non-Latin country names.
#include "script_name_matcher.hpp"

#include <xapian.h>

#include <algorithm>

#include "text.hpp"

namespace diplosearch::extraction {

namespace {

bool is_arabic(unsigned cp) {
    return (cp >= 0x0600 && cp <= 0x06FF) || (cp >= 0x0750 && cp <= 0x077F);
}

bool is_cyrillic(unsigned cp) {
    return cp >= 0x0400 && cp <= 0x052F;
}

bool is_letter(unsigned cp) {
    return Xapian::Unicode::is_wordchar(cp);
}

// Arabic writes "and", "so", "with", "for" and "like" (و ف ب ل ك) as one-letter
// prefixes of the next word.
bool is_arabic_clitic(unsigned cp) {
    return cp == 0x0648 || cp == 0x0641 || cp == 0x0628 || cp == 0x0644 || cp == 0x0643;
}

// Final letters a Russian noun changes for its cases: a name matches with any
// ending of at most kMaxRussianEnding letters after its other letters.
bool is_russian_ending_letter(unsigned cp) {
    static constexpr char32_t kEndings[] = {U'а', U'я', U'о', U'е', U'и',
                                            U'ы', U'й', U'ь', U'у', U'ю'};
    return std::find(std::begin(kEndings), std::end(kEndings), cp) != std::end(kEndings);
}
constexpr std::size_t kMaxRussianEnding = 3;

struct CodePoint {
    unsigned cp;
    std::size_t offset;
    std::size_t size;
};

std::vector<CodePoint> code_points(std::string_view s) {
    std::vector<CodePoint> out;
    const char* begin = s.data();
    for (Xapian::Utf8Iterator it(s.data(), s.size()); it != Xapian::Utf8Iterator();) {
        const auto offset = static_cast<std::size_t>(it.raw() - begin);
        const unsigned cp = *it;
        ++it;
        const std::size_t end =
            it == Xapian::Utf8Iterator() ? s.size() : static_cast<std::size_t>(it.raw() - begin);
        out.push_back({cp, offset, end - offset});
    }
    return out;
}

}  // namespace

bool ScriptNameMatcher::add(std::string_view name, std::uint32_t country, MentionKind kind) {
    const auto points = code_points(name);
    if (points.empty()) return false;
    const unsigned first = points.front().cp;
    Entry entry{std::string(name), Script::kCjk, country, kind};
    if (text::is_cjk(first)) {
        entry.script = Script::kCjk;
    } else if (is_arabic(first)) {
        entry.script = Script::kArabic;
    } else if (is_cyrillic(first)) {
        entry.script = Script::kCyrillic;
        // One-word names decline: drop the ending so every case form matches.
        const bool one_word = name.find(' ') == std::string_view::npos;
        if (one_word && points.size() > 3 &&
            is_russian_ending_letter(Xapian::Unicode::tolower(points.back().cp))) {
            entry.stem.resize(points.back().offset);
        }
    } else {
        return false;
    }
    auto& list = m_by_first[static_cast<char32_t>(first)];
    if (std::any_of(list.begin(), list.end(), [&](const Entry& e) { return e.stem == entry.stem; }))
        return true;
    list.push_back(std::move(entry));
    std::stable_sort(list.begin(), list.end(),
                     [](const Entry& a, const Entry& b) { return a.stem.size() > b.stem.size(); });
    return true;
}

std::vector<ScriptNameMatch> ScriptNameMatcher::find(std::string_view text) const {
    std::vector<ScriptNameMatch> found;
    if (m_by_first.empty()) return found;
    // Latin-script text (most of it) has no lead byte of these scripts:
    // Cyrillic and Arabic 0xD0-0xDB, CJK ideographs, kana and Hangul 0xE3-0xED
    // (typographic quotes and dashes, 0xE2, are not among them).
    if (std::none_of(text.begin(), text.end(), [](char c) {
            const auto b = static_cast<unsigned char>(c);
            return (b >= 0xD0 && b <= 0xDB) || (b >= 0xE3 && b <= 0xED);
        }))
        return found;
    const auto points = code_points(text);
    std::size_t i = 0;
    while (i < points.size()) {
        const auto it = m_by_first.find(static_cast<char32_t>(points[i].cp));
        if (it == m_by_first.end()) {
            ++i;
            continue;
        }
        const std::size_t start = points[i].offset;
        const bool after_letter = i > 0 && is_letter(points[i - 1].cp);
        // Up to two clitic letters that themselves start a word.
        bool after_clitics = false;
        if (after_letter && is_arabic_clitic(points[i - 1].cp)) {
            after_clitics =
                i < 2 || !is_letter(points[i - 2].cp) ||
                (is_arabic_clitic(points[i - 2].cp) && (i < 3 || !is_letter(points[i - 3].cp)));
        }
        bool matched = false;
        for (const Entry& e : it->second) {
            if (text.compare(start, e.stem.size(), e.stem) != 0) continue;
            if (e.script == Script::kArabic && after_letter && !after_clitics) continue;
            std::size_t end = start + e.stem.size();
            // The code point index just past the stem.
            std::size_t j = i;
            while (j < points.size() && points[j].offset < end) ++j;
            if (e.script == Script::kCyrillic) {
                if (after_letter) continue;
                std::size_t ending = 0;
                while (j + ending < points.size() && is_letter(points[j + ending].cp)) ++ending;
                if (ending > kMaxRussianEnding) continue;
                j += ending;
                end = j < points.size() ? points[j].offset : text.size();
            }
            found.push_back({start, end - start, e.country, e.kind});
            i = j;
            matched = true;
            break;
        }
        if (!matched) ++i;
    }
    return found;
}

}  // namespace diplosearch::extraction
