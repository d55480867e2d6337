/// @file
/// @brief Near-duplicate detection at index time: MinHash over word shingles,
/// LSH band terms to find candidates, and a cluster key that the searcher
/// collapses on.
///
/// Why MinHash rather than SimHash: SimHash with the usual Hamming radius of 3
/// bits (the only radius its 4-band lookup can guarantee) only catches copies
/// that are ~99% the same (cosine similarity); two outlets running the same
/// communiqué with different leads and datelines are far less alike than that.
/// MinHash estimates the Jaccard similarity of the shingle sets directly, its
/// banding threshold is tunable, and candidates are confirmed with the exact
/// Jaccard similarity, so the threshold means what it says.
#pragma once

#include <xapian.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "diplosearch/document.hpp"

namespace diplosearch::indexer::near_duplicate {

/// Words per shingle: three keeps a reworded sentence from spoiling more than a
/// few shingles, while unrelated texts on the same topic share almost none.
inline constexpr std::size_t kShingleWords = 3;
/// MinHash values per document, read in kBands bands of kRows values.
inline constexpr std::size_t kHashes = 64;
inline constexpr std::size_t kRows = 4;
inline constexpr std::size_t kBands = kHashes / kRows;
/// Exact Jaccard similarity of the shingle sets at or above which two documents
/// are near-duplicates. With 16 bands of 4 rows a pair at 0.5 becomes a
/// candidate with probability 0.64, at 0.7 0.99, at 0.2 under 0.03.
inline constexpr double kMinSimilarity = 0.5;
/// Candidates confirmed per new document at most (those sharing most bands
/// first), so a cluster of thousands of copies costs no more than a small one.
inline constexpr std::size_t kMaxCandidates = 8;
/// Postings read per band term at most, for the same reason.
inline constexpr std::size_t kMaxPostingsPerBand = 1000;

using Signature = std::array<std::uint64_t, kHashes>;

/// The text that is fingerprinted: the body (as far as document data keeps it,
/// so a stored copy can be re-checked), or the title when there is no body.
/// Titles are left out otherwise: outlets retitle the same wire copy.
std::string_view fingerprint_text(const Document& doc);

/// Hashes of the distinct word shingles of @p text, sorted. Words are runs of
/// ASCII letters and digits (lower-cased) or non-ASCII bytes; punctuation and
/// spacing do not matter. A text shorter than a shingle is one shingle; an
/// empty text has none.
std::vector<std::uint64_t> shingles(std::string_view text);

/// Exact Jaccard similarity of two sorted shingle sets (0 when both are empty).
double jaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b);

/// The MinHash signature of a non-empty shingle set.
Signature signature(const std::vector<std::uint64_t>& shingles);

/// One boolean term per band (schema::prefix::kDuplicateBand, band number,
/// hash of the band's values): documents sharing a term are candidates.
std::vector<std::string> band_terms(const Signature& signature);

/// What near-duplicate detection needs of a document's text, computed apart
/// from the database (on the indexer's worker thread): its shingles, their
/// signature and its band terms. All empty for a document without text.
struct TextFingerprint {
    std::vector<std::uint64_t> shingles;
    Signature signature{};
    std::vector<std::string> bands;
};

/// The fingerprint of @p doc's text (fingerprint_text()).
TextFingerprint fingerprint(const Document& doc);

/// Gives each new document that has a near-duplicate already in the database
/// a cluster key: the key of its most similar copy, or, when that copy was
/// alone so far, a new key given to both. A document without copies has no
/// key: the searcher's collapse costs nothing for it (with a key per document,
/// collapsing a broad query cost more than matching it).
///
/// Clusters are single-link and first come, first served: a document joins the
/// cluster of the best match it finds when it is indexed and never moves later.
/// A key is only a label, so deleting or changing the document that started a
/// cluster leaves the others collapsed together.
class ClusterAssigner {
  public:
    /// @param shards the databases being written, by shard number (one for an
    /// unsharded database; nullptr for a shard this job does not write):
    /// copies are looked for in all of them, so a cluster spans shards as it
    /// would one database. Documents added but not yet committed are found too.
    explicit ClusterAssigner(std::vector<Xapian::WritableDatabase*> shards)
        : m_shards(std::move(shards)) {}

    /// Adds the band terms and, when it has a copy, the cluster key value to
    /// @p xdoc, the document of fingerprint @p own that will replace whatever
    /// is indexed under @p id_term in shard @p shard (and the key to a copy
    /// that had none). A document with no text gets neither and is never collapsed.
    void assign(const TextFingerprint& own, const std::string& id_term, unsigned shard,
                Xapian::Document& xdoc);

  private:
    std::vector<Xapian::WritableDatabase*> m_shards;
};

}  // namespace diplosearch::indexer::near_duplicate
