/// @file
/// @brief Country names in the other UN languages: the names of states from
/// ICU's locale data, plus the hand-written demonyms, capitals and short forms
/// of corpus/gazetteer/names-multilingual.tsv.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "country_extractor.hpp"
#include "country_gazetteer.hpp"

namespace diplosearch::extraction {

/// One name of a country in another language.
struct LocalisedCountryName {
    std::uint32_t country = 0;  ///< Index into CountryGazetteer::countries().
    std::string language;       ///< ISO 639-1.
    std::string name;
    MentionKind kind = MentionKind::kName;
    bool any_case = false;  ///< May start lower-case in text (French and Spanish demonyms).
};

/// Languages whose names of states come from ICU: the UN languages but English.
inline constexpr std::string_view kLocalisedLanguages[] = {"fr", "es", "ru", "ar", "zh"};

/// The names of @p gazetteer's countries in kLocalisedLanguages (ICU's display
/// names of their ISO 3166 regions; historical entries have none) and those of
/// the built-in names-multilingual.tsv. A name that the English gazetteer
/// gives to another country is left out (`Guinea` in Spanish is Guinea).
/// @throws UsageError for a malformed line of the built-in table.
std::vector<LocalisedCountryName> localised_country_names(const CountryGazetteer& gazetteer);

/// Parses @p tsv in the format of names-multilingual.tsv.
/// @throws UsageError naming the line of a malformed row or an unknown code.
std::vector<LocalisedCountryName> parse_localised_names(const CountryGazetteer& gazetteer,
                                                        std::string_view tsv);

/// The ICU version whose locale data named the states, for the rules fingerprint.
std::string localised_names_version();

}  // namespace diplosearch::extraction
