/// @file
/// @brief Fuzzes JSON document parsing: one JSONL line (or JSON file) through
/// nlohmann's parser, document_from_json and the normaliser, as the reader does.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "country_gazetteer.hpp"
#include "document_normaliser.hpp"
#include "json_document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string line(reinterpret_cast<const char*>(data), size);
    nlohmann::json parsed;
    try {
        parsed = nlohmann::json::parse(line);
    } catch (const nlohmann::json::exception&) {
        return 0;  // Rejected with the parser's message by the reader.
    }
    const diplosearch::indexer::DocumentNormaliser normaliser(
        diplosearch::CountryGazetteer::builtin());
    // A JSON file may hold an array of objects; the reader parses each.
    std::vector<nlohmann::json> objects;
    if (parsed.is_array()) {
        objects.assign(parsed.begin(), parsed.end());
    } else {
        objects.push_back(std::move(parsed));
    }
    for (const auto& object : objects) {
        try {
            diplosearch::Document doc = diplosearch::indexer::document_from_json(object);
            std::vector<std::string> warnings;
            normaliser.normalise(doc, "fuzz.jsonl#1", warnings);
        } catch (const std::invalid_argument&) {
            // The reader's "rejected" outcome.
        } catch (const nlohmann::json::exception&) {
        }
    }
    return 0;
}
