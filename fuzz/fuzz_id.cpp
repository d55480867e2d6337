/// @file
/// @brief Fuzzes id sanitising in the normaliser: whatever id a source gives, the
/// document is either rejected or keeps an id that is valid UTF-8, trimmed, within
/// the term limit and free of control characters (ids are printed one per line).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "country_gazetteer.hpp"
#include "document_normaliser.hpp"
#include "text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // The input is the id; after a NUL byte, the fallback id (a path-derived one).
    const std::string input(reinterpret_cast<const char*>(data), size);
    const auto nul = input.find('\0');
    diplosearch::Document doc;
    doc.id = input.substr(0, nul);
    const std::string fallback = nul == std::string::npos ? "" : input.substr(nul + 1);
    doc.text = "Some text.";
    const diplosearch::indexer::DocumentNormaliser normaliser(
        diplosearch::CountryGazetteer::builtin());
    std::vector<std::string> warnings;
    try {
        normaliser.normalise(doc, fallback, warnings);
    } catch (const std::invalid_argument&) {
        return 0;
    }
    std::string check = doc.id;
    if (doc.id.empty() || diplosearch::text::repair_utf8(check) != 0) std::abort();
    // A given id is trimmed; a path-derived fallback is kept as the path spells it,
    // UTF-8 repaired.
    std::string repaired_fallback = fallback;
    diplosearch::text::repair_utf8(repaired_fallback);
    if (doc.id != repaired_fallback && diplosearch::text::trim(doc.id) != doc.id) std::abort();
    for (const char c : doc.id) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) std::abort();
    }
    // Xapian refuses terms over 245 bytes; the id term is `Q` plus the id.
    if (doc.id.size() + 1 > 245) std::abort();
    return 0;
}
