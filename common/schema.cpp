/// @file
/// @brief The field table.
#include "schema.hpp"

#include <xxhash.h>

#include <array>

#include <fmt/format.h>

namespace diplosearch::schema {

namespace {

using enum FieldKind;
using enum ValueNormaliser;

// Title words count three times in the unprefixed index so that a title match
// outranks the same word in the body.
constexpr std::array kFields = {
    FieldSpec{"id", prefix::kId, kBoolean, 0, std::nullopt, kExact},
    FieldSpec{"title", prefix::kTitle, kFreeText, 3, std::nullopt, kNone},
    FieldSpec{"text", "", kFreeText, 1, std::nullopt, kNone},
    FieldSpec{"speaker", prefix::kSpeaker, kFreeText, 1, std::nullopt, kNone},
    // Addresses and names of e-mail, prefixed only: a plain query about a topic should
    // not rank a message higher because a word of it is in an address.
    FieldSpec{"sender", prefix::kSender, kFreeText, 0, std::nullopt, kNone, "from"},
    FieldSpec{"recipients", prefix::kRecipient, kFreeText, 0, std::nullopt, kNone, "to"},
    FieldSpec{"country", prefix::kCountry, kBoolean, 0, ValueSlot::kCountries, kCountry},
    FieldSpec{"mentions", prefix::kMentions, kBoolean, 0, ValueSlot::kMentions, kCountry},
    FieldSpec{"topic", prefix::kTopic, kBoolean, 0, ValueSlot::kTopics, kSlug},
    FieldSpec{"type", prefix::kType, kBoolean, 0, ValueSlot::kType, kSlug},
    FieldSpec{"source", prefix::kSource, kBoolean, 0, std::nullopt, kSlug},
    FieldSpec{"lang", prefix::kLang, kBoolean, 0, ValueSlot::kLang, kLanguage},
    FieldSpec{"year", prefix::kYear, kBoolean, 0, ValueSlot::kYear, kYear},
    FieldSpec{"date", prefix::kDate, kBoolean, 0, ValueSlot::kDate, kDate},
    FieldSpec{"url", prefix::kUrl, kBoolean, 0, std::nullopt, kLower},
    FieldSpec{"symbol", prefix::kSymbol, kBoolean, 0, std::nullopt, kSymbol},
    FieldSpec{"path", "", kStored, 0, std::nullopt, kNone},
};

}  // namespace

std::span<const FieldSpec> fields() {
    return kFields;
}

const FieldSpec* find_field(std::string_view name) {
    for (const auto& field : kFields) {
        if (field.name == name) return &field;
    }
    return nullptr;
}

std::string boolean_term(std::string_view prefix, std::string_view value) {
    std::string term;
    term.reserve(prefix.size() + value.size());
    term.append(prefix);
    term.append(value.substr(0, kMaxTermBytes - prefix.size()));
    return term;
}

std::string origin_term(std::string_view origin_key) {
    std::string term(prefix::kOrigin);
    if (term.size() + origin_key.size() <= kMaxTermBytes) return term.append(origin_key);
    constexpr std::size_t kHashBytes = 17;  // '#' and 16 hex digits.
    term.append(origin_key.substr(0, kMaxTermBytes - term.size() - kHashBytes));
    return term + fmt::format("#{:016x}", XXH3_64bits(origin_key.data(), origin_key.size()));
}

}  // namespace diplosearch::schema
