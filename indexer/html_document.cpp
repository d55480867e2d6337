/// @file
/// @brief HTML to Document with gumbo.
#include "html_document.hpp"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "parse_error.hpp"
#include "text.hpp"

namespace diplosearch::indexer {

namespace {

// gumbo's time grows with the square of the nesting depth (100,000 nested
// <div>s take a minute), so deeper documents are rejected before parsing.
constexpr std::size_t kMaxNestingDepth = 5000;

// Elements that never hold others, or that the next of their kind closes, so
// that unclosed ones do not nest.
bool never_nests(std::string_view name) {
    static constexpr std::string_view kNames[] = {
        "area", "base",  "br",     "col",    "embed",    "hr",    "img",   "input", "link",
        "meta", "param", "source", "track",  "wbr",      "p",     "li",    "dt",    "dd",
        "tr",   "td",    "th",     "option", "optgroup", "thead", "tbody", "tfoot", "colgroup"};
    for (const auto known : kNames) {
        if (name.size() == known.size() &&
            std::equal(name.begin(), name.end(), known.begin(),
                       [](char a, char b) { return (a | 0x20) == b; })) {
            return true;
        }
    }
    return false;
}

bool is_ascii_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// An upper estimate of how deep @p html nests elements, from its start and end
// tags alone: cheap, and never below what gumbo would build from them.
std::size_t nesting_depth(std::string_view html) {
    std::size_t depth = 0;
    std::size_t deepest = 0;
    std::size_t pos = 0;
    while ((pos = html.find('<', pos)) != std::string_view::npos) {
        ++pos;
        if (html.compare(pos, 3, "!--") == 0) {
            pos = html.find("-->", pos);
            if (pos == std::string_view::npos) break;
            continue;
        }
        const bool end_tag = pos < html.size() && html[pos] == '/';
        const std::size_t name_start = pos + (end_tag ? 1 : 0);
        if (name_start >= html.size() || !is_ascii_letter(html[name_start])) continue;
        std::size_t name_end = name_start;
        while (name_end < html.size() && html[name_end] != '>' && html[name_end] != '/' &&
               !std::isspace(static_cast<unsigned char>(html[name_end]))) {
            ++name_end;
        }
        const std::string_view name = html.substr(name_start, name_end - name_start);
        pos = name_end;
        if (never_nests(name)) continue;
        if (end_tag) {
            if (depth > 0) --depth;
            continue;
        }
        // Up to the next '<' at most, so that the scan stays linear.
        const auto close = html.find_first_of("<>", pos);
        if (close != std::string_view::npos && html[close] == '>' && html[close - 1] == '/') {
            continue;
        }
        deepest = std::max(deepest, ++depth);
    }
    return deepest;
}

// Deeper trees are flattened before gumbo frees them (see flatten()).
constexpr std::size_t kMaxRecursiveDepth = 512;

const GumboVector* children_of(const GumboNode* node) {
    if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
    if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
        return &node->v.element.children;
    }
    return nullptr;
}

std::size_t tree_depth(const GumboNode* root) {
    std::size_t deepest = 0;
    std::vector<std::pair<const GumboNode*, std::size_t>> stack{{root, 1}};
    while (!stack.empty()) {
        const auto [node, depth] = stack.back();
        stack.pop_back();
        deepest = std::max(deepest, depth);
        if (const GumboVector* children = children_of(node)) {
            for (unsigned i = 0; i < children->length; ++i) {
                stack.emplace_back(static_cast<const GumboNode*>(children->data[i]), depth + 1);
            }
        }
    }
    return deepest;
}

// gumbo frees its tree recursively, a stack frame per level, so HTML nested
// 100,000 deep would overflow the stack. Making every node a child of the
// document node lets gumbo free them one level deep. The document's child
// vector may be grown with realloc because kGumboDefaultOptions allocates with
// malloc.
void flatten(GumboOutput* output) {
    GumboVector& top = output->document->v.document.children;
    std::vector<void*> all;
    std::vector<GumboNode*> stack;
    for (unsigned i = 0; i < top.length; ++i) stack.push_back(static_cast<GumboNode*>(top.data[i]));
    while (!stack.empty()) {
        GumboNode* node = stack.back();
        stack.pop_back();
        all.push_back(node);
        if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
            GumboVector& children = node->v.element.children;
            for (unsigned i = 0; i < children.length; ++i) {
                stack.push_back(static_cast<GumboNode*>(children.data[i]));
            }
            children.length = 0;
        }
    }
    void* data = std::realloc(top.data, all.size() * sizeof(void*));
    if (!data) throw std::bad_alloc();
    std::copy(all.begin(), all.end(), static_cast<void**>(data));
    top.data = static_cast<void**>(data);
    top.length = top.capacity = static_cast<unsigned>(all.size());
}

struct OutputDeleter {
    void operator()(GumboOutput* output) const {
        if (tree_depth(output->document) > kMaxRecursiveDepth) {
            try {
                flatten(output);
            } catch (const std::bad_alloc&) {
                return;  // Leaking the tree beats overflowing the stack.
            }
        }
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

// Iterative, like every walk here, so that deep nesting cannot overflow the stack.
void append_text(const GumboNode* root, std::string& out) {
    // A null node stands for the newline that closes a block element.
    std::vector<const GumboNode*> stack{root};
    while (!stack.empty()) {
        const GumboNode* node = stack.back();
        stack.pop_back();
        if (!node) {
            out += '\n';
            continue;
        }
        if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
            node->type == GUMBO_NODE_WHITESPACE) {
            out += node->v.text.text;
            continue;
        }
        if (node->type != GUMBO_NODE_ELEMENT) continue;
        const GumboTag tag = node->v.element.tag;
        if (is_boilerplate(tag)) continue;
        const bool block = is_block(tag);
        if (block) {
            out += '\n';
            stack.push_back(nullptr);
        }
        const GumboVector& children = node->v.element.children;
        for (unsigned i = children.length; i-- > 0;) {
            stack.push_back(static_cast<const GumboNode*>(children.data[i]));
        }
    }
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

const GumboNode* find_first(const GumboNode* root, GumboTag tag) {
    std::vector<const GumboNode*> stack{root};
    while (!stack.empty()) {
        const GumboNode* node = stack.back();
        stack.pop_back();
        if (node->type != GUMBO_NODE_ELEMENT) continue;
        if (node->v.element.tag == tag) return node;
        const GumboVector& children = node->v.element.children;
        for (unsigned i = children.length; i-- > 0;) {
            stack.push_back(static_cast<const GumboNode*>(children.data[i]));
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
    if (nesting_depth(html) > kMaxNestingDepth) {
        throw ParseError(0, fmt::format("HTML nested deeper than {} elements", kMaxNestingDepth));
    }
    // Parse errors are not used, and gumbo copies its stack of open elements
    // into each one: unclosed elements nested 100,000 deep would take
    // quadratic memory.
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;
    std::unique_ptr<GumboOutput, OutputDeleter> output(
        gumbo_parse_with_options(&options, html.data(), html.size()));
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
