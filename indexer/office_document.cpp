/// @file
/// @brief DOCX and ODT through libzip and pugixml.
#include "office_document.hpp"

#include <pugixml.hpp>

#include <algorithm>
#include <initializer_list>
#include <stdexcept>
#include <vector>

#include <fmt/format.h>

#include "byte_stream.hpp"
#include "parse_error.hpp"
#include "text.hpp"
#include "zip_archive.hpp"

namespace diplosearch::indexer {

namespace {

// An encrypted Office file is not a zip at all but an OLE compound file (as is an old
// binary .doc): nothing here can read it, which is a reason to skip, not a defect.
constexpr std::string_view kOleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

// Prefixes are only conventions (`w:`, `text:`, `dc:`): names are matched without them.
std::string_view local_name(const pugi::xml_node& node) {
    const std::string_view name = node.name();
    const auto colon = name.find(':');
    return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// pugixml neither loads DTDs nor expands entities it was not born with (only the five
// predefined ones and character references), so entity bombs and external entities
// are inert here.
pugi::xml_document parse_xml(const std::string& content, const std::string& part) {
    pugi::xml_document xml;
    const pugi::xml_parse_result result = xml.load_buffer(content.data(), content.size());
    if (!result) {
        throw ParseError(0, fmt::format("{}: malformed XML at byte {}: {}", part, result.offset,
                                        result.description()));
    }
    return xml;
}

// Visits every node below @p root in document order without recursion (a hostile file
// may nest elements deeper than the stack allows). @p enter returns false to skip a
// node's children; @p leave runs for every node after its children.
template <typename Enter, typename Leave>
void walk(const pugi::xml_node& root, Enter&& enter, Leave&& leave) {
    pugi::xml_node node = root.first_child();
    while (node) {
        if (enter(node) && node.first_child()) {
            node = node.first_child();
            continue;
        }
        for (;;) {
            leave(node);
            if (node.next_sibling()) {
                node = node.next_sibling();
                break;
            }
            node = node.parent();
            if (node == root) {
                node = pugi::xml_node();
                break;
            }
        }
    }
}

// The text of the first element called one of @p names (local names, in order of
// preference) anywhere below @p root.
std::string first_value(const pugi::xml_node& root, const std::vector<std::string_view>& names) {
    for (const std::string_view wanted : names) {
        std::string value;
        walk(
            root,
            [&](const pugi::xml_node& node) {
                if (value.empty() && node.type() == pugi::node_element &&
                    local_name(node) == wanted) {
                    value = text::collapse_whitespace(node.text().get());
                }
                return value.empty();
            },
            [](const pugi::xml_node&) {});
        if (!value.empty()) return value;
    }
    return {};
}

// `2024-03-05T10:22:00Z` → `2024-03-05`: the document's own day, as written.
std::string date_part(const std::string& timestamp) {
    return std::string(text::trim(std::string_view(timestamp).substr(0, timestamp.find('T'))));
}

// Body text, bounded like any document: the XML is bounded already, but a few bytes
// of markup may stand for more text (ODT's repeated spaces).
class BodyText {
  public:
    void append(std::string_view s) {
        if (m_text.size() + s.size() > kMaxDocumentBytes) {
            throw std::invalid_argument(
                fmt::format("document text larger than {} MiB, the limit for one document",
                            kMaxDocumentBytes >> 20));
        }
        m_text.append(s);
    }
    void end_paragraph() {
        if (!m_text.empty() && m_text.back() != '\n') append("\n");
    }
    std::string take() { return std::move(m_text); }

  private:
    std::string m_text;
};

// Where a word-processor format keeps its text and its metadata, and which metadata
// elements (local names, in order of preference) hold the title, date and author.
struct PackageLayout {
    std::string_view format;
    std::string body_part;
    std::string meta_part;
    std::vector<std::string_view> title;
    std::vector<std::string_view> date;
    std::vector<std::string_view> author;
};

// Opens the package, reads its metadata into @p doc and returns the parsed body part.
pugi::xml_document read_package(std::string_view bytes, const PackageLayout& layout,
                                Document& doc) {
    if (bytes.starts_with(kOleMagic)) {
        throw UnreadableDocument(
            fmt::format("an encrypted {} or an old binary Office file (OLE), not a zip archive",
                        layout.format));
    }
    ZipArchive archive(bytes, kMaxDocumentBytes);
    if (!archive.contains(layout.body_part)) {
        throw ParseError(
            0, fmt::format("not a valid {} file: {} is missing", layout.format, layout.body_part));
    }
    if (archive.contains(layout.meta_part)) {
        const pugi::xml_document meta = parse_xml(archive.read(layout.meta_part), layout.meta_part);
        doc.title = first_value(meta, layout.title);
        doc.date = date_part(first_value(meta, layout.date));
        doc.speaker = first_value(meta, layout.author);
    }
    return parse_xml(archive.read(layout.body_part), layout.body_part);
}

}  // namespace

Document document_from_docx(std::string_view bytes) {
    Document doc;
    const pugi::xml_document body = read_package(
        bytes,
        {"DOCX", "word/document.xml", "docProps/core.xml", {"title"}, {"created"}, {"creator"}},
        doc);
    BodyText out;
    walk(
        body,
        [&](const pugi::xml_node& node) {
            if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
                // Only runs' text: w:delText (deleted revisions) and w:instrText
                // (field codes) are not what a reader sees.
                if (local_name(node.parent()) == "t") out.append(node.value());
                return false;
            }
            const std::string_view name = local_name(node);
            if (name == "tab") out.append("\t");
            if (name == "br" || name == "cr") out.append("\n");
            // Text boxes come twice, as DrawingML and as a VML fallback.
            return name != "Fallback";
        },
        [&](const pugi::xml_node& node) {
            if (node.type() == pugi::node_element && local_name(node) == "p") out.end_paragraph();
        });
    doc.text = out.take();
    return doc;
}

Document document_from_odt(std::string_view bytes) {
    Document doc;
    const pugi::xml_document content = read_package(bytes,
                                                    {"ODT",
                                                     "content.xml",
                                                     "meta.xml",
                                                     {"title"},
                                                     {"creation-date", "date"},
                                                     {"initial-creator", "creator"}},
                                                    doc);
    BodyText out;
    int paragraph_depth = 0;  // Text outside text:p and text:h is not document text.
    constexpr unsigned kMaxRepeatedSpaces = 100;
    walk(
        content,
        [&](const pugi::xml_node& node) {
            if (node.type() == pugi::node_pcdata || node.type() == pugi::node_cdata) {
                if (paragraph_depth > 0) out.append(node.value());
                return false;
            }
            const std::string_view name = local_name(node);
            // Comments, footnote numbers, deleted revisions and list counters.
            if (is_one_of(name,
                          {"annotation", "note-citation", "tracked-changes", "sequence-decls"})) {
                return false;
            }
            if (name == "p" || name == "h") ++paragraph_depth;
            if (name == "s") {
                const unsigned count = node.attribute("text:c").as_uint(1);
                out.append(std::string(std::clamp(count, 1U, kMaxRepeatedSpaces), ' '));
            }
            if (name == "tab") out.append("\t");
            if (name == "line-break") out.append("\n");
            return true;
        },
        [&](const pugi::xml_node& node) {
            if (node.type() != pugi::node_element) return;
            const std::string_view name = local_name(node);
            if (name == "p" || name == "h") {
                --paragraph_depth;
                out.end_paragraph();
            }
        });
    doc.text = out.take();
    return doc;
}

}  // namespace diplosearch::indexer
