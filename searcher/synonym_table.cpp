/// @file
/// @brief The synonym table: parsing, merging and lookup.
#include "synonym_table.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "country_gazetteer.hpp"
#include "diplosearch/errors.hpp"
#include "text.hpp"

namespace diplosearch {
extern const std::string_view kBuiltinSynonymsTsv;
}  // namespace diplosearch

namespace diplosearch::searcher {

namespace {

constexpr std::size_t kShortAcronymLetters = 3;

bool is_word_byte(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

std::string joined(const std::vector<std::string>& words) {
    std::string key;
    for (const auto& w : words) {
        if (!key.empty()) key += ' ';
        key += w;
    }
    return key;
}

// "WHO", "US", "AU": short enough that its lower-case form is likely an
// ordinary word, so it must be typed with a capital to count.
bool is_short_acronym(std::string_view text) {
    std::size_t letters = 0;
    bool upper = false;
    for (const unsigned char c : text) {
        if (c == '.') continue;
        if (!is_word_byte(c)) return false;
        if (c >= 'A' && c <= 'Z') upper = true;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) ++letters;
    }
    return upper && letters <= kShortAcronymLetters;
}

SynonymTable make_builtin() {
    SynonymTable table;
    table.add_tsv(kBuiltinSynonymsTsv, "corpus/synonyms/synonyms.tsv");
    for (const Country& country : CountryGazetteer::builtin().countries()) {
        std::vector<std::string> names = {country.short_name, country.formal_name};
        names.insert(names.end(), country.aliases.begin(), country.aliases.end());
        names.erase(std::remove(names.begin(), names.end(), std::string()), names.end());
        table.add_group(names);
    }
    return table;
}

}  // namespace

std::vector<std::string> synonym_words(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    for (const unsigned char c : text::fold_diacritics(text)) {
        if (c == '\'') continue;  // "Children's" -> "childrens", as typed either way.
        if (is_word_byte(c)) {
            word += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

const SynonymTable& SynonymTable::builtin() {
    static const SynonymTable table = make_builtin();
    return table;
}

void SynonymTable::add_tsv(std::string_view tsv, const std::string& origin) {
    std::size_t line_no = 0;
    for (const auto line : text::split(tsv, '\n')) {
        ++line_no;
        const std::string_view trimmed = text::trim(line);
        if (trimmed.empty() || trimmed.front() == '#') continue;
        std::vector<std::string> expressions;
        for (const auto field : text::split(trimmed, '\t')) {
            const std::string_view expression = text::trim(field);
            if (!expression.empty()) expressions.emplace_back(expression);
        }
        if (expressions.size() < 2) {
            throw UsageError(fmt::format(
                "{}:{}: a synonym group needs at least two expressions separated by tabs", origin,
                line_no));
        }
        add_group(expressions);
    }
}

void SynonymTable::add_group(const std::vector<std::string>& expressions) {
    std::vector<SynonymExpression> group;
    std::vector<std::size_t> existing;
    for (const auto& text : expressions) {
        SynonymExpression expression{text, synonym_words(text), is_short_acronym(text)};
        if (expression.words.empty()) continue;
        if (const auto found = find(expression.words)) existing.push_back(found->group);
        group.push_back(std::move(expression));
    }
    if (group.empty()) return;
    std::sort(existing.begin(), existing.end());
    existing.erase(std::unique(existing.begin(), existing.end()), existing.end());

    // Merge into the first group that shares an expression, folding in any others.
    std::size_t target = existing.empty() ? m_groups.size() : existing.front();
    if (existing.empty()) m_groups.emplace_back();
    for (std::size_t i = 1; i < existing.size(); ++i) {
        auto& other = m_groups[existing[i]];
        std::move(other.begin(), other.end(), std::back_inserter(group));
        other.clear();
    }
    for (auto& expression : group) {
        const std::string key = joined(expression.words);
        const auto it = m_by_words.find(key);
        if (it != m_by_words.end() && it->second.group == target) {
            // The same words again ("US", "U.S."): one lower-case spelling suffices.
            it->second.needs_capitals = it->second.needs_capitals && expression.needs_capitals;
            if (std::none_of(m_groups[target].begin(), m_groups[target].end(),
                             [&](const auto& e) { return e.text == expression.text; })) {
                m_groups[target].push_back(std::move(expression));
            }
            continue;
        }
        m_longest = std::max(m_longest, expression.words.size());
        m_by_words[key] = Entry{target, expression.needs_capitals};
        m_groups[target].push_back(std::move(expression));
    }
}

std::optional<SynonymTable::Entry> SynonymTable::find(const std::vector<std::string>& words) const {
    const auto it = m_by_words.find(joined(words));
    if (it == m_by_words.end()) return std::nullopt;
    return it->second;
}

std::size_t SynonymTable::size() const {
    return static_cast<std::size_t>(
        std::count_if(m_groups.begin(), m_groups.end(), [](const auto& g) { return !g.empty(); }));
}

}  // namespace diplosearch::searcher
