/// @file
/// @brief Finds the countries a text mentions and ranks the ones it is about.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "country_gazetteer.hpp"

namespace diplosearch::extraction {

/// Where in the document a mention stands; zones weigh differently in salience.
enum class Zone { kTitle, kDateline, kLead, kBody };

/// How a mention names its country.
enum class MentionKind { kName, kDemonym, kCapital };

/// `title`, `dateline`, `lead` or `body`.
const char* zone_name(Zone zone);

/// `name`, `demonym` or `capital`.
const char* kind_name(MentionKind kind);

/// One matched span.
struct CountryMention {
    std::string alpha3;
    std::string matched;     ///< The text as written.
    std::size_t offset = 0;  ///< Byte offset in the title (kTitle) or in the text.
    Zone zone = Zone::kBody;
    MentionKind kind = MentionKind::kName;
};

/// A mentioned country with its salience score and the parts that make it up.
struct CountrySalience {
    std::string alpha3;
    double score = 0.0;
    std::uint32_t mentions = 0;  ///< All mentions of any kind.
    bool in_title = false;
    bool in_dateline = false;
    bool in_lead = false;
};

struct CountryExtraction {
    std::vector<CountryMention> mentions;  ///< In document order (title first).
    std::vector<CountrySalience> ranked;   ///< Every mentioned country, best first.
    std::vector<std::string> principal;    ///< The countries the document is about, best first.
};

/// Gazetteer-driven country matcher (longest match, case and context rules)
/// with a transparent salience score. Thread-safe after construction.
class CountryExtractor {
  public:
    explicit CountryExtractor(const CountryGazetteer& gazetteer);
    ~CountryExtractor();
    CountryExtractor(CountryExtractor&&) noexcept;
    CountryExtractor& operator=(CountryExtractor&&) noexcept;

    /// @param lang the document's language (ISO 639-1, or empty): names in
    /// Latin script of other languages than English (`Chine`, `Sénégal`,
    /// `chinois`) count only in a document of their language; names in Chinese,
    /// Arabic and Russian script count in any document.
    CountryExtraction extract(std::string_view title, std::string_view text,
                              std::string_view lang = {}) const;

  private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace diplosearch::extraction
