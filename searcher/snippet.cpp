/// @file
/// @brief Snippets via Xapian::MSet::snippet.
#include "snippet.hpp"

namespace diplosearch::searcher {

namespace {

// MSet::snippet escapes HTML and inserts our markers verbatim; these control
// characters cannot occur in stored text, so they are replaced afterwards.
constexpr std::string_view kStart = "\x01";
constexpr std::string_view kEnd = "\x02";

std::string unescape_html(std::string_view s) {
    static constexpr std::pair<std::string_view, char> kEntities[] = {
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        bool replaced = false;
        if (s[i] == '&') {
            for (const auto& [entity, ch] : kEntities) {
                if (s.substr(i, entity.size()) == entity) {
                    out.push_back(ch);
                    i += entity.size();
                    replaced = true;
                    break;
                }
            }
        }
        if (!replaced) out.push_back(s[i++]);
    }
    return out;
}

}  // namespace

std::string make_snippet(const Xapian::MSet& mset, const std::string& text, std::size_t length,
                         const Xapian::Stem& stemmer, const Highlight& highlight) {
    if (text.empty() || length == 0) return {};
    const std::string marked =
        mset.snippet(text, length, stemmer,
                     Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                     std::string(kStart), std::string(kEnd), "…");
    const std::string body = highlight.html_escape ? marked : unescape_html(marked);
    std::string out;
    out.reserve(body.size() + 16);
    for (const char c : body) {
        if (c == kStart[0]) {
            out += highlight.start;
        } else if (c == kEnd[0]) {
            out += highlight.end;
        } else if (c == '\n') {
            out += ' ';
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace diplosearch::searcher
