/// @file
/// @brief Fuzzes ODT reading (libzip with its inflate budget, pugixml, the tree walk) and
/// normalising.
#include <cstddef>
#include <cstdint>

#include "document_parser_fuzzer.hpp"
#include "office_document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    return diplosearch::fuzz::fuzz_document_parser(
        data, size, diplosearch::indexer::document_from_odt, "fuzz.odt");
}
