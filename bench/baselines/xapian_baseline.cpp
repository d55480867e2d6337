/// @file
/// @brief The Xapian baseline indexer and searcher.
#include "xapian_baseline.hpp"

#include <iostream>

namespace diplosearch::bench {

namespace {

Xapian::valueno slot(BaselineSlot s) {
    return static_cast<Xapian::valueno>(s);
}

}  // namespace

CorpusStats index_xapian_baseline(const std::string& db_path, const std::string& source,
                                  std::size_t commit_every, std::size_t max_records) {
    Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator tg;
    tg.set_stemmer(Xapian::Stem("english"));
    tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    std::size_t n = 0;
    CorpusStats stats = read_corpus(
        source,
        [&](const CorpusRecord& r) {
            Xapian::Document doc;
            tg.set_document(doc);
            tg.index_text(r.title);
            tg.increase_termpos();
            tg.index_text(r.text);
            doc.set_data(r.id);
            for (const auto& c : r.countries) doc.add_boolean_term(kBaselineCountryPrefix + c);
            if (!r.countries.empty()) doc.add_value(slot(BaselineSlot::kCountry), r.countries[0]);
            if (r.year != 0) doc.add_value(slot(BaselineSlot::kYear), std::to_string(r.year));
            if (!r.type.empty()) doc.add_value(slot(BaselineSlot::kType), r.type);
            if (r.session != 0)
                doc.add_value(slot(BaselineSlot::kSession), std::to_string(r.session));
            std::string idterm = "Q" + r.id;
            doc.add_boolean_term(idterm);
            db.replace_document(idterm, doc);
            if (commit_every != 0 && ++n % commit_every == 0) db.commit();
        },
        max_records);
    db.commit();
    std::cerr << "xapian baseline: indexed " << stats.records << " documents\n";
    return stats;
}

XapianBaselineSearcher::XapianBaselineSearcher(const std::string& db_path)
    : m_db(db_path), m_enquire(m_db) {  // default weighting: BM25Weight()
    m_parser.set_stemmer(Xapian::Stem("english"));
    m_parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    m_parser.set_database(m_db);
}

Xapian::Query XapianBaselineSearcher::parse(const std::string& text) {
    return m_parser.parse_query(text);
}

Xapian::Query XapianBaselineSearcher::filtered(const Xapian::Query& query,
                                               const std::string& country, int year_from,
                                               int year_to) {
    Xapian::Query filter(Xapian::Query::OP_AND, Xapian::Query(kBaselineCountryPrefix + country),
                         Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot(BaselineSlot::kYear),
                                       std::to_string(year_from), std::to_string(year_to)));
    return Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
}

BaselineResults XapianBaselineSearcher::search(const Xapian::Query& query, unsigned count,
                                               bool facets) {
    m_enquire.set_query(query);
    m_enquire.clear_matchspies();
    Xapian::ValueCountMatchSpy country(slot(BaselineSlot::kCountry));
    Xapian::ValueCountMatchSpy year(slot(BaselineSlot::kYear));
    Xapian::ValueCountMatchSpy type(slot(BaselineSlot::kType));
    if (facets) {
        m_enquire.add_matchspy(&country);
        m_enquire.add_matchspy(&year);
        m_enquire.add_matchspy(&type);
    }
    // Exact counts need every match examined: check_at_least = the whole database.
    Xapian::MSet mset = m_enquire.get_mset(0, count, facets ? m_db.get_doccount() : 0);
    BaselineResults out;
    for (auto it = mset.begin(); it != mset.end(); ++it)
        out.ids.push_back(it.get_document().get_data());
    out.matches = mset.get_matches_estimated();
    if (facets) {
        const std::pair<const char*, Xapian::ValueCountMatchSpy*> spies[] = {
            {"country", &country}, {"year", &year}, {"type", &type}};
        for (const auto& [name, spy] : spies) {
            FacetCounts f{name, {}};
            for (auto v = spy->values_begin(); v != spy->values_end(); ++v)
                f.values.emplace_back(*v, v.get_termfreq());
            keep_most_frequent(f.values, 10);
            out.facets.push_back(std::move(f));
        }
        m_enquire.clear_matchspies();
    }
    return out;
}

}  // namespace diplosearch::bench
