/// @file
/// @brief JSON object to Document.
#include "json_document.hpp"

#include <stdexcept>

#include <nlohmann/json.hpp>

namespace diplosearch::indexer {

namespace {

using nlohmann::json;

std::string scalar(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer()) return std::to_string(it->get<long long>());
    throw std::invalid_argument(std::string("field '") + key + "' must be a string");
}

// A string, a list of strings, or null; a string with `;` or `,` separators stays whole
// here: splitting is the normaliser's job.
std::vector<std::string> list(const json& object, const char* key) {
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return {};
    if (it->is_string()) return {it->get<std::string>()};
    if (it->is_array()) {
        std::vector<std::string> items;
        for (const auto& item : *it) {
            if (!item.is_string()) {
                throw std::invalid_argument(std::string("field '") + key +
                                            "' must hold strings only");
            }
            items.push_back(item.get<std::string>());
        }
        return items;
    }
    throw std::invalid_argument(std::string("field '") + key +
                                "' must be a string or a list of strings");
}

std::string joined(const json& object, const char* key) {
    std::string out;
    for (const auto& item : list(object, key)) {
        if (!out.empty()) out += "; ";
        out += item;
    }
    return out;
}

}  // namespace

Document document_from_json(const json& object) {
    if (!object.is_object()) throw std::invalid_argument("expected a JSON object");
    Document doc;
    doc.id = scalar(object, "id");
    doc.title = scalar(object, "title");
    doc.date = scalar(object, "date");
    if (doc.date.empty()) doc.date = scalar(object, "year");
    doc.countries = list(object, "country");
    if (doc.countries.empty()) doc.countries = list(object, "countries");
    doc.topics = list(object, "topic");
    if (doc.topics.empty()) doc.topics = list(object, "topics");
    doc.type = scalar(object, "type");
    doc.lang = scalar(object, "lang");
    if (doc.lang.empty()) doc.lang = scalar(object, "language");
    doc.source = scalar(object, "source");
    doc.url = scalar(object, "url");
    doc.speaker = joined(object, "speaker");
    doc.sender = scalar(object, "sender");
    doc.recipients = list(object, "recipients");
    doc.symbols = list(object, "symbols");
    doc.text = scalar(object, "text");
    return doc;
}

}  // namespace diplosearch::indexer
