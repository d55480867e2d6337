/// @file
/// @brief Fuzzes the query layer: tokenising, symbol rewriting, accent folding,
/// synonyms, typo marking and Xapian's parser, over a small in-memory index whose
/// vocabulary gives wildcards and typo tolerance something to expand.
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "diplosearch/errors.hpp"
#include "query_builder.hpp"
#include "synonym_table.hpp"

namespace {

// On disk, in a fresh temporary folder: the in-memory backend keeps no spelling
// table, and spelling correction is part of what is fuzzed.
Xapian::Database make_index() {
    char folder[] = "/tmp/diplosearch-fuzz-query.XXXXXX";
    if (!mkdtemp(folder)) std::abort();
    Xapian::WritableDatabase db(std::string(folder) + "/db", Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem("english"));
    generator.set_database(db);
    generator.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
    const char* texts[] = {
        "Pakistan and China sign Gwadar port agreements under CPEC",
        "Joint statement on nuclear security by the Security Council",
        "Communiqué of the ministers of foreign affairs on trade and fisheries",
        "Press release: the harbour authority reported shipping movements",
    };
    for (const char* text : texts) {
        Xapian::Document doc;
        generator.set_document(doc);
        generator.index_text(text);
        generator.index_text(text, 1, "S");
        db.add_document(doc);
    }
    db.commit();
    return db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Xapian::Database db = make_index();
    static diplosearch::searcher::QueryBuilder builder(
        db, &diplosearch::searcher::SynonymTable::builtin());
    const std::string query(reinterpret_cast<const char*>(data), size);
    try {
        builder.parse_query(query, true);
    } catch (const diplosearch::QueryError&) {
        // A clear error is a fine answer to a malformed query.
    }
    return 0;
}
