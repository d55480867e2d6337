/// @file
/// @brief MinHash signatures, LSH band terms and cluster keys.
#include "near_duplicate.hpp"

#include <xxhash.h>

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "schema.hpp"
#include "stored_document.hpp"
#include "text.hpp"

namespace diplosearch::indexer::near_duplicate {

namespace {

// SplitMix64's finaliser: a cheap bijective mix, so XOR with a per-hash seed
// followed by it acts as an independent hash function for each MinHash row.
constexpr std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

// Fixed seeds: signatures, and so band terms, must not change between runs.
constexpr std::array<std::uint64_t, kHashes> kSeeds = [] {
    std::array<std::uint64_t, kHashes> seeds{};
    std::uint64_t state = 0x9e3779b97f4a7c15ULL;
    for (auto& seed : seeds) {
        state += 0x9e3779b97f4a7c15ULL;
        seed = mix(state);
    }
    return seeds;
}();

bool word_byte(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

std::uint64_t word_hash(std::string_view text, std::size_t begin, std::size_t end) {
    std::string word(text.substr(begin, end - begin));
    for (char& c : word) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return XXH3_64bits(word.data(), word.size());
}

std::string hex(std::uint64_t value) {
    return fmt::format("{:016x}", value);
}

}  // namespace

std::string_view fingerprint_text(const Document& doc) {
    if (!text::trim(doc.text).empty()) return text::utf8_prefix(doc.text, schema::kStoredTextBytes);
    return doc.title;
}

std::vector<std::uint64_t> shingles(std::string_view text) {
    std::vector<std::uint64_t> words;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && !word_byte(static_cast<unsigned char>(text[i]))) ++i;
        const std::size_t begin = i;
        while (i < text.size() && word_byte(static_cast<unsigned char>(text[i]))) ++i;
        if (i > begin) words.push_back(word_hash(text, begin, i));
    }
    std::vector<std::uint64_t> out;
    if (words.empty()) return out;
    const std::size_t width = std::min(kShingleWords, words.size());
    out.reserve(words.size() - width + 1);
    for (std::size_t w = 0; w + width <= words.size(); ++w) {
        out.push_back(XXH3_64bits(&words[w], width * sizeof(std::uint64_t)));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

double jaccard(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
    std::size_t common = 0;
    for (auto i = a.begin(), j = b.begin(); i != a.end() && j != b.end();) {
        if (*i < *j) {
            ++i;
        } else if (*j < *i) {
            ++j;
        } else {
            ++common;
            ++i;
            ++j;
        }
    }
    const std::size_t all = a.size() + b.size() - common;
    return all == 0 ? 0.0 : static_cast<double>(common) / static_cast<double>(all);
}

Signature signature(const std::vector<std::uint64_t>& shingles) {
    Signature sig;
    sig.fill(~std::uint64_t{0});
    for (const std::uint64_t shingle : shingles) {
        for (std::size_t h = 0; h < kHashes; ++h)
            sig[h] = std::min(sig[h], mix(shingle ^ kSeeds[h]));
    }
    return sig;
}

std::vector<std::string> band_terms(const Signature& signature) {
    std::vector<std::string> terms;
    terms.reserve(kBands);
    for (std::size_t band = 0; band < kBands; ++band) {
        const std::uint64_t hash =
            XXH3_64bits(&signature[band * kRows], kRows * sizeof(std::uint64_t));
        terms.push_back(fmt::format("{}{:x}{}", schema::prefix::kDuplicateBand, band, hex(hash)));
    }
    return terms;
}

TextFingerprint fingerprint(const Document& doc) {
    TextFingerprint fp;
    fp.shingles = shingles(fingerprint_text(doc));
    if (fp.shingles.empty()) return fp;
    fp.signature = signature(fp.shingles);
    fp.bands = band_terms(fp.signature);
    return fp;
}

void ClusterAssigner::assign(const TextFingerprint& own, const std::string& id_term, unsigned shard,
                             Xapian::Document& xdoc) {
    if (own.shingles.empty()) return;
    const Signature& sig = own.signature;
    const std::vector<std::string>& terms = own.bands;

    // The document's own earlier version is about to be replaced: never its own match.
    Xapian::WritableDatabase& home = *m_shards[shard];
    Xapian::docid self = 0;
    if (const auto it = home.postlist_begin(id_term); it != home.postlist_end(id_term)) self = *it;

    // Reading a band's first postings only keeps a cluster of many thousand
    // copies from costing quadratic time; any member carries the cluster's key.
    // A candidate is (shard, docid); docids of different shards are unrelated.
    std::map<std::pair<Xapian::docid, unsigned>, unsigned> shared_bands;
    for (unsigned s = 0; s < m_shards.size(); ++s) {
        Xapian::WritableDatabase* db = m_shards[s];
        if (!db) continue;
        for (const auto& term : terms) {
            std::size_t read = 0;
            for (auto p = db->postlist_begin(term);
                 p != db->postlist_end(term) && read < kMaxPostingsPerBand; ++p, ++read) {
                if (s != shard || *p != self) ++shared_bands[{*p, s}];
            }
        }
    }
    struct Candidate {
        unsigned bands;
        Xapian::docid docid;
        unsigned shard;
    };
    std::vector<Candidate> candidates;
    candidates.reserve(shared_bands.size());
    for (const auto& [where, bands] : shared_bands) {
        candidates.push_back({bands, where.first, where.second});
    }
    // Most shared bands first (likeliest to pass), then the oldest document
    // (with shards, the order their documents interleave in a search).
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        if (a.bands != b.bands) return a.bands > b.bands;
        return a.docid != b.docid ? a.docid < b.docid : a.shard < b.shard;
    });
    if (candidates.size() > kMaxCandidates) candidates.resize(kMaxCandidates);

    const Xapian::valueno slot = schema::slot(schema::ValueSlot::kDuplicateCluster);
    std::string key;
    const Candidate* best_match = nullptr;  // The most similar confirmed candidate.
    std::string best_match_id;
    double best = kMinSimilarity;
    for (const auto& candidate : candidates) {
        const Xapian::Document other = m_shards[candidate.shard]->get_document(candidate.docid);
        // Re-check against the stored text: exact similarity, no stored signature needed.
        const Document stored = stored_document::load(other, true);
        const double similarity = jaccard(own.shingles, shingles(fingerprint_text(stored)));
        if (similarity >= best && (!best_match || similarity > best)) {
            best = similarity;
            best_match = &candidate;
            best_match_id = stored.id;
            key = other.get_value(slot);
        }
    }
    for (const auto& term : terms) xdoc.add_boolean_term(term);
    if (!best_match) return;  // No copy yet: no key, nothing for the searcher to collapse.
    if (key.empty()) {
        // The match was alone until now: the pair starts a cluster, and its key
        // names the first copy's id and this copy's content.
        std::string seed = best_match_id;
        seed.append(reinterpret_cast<const char*>(sig.data()), sig.size() * sizeof(sig[0]));
        key = hex(XXH3_64bits(seed.data(), seed.size()));
        Xapian::WritableDatabase& db = *m_shards[best_match->shard];
        Xapian::Document first = db.get_document(best_match->docid);
        first.add_value(slot, key);
        db.replace_document(best_match->docid, first);  // Values only: terms are not rewritten.
    }
    xdoc.add_value(slot, key);
}

}  // namespace diplosearch::indexer::near_duplicate
