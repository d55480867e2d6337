/// @file
/// @brief Fuzzes e-mail reading (GMime: headers, RFC 2047 words, MIME parts, charsets, HTML bodies) and normalising.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "country_gazetteer.hpp"
#include "document_normaliser.hpp"
#include "email_document.hpp"
#include "parse_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    diplosearch::Document doc;
    try {
        doc = diplosearch::indexer::document_from_email(bytes);
    } catch (const diplosearch::indexer::ParseError&) {
        return 0;  // Rejected with a reason.
    } catch (const diplosearch::indexer::UnreadableDocument&) {
        return 0;  // Skipped with a reason.
    } catch (const std::invalid_argument&) {
        return 0;  // Over the size limit of one document.
    }
    const diplosearch::indexer::DocumentNormaliser normaliser(
        diplosearch::CountryGazetteer::builtin());
    std::vector<std::string> warnings;
    try {
        normaliser.normalise(doc, "fuzz.email", warnings);
    } catch (const std::invalid_argument&) {
        // No text and no title: rejected by the reader.
    }
    return 0;
}
