/// @file
/// @brief Loading and lookup of the country gazetteer.
#include "country_gazetteer.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "diplosearch/errors.hpp"
#include "text.hpp"

namespace diplosearch {

extern const std::string_view kBuiltinCountriesTsv;  // gazetteer_data.cpp, generated

namespace {

constexpr std::size_t kColumns = 8;
constexpr std::string_view kHeader =
    "alpha3\talpha2\tshort_name\tformal_name\tstatus\taliases\tdemonyms\tcapitals";

std::vector<std::string> split_list(std::string_view s) {
    std::vector<std::string> items;
    if (text::trim(s).empty()) return items;
    for (const auto part : text::split(s, '|')) {
        const auto item = text::trim(part);
        if (!item.empty()) items.emplace_back(item);
    }
    return items;
}

std::string upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    return out;
}

// "The Gambia", "the gambia" and "Gambia" share one key; so do "U.S." and "U S".
std::string name_key(std::string_view name) {
    std::string key = text::slugify(name);
    if (key.starts_with("the-")) key.erase(0, 4);
    key.erase(std::remove(key.begin(), key.end(), '-'), key.end());
    return key;
}

}  // namespace

const CountryGazetteer& CountryGazetteer::builtin() {
    static const CountryGazetteer gazetteer = parse(kBuiltinCountriesTsv);
    return gazetteer;
}

CountryGazetteer CountryGazetteer::parse(std::string_view tsv) {
    CountryGazetteer gazetteer;
    bool header_seen = false;
    std::size_t line_no = 0;
    for (const auto raw_line : text::split(tsv, '\n')) {
        ++line_no;
        const std::string_view line =
            raw_line.ends_with('\r') ? raw_line.substr(0, raw_line.size() - 1) : raw_line;
        if (text::trim(line).empty() || line.starts_with('#')) continue;
        if (!header_seen) {
            if (line != kHeader) {
                throw UsageError(
                    fmt::format("gazetteer line {}: expected header '{}'", line_no, kHeader));
            }
            header_seen = true;
            continue;
        }
        const auto cols = text::split(line, '\t');
        if (cols.size() != kColumns) {
            throw UsageError(fmt::format("gazetteer line {}: {} columns, expected {}", line_no,
                                         cols.size(), kColumns));
        }
        Country c{upper(text::trim(cols[0])),
                  upper(text::trim(cols[1])),
                  std::string(text::trim(cols[2])),
                  std::string(text::trim(cols[3])),
                  std::string(text::trim(cols[4])),
                  split_list(cols[5]),
                  split_list(cols[6]),
                  split_list(cols[7])};
        if (c.alpha3.size() != 3 || c.short_name.empty()) {
            throw UsageError(fmt::format("gazetteer line {}: bad alpha3 or empty name", line_no));
        }
        const std::size_t index = gazetteer.m_countries.size();
        auto add_code = [&](const std::string& code) {
            if (code.empty()) return;
            if (!gazetteer.m_by_code.emplace(code, index).second) {
                throw UsageError(
                    fmt::format("gazetteer line {}: duplicate code {}", line_no, code));
            }
        };
        add_code(c.alpha3);
        add_code(c.alpha2);
        auto add_name = [&](const std::string& name) {
            const auto [it, inserted] = gazetteer.m_by_name.emplace(name_key(name), index);
            if (!inserted && it->second != index) {
                throw UsageError(fmt::format("gazetteer line {}: name '{}' also names {}", line_no,
                                             name, gazetteer.m_countries[it->second].alpha3));
            }
        };
        add_name(c.short_name);
        if (!c.formal_name.empty()) add_name(c.formal_name);
        for (const auto& alias : c.aliases) add_name(alias);
        gazetteer.m_countries.push_back(std::move(c));
    }
    if (!header_seen) throw UsageError("gazetteer: no header line");
    return gazetteer;
}

const Country* CountryGazetteer::resolve(std::string_view value) const {
    const auto trimmed = text::trim(value);
    if (trimmed.empty()) return nullptr;
    if (trimmed.size() <= 3) {
        if (const auto it = m_by_code.find(upper(trimmed)); it != m_by_code.end()) {
            return &m_countries[it->second];
        }
    }
    if (const auto it = m_by_name.find(name_key(trimmed)); it != m_by_name.end()) {
        return &m_countries[it->second];
    }
    return nullptr;
}

const Country* CountryGazetteer::find_alpha3(std::string_view alpha3) const {
    const auto it = m_by_code.find(std::string(alpha3));
    if (it == m_by_code.end() || m_countries[it->second].alpha3 != alpha3) return nullptr;
    return &m_countries[it->second];
}

}  // namespace diplosearch
