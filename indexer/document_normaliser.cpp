/// @file
/// @brief Canonical form of documents.
#include "document_normaliser.hpp"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "language.hpp"
#include "partial_date.hpp"
#include "text.hpp"

namespace diplosearch::indexer {

namespace {

constexpr std::size_t kMaxDerivedTitleBytes = 120;
constexpr std::size_t kMaxIdBytes = 200;

void clean(std::string& s, std::size_t& repaired) {
    text::strip_bom(s);
    repaired += text::repair_utf8(s);
}

void add_unique(std::vector<std::string>& out, std::string value) {
    if (!value.empty() && std::find(out.begin(), out.end(), value) == out.end()) {
        out.push_back(std::move(value));
    }
}

// A value such as "PAK; CHN" or "PAK,CHN" (as some feeds send) becomes two.
std::vector<std::string> split_values(const std::vector<std::string>& values) {
    std::vector<std::string> out;
    for (const auto& v : values) {
        std::size_t start = 0;
        while (start <= v.size()) {
            const auto sep = v.find_first_of(",;", start);
            const auto item = text::trim(std::string_view(v).substr(
                start, sep == std::string::npos ? std::string::npos : sep - start));
            if (!item.empty()) out.emplace_back(item);
            if (sep == std::string::npos) break;
            start = sep + 1;
        }
    }
    return out;
}

std::vector<std::string> split_on(std::string_view v, char sep) {
    std::vector<std::string> parts;
    for (const auto part : text::split(v, sep)) parts.emplace_back(text::trim(part));
    return parts;
}

std::string join_parts(const std::vector<std::string>& parts, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to; ++i) out += (i == from ? "" : ", ") + parts[i];
    return out;
}

}  // namespace

void DocumentNormaliser::resolve_countries(Document& doc,
                                           std::vector<std::string>& warnings) const {
    // Lists come as separate values or as "A; B" or "A, B" strings. ISO-style
    // names contain commas themselves ("Korea, Republic of"), so the longest
    // run of comma-separated parts that names a country is taken first.
    std::vector<std::string> codes;
    for (const auto& value : doc.countries) {
        for (const auto& entry : split_on(value, ';')) {
            const auto parts = split_on(entry, ',');
            for (std::size_t i = 0; i < parts.size();) {
                std::size_t j = parts.size();
                const Country* country = nullptr;
                for (; j > i; --j) {
                    if ((country = m_gazetteer.resolve(join_parts(parts, i, j)))) break;
                }
                if (country) {
                    add_unique(codes, country->alpha3);
                    i = j;
                } else {
                    if (!parts[i].empty()) {
                        warnings.push_back(fmt::format("unknown country '{}' dropped", parts[i]));
                    }
                    ++i;
                }
            }
        }
    }
    doc.countries = std::move(codes);
}

namespace {

std::string derive_title(std::string_view text) {
    const auto line_end = text.find('\n');
    std::string first = text::collapse_whitespace(text.substr(0, line_end));
    if (first.size() <= kMaxDerivedTitleBytes) return first;
    std::string cut(text::utf8_prefix(first, kMaxDerivedTitleBytes));
    if (const auto space = cut.find_last_of(' '); space != std::string::npos && space > 40) {
        cut.resize(space);
    }
    return cut + "…";
}

}  // namespace

void DocumentNormaliser::normalise(Document& doc, const std::string& fallback_id,
                                   std::vector<std::string>& warnings) const {
    std::size_t repaired = 0;
    for (std::string* field : {&doc.id, &doc.title, &doc.date, &doc.type, &doc.lang, &doc.source,
                               &doc.url, &doc.speaker, &doc.sender, &doc.text}) {
        clean(*field, repaired);
    }
    for (auto* list : {&doc.countries, &doc.topics, &doc.recipients}) {
        for (auto& item : *list) clean(item, repaired);
    }
    if (repaired > 0)
        warnings.push_back(fmt::format("repaired {} invalid UTF-8 sequence(s)", repaired));

    text::normalise_line_ends(doc.text);
    doc.text = std::string(text::trim(doc.text));
    doc.title = text::collapse_whitespace(doc.title);
    if (doc.text.empty() && doc.title.empty()) {
        throw std::invalid_argument("document has no text and no title");
    }
    if (doc.title.empty()) doc.title = derive_title(doc.text);

    doc.id = std::string(text::trim(doc.id));
    if (doc.id.empty()) {
        // Kept as the path spells it, but a file name need not be UTF-8 (found by fuzz_id).
        doc.id = fallback_id;
        if (text::repair_utf8(doc.id) > 0)
            warnings.push_back("repaired invalid UTF-8 in the id taken from the file name");
    }
    if (doc.id.empty()) throw std::invalid_argument("document has no id");
    if (doc.id.size() > kMaxIdBytes) {
        throw std::invalid_argument(fmt::format("id longer than {} bytes", kMaxIdBytes));
    }
    // An id is printed one per line and used in URLs: a newline or other
    // control character in it would forge output lines.
    if (const auto bad = std::find_if(doc.id.begin(), doc.id.end(),
                                      [](char c) {
                                          const auto u = static_cast<unsigned char>(c);
                                          return u < 0x20 || u == 0x7f;
                                      });
        bad != doc.id.end()) {
        throw std::invalid_argument(fmt::format("id contains a control character (U+{:04X})",
                                                static_cast<unsigned char>(*bad)));
    }

    resolve_countries(doc, warnings);

    std::vector<std::string> topics;
    for (const auto& value : split_values(doc.topics)) add_unique(topics, text::slugify(value));
    doc.topics = std::move(topics);

    doc.type = text::slugify(doc.type);
    // Sources spell languages every way (`fr-CA`, `French`, `fra`); the index
    // keeps ISO 639-1, and an unknown value is left to the detector.
    if (const std::string lang(text::trim(doc.lang)); !lang.empty()) {
        doc.lang = language::canonical_code(lang).value_or("");
        if (doc.lang.empty()) {
            warnings.push_back(
                fmt::format("unknown language '{}' dropped (use an ISO 639-1 code)", lang));
        }
    }
    doc.source = text::collapse_whitespace(doc.source);
    doc.url = std::string(text::trim(doc.url));
    doc.speaker = text::collapse_whitespace(doc.speaker);
    doc.sender = text::collapse_whitespace(doc.sender);
    std::vector<std::string> recipients;
    for (const auto& value : doc.recipients)
        add_unique(recipients, text::collapse_whitespace(value));
    doc.recipients = std::move(recipients);

    const std::string date_text(text::trim(doc.date));
    doc.date.clear();
    if (!date_text.empty()) {
        if (const auto date = PartialDate::parse(date_text)) {
            doc.date = date->iso();
        } else {
            warnings.push_back(fmt::format(
                "invalid date '{}' dropped (use YYYY, YYYY-MM or YYYY-MM-DD)", date_text));
        }
    }
}

}  // namespace diplosearch::indexer
