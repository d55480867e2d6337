/// @file
/// @brief The body the format fuzzers (PDF, DOCX, ODT, e-mail) share: parse bytes with a
/// format's parser, accept the errors it documents, and normalise what it returns.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "country_gazetteer.hpp"
#include "document_normaliser.hpp"
#include "parse_error.hpp"

namespace diplosearch::fuzz {

/// Runs @p parse on the fuzzer's bytes. Any exception other than a rejection
/// (ParseError), a skip (UnreadableDocument) or the size limit (std::invalid_argument)
/// escapes and is reported by libFuzzer as a finding.
template <typename Parse>
int fuzz_document_parser(const std::uint8_t* data, std::size_t size, Parse&& parse,
                         const std::string& fallback_id) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    Document doc;
    try {
        doc = parse(bytes);
    } catch (const indexer::ParseError&) {
        return 0;
    } catch (const indexer::UnreadableDocument&) {
        return 0;
    } catch (const std::invalid_argument&) {
        return 0;
    }
    const indexer::DocumentNormaliser normaliser(CountryGazetteer::builtin());
    std::vector<std::string> warnings;
    try {
        normaliser.normalise(doc, fallback_id, warnings);
    } catch (const std::invalid_argument&) {
        // No text and no title: rejected by the reader.
    }
    return 0;
}

}  // namespace diplosearch::fuzz
