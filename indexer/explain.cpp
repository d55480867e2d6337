/// @file
/// @brief Explaining extraction for one source.
#include "explain.hpp"

#include "country_gazetteer.hpp"
#include "document_normaliser.hpp"
#include "document_reader.hpp"

namespace diplosearch::indexer {

std::vector<ExplainedDocument> explain_source(
    const std::string& source, std::optional<InputFormat> format,
    const std::function<void(const InputProblem&)>& on_problem) {
    const DocumentNormaliser normaliser(CountryGazetteer::builtin());
    const extraction::MetadataExtractor extractor(CountryGazetteer::builtin());
    std::vector<ExplainedDocument> explained;
    DocumentReader reader(
        format,
        [&](SourceDocument&& source_doc) {
            ExplainedDocument item;
            item.document = std::move(source_doc.document);
            normaliser.normalise(item.document, source_doc.fallback_id, item.warnings);
            item.report = extractor.apply(item.document, /*run_all=*/true);
            explained.push_back(std::move(item));
        },
        on_problem);
    reader.read_source(source);
    return explained;
}

}  // namespace diplosearch::indexer
