/// @file
/// @brief One thread's searches: query, filters, facets, snippets, documents, suggestions.
#include "search_session.hpp"

#include <algorithm>
#include <chrono>
#include <optional>
#include <unordered_set>

#include <fmt/format.h>

#include "diplosearch/errors.hpp"
#include "facet_counter.hpp"
#include "query_builder.hpp"
#include "ranking.hpp"
#include "schema.hpp"
#include "snippet.hpp"
#include "stored_document.hpp"
#include "suggester.hpp"
#include "value_count_facets.hpp"

namespace diplosearch::searcher {

namespace {

// A commit by a running indexer can invalidate an open reader mid-query;
// reopening and retrying the whole query is Xapian's documented remedy. A
// busy machine (more querying threads than cores) can stretch one query over
// several commits of a fast indexer, hence more than a couple of attempts.
constexpr int kMaxAttempts = 10;

// The filter of one facet field, so it can be left out when counting that facet.
struct FieldFilter {
    std::string facet;
    Xapian::Query query;
};

// More-like-this expands to this many terms: enough to characterise a speech
// or communiqué, few enough to keep the query fast.
constexpr Xapian::termcount kLikeTerms = 40;

// Word terms only (plain and stemmed `Z` forms), not ids, countries or dates:
// those are filters, and a document's own id would only find itself.
class WordTermsOnly final : public Xapian::ExpandDecider {
  public:
    bool operator()(const std::string& term) const override {
        const auto c = static_cast<unsigned char>(term.front());
        if (c == 'Z' && term.size() > 1) return static_cast<unsigned char>(term[1]) >= 'a';
        return (c >= 'a' && c <= 'z') || c >= 0x80;
    }
};

// Counts matching documents as they are found, before collapsing: all of
// them, and those holding every word (weight raised by kAllWordsBonus), the
// latter also once per near-duplicate cluster.
class MatchTally final : public Xapian::MatchSpy {
  public:
    void operator()(const Xapian::Document& doc, double weight) override {
        ++m_count;
        if (weight < kAllWordsBonus) return;
        ++m_all_words;
        const std::string key = doc.get_value(schema::slot(schema::ValueSlot::kDuplicateCluster));
        if (key.empty()) {
            ++m_all_words_keyless;
        } else {
            m_all_words_keys.insert(key);
        }
    }
    Xapian::doccount count() const { return m_count; }
    Xapian::doccount all_words(bool collapsed) const {
        return collapsed
                   ? m_all_words_keyless + static_cast<Xapian::doccount>(m_all_words_keys.size())
                   : m_all_words;
    }

  private:
    Xapian::doccount m_count = 0;
    Xapian::doccount m_all_words = 0;
    Xapian::doccount m_all_words_keyless = 0;
    std::unordered_set<std::string> m_all_words_keys;
};

// Runs the matches of one search within SearchRequest::time_limit. Past its
// share of the limit Xapian stops checking every match, so counts taken from
// that match (totals, facets) may fall short; exact() then says so.
class MatchBudget {
  public:
    explicit MatchBudget(double seconds)
        : m_seconds(seconds), m_start(std::chrono::steady_clock::now()) {}

    Xapian::MSet run(Xapian::Enquire& enquire, Xapian::doccount first, Xapian::doccount max,
                     Xapian::doccount check_at_least) {
        if (m_seconds <= 0) return enquire.get_mset(first, max, check_at_least);
        // Xapian reads a limit of 0 as none: a spent budget still gets a sliver.
        constexpr double kSliver = 1e-4;
        enquire.set_time_limit(std::max(m_seconds - elapsed(), kSliver));
        Xapian::MSet mset = enquire.get_mset(first, max, check_at_least);
        // The timer fired during this match unless it saw every match (then
        // its bounds agree); collapsing blurs the bounds, so it counts as cut.
        if (elapsed() >= m_seconds &&
            mset.get_matches_lower_bound() != mset.get_matches_upper_bound()) {
            m_exact = false;
        }
        return mset;
    }

    bool exact() const { return m_exact; }

  private:
    double elapsed() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    }

    double m_seconds;
    std::chrono::steady_clock::time_point m_start;
    bool m_exact = true;
};

// Facet counts of one match, by the fastest counter the database allows: the
// cached columns of FacetCounter for one database, Xapian's own
// ValueCountMatchSpy for joined shards (remote shards run only Xapian's own
// spies, and a spy over local shards sees documents by their shard's docid,
// which a column of the joined database does not index).
class FacetCounts {
  public:
    FacetCounts(const Xapian::Database& db, const IndexReader& reader,
                std::vector<const FacetField*> fields) {
        if (fields.empty()) return;
        if (reader.joined()) {
            m_values.emplace(std::move(fields));
        } else {
            m_columns.emplace(db, std::move(fields));
        }
    }
    void attach(Xapian::Enquire& enquire) {
        if (m_values) m_values->attach(enquire);
        if (m_columns) enquire.add_matchspy(&*m_columns);
    }
    Facet result(const FacetField& field, std::uint32_t limit) const {
        if (m_values) return m_values->result(field, limit);
        if (m_columns) return m_columns->result(field, limit);
        return Facet{field.name, {}, 0};
    }

  private:
    std::optional<FacetCounter> m_columns;
    std::optional<ValueCountFacets> m_values;
};

Xapian::Query combine(const Xapian::Query& main, const std::vector<FieldFilter>& filters,
                      const std::string& except) {
    Xapian::Query query = main;
    for (const auto& f : filters) {
        if (f.facet != except) query = Xapian::Query(Xapian::Query::OP_FILTER, query, f.query);
    }
    return query;
}

}  // namespace

SearchSession::SearchSession(std::string path, const SearcherOptions& options)
    : m_path(std::move(path)), m_reader(m_path, options) {}

template <typename Body>
auto SearchSession::with_retry(Body&& body, bool allow_partial) {
    for (int attempt = 1;; ++attempt) {
        try {
            // New commits, a new generation, shards that answer again.
            m_db = m_reader.refresh(allow_partial);
            return body();
        } catch (const Xapian::DatabaseModifiedError&) {
            if (attempt == kMaxAttempts)
                throw IndexError(m_path + ": database kept changing during the query");
        } catch (const Xapian::NetworkError& e) {
            // A shard stopped answering: find which, and leave it out if allowed.
            if (attempt == kMaxAttempts) database::rethrow(e, m_path);
            m_reader.recover(e, allow_partial);
        } catch (const Xapian::DatabaseError& e) {
            // A remote shard's server may have lost the generation it had open
            // (removed by a rebuild): new connections open the live one.
            if (!m_reader.has_remote() || attempt == kMaxAttempts) database::rethrow(e, m_path);
            m_reader.recover(e, allow_partial);
        } catch (const Xapian::Error& e) {
            database::rethrow(e, m_path);
        }
    }
}

SearchResults SearchSession::search(const SearchRequest& request, const SynonymTable& synonyms) {
    SearchResults results =
        with_retry([&] { return run_search(request, synonyms); }, request.allow_partial);
    if (request.auto_correct && results.all_words == 0 && results.suggestion) {
        SearchRequest corrected = request;
        corrected.query = *results.suggestion;
        SearchResults retried =
            with_retry([&] { return run_search(corrected, synonyms); }, request.allow_partial);
        retried.query = request.query;
        retried.suggestion = results.suggestion;
        retried.corrected_query = results.suggestion;
        return retried;
    }
    return results;
}

std::optional<Document> SearchSession::document(const std::string& id) {
    return with_retry([&]() -> std::optional<Document> {
        const std::string term = schema::boolean_term(schema::prefix::kId, id);
        const auto it = m_db.postlist_begin(term);
        if (it == m_db.postlist_end(term)) return std::nullopt;
        return stored_document::load(m_db.get_document(*it), true);
    });
}

IndexInfo SearchSession::info() {
    return with_retry([&] {
        IndexInfo info;
        info.documents = m_db.get_doccount();
        info.schema_version = m_db.get_metadata(std::string(schema::kVersionKey));
        info.path = m_path;
        info.revision = m_reader.revision();
        info.generation = m_reader.generation();
        info.uuid = m_db.get_uuid();
        info.shards = m_reader.shard_count();
        return info;
    });
}

std::vector<Suggestion> SearchSession::suggest(const std::string& prefix, std::uint32_t limit) {
    return with_retry([&] { return suggest_completions(m_db, prefix, limit); });
}

// The terms that best tell document @p id apart from the rest (Xapian's
// relevance-feedback expansion with it as the relevant set), as an OR
// query that leaves the document itself out.
Xapian::Query SearchSession::like_query(const std::string& id) {
    const std::string id_term = schema::boolean_term(schema::prefix::kId, id);
    const auto it = m_db.postlist_begin(id_term);
    if (it == m_db.postlist_end(id_term)) {
        throw QueryError(fmt::format("--like: no document with id '{}'", id));
    }
    Xapian::RSet relevant;
    relevant.add_document(*it);
    Xapian::Enquire enquire(m_db);
    enquire.set_query(Xapian::Query(id_term));
    const WordTermsOnly words_only;
    // Exact term frequencies: over several shards Xapian would otherwise scale
    // those of the document's own shard, and pick other terms than one database.
    const Xapian::ESet terms =
        enquire.get_eset(kLikeTerms, relevant, Xapian::Enquire::USE_EXACT_TERMFREQ, &words_only);
    std::vector<Xapian::Query> parts;
    for (auto t = terms.begin(); t != terms.end(); ++t) parts.emplace_back(*t);
    if (parts.empty()) return Xapian::Query::MatchNothing;
    return Xapian::Query(Xapian::Query::OP_AND_NOT,
                         Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()),
                         Xapian::Query(id_term));
}

// The documents in the near-duplicate cluster of document @p id, itself included.
Xapian::Query SearchSession::cluster_query(const std::string& id) {
    const std::string id_term = schema::boolean_term(schema::prefix::kId, id);
    const auto it = m_db.postlist_begin(id_term);
    if (it == m_db.postlist_end(id_term)) {
        throw QueryError(fmt::format("--duplicates-of: no document with id '{}'", id));
    }
    const Xapian::valueno slot = schema::slot(schema::ValueSlot::kDuplicateCluster);
    const std::string key = m_db.get_document(*it).get_value(slot);
    if (key.empty()) return Xapian::Query(id_term);  // No text: a cluster of one.
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, key, key);
}

SearchResults SearchSession::run_search(const SearchRequest& request,
                                        const SynonymTable& synonyms) {
    QueryBuilder builder(m_db, request.synonyms ? &synonyms : nullptr);
    MatchBudget budget(request.time_limit);
    builder.set_typo_tolerance(request.typo_tolerance);
    SearchResults results;
    results.query = request.query;
    results.like = request.like;
    results.duplicates_of = request.duplicates_of;
    results.offset = request.offset;
    results.limit = request.limit;

    std::vector<FieldFilter> filters;
    if (!request.countries.empty())
        filters.push_back({"country", builder.any_of("country", request.countries)});
    if (!request.topics.empty())
        filters.push_back({"topic", builder.any_of("topic", request.topics)});
    if (!request.types.empty()) filters.push_back({"type", builder.any_of("type", request.types)});
    if (!request.langs.empty()) {
        builder.set_languages(request.langs);
        filters.push_back({"lang", builder.any_of("lang", request.langs)});
    }
    if (request.year_from || request.year_to) {
        if (request.year_from && request.year_to && *request.year_from > *request.year_to) {
            throw QueryError(
                fmt::format("year range {}..{} is empty", *request.year_from, *request.year_to));
        }
        filters.push_back({"year", QueryBuilder::year_range(request.year_from, request.year_to)});
    }
    if (!request.date_from.empty() || !request.date_to.empty()) {
        // Each end on its own first, so that the error names the option at fault.
        for (const auto& [name, value] :
             {std::pair{"from", &request.date_from}, std::pair{"to", &request.date_to}}) {
            try {
                QueryBuilder::date_range(*value, "");
            } catch (const QueryError& e) {
                throw QueryError(fmt::format("--{}: {}", name, e.what()));
            }
        }
        filters.push_back({"date", QueryBuilder::date_range(request.date_from, request.date_to)});
    }

    const std::optional<Xapian::Query> like =
        request.like.empty() ? std::nullopt : std::optional(like_query(request.like));
    const std::optional<Xapian::Query> cluster =
        request.duplicates_of.empty() ? std::nullopt
                                      : std::optional(cluster_query(request.duplicates_of));
    auto narrowed = [&](Xapian::Query query) {
        if (like)
            query =
                request.query.empty() ? *like : Xapian::Query(Xapian::Query::OP_AND, query, *like);
        if (cluster) {
            query = request.query.empty() && !like
                        ? *cluster
                        : Xapian::Query(Xapian::Query::OP_FILTER, query, *cluster);
        }
        return query;
    };

    // Date order lists matches, it does not rank them: partial matches
    // would bury the complete ones there.
    const bool relax =
        request.match == MatchMode::kMostWords && request.sort == SortOrder::kRelevance;
    const ParsedQuery parsed = builder.parse_query(request.query, relax);
    if (!parsed.corrected.empty() && parsed.corrected != request.query)
        results.suggestion = parsed.corrected;
    // Documents with some of the words only join when too few have them all;
    // a cheap count of the complete matches (stopping at the threshold) decides.
    bool relaxed = false;
    if (!parsed.some_words.empty()) {
        Xapian::Enquire probe(m_db);
        probe.set_query(combine(narrowed(parsed.all_words), filters, ""));
        relaxed = budget.run(probe, 0, 0, kRelaxBelow).get_matches_lower_bound() < kRelaxBelow;
    }
    Xapian::Query main =
        relaxed ? all_words_first(parsed.all_words, parsed.some_words) : parsed.all_words;
    main = narrowed(apply_ranking(main, request.query, request.ranking, builder.stemmer()));

    // Facets whose own field is filtered are counted without that filter
    // (multi-select), in a query of their own; the rest ride on the main query.
    std::vector<const FacetField*> main_facets;
    std::vector<const FacetField*> own_facets;
    for (const auto& name : request.facets) {
        const FacetField* field = find_facet_field(name);
        if (!field) {
            throw QueryError(fmt::format(
                "unknown facet '{}' (use country, topic, year, type, mentions, lang)", name));
        }
        const bool filtered = std::any_of(filters.begin(), filters.end(),
                                          [&](const FieldFilter& f) { return f.facet == name; });
        (filtered ? own_facets : main_facets).push_back(field);
    }

    const Xapian::doccount all = m_db.get_doccount();
    Xapian::Enquire enquire(m_db);
    enquire.set_query(combine(main, filters, ""));
    // Undated documents last in either direction: descending order puts their
    // empty date last, ascending order reads the kDateLast slot, where they sort
    // above every date. (Plain value sorts: remote shards can run them.)
    if (request.sort == SortOrder::kDateAscending) {
        enquire.set_sort_by_value_then_relevance(schema::slot(schema::ValueSlot::kDateLast), false);
    } else if (request.sort == SortOrder::kDateDescending) {
        enquire.set_sort_by_value_then_relevance(schema::slot(schema::ValueSlot::kDate), true);
    }
    const bool joined = m_reader.joined();
    FacetCounts counter(m_db, m_reader, main_facets);
    counter.attach(enquire);
    // Listing a cluster shows all of it. Facet counters, like any MatchSpy,
    // see documents before collapsing: facets count every copy.
    const bool collapsing = request.collapse && request.duplicates_of.empty();
    // Joined shards count with Xapian's figures instead (a remote shard runs
    // only Xapian's own match spies); both give the same counts.
    MatchTally tally;
    if ((collapsing || relaxed) && !joined) enquire.add_matchspy(&tally);
    if (collapsing) {
        enquire.set_collapse_key(schema::slot(schema::ValueSlot::kDuplicateCluster));
    }
    // check_at_least = all documents: exact totals, facet and collapse counts.
    const Xapian::MSet mset = budget.run(enquire, request.offset, request.limit, all);
    if (collapsing) {
        // Every match was examined, so the lower bound (documents without a
        // key plus distinct keys) is exact; the estimate, scaled by the rate
        // of duplicates seen, need not be.
        results.total = mset.get_matches_lower_bound();
        const std::uint64_t uncollapsed =
            joined ? mset.get_uncollapsed_matches_lower_bound() : tally.count();
        results.collapsed = std::max<std::uint64_t>(uncollapsed, results.total) - results.total;
    } else {
        results.total = mset.get_matches_estimated();
    }
    if (!relaxed) {
        results.all_words = results.total;
    } else if (!joined) {
        results.all_words = tally.all_words(collapsing);
    } else {
        // Relaxed means fewer than kRelaxBelow documents hold every word:
        // listing them (collapsed as the hits are) counts them exactly.
        Xapian::Enquire complete(m_db);
        complete.set_query(combine(narrowed(parsed.all_words), filters, ""));
        if (collapsing) {
            complete.set_collapse_key(schema::slot(schema::ValueSlot::kDuplicateCluster));
        }
        results.all_words = budget.run(complete, 0, kRelaxBelow, all).size();
    }

    std::uint32_t rank = request.offset;
    const bool hit_text = request.snippet_length > 0;  // Only snippets read the text.
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        const Xapian::Document xdoc = it.get_document();
        Document doc = stored_document::load(xdoc, hit_text);
        Hit hit;
        hit.rank = ++rank;
        hit.score = it.get_weight();
        if (relaxed) {
            hit.all_words = hit.score >= kAllWordsBonus;
            if (hit.all_words) hit.score -= kAllWordsBonus;
        }
        if (collapsing) hit.duplicates = it.get_collapse_count();
        hit.snippet = make_snippet(relaxed ? parsed.some_words : parsed.all_words, doc.text,
                                   request.snippet_length, builder.stemmer_for_language(doc.lang),
                                   request.highlight);
        doc.text.clear();
        hit.document = std::move(doc);
        results.hits.push_back(std::move(hit));
    }

    for (const auto& name : request.facets) {
        const FacetField& field = *find_facet_field(name);
        if (std::find(main_facets.begin(), main_facets.end(), &field) != main_facets.end()) {
            results.facets.push_back(counter.result(field, request.facet_size));
            continue;
        }
        FacetCounts own(m_db, m_reader, {&field});
        Xapian::Enquire facet_enquire(m_db);
        facet_enquire.set_query(combine(main, filters, name));
        own.attach(facet_enquire);
        budget.run(facet_enquire, 0, 0, all);
        results.facets.push_back(own.result(field, request.facet_size));
    }
    results.exact = budget.exact();
    results.missing_shards = m_reader.missing();
    return results;
}

}  // namespace diplosearch::searcher
