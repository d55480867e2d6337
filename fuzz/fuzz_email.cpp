/// @file
/// @brief Fuzzes e-mail reading (GMime: headers, RFC 2047 words, MIME parts, charsets, HTML bodies)
/// and normalising.
#include <cstddef>
#include <cstdint>

#include "document_parser_fuzzer.hpp"
#include "email_document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return diplosearch::fuzz::fuzz_document_parser(
        data, size, diplosearch::indexer::document_from_email, "fuzz.email");
}
