// @brief Helpers for searcher unit tests: a small in-memory Xapian database built
// with the indexer's DocumentBuilder, and the ids a query matches.
#pragma once

#include <xapian.h>

#include <set>
#include <string>
#include <vector>

#include "diplosearch/document.hpp"
#include "document_builder.hpp"
#include "stored_document.hpp"

namespace diplosearch::test {

/// A normalised document with the fields the searcher tests look at.
inline Document make_doc(std::string id, std::string title, std::string date,
                         std::vector<std::string> countries, std::vector<std::string> topics,
                         std::string type, std::string text) {
    Document doc;
    doc.id = std::move(id);
    doc.title = std::move(title);
    doc.date = std::move(date);
    doc.countries = std::move(countries);
    doc.topics = std::move(topics);
    doc.type = std::move(type);
    doc.text = std::move(text);
    doc.lang = "en";
    return doc;
}

/// An in-memory database holding @p docs, indexed as diplo-index would.
inline Xapian::WritableDatabase memory_db(const std::vector<Document>& docs) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    indexer::DocumentBuilder builder(nullptr);
    for (const auto& doc : docs) {
        db.replace_document(indexer::DocumentBuilder::id_term(doc.id), builder.build(doc));
    }
    db.commit();
    return db;
}

/// The ids of every document of @p db matching @p query.
inline std::set<std::string> matching_ids(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount() + 1);
    std::set<std::string> ids;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        ids.insert(stored_document::load(it.get_document(), false).id);
    }
    return ids;
}

}  // namespace diplosearch::test
