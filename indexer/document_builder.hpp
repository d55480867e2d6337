/// @file
/// @brief Normalised Document to Xapian::Document: terms, values and data, all
/// from the schema table.
#pragma once

#include <xapian.h>

#include <map>
#include <string>

#include "diplosearch/document.hpp"

namespace diplosearch::indexer {

class DocumentBuilder {
  public:
    /// @param spelling_db when given, spelling data is recorded into it.
    explicit DocumentBuilder(Xapian::WritableDatabase* spelling_db);

    /// The Xapian document for @p doc (already normalised, its language
    /// detected by extraction if at all). Free text is stemmed in the document's
    /// language; without one, in English.
    Xapian::Document build(const Document& doc);

    /// The unique-id term of a document id.
    static std::string id_term(const std::string& id);

    /// Adds to @p db the spelling data that FLAG_SPELLING would have added
    /// while building @p xdoc (built without a spelling database): one per
    /// occurrence of each unprefixed word, i.e. its position count. Lets a
    /// worker thread build documents while only the writer touches @p db.
    static void add_spelling(const Xapian::Document& xdoc, Xapian::WritableDatabase& db);

  private:
    // The stemmer for documents in language @p lang, made once per language.
    const Xapian::Stem& stemmer_for(const std::string& lang);

    Xapian::TermGenerator m_generator;
    std::map<std::string, Xapian::Stem> m_stemmers;
};

}  // namespace diplosearch::indexer
