/// @file
/// @brief Guesses a document's type (communique, speech, press-release, ...) from cues.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace diplosearch::extraction {

/// One type's score with the cues that matched.
struct TypeScore {
    std::string type;  ///< Type slug: article, communique, joint-statement, press-release,
                       ///< speech, transcript, resolution, declaration.
    double score = 0.0;
    std::vector<std::string> evidence;  ///< Matched cues as written.
};

struct TypeExtraction {
    std::string type;               ///< The chosen type, or empty when no cue is strong enough.
    std::vector<TypeScore> scored;  ///< Every type with a non-zero score, best first.
};

/// Rule-based type classifier. Stateless and thread-safe.
class TypeClassifier {
public:
    TypeExtraction classify(std::string_view title, std::string_view text) const;
};

}  // namespace diplosearch::extraction
