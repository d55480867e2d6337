/// @file
/// @brief The "out of the box" Xapian baseline: TermGenerator with the English
/// stemmer (STEM_SOME) over title then text, positions, default BM25Weight, default
/// QueryParser; facet fields in value slots counted with ValueCountMatchSpy.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <string>

#include "corpus_reader.hpp"
#include "facet_counts.hpp"

namespace diplosearch::bench {

/// Value slots of the baseline database (facet data the source provides).
enum class BaselineSlot : Xapian::valueno {
    kCountry = 0,  ///< First country code as given.
    kYear = 1,     ///< Four-digit year, so string ranges are numeric ranges.
    kType = 2,
    kSession = 3,
};

/// Boolean term prefix of the baseline's country filter terms.
inline constexpr const char* kBaselineCountryPrefix = "XC";

/// Indexes @p source (see read_corpus) into a new database at @p db_path, replacing
/// documents by their `Q` id term; commits every @p commit_every documents (0: at the
/// end only) and at the end.
CorpusStats index_xapian_baseline(const std::string& db_path, const std::string& source,
                                  std::size_t commit_every = 10000, std::size_t max_records = 0);

/// Answers queries on a baseline database. One instance per thread.
class XapianBaselineSearcher {
  public:
    explicit XapianBaselineSearcher(const std::string& db_path);

    /// Parses @p text with QueryParser's default flags (phrases, AND/OR/NOT, +/-) and
    /// default operator OR.
    Xapian::Query parse(const std::string& text);

    /// @p query restricted to one country and an inclusive year range.
    static Xapian::Query filtered(const Xapian::Query& query, const std::string& country,
                                  int year_from, int year_to);

    /// Top @p count by BM25; with @p facets, exact country, year and type counts over
    /// the whole match set (every match is examined), top 10 values each.
    BaselineResults search(const Xapian::Query& query, unsigned count, bool facets = false);

  private:
    Xapian::Database m_db;
    Xapian::QueryParser m_parser;
    Xapian::Enquire m_enquire;
};

}  // namespace diplosearch::bench
