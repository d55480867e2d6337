/// @file
/// @brief HTML to Document with gumbo.
#include "html_document.hpp"

#include <gumbo.h>

#include <memory>
#include <string>

#include "text.hpp"

namespace diplosearch::indexer {

namespace {

struct OutputDeleter {
    void operator()(GumboOutput* output) const {
        gumbo_destroy_output(&kGumboDefaultOptions, output);
    }
};

bool is_boilerplate(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_SCRIPT:
        case GUMBO_TAG_STYLE:
        case GUMBO_TAG_NOSCRIPT:
        case GUMBO_TAG_TEMPLATE:
        case GUMBO_TAG_NAV:
        case GUMBO_TAG_HEADER:
        case GUMBO_TAG_FOOTER:
        case GUMBO_TAG_ASIDE:
        case GUMBO_TAG_FORM:
        case GUMBO_TAG_IFRAME:
        case GUMBO_TAG_SVG:
        case GUMBO_TAG_BUTTON:
        case GUMBO_TAG_SELECT:
        case GUMBO_TAG_HEAD:
        case GUMBO_TAG_OBJECT:
        case GUMBO_TAG_CANVAS:
            return true;
        default:
            return false;
    }
}

bool is_block(GumboTag tag) {
    switch (tag) {
        case GUMBO_TAG_P:
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_BR:
        case GUMBO_TAG_LI:
        case GUMBO_TAG_H1:
        case GUMBO_TAG_H2:
        case GUMBO_TAG_H3:
        case GUMBO_TAG_H4:
        case GUMBO_TAG_H5:
        case GUMBO_TAG_H6:
        case GUMBO_TAG_TR:
        case GUMBO_TAG_TD:
        case GUMBO_TAG_TH:
        case GUMBO_TAG_SECTION:
        case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_MAIN:
        case GUMBO_TAG_BLOCKQUOTE:
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_UL:
        case GUMBO_TAG_OL:
        case GUMBO_TAG_TABLE:
        case GUMBO_TAG_DT:
        case GUMBO_TAG_DD:
        case GUMBO_TAG_FIGCAPTION:
        case GUMBO_TAG_HR:
            return true;
        default:
            return false;
    }
}

const char* attribute(const GumboNode* node, const char* name) {
    const GumboAttribute* attr = gumbo_get_attribute(&node->v.element.attributes, name);
    return attr ? attr->value : nullptr;
}

void append_text(const GumboNode* node, std::string& out) {
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
        node->type == GUMBO_NODE_WHITESPACE) {
        out += node->v.text.text;
        return;
    }
    if (node->type != GUMBO_NODE_ELEMENT) return;
    const GumboTag tag = node->v.element.tag;
    if (is_boilerplate(tag)) return;
    const bool block = is_block(tag);
    if (block) out += '\n';
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
        append_text(static_cast<const GumboNode*>(children.data[i]), out);
    }
    if (block) out += '\n';
}

// Collapses white space within lines and drops blank lines, keeping paragraph breaks.
std::string tidy_text(std::string_view raw) {
    std::string out;
    std::size_t pos = 0;
    while (pos <= raw.size()) {
        const auto end = raw.find('\n', pos);
        const std::string line = text::collapse_whitespace(
            raw.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
        if (!line.empty()) {
            if (!out.empty()) out += '\n';
            out += line;
        }
        if (end == std::string_view::npos) break;
        pos = end + 1;
    }
    return out;
}

const GumboNode* find_first(const GumboNode* node, GumboTag tag) {
    if (node->type != GUMBO_NODE_ELEMENT) return nullptr;
    if (node->v.element.tag == tag) return node;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
        if (const auto* found = find_first(static_cast<const GumboNode*>(children.data[i]), tag)) {
            return found;
        }
    }
    return nullptr;
}

std::string node_text(const GumboNode* node) {
    std::string raw;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
        append_text(static_cast<const GumboNode*>(children.data[i]), raw);
    }
    return text::collapse_whitespace(raw);
}

void apply_meta(const GumboNode* head, Document& doc) {
    const GumboVector& children = head->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
        const auto* node = static_cast<const GumboNode*>(children.data[i]);
        if (node->type != GUMBO_NODE_ELEMENT) continue;
        if (node->v.element.tag == GUMBO_TAG_LINK) {
            const char* rel = attribute(node, "rel");
            const char* href = attribute(node, "href");
            if (rel && href && text::ascii_lower(rel) == "canonical") doc.url = href;
            continue;
        }
        if (node->v.element.tag != GUMBO_TAG_META) continue;
        const char* name_attr = attribute(node, "name");
        if (!name_attr) name_attr = attribute(node, "property");
        const char* content = attribute(node, "content");
        if (!name_attr || !content) continue;
        const std::string name = text::ascii_lower(name_attr);
        const std::string value(text::trim(content));
        if (name == "date" || name == "dc.date" || name == "article:published_time") {
            if (doc.date.empty()) doc.date = value;
        } else if (name == "country" || name == "countries") {
            doc.countries = {value};  // The normaliser splits lists.
        } else if (name == "topic" || name == "topics") {
            doc.topics = {value};
        } else if (name == "type" || name == "dc.type") {
            doc.type = value;
        } else if (name == "author" || name == "speaker") {
            doc.speaker = value;
        } else if (name == "source" || name == "og:site_name") {
            if (doc.source.empty()) doc.source = value;
        } else if (name == "id" || name == "dc.identifier") {
            doc.id = value;
        } else if (name == "og:url" && doc.url.empty()) {
            doc.url = value;
        }
    }
}

}  // namespace

Document document_from_html(std::string_view html) {
    std::unique_ptr<GumboOutput, OutputDeleter> output(
        gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
    Document doc;
    const GumboNode* root = output->root;
    if (const char* lang = attribute(root, "lang")) doc.lang = lang;
    if (const GumboNode* head = find_first(root, GUMBO_TAG_HEAD)) {
        apply_meta(head, doc);
        if (const GumboNode* title = find_first(head, GUMBO_TAG_TITLE)) {
            // <title> holds raw text: gumbo gives it as one text child.
            const GumboVector& kids = title->v.element.children;
            if (kids.length > 0) {
                const auto* t = static_cast<const GumboNode*>(kids.data[0]);
                if (t->type == GUMBO_NODE_TEXT)
                    doc.title = text::collapse_whitespace(t->v.text.text);
            }
        }
    }
    const GumboNode* body = find_first(root, GUMBO_TAG_BODY);
    if (!body) return doc;
    if (doc.title.empty()) {
        if (const GumboNode* h1 = find_first(body, GUMBO_TAG_H1)) doc.title = node_text(h1);
    }
    const GumboNode* content = find_first(body, GUMBO_TAG_MAIN);
    if (!content) content = find_first(body, GUMBO_TAG_ARTICLE);
    if (!content) content = body;
    std::string raw;
    append_text(content, raw);
    doc.text = tidy_text(raw);
    return doc;
}

}  // namespace diplosearch::indexer
