/// @file
/// @brief Content hashing with xxHash (XXH3).
#include "content_hash.hpp"

#include <xxhash.h>

#include <memory>

#include <fmt/format.h>

#include "diplosearch/version.hpp"
#include "extraction/localised_country_names.hpp"
#include "schema.hpp"

namespace diplosearch {
extern const std::string_view kBuiltinCountriesTsv;
extern const std::string_view kBuiltinTopicsTsv;
extern const std::string_view kBuiltinLocalisedNamesTsv;
}  // namespace diplosearch

namespace diplosearch::indexer {

namespace {

// Field values are length-prefixed so that moving text between fields changes the hash.
void feed(XXH3_state_t* state, std::string_view value) {
    const auto size = static_cast<std::uint64_t>(value.size());
    XXH3_64bits_update(state, &size, sizeof size);
    XXH3_64bits_update(state, value.data(), value.size());
}

struct StateFree {
    void operator()(XXH3_state_t* state) const { XXH3_freeState(state); }
};

}  // namespace

// What, besides the document, decides how it is indexed.
std::uint64_t rules_fingerprint() {
    static const std::uint64_t fingerprint = [] {
        std::string rules;
        // ICU's locale data names the states in other languages (extraction).
        const std::string icu = extraction::localised_names_version();
        for (const std::string_view part :
             {schema::kVersion, std::string_view(DIPLOSEARCH_VERSION), kBuiltinCountriesTsv,
              kBuiltinTopicsTsv, kBuiltinLocalisedNamesTsv, std::string_view(icu)}) {
            rules += std::to_string(part.size()) + ":";
            rules += part;
        }
        return XXH3_64bits(rules.data(), rules.size());
    }();
    return fingerprint;
}

std::string content_hash(const Document& doc, bool extract, std::string_view origin_key) {
    const std::unique_ptr<XXH3_state_t, StateFree> state(XXH3_createState());
    XXH3_64bits_reset(state.get());
    const std::uint64_t rules = rules_fingerprint();
    XXH3_64bits_update(state.get(), &rules, sizeof rules);
    feed(state.get(), extract ? "extract" : "no-extract");
    feed(state.get(), origin_key);
    for (const std::string* field :
         {&doc.id, &doc.title, &doc.date, &doc.type, &doc.lang, &doc.source, &doc.url, &doc.speaker,
          &doc.sender, &doc.path, &doc.text}) {
        feed(state.get(), *field);
    }
    for (const auto* list : {&doc.countries, &doc.topics, &doc.symbols, &doc.recipients}) {
        feed(state.get(), std::to_string(list->size()));
        for (const auto& item : *list) feed(state.get(), item);
    }
    return fmt::format("{:016x}", XXH3_64bits_digest(state.get()));
}

}  // namespace diplosearch::indexer
