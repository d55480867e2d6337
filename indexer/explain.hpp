/// @file
/// @brief `diplo-index --explain`: what normalisation and extraction make of a
/// source's documents, without writing anything.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "diplosearch/indexer.hpp"
#include "extraction/metadata_extractor.hpp"
#include "input_format.hpp"

namespace diplosearch::indexer {

struct ExplainedDocument {
    Document document;                    ///< As it would be indexed.
    extraction::ExtractionReport report;  ///< Every extractor's findings, even where metadata won.
    std::vector<std::string> warnings;    ///< Normalisation warnings.
};

/// Reads @p source like the indexer does and explains each document.
/// Problems (malformed input) go to @p on_problem.
std::vector<ExplainedDocument> explain_source(
    const std::string& source, std::optional<InputFormat> format,
    const std::function<void(const InputProblem&)>& on_problem);

}  // namespace diplosearch::indexer
