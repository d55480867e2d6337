/// @file
/// @brief Fuzzes PDF reading (poppler-cpp: page text, Info dict, dates) and normalising.
#include <cstddef>
#include <cstdint>

#include "document_parser_fuzzer.hpp"
#include "pdf_document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return diplosearch::fuzz::fuzz_document_parser(
        data, size, diplosearch::indexer::document_from_pdf, "fuzz.pdf");
}
