/// @file
/// @brief Fuzzes HTML document parsing (gumbo and our tree walk) and normalising.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "country_gazetteer.hpp"
#include "document_normaliser.hpp"
#include "html_document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view html(reinterpret_cast<const char*>(data), size);
    diplosearch::Document doc = diplosearch::indexer::document_from_html(html);
    const diplosearch::indexer::DocumentNormaliser normaliser(
        diplosearch::CountryGazetteer::builtin());
    std::vector<std::string> warnings;
    try {
        normaliser.normalise(doc, "fuzz.html", warnings);
    } catch (const std::invalid_argument&) {
        // An empty page: rejected by the reader.
    }
    return 0;
}
