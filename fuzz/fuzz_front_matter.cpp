/// @file
/// @brief Fuzzes text and Markdown documents: front-matter splitting and field
/// parsing, title derivation and normalising. The first byte picks text or Markdown.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "country_gazetteer.hpp"
#include "document_normaliser.hpp"
#include "parse_error.hpp"
#include "text_document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const bool markdown = (data[0] & 1) != 0;
    const std::string_view content(reinterpret_cast<const char*>(data) + 1, size - 1);
    try {
        diplosearch::indexer::split_front_matter(content);
        diplosearch::Document doc = diplosearch::indexer::document_from_text(content, markdown);
        const diplosearch::indexer::DocumentNormaliser normaliser(
            diplosearch::CountryGazetteer::builtin());
        std::vector<std::string> warnings;
        normaliser.normalise(doc, "fuzz.md", warnings);
    } catch (const diplosearch::indexer::ParseError&) {
        // Malformed front matter: rejected with its line.
    } catch (const std::invalid_argument&) {
        // No text and no title, or an unusable id: rejected.
    }
    return 0;
}
