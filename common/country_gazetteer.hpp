/// @file
/// @brief The country gazetteer: ISO 3166 codes, names, aliases, demonyms and
/// capitals, compiled in from corpus/gazetteer/countries.tsv.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace diplosearch {

struct Country {
    std::string alpha3;
    std::string alpha2;
    std::string short_name;
    std::string formal_name;
    std::string status;  ///< member, observer, territory, historical, organisation.
    std::vector<std::string> aliases;
    std::vector<std::string> demonyms;
    std::vector<std::string> capitals;
};

class CountryGazetteer {
  public:
    /// The gazetteer built into this binary.
    static const CountryGazetteer& builtin();

    /// Parses gazetteer TSV (the format of corpus/gazetteer/countries.tsv).
    /// @throws UsageError naming the line of a malformed row or a duplicate code or name.
    static CountryGazetteer parse(std::string_view tsv);

    /// Resolves an alpha-3 code, alpha-2 code or English name (short, formal or
    /// alias; case and punctuation do not matter). Returns nullptr when unknown.
    const Country* resolve(std::string_view value) const;

    /// The entry for an alpha-3 code (exact, upper-case), or nullptr.
    const Country* find_alpha3(std::string_view alpha3) const;

    const std::vector<Country>& countries() const { return m_countries; }

  private:
    std::vector<Country> m_countries;
    std::unordered_map<std::string, std::size_t> m_by_code;  // upper-case alpha-3 and alpha-2
    std::unordered_map<std::string, std::size_t> m_by_name;  // name_key() of every name
};

}  // namespace diplosearch
