/// @file
/// @brief Building Xapian documents.
#include "document_builder.hpp"

#include <set>

#include "document_symbol.hpp"
#include "folded_stemmer.hpp"
#include "partial_date.hpp"
#include "schema.hpp"
#include "stored_document.hpp"
#include "text.hpp"
#include "value_list.hpp"

namespace diplosearch::indexer {

namespace {

using schema::FieldKind;
using schema::FieldSpec;
using schema::ValueSlot;

// The raw values of a field, before it is turned into terms.
std::vector<std::string> field_values(const Document& doc, std::string_view name) {
    if (name == "title") return {doc.title};
    if (name == "text") return {doc.text};
    if (name == "speaker") return {doc.speaker};
    if (name == "sender") return {doc.sender};
    if (name == "recipients") return doc.recipients;
    if (name == "country") return doc.countries;
    if (name == "mentions") return doc.mentions;
    if (name == "topic") return doc.topics;
    if (name == "type") return {doc.type};
    if (name == "source") return {text::slugify(doc.source)};
    if (name == "lang") return {doc.lang};
    if (name == "url") return {doc.url};
    return {};
}

void add_boolean_terms(Xapian::Document& xdoc, const FieldSpec& field,
                       const std::vector<std::string>& values) {
    for (const auto& value : values) {
        if (value.empty()) continue;
        const std::string normalised =
            field.normaliser == schema::ValueNormaliser::kExact ? value : text::ascii_lower(value);
        xdoc.add_boolean_term(schema::boolean_term(field.prefix, normalised));
    }
}

// The document symbols of @p doc, normalised, each once: those the source
// listed, then those cited in the title and text, in order of first mention.
std::vector<std::string> cited_symbols(const Document& doc) {
    std::vector<std::string> symbols;
    std::set<std::string> keys;
    auto add = [&](std::string symbol) {
        if (!symbol.empty() && keys.insert(document_symbol_key(symbol)).second) {
            symbols.push_back(std::move(symbol));
        }
    };
    for (const auto& symbol : doc.symbols) add(normalise_document_symbol(symbol));
    for (const std::string* field : {&doc.title, &doc.text}) {
        for (auto& match : find_document_symbols(*field)) add(std::move(match.symbol));
    }
    return symbols;
}

}  // namespace

DocumentBuilder::DocumentBuilder(Xapian::WritableDatabase* spelling_db) {
    m_generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    // Chinese, Japanese and Korean have no spaces between words: their runs
    // become one- and two-character terms, whatever the document's language,
    // so a bilingual text's Chinese half is searchable too.
    unsigned flags = Xapian::TermGenerator::FLAG_CJK_NGRAM;
    if (spelling_db) {
        m_generator.set_database(*spelling_db);
        flags |= Xapian::TermGenerator::FLAG_SPELLING;
    }
    m_generator.set_flags(flags);
}

const Xapian::Stem& DocumentBuilder::stemmer_for(const std::string& lang) {
    auto it = m_stemmers.find(lang);
    if (it == m_stemmers.end()) {
        it = m_stemmers.emplace(lang, language::folded_text_stemmer(lang)).first;
    }
    return it->second;
}

std::string DocumentBuilder::id_term(const std::string& id) {
    return schema::boolean_term(schema::prefix::kId, id);
}

void DocumentBuilder::add_spelling(const Xapian::Document& xdoc, Xapian::WritableDatabase& db) {
    for (auto term = xdoc.termlist_begin(); term != xdoc.termlist_end(); ++term) {
        const std::string word = *term;
        // Prefixes start with a capital letter; TermGenerator lower-cases words.
        if (word.empty() || (word[0] >= 'A' && word[0] <= 'Z')) continue;
        // Unprefixed words come only from free text, indexed with positions,
        // each occurrence at a position of its own.
        const Xapian::termcount occurrences = term.positionlist_count();
        if (occurrences > 0) db.add_spelling(word, occurrences);
    }
}

Xapian::Document DocumentBuilder::build(const Document& source) {
    Document doc = source;
    Xapian::Document xdoc;
    m_generator.set_document(xdoc);
    m_generator.set_stemmer(stemmer_for(doc.lang));

    for (const FieldSpec& field : schema::fields()) {
        if (field.name == "id" || field.name == "year" || field.name == "date" ||
            field.name == "symbol") {
            continue;
        }
        const auto values = field_values(doc, field.name);
        if (field.kind == FieldKind::kFreeText) {
            for (const auto& value : values) {
                if (value.empty()) continue;
                // Indexed without accents, so "communique" finds "communiqué";
                // the query parser folds queries the same way.
                const std::string folded = text::fold_diacritics(value);
                if (!field.prefix.empty()) {
                    m_generator.index_text(folded, 1, std::string(field.prefix));
                }
                if (field.unprefixed_weight > 0) {
                    m_generator.index_text(folded, field.unprefixed_weight);
                }
                // A gap so phrases never match across field boundaries.
                m_generator.increase_termpos(100);
            }
        } else if (field.kind == FieldKind::kBoolean) {
            add_boolean_terms(xdoc, field, values);
        }
    }

    xdoc.add_boolean_term(id_term(doc.id));
    const auto date = PartialDate::parse(doc.date);
    xdoc.add_value(schema::slot(ValueSlot::kDateLast), date ? date->sortable() : "\xff");
    if (date) {
        xdoc.add_boolean_term(
            schema::boolean_term(schema::prefix::kYear, std::to_string(date->year)));
        xdoc.add_value(schema::slot(ValueSlot::kYear), Xapian::sortable_serialise(date->year));
        xdoc.add_value(schema::slot(ValueSlot::kDate), date->sortable());
        if (date->month > 0) {
            xdoc.add_boolean_term(
                schema::boolean_term(schema::prefix::kMonth, date->sortable().substr(0, 6)));
        }
        if (date->day > 0) {
            xdoc.add_boolean_term(schema::boolean_term(schema::prefix::kDate, date->sortable()));
        }
    }
    if (!doc.countries.empty()) {
        xdoc.add_value(schema::slot(ValueSlot::kCountries), value_list::encode(doc.countries));
    }
    if (!doc.mentions.empty()) {
        xdoc.add_value(schema::slot(ValueSlot::kMentions), value_list::encode(doc.mentions));
    }
    if (!doc.topics.empty()) {
        xdoc.add_value(schema::slot(ValueSlot::kTopics), value_list::encode(doc.topics));
    }
    if (!doc.type.empty()) xdoc.add_value(schema::slot(ValueSlot::kType), doc.type);
    if (!doc.lang.empty()) xdoc.add_value(schema::slot(ValueSlot::kLang), doc.lang);

    // Symbols are terms of their own: the text index cuts them into words at each `/`.
    doc.symbols = cited_symbols(doc);
    for (const auto& symbol : doc.symbols) {
        for (const auto& key : document_symbol_keys(symbol)) {
            xdoc.add_boolean_term(schema::boolean_term(schema::prefix::kSymbol, key));
        }
    }

    stored_document::store(doc, xdoc);
    return xdoc;
}

}  // namespace diplosearch::indexer
