/// @file
/// @brief Combining the extractors; source metadata wins.
#include "metadata_extractor.hpp"

namespace diplosearch::extraction {

MetadataExtractor::MetadataExtractor(const CountryGazetteer& gazetteer,
                                     const TopicClassifier& topics)
    : m_countries(gazetteer), m_topics(topics) {}

ExtractionReport MetadataExtractor::apply(Document& doc, bool run_all) const {
    ExtractionReport report;
    doc.extracted.clear();

    if (doc.lang.empty() || run_all) {
        report.language = language::guess_document_language(doc.title, doc.text);
        if (doc.lang.empty() && report.language->reliable) {
            doc.lang = report.language->code;
            doc.extracted.emplace_back("lang");
        }
    }

    report.countries = m_countries.extract(doc.title, doc.text, doc.lang);
    doc.mentions.clear();
    for (const auto& c : report.countries.ranked) doc.mentions.push_back(c.alpha3);
    if (doc.countries.empty() && !report.countries.principal.empty()) {
        doc.countries = report.countries.principal;
        doc.extracted.emplace_back("country");
    }

    if (doc.topics.empty() || run_all) {
        report.topics = m_topics.classify(doc.title, doc.text);
        if (doc.topics.empty() && !report.topics->topics.empty()) {
            doc.topics = report.topics->topics;
            doc.extracted.emplace_back("topic");
        }
    }

    if (doc.date.empty() || run_all) {
        report.date = m_dates.extract(doc.title, doc.text);
        if (doc.date.empty() && report.date->date) {
            doc.date = report.date->date->iso();
            doc.extracted.emplace_back("date");
        }
    }

    if (doc.type.empty() || run_all) {
        report.type = m_types.classify(doc.title, doc.text);
        if (doc.type.empty() && !report.type->type.empty()) {
            doc.type = report.type->type;
            doc.extracted.emplace_back("type");
        }
    }
    return report;
}

}  // namespace diplosearch::extraction
