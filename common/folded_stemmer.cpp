/// @file
/// @brief Stemming folded text.
#include "folded_stemmer.hpp"

#include <array>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "language.hpp"

namespace diplosearch::language {

namespace {

using SuffixPair = std::pair<std::string_view, std::string_view>;

// Folded suffix -> accented suffix, for the suffixes a stemmer recognises only
// with their accent. Longest first; only a word's end is restored.
constexpr std::array kSpanishSuffixes = {
    SuffixPair{"acion", "ación"},
    SuffixPair{"ucion", "ución"},
    SuffixPair{"logias", "logías"},
    SuffixPair{"logia", "logía"},
};
constexpr std::array kPortugueseSuffixes = {
    SuffixPair{"acoes", "ações"},
    SuffixPair{"acao", "ação"},
    SuffixPair{"ucoes", "uções"},
    SuffixPair{"ucao", "ução"},
};

// Why not stem first and fold afterwards: the query parser meets words already
// folded (the query is folded before parsing, so that unstemmed terms match
// too), and both sides must turn a folded word into the same stem.
class AccentRestoringStemmer final : public Xapian::StemImplementation {
  public:
    AccentRestoringStemmer(std::string_view language, std::span<const SuffixPair> suffixes)
        : m_stemmer{std::string(language)},
          m_language(language),
          m_suffixes(suffixes.begin(), suffixes.end()) {}

    std::string operator()(const std::string& word) override {
        for (const auto& [folded, accented] : m_suffixes) {
            if (word.size() > folded.size() && word.ends_with(folded)) {
                std::string restored = word.substr(0, word.size() - folded.size());
                restored += accented;
                return m_stemmer(restored);
            }
        }
        return m_stemmer(word);
    }

    std::string get_description() const override { return m_language + " (folded)"; }

  private:
    Xapian::Stem m_stemmer;
    std::string m_language;
    std::vector<SuffixPair> m_suffixes;
};

}  // namespace

Xapian::Stem folded_text_stemmer(std::string_view code) {
    const std::string_view name = stemmer_name(code);
    if (name == "spanish") return Xapian::Stem(new AccentRestoringStemmer(name, kSpanishSuffixes));
    if (name == "portuguese")
        return Xapian::Stem(new AccentRestoringStemmer(name, kPortugueseSuffixes));
    return Xapian::Stem(std::string(name));
}

}  // namespace diplosearch::language
