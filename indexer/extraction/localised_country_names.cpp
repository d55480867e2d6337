/// @file
/// @brief Country names from ICU and the hand-written table.
#include "localised_country_names.hpp"

#include <unicode/locid.h>
#include <unicode/uversion.h>

#include <fmt/format.h>

#include "diplosearch/errors.hpp"
#include "text.hpp"

namespace diplosearch {
extern const std::string_view kBuiltinLocalisedNamesTsv;  // generated from names-multilingual.tsv
}

namespace diplosearch::extraction {

namespace {

constexpr std::string_view kHeader = "alpha3\tlanguage\tkind\tvalues";

// ICU's display name of region @p alpha2 in @p language, or "" when ICU only
// echoes the code back (it has no name for it).
std::string icu_country_name(const std::string& alpha2, std::string_view language) {
    icu::UnicodeString name;
    icu::Locale("", alpha2.c_str())
        .getDisplayCountry(icu::Locale(std::string(language).c_str()), name);
    std::string utf8;
    name.toUTF8String(utf8);
    return utf8 == alpha2 ? std::string() : utf8;
}

// ICU writes some names with a qualifier the texts leave out: "Congo - Kinshasa",
// "刚果（金）". Those stay as they are (they name one state); a name with a
// slash or comma is cut at it.
std::string plain_name(std::string name) {
    const auto cut = name.find_first_of(",/");
    if (cut != std::string::npos) name.resize(cut);
    return std::string(text::trim(name));
}

}  // namespace

std::vector<LocalisedCountryName> parse_localised_names(const CountryGazetteer& gazetteer,
                                                        std::string_view tsv) {
    std::vector<LocalisedCountryName> names;
    bool header_seen = false;
    std::size_t line_no = 0;
    const auto& countries = gazetteer.countries();
    for (const auto line : text::split(tsv, '\n')) {
        ++line_no;
        if (text::trim(line).empty() || line.starts_with('#')) continue;
        if (!header_seen) {
            if (line != kHeader)
                throw UsageError(fmt::format("localised names line {}: expected header", line_no));
            header_seen = true;
            continue;
        }
        const auto cols = text::split(line, '\t');
        if (cols.size() != 4)
            throw UsageError(fmt::format("localised names line {}: expected 4 columns", line_no));
        const Country* country = gazetteer.find_alpha3(text::trim(cols[0]));
        if (!country) {
            throw UsageError(
                fmt::format("localised names line {}: unknown code '{}'", line_no, cols[0]));
        }
        const auto kind_name = text::trim(cols[2]);
        MentionKind kind = MentionKind::kName;
        if (kind_name == "demonym") {
            kind = MentionKind::kDemonym;
        } else if (kind_name == "capital") {
            kind = MentionKind::kCapital;
        } else if (kind_name != "name") {
            throw UsageError(
                fmt::format("localised names line {}: unknown kind '{}'", line_no, kind_name));
        }
        const auto index = static_cast<std::uint32_t>(country - countries.data());
        for (const auto value : text::split(cols[3], '|')) {
            const auto name = text::trim(value);
            if (name.empty()) continue;
            names.push_back({index, std::string(text::trim(cols[1])), std::string(name), kind,
                             kind == MentionKind::kDemonym});
        }
    }
    return names;
}

std::vector<LocalisedCountryName> localised_country_names(const CountryGazetteer& gazetteer) {
    std::vector<LocalisedCountryName> names;
    const auto& countries = gazetteer.countries();
    for (std::uint32_t c = 0; c < countries.size(); ++c) {
        const Country& country = countries[c];
        if (country.alpha2.empty() || country.status == "historical") continue;
        for (const std::string_view language : kLocalisedLanguages) {
            std::string name = plain_name(icu_country_name(country.alpha2, language));
            if (name.empty()) continue;
            if (const Country* other = gazetteer.resolve(name); other && other != &country)
                continue;
            names.push_back({c, std::string(language), std::move(name), MentionKind::kName, false});
        }
    }
    for (auto& name : parse_localised_names(gazetteer, kBuiltinLocalisedNamesTsv))
        names.push_back(std::move(name));
    return names;
}

std::string localised_names_version() {
    return U_ICU_VERSION;
}

}  // namespace diplosearch::extraction
