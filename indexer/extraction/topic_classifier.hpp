/// @file
/// @brief Assigns taxonomy topics to a text from weighted, stemmed cue terms.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace diplosearch::extraction {

/// One topic of the taxonomy (corpus/taxonomy/topics.tsv).
struct TopicDefinition {
    std::string slug;    ///< Facet value: `trade`, `human-rights`.
    std::string label;   ///< Display label: "Trade and economy".
    /// Cue words or phrases (as written in the data) with their weights.
    std::vector<std::pair<std::string, double>> cues;
};

/// A topic's score for one document, with the cues that matched.
struct TopicScore {
    std::string slug;
    double score = 0.0;
    std::vector<std::string> evidence;  ///< Matched cues, most weighty first, with counts: "tariff×3".
};

struct TopicExtraction {
    std::vector<TopicScore> scored;    ///< Every topic with a non-zero score, best first.
    std::vector<std::string> topics;   ///< Slugs passing the threshold, best first.
};

/// Deterministic topic classifier. Thread-safe after construction.
class TopicClassifier {
public:
    /// The classifier built from the taxonomy compiled into this binary.
    static const TopicClassifier& builtin();

    /// @throws UsageError naming the line of malformed taxonomy data.
    explicit TopicClassifier(std::string_view taxonomy_tsv);
    ~TopicClassifier();
    TopicClassifier(TopicClassifier&&) noexcept;
    TopicClassifier& operator=(TopicClassifier&&) noexcept;

    TopicExtraction classify(std::string_view title, std::string_view text) const;

    const std::vector<TopicDefinition>& topics() const;

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace diplosearch::extraction
