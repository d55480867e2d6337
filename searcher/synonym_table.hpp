/// @file
/// @brief Groups of expressions that mean the same thing (acronyms, alternate
/// names), looked up by their words as a query spells them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace diplosearch::searcher {

/// One way of saying something: "UNSC", "Security Council".
struct SynonymExpression {
    std::string text;                ///< As written in the table.
    std::vector<std::string> words;  ///< Normalised: lower-case, punctuation dropped.
    /// A short acronym ("US", "WHO", "AU") that is also an ordinary word in
    /// lower case: it only matches when typed with a capital.
    bool needs_capitals = false;
};

/// The words of @p text as the table compares them: split at anything but
/// letters and digits (so "China-Pakistan" is two words), apostrophes dropped,
/// Latin accents folded (text::fold_diacritics), ASCII lower-cased; other
/// UTF-8 letters are kept as they are.
std::vector<std::string> synonym_words(std::string_view text);

class SynonymTable {
  public:
    /// The built-in table: corpus/synonyms/synonyms.tsv plus one group per
    /// gazetteer country (short name, formal name, aliases).
    static const SynonymTable& builtin();

    /// Adds the groups of a table in synonyms.tsv format; @p origin names it in errors.
    /// @throws UsageError for a line with fewer than two expressions.
    void add_tsv(std::string_view tsv, const std::string& origin);

    /// Adds a group; groups sharing an expression are merged.
    void add_group(const std::vector<std::string>& expressions);

    struct Entry {
        std::size_t group;
        bool needs_capitals;  ///< Every expression with these words is a short acronym.
    };

    /// The entry for the expressions whose words are exactly @p words.
    std::optional<Entry> find(const std::vector<std::string>& words) const;

    const std::vector<SynonymExpression>& group(std::size_t index) const { return m_groups[index]; }

    /// Words in the longest expression, to bound the search for matches.
    std::size_t longest_expression() const { return m_longest; }

    std::size_t size() const;

  private:
    std::vector<std::vector<SynonymExpression>> m_groups;  // Merged groups are left empty.
    std::unordered_map<std::string, Entry> m_by_words;     // Words joined by ' '.
    std::size_t m_longest = 0;
};

}  // namespace diplosearch::searcher
