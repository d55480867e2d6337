/// @file
/// @brief Stored fields (JSON in a value slot) and stored text (zstd document data).
#include "stored_document.hpp"

#include <zstd.h>

#include <memory>

#include <nlohmann/json.hpp>

#include "diplosearch/errors.hpp"
#include "schema.hpp"
#include "text.hpp"

namespace diplosearch::stored_document {

namespace {

// Fast to compress and several times faster than zlib to read back; the level
// barely changes decompression speed.
constexpr int kTextCompressionLevel = 3;

// One zstd context per thread, reused: ZSTD_compress() and ZSTD_decompress()
// set up a fresh context (hundreds of KB, mapped and unmapped) on every call,
// once per document when indexing and per hit when searching.
struct ContextDeleter {
    void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
    void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};

ZSTD_CCtx* compression_context() {
    thread_local const std::unique_ptr<ZSTD_CCtx, ContextDeleter> context(ZSTD_createCCtx());
    if (!context) throw IndexError("cannot compress document text: out of memory");
    return context.get();
}

ZSTD_DCtx* decompression_context() {
    thread_local const std::unique_ptr<ZSTD_DCtx, ContextDeleter> context(ZSTD_createDCtx());
    if (!context) throw IndexError("cannot read document text: out of memory");
    return context.get();
}

void put(nlohmann::json& j, const char* key, const std::string& value) {
    if (!value.empty()) j[key] = value;
}

std::string get(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> get_list(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_array()) return {};
    std::vector<std::string> items;
    for (const auto& item : *it) {
        if (!item.is_string())
            throw IndexError(std::string("corrupt document metadata: '") + key + "'");
        items.push_back(item.get<std::string>());
    }
    return items;
}

}  // namespace

std::string compress_text(std::string_view text) {
    text = text::utf8_prefix(text, schema::kStoredTextBytes);
    if (text.empty()) return {};
    std::string out(ZSTD_compressBound(text.size()), '\0');
    const std::size_t size = ZSTD_compressCCtx(compression_context(), out.data(), out.size(),
                                               text.data(), text.size(), kTextCompressionLevel);
    if (ZSTD_isError(size)) {
        throw IndexError(std::string("cannot compress document text: ") + ZSTD_getErrorName(size));
    }
    out.resize(size);
    return out;
}

std::string decompress_text(std::string_view frame) {
    if (frame.empty()) return {};
    const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
    if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN ||
        size > schema::kStoredTextBytes) {
        throw IndexError("corrupt document data: the text is not a zstd frame of known size");
    }
    std::string text(static_cast<std::size_t>(size), '\0');
    const std::size_t got = ZSTD_decompressDCtx(decompression_context(), text.data(), text.size(),
                                                frame.data(), frame.size());
    if (ZSTD_isError(got) || got != size) {
        throw IndexError(std::string("corrupt document data: text: ") +
                         (ZSTD_isError(got) ? ZSTD_getErrorName(got) : "short frame"));
    }
    return text;
}

std::string encode_metadata(const Document& doc) {
    nlohmann::json j = nlohmann::json::object();
    put(j, "id", doc.id);
    put(j, "title", doc.title);
    put(j, "date", doc.date);
    if (!doc.countries.empty()) j["countries"] = doc.countries;
    if (!doc.topics.empty()) j["topics"] = doc.topics;
    if (!doc.mentions.empty()) j["mentions"] = doc.mentions;
    if (!doc.extracted.empty()) j["extracted"] = doc.extracted;
    if (!doc.symbols.empty()) j["symbols"] = doc.symbols;
    put(j, "type", doc.type);
    put(j, "lang", doc.lang);
    put(j, "source", doc.source);
    put(j, "url", doc.url);
    put(j, "speaker", doc.speaker);
    put(j, "sender", doc.sender);
    if (!doc.recipients.empty()) j["recipients"] = doc.recipients;
    put(j, "path", doc.path);
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Document decode_metadata(std::string_view metadata) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(metadata);
    } catch (const nlohmann::json::exception& e) {
        throw IndexError(std::string("corrupt document metadata: ") + e.what());
    }
    if (!j.is_object()) throw IndexError("corrupt document metadata: not a JSON object");
    Document doc;
    doc.id = get(j, "id");
    doc.title = get(j, "title");
    doc.date = get(j, "date");
    doc.countries = get_list(j, "countries");
    doc.topics = get_list(j, "topics");
    doc.mentions = get_list(j, "mentions");
    doc.extracted = get_list(j, "extracted");
    doc.symbols = get_list(j, "symbols");
    doc.type = get(j, "type");
    doc.lang = get(j, "lang");
    doc.source = get(j, "source");
    doc.url = get(j, "url");
    doc.speaker = get(j, "speaker");
    doc.sender = get(j, "sender");
    doc.recipients = get_list(j, "recipients");
    doc.path = get(j, "path");
    return doc;
}

void store(const Document& doc, Xapian::Document& xdoc) {
    xdoc.add_value(schema::slot(schema::ValueSlot::kMetadata), encode_metadata(doc));
    xdoc.set_data(compress_text(doc.text));
}

Document load(const Xapian::Document& xdoc, bool with_text) {
    Document doc = decode_metadata(xdoc.get_value(schema::slot(schema::ValueSlot::kMetadata)));
    if (with_text) doc.text = decompress_text(xdoc.get_data());
    return doc;
}

}  // namespace diplosearch::stored_document
