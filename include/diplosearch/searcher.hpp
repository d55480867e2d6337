/// @file
/// @brief Public API for querying a DiploSearch database.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diplosearch/document.hpp"
#include "diplosearch/export.hpp"

namespace diplosearch {

/// Result order.
enum class SortOrder {
    kRelevance,       ///< BM25 score, best first.
    kDateAscending,   ///< Oldest first, ties by relevance.
    kDateDescending,  ///< Newest first, ties by relevance.
};

/// Which documents a query of several words matches.
enum class MatchMode {
    /// Documents with every word; when fewer than 10 have them all, followed
    /// by those with some of them, each group by relevance. Applies to lists of words and phrases
    /// ranked by
    /// relevance; queries with operators (AND, OR, NOT, NEAR) or parentheses,
    /// and date-sorted results, match as kAllWords.
    kMostWords,
    /// Only documents with every word (`+`, `-` and operators as written).
    kAllWords,
};

/// Strings placed around matched words in snippets.
struct Highlight {
    std::string start = "<b>";  ///< Put before each highlighted word or phrase.
    std::string end = "</b>";   ///< Put after it.
    /// When true, the snippet is HTML-escaped (for JSON and web pages);
    /// when false it is plain text (for terminals).
    bool html_escape = true;
};

/// How results are ordered beyond BM25 (see docs/ranking.md). Boosts only
/// reorder what the query matches. Title words already count three times at
/// index time; title_boost adds weight at query time on top.
struct Ranking {
    /// Weight factor of an extra clause matching the query's words in titles; 0 turns it off.
    double title_boost = 1.0;
    /// Weight factor of an extra clause matching the words in order and close
    /// together (at most one word between); 0 turns it off.
    double phrase_boost = 1.0;
    /// Add weight to recent documents: recency_weight for the newest year in
    /// the database, halving every half_life_years back; undated get none.
    bool prefer_recent = false;
    double recency_weight = 5.0;    ///< Weight added to the newest year's documents.
    double half_life_years = 10.0;  ///< Years over which that weight halves.
};

/// A search: free-text query plus filters, paging and facets.
struct SearchRequest {
    /// Query in DiploSearch syntax; empty matches every document. Limits, so
    /// that a hostile query costs milliseconds (search() throws QueryError
    /// beyond them): 16,384 bytes, 1,024 words, parentheses nested 64 deep,
    /// 8 wildcards of at most 1,000 terms each. Only the first 16 rare or
    /// unknown words are typo tolerant, and queries of over 32 words get no
    /// spelling suggestion.
    std::string query;
    std::vector<std::string> countries;  ///< Any of these (codes or names).
    std::vector<std::string> topics;     ///< Any of these.
    std::vector<std::string> types;      ///< Any of these.
    /// Any of these languages (ISO 639-1 codes or names: `fr`, `French`); the
    /// query's words are then stemmed for these languages only.
    std::vector<std::string> langs;
    std::optional<int> year_from;             ///< Inclusive.
    std::optional<int> year_to;               ///< Inclusive.
    std::string date_from;                    ///< `YYYY[-MM[-DD]]`, inclusive.
    std::string date_to;                      ///< `YYYY[-MM[-DD]]`, inclusive.
    SortOrder sort = SortOrder::kRelevance;   ///< Result order.
    MatchMode match = MatchMode::kMostWords;  ///< Which documents several words match.
    std::uint32_t offset = 0;                 ///< Hits skipped (paging).
    std::uint32_t limit = 10;                 ///< Hits returned; 0 for counts and facets only.
    /// Facets to count: any of `country`, `topic`, `year`, `type`, `mentions`, `lang`.
    std::vector<std::string> facets = {"country", "topic", "year", "type"};
    /// Values returned per facet, most frequent first; 0 returns all.
    std::uint32_t facet_size = 10;
    /// Approximate snippet length in characters; 0 disables snippets.
    std::uint32_t snippet_length = 240;
    Highlight highlight;  ///< How snippets mark matched words.
    Ranking ranking;      ///< Boosts beyond BM25.
    /// Expand acronyms and alternate names from the synonym tables (built-in
    /// and those added with Searcher::add_synonyms); multi-word ones as phrases.
    bool synonyms = true;
    /// More like this: rank documents by the terms that best characterise the
    /// document with this id (relevance-feedback expansion), itself excluded.
    /// Filters apply; query text, if any, also has to match.
    std::string like;
    /// When no document has every word of the query and a spelling correction
    /// exists, search the corrected query instead (SearchResults::corrected_query
    /// says so). Mostly useful without typo_tolerance, which already finds near words.
    bool auto_correct = false;
    /// A word that no document holds (not typed in capitals, at least four
    /// letters) also matches its nearest vocabulary words, below exact matches.
    bool typo_tolerance = true;
    /// Show one document per near-duplicate cluster (the best-ranked copy, with
    /// Hit::duplicates counting the others). Facet counts are not collapsed.
    bool collapse = true;
    /// List a near-duplicate cluster: the documents indexed as copies of the
    /// document with this id, itself included, uncollapsed. Filters apply;
    /// query text, if any, also has to match.
    std::string duplicates_of;
    /// Seconds the search may spend counting matches; 0 for no limit. Past it
    /// Xapian stops checking every match: the hits are still the best found,
    /// but totals and facet counts may fall short (SearchResults::exact says so).
    double time_limit = 0;
    /// When a shard does not answer, return the results of the shards that
    /// did (SearchResults::missing_shards names the others) instead of
    /// throwing ShardUnavailableError.
    bool allow_partial = false;
};

/// One ranked result.
struct Hit {
    std::uint32_t rank = 0;  ///< 1-based position in the whole result list.
    double score = 0.0;      ///< BM25 weight with boosts (0 for pure filter queries).
    bool all_words = true;   ///< Holds every word of the query (see MatchMode).
    Document document;       ///< Stored fields; `text` is left empty.
    std::string snippet;     ///< Passage around the best matches, highlighted.
    /// Other matching documents collapsed into this one as its near-duplicates
    /// (list them with SearchRequest::duplicates_of). Exact for the match set
    /// (every match is examined); Xapian only promises a lower bound in general.
    std::uint32_t duplicates = 0;
};

/// One value of a facet with its count over the whole match set.
struct FacetValue {
    std::string value;        ///< Stored value: `PAK`, `trade`, `2021`, `speech`.
    std::string label;        ///< Display label: English country or language name, else value.
    std::uint64_t count = 0;  ///< Matching documents with this value.
};

/// Counts for one facet field, most frequent first.
struct Facet {
    std::string field;               ///< `country`, `topic`, `year` or `type`.
    std::vector<FacetValue> values;  ///< At most SearchRequest::facet_size of them.
    std::uint64_t distinct = 0;      ///< Number of distinct values before truncation.
};

/// The answer to a SearchRequest.
struct SearchResults {
    std::string query;          ///< The query as given.
    std::string like;           ///< The id given for more-like-this, or "".
    std::string duplicates_of;  ///< The id whose cluster is listed, or "".
    /// Number of matching documents (exact), counting each near-duplicate
    /// cluster once when collapsing.
    std::uint64_t total = 0;
    /// Matching documents hidden as near-duplicates of a shown one (0 when
    /// not collapsing); total + collapsed is the uncollapsed count.
    std::uint64_t collapsed = 0;
    /// How many of `total` hold every word of the query (counted the same
    /// way); they come first. Equals `total` unless the query was relaxed.
    std::uint64_t all_words = 0;
    std::uint32_t offset = 0;               ///< As requested.
    std::uint32_t limit = 0;                ///< As requested.
    std::vector<Hit> hits;                  ///< Ranks offset+1 to offset+limit, or fewer.
    std::vector<Facet> facets;              ///< In the order requested.
    std::optional<std::string> suggestion;  ///< Spelling-corrected query, if any.
    /// Set when auto_correct searched this corrected query instead of the one given.
    std::optional<std::string> corrected_query;
    /// False when SearchRequest::time_limit cut counting short: `total`,
    /// `all_words`, `collapsed` and facet counts are then lower bounds.
    bool exact = true;
    /// Shards left out because they did not answer (SearchRequest::allow_partial),
    /// as `HOST:PORT` or a path; empty when every shard answered.
    std::vector<std::string> missing_shards;
};

/// A completion of a partly typed query (Searcher::suggest).
struct Suggestion {
    /// For a term: the query as typed with its last word completed
    /// (`security co` -> `security council`). For a title: the document's title.
    std::string text;
    std::string kind;  ///< `term` or `title`.
    std::string id;    ///< For a title: the best-ranked document with it; "" for a term.
    /// For a term: documents holding the earlier words and the completed one
    /// (or just the completed one when it is the only word), exact up to 100
    /// and estimated beyond. For a title: how
    /// many of the best-matching documents examined carry exactly this title.
    std::uint64_t documents = 0;
};

/// Summary of an open database.
struct IndexInfo {
    std::uint64_t documents = 0;  ///< Documents in the live generation.
    std::string schema_version;   ///< DiploSearch schema the index was written with.
    std::string path;             ///< The database path as given to the Searcher.
    /// Xapian revision of the live generation: grows with every commit.
    std::uint64_t revision = 0;
    /// The live generation (see docs/reindexing.md); nullopt for a plain Xapian database.
    std::optional<unsigned> generation;
    /// Xapian's UUID of the live generation: changes when a rebuild switches generations.
    std::string uuid;
    /// Shards searched: 1 for an unsharded database.
    std::uint32_t shards = 1;
};

/// How a Searcher reaches its database.
struct SearcherOptions {
    /// More shards to search along with the database: local database paths or
    /// `tcp://HOST:PORT` of a `xapian-tcpsrv` (docs/sharding.md).
    std::vector<std::string> shards;
    /// Seconds a remote shard may take over one exchange before it counts as
    /// not answering (Xapian's remote timeout).
    double remote_timeout = 10.0;
    /// Seconds allowed to connect to a remote shard.
    double connect_timeout = 5.0;
};

/// Answers queries against one database.
///
/// Thread-safe: one instance may be shared by any number of threads. It keeps
/// a pool of database handles, one per call in progress (so as many as the
/// most threads that ever called at once), each brought up to date before
/// the call, so every call sees the commits and rebuilds of a running
/// indexer. Moving or destroying a Searcher while a call is in progress is
/// not allowed.
class DIPLOSEARCH_API Searcher {
  public:
    /// @throws DatabaseNotFoundError when @p db_path is not a database.
    /// @throws SchemaMismatchError when it was written with another schema.
    explicit Searcher(const std::string& db_path);
    /// Opens @p db_path (a database, or a sharded database whose stub may list
    /// remote shards) and the extra shards of @p options.
    /// @throws ShardUnavailableError when a remote shard cannot be reached.
    Searcher(const std::string& db_path, SearcherOptions options);
    ~Searcher();
    /// Moves the pool; the moved-from Searcher may only be destroyed or assigned to.
    Searcher(Searcher&&) noexcept;
    /// As the move constructor.
    Searcher& operator=(Searcher&&) noexcept;

    /// Runs a search.
    /// @throws QueryError for a syntax error, an invalid filter value or a
    /// query over the limits given at SearchRequest::query.
    /// @throws IndexError when the database fails.
    SearchResults search(const SearchRequest& request);

    /// More like this: the documents most like document @p id (itself left
    /// out), searched as @p request says (filters, paging, facets; its query
    /// text, if any, must also match). Same as search() with `like = id`.
    /// @throws QueryError when no document has that id.
    SearchResults similar(const std::string& id, SearchRequest request = {});

    /// Facet counts alone: @p request's facets over its whole match set,
    /// with no hits fetched and no snippets made.
    std::vector<Facet> facets(SearchRequest request);

    /// Fetches one document by id, with its stored text.
    std::optional<Document> document(const std::string& id);

    /// Document count and schema version.
    IndexInfo info();

    /// Completions for search-as-you-type: the last word of @p prefix completed
    /// from the indexed vocabulary (most frequent first, or most frequent
    /// together with the earlier words), then titles holding every typed word,
    /// the last as a prefix (best BM25 first). A @p prefix ending in a space
    /// completes no word and matches titles on whole words only. Field
    /// filters, `-excluded` words and operators in @p prefix are ignored.
    /// @param prefix what the user has typed so far.
    /// @param limit at most this many suggestions, capped at 50; titles keep a
    /// third of the places (rounded down) and take those terms leave empty.
    /// @throws IndexError when the database fails.
    std::vector<Suggestion> suggest(const std::string& prefix, std::uint32_t limit = 10);

    /// Adds synonym groups from a file in the format of corpus/synonyms/synonyms.tsv
    /// (one group per line, expressions separated by tabs) to the built-in ones.
    /// @throws UsageError naming the file (and line) when it cannot be read or parsed.
    void add_synonyms(const std::string& tsv_path);

  private:
    class DIPLOSEARCH_LOCAL Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace diplosearch
