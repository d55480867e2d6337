/// @file
/// @brief Fills the facets a document's source did not state — countries,
/// topics, date, type — from its text, and records which ones it filled.
#pragma once

#include <optional>

#include "country_extractor.hpp"
#include "date_extractor.hpp"
#include "diplosearch/document.hpp"
#include "language_detector.hpp"
#include "topic_classifier.hpp"
#include "type_classifier.hpp"

namespace diplosearch::extraction {

/// What each extractor found, for `diplo-index --explain`.
struct ExtractionReport {
    /// Set when the detector ran (the source gave no language, or run_all).
    std::optional<language::LanguageGuess> language;
    CountryExtraction countries;
    std::optional<TopicExtraction> topics;  ///< Set when the classifier ran.
    std::optional<DateExtraction> date;
    std::optional<TypeExtraction> type;
};

class MetadataExtractor {
public:
    explicit MetadataExtractor(const CountryGazetteer& gazetteer,
                               const TopicClassifier& topics = TopicClassifier::builtin());

    /// Detects the language when the source gave none (first: the topic cues
    /// depend on it). Sets `mentions` and fills `countries`, `topics`, `date` and `type` where the
    /// source left them empty, listing those fields in `extracted`. Source
    /// metadata always wins. With @p run_all, extractors whose field is already
    /// set still run so the report shows what they would have found.
    ExtractionReport apply(Document& doc, bool run_all = false) const;

private:
    CountryExtractor m_countries;
    const TopicClassifier& m_topics;
    DateExtractor m_dates;
    TypeClassifier m_types;
};

}  // namespace diplosearch::extraction
