// @brief Near-duplicate detection: shingling, Jaccard similarity, MinHash band terms
// (stable across runs) and cluster keys assigned against an in-memory database.
#include <xapian.h>

#include <algorithm>
#include <catch2/catch.hpp>

#include "near_duplicate.hpp"
#include "schema.hpp"
#include "unit_index.hpp"

using namespace diplosearch;
using namespace diplosearch::indexer::near_duplicate;

namespace {

const std::string kCommunique =
    "The ministers recognise that rising shipping traffic through the Northwest Passage and "
    "the Northern Sea Route increases the risk of accidents in waters where rescue services "
    "are hours or days away. They ask the working group on emergency prevention to draw up a "
    "common exercise calendar before the end of the year. Coast guards from each member state "
    "will take turns hosting a week-long exercise, starting with a simulated cruise ship "
    "grounding off the coast of Greenland.";

// The same text retold: another lead, one word changed, the rest as sent.
const std::string kRetold =
    "Arctic governments will rehearse rescues at sea together. The ministers recognise that "
    "rising shipping traffic through the Northwest Passage and the Northern Sea Route increases "
    "the risk of accidents in waters where rescue services are hours or days away. They ask the "
    "working group on emergency prevention to draw up a common exercise calendar before the end "
    "of the year. Coast guards from each member state will take turns hosting a week-long "
    "drill, starting with a simulated cruise ship grounding off the coast of Greenland.";

// Same topic and many of the same words, different text.
const std::string kSameTopic =
    "Arctic Council ministers meeting in Nuuk signed an agreement on search and rescue "
    "cooperation in the Arctic, the first binding treaty negotiated under the council. Shipping "
    "through the Northwest Passage is expected to grow as the sea ice retreats, and coast guards "
    "say rescue services are stretched across vast distances.";

std::size_t shared_bands(const std::string& a, const std::string& b) {
    auto ta = band_terms(signature(shingles(a)));
    auto tb = band_terms(signature(shingles(b)));
    std::sort(ta.begin(), ta.end());
    std::sort(tb.begin(), tb.end());
    std::vector<std::string> common;
    std::set_intersection(ta.begin(), ta.end(), tb.begin(), tb.end(), std::back_inserter(common));
    return common.size();
}

}  // namespace

TEST_CASE("shingles ignore case, punctuation and spacing", "[unit][near-duplicate]") {
    CHECK(shingles("The Ministers, in  Reykjavik!") == shingles("the ministers in reykjavik"));
    CHECK(shingles("one two three four").size() == 2);
    CHECK(shingles("a a a a a a").size() == 1);  // Distinct shingles only.
    SECTION("a text shorter than a shingle is one shingle") {
        CHECK(shingles("Communiqué").size() == 1);
        CHECK(shingles("two words").size() == 1);
    }
    SECTION("no words, no shingles") {
        CHECK(shingles("").empty());
        CHECK(shingles(" -- ... ").empty());
    }
    SECTION("sorted, for the Jaccard merge") {
        const auto s = shingles(kCommunique);
        CHECK(std::is_sorted(s.begin(), s.end()));
    }
}

TEST_CASE("Jaccard similarity of shingle sets", "[unit][near-duplicate]") {
    CHECK(jaccard(shingles(kCommunique), shingles(kCommunique)) == 1.0);
    CHECK(jaccard({}, {}) == 0.0);
    CHECK(jaccard({1, 2, 3}, {2, 3, 4}) == Approx(0.5));
    CHECK(jaccard({1, 2}, {3, 4}) == 0.0);
    CHECK(jaccard(shingles(kCommunique), shingles(kRetold)) >= kMinSimilarity);
    CHECK(jaccard(shingles(kCommunique), shingles(kSameTopic)) < 0.1);
}

TEST_CASE("band terms find near-duplicates and only them", "[unit][near-duplicate]") {
    const auto terms = band_terms(signature(shingles(kCommunique)));
    REQUIRE(terms.size() == kBands);
    for (const auto& term : terms) {
        CHECK(term.starts_with(schema::prefix::kDuplicateBand));
        CHECK(term.size() == schema::prefix::kDuplicateBand.size() + 1 + 16);
    }
    CHECK(shared_bands(kCommunique, kCommunique) == kBands);
    CHECK(shared_bands(kCommunique, kRetold) > 0);
    CHECK(shared_bands(kCommunique, kSameTopic) == 0);
}

TEST_CASE("signatures are the same in every run and build", "[unit][near-duplicate]") {
    // Band terms are stored in databases: a change here needs a schema version bump.
    const auto terms = band_terms(signature(shingles("the quick brown fox jumps")));
    CHECK(terms.front() == "XD04a4615b17c2bc394");
    CHECK(terms.back() == "XDf814e1e8e7cef56ba");
}

TEST_CASE("fingerprinted text is the body, else the title", "[unit][near-duplicate]") {
    Document doc;
    doc.title = "Title only";
    CHECK(fingerprint_text(doc) == "Title only");
    doc.text = "  \n";
    CHECK(fingerprint_text(doc) == "Title only");
    doc.text = "Body text";
    CHECK(fingerprint_text(doc) == "Body text");
    doc.text = std::string(schema::kStoredTextBytes + 10, 'x');
    CHECK(fingerprint_text(doc).size() == schema::kStoredTextBytes);
}

TEST_CASE("cluster keys: copies share one, documents without copies have none",
          "[unit][near-duplicate]") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    indexer::DocumentBuilder builder(nullptr);
    ClusterAssigner clusters({&db});
    const Xapian::valueno slot = schema::slot(schema::ValueSlot::kDuplicateCluster);
    // The key as stored now: a later copy gives an earlier document its key.
    auto key_of = [&](const std::string& id) {
        const std::string id_term = indexer::DocumentBuilder::id_term(id);
        REQUIRE(db.postlist_begin(id_term) != db.postlist_end(id_term));
        return db.get_document(*db.postlist_begin(id_term)).get_value(slot);
    };
    auto add = [&](const std::string& id, const std::string& text,
                   const std::string& title = "A title") {
        const Document doc = test::make_doc(id, title, "", {}, {}, "", text);
        const std::string id_term = indexer::DocumentBuilder::id_term(id);
        Xapian::Document xdoc = builder.build(doc);
        clusters.assign(fingerprint(doc), id_term, 0, xdoc);
        db.replace_document(id_term, xdoc);  // Not committed: later lookups still see it.
        return key_of(id);
    };
    CHECK(add("first", kCommunique).empty());  // Alone so far.
    const std::string first = add("retold", kRetold);
    CHECK(first.size() == 16);
    CHECK(key_of("first") == first);  // The pair shares the new key.
    CHECK(add("copy", kCommunique) == first);
    CHECK(add("same-topic", kSameTopic).empty());
    SECTION("without text the title is compared; without words there is no key") {
        CHECK(add("title-only", "", "Statement of the spokesperson").empty());
        const std::string titled = add("same-title-only", "", "Statement of the spokesperson");
        CHECK(titled.size() == 16);
        CHECK(titled != first);
        CHECK(key_of("title-only") == titled);
        CHECK(add("nothing", "", "").empty());
        CHECK(add("punctuation", " -- ", "...").empty());
    }
    SECTION("re-indexing a document with new text moves it out of its cluster") {
        const std::string moved = add("copy", kSameTopic + " Updated.");
        CHECK(moved.size() == 16);  // Now a near-duplicate of the same-topic text.
        CHECK(moved != first);
        CHECK(key_of("same-topic") == moved);
        CHECK(add("first", "A completely different text about something else entirely.").empty());
        // The retold copy keeps its label, now a cluster of one.
        CHECK(key_of("retold") == first);
    }
}
