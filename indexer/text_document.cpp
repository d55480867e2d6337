/// @file
/// @brief Front matter and title detection for text and Markdown.
#include "text_document.hpp"

#include "parse_error.hpp"
#include "text.hpp"

namespace diplosearch::indexer {

namespace {

constexpr std::size_t kMaxTitleLineBytes = 200;

// Next line of @p s from @p pos (without its newline); advances @p pos.
std::string_view next_line(std::string_view s, std::size_t& pos) {
    const auto end = s.find('\n', pos);
    const std::string_view line =
        s.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    pos = end == std::string_view::npos ? s.size() : end + 1;
    return line;
}

std::string unquote(std::string_view v) {
    v = text::trim(v);
    if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front()) {
        v = v.substr(1, v.size() - 2);
    }
    return std::string(v);
}

// Splits `a, "b, c", 'd'` on commas outside quotes, unquoting each item.
std::vector<std::string> split_quoted_list(std::string_view inner) {
    std::vector<std::string> items;
    std::string current;
    char quote = 0;
    auto flush = [&] {
        std::string item = unquote(current);
        if (!item.empty()) items.push_back(std::move(item));
        current.clear();
    };
    for (const char c : inner) {
        if (quote == 0 && (c == '"' || c == '\'')) {
            quote = c;
        } else if (c == quote) {
            quote = 0;
        } else if (c == ',' && quote == 0) {
            flush();
            continue;
        }
        current.push_back(c);
    }
    flush();
    return items;
}

std::vector<std::string> parse_value(std::string_view raw) {
    raw = text::trim(raw);
    if (raw.size() >= 2 && raw.front() == '[' && raw.back() == ']') {
        return split_quoted_list(raw.substr(1, raw.size() - 2));
    }
    std::string value = unquote(raw);
    if (value.empty()) return {};
    return {std::move(value)};
}

bool is_key(std::string_view key) {
    if (key.empty()) return false;
    for (const char c : key) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

std::string first(const std::vector<std::string>& values) {
    return values.empty() ? std::string() : values.front();
}

std::string join(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) {
        if (!out.empty()) out += "; ";
        out += v;
    }
    return out;
}

}  // namespace

FrontMatter split_front_matter(std::string_view content) {
    FrontMatter fm;
    std::size_t pos = 0;
    if (text::trim(next_line(content, pos)) != "---") {
        fm.body = content;
        return fm;
    }
    std::size_t line_no = 1;
    bool list_open = false;
    while (pos < content.size()) {
        const std::string_view line = next_line(content, pos);
        ++line_no;
        const std::string_view trimmed = text::trim(line);
        if (trimmed == "---" || trimmed == "...") {
            fm.body = content.substr(pos);
            fm.body_line = line_no + 1;
            return fm;
        }
        if (trimmed.empty() || trimmed.front() == '#') continue;
        // `- item` lines continue a list opened by a key with no value.
        if (trimmed.starts_with("- ") && list_open) {
            fm.fields.back().second.push_back(unquote(trimmed.substr(2)));
            continue;
        }
        const auto colon = line.find(':');
        const std::string key = text::ascii_lower(text::trim(line.substr(0, colon)));
        if (colon == std::string_view::npos || !is_key(key)) {
            throw ParseError(line_no, "front matter: expected 'key: value', got '" +
                                          std::string(text::utf8_prefix(trimmed, 60)) + "'");
        }
        fm.fields.emplace_back(key, parse_value(line.substr(colon + 1)));
        list_open = text::trim(line.substr(colon + 1)).empty();
    }
    throw ParseError(1, "front matter opened with '---' is never closed");
}

Document document_from_text(std::string_view content, bool markdown) {
    const FrontMatter fm = split_front_matter(content);
    Document doc;
    std::string year;
    for (const auto& [key, raw_values] : fm.fields) {
        const auto& values = raw_values;
        if (key == "id")
            doc.id = first(values);
        else if (key == "title")
            doc.title = first(values);
        else if (key == "date")
            doc.date = first(values);
        else if (key == "year")
            year = first(values);
        else if (key == "country" || key == "countries")
            doc.countries = values;
        else if (key == "topic" || key == "topics" || key == "tags")
            doc.topics = values;
        else if (key == "type")
            doc.type = first(values);
        else if (key == "lang" || key == "language")
            doc.lang = first(values);
        else if (key == "source")
            doc.source = first(values);
        else if (key == "url")
            doc.url = first(values);
        else if (key == "speaker" || key == "author")
            doc.speaker = join(values);
    }
    if (doc.date.empty()) doc.date = year;

    std::string_view body = fm.body;
    if (doc.title.empty()) {
        // Take the first non-blank line as the title when it looks like one.
        std::size_t pos = 0;
        while (pos < body.size()) {
            const std::size_t line_start = pos;
            const std::string_view line = text::trim(next_line(body, pos));
            if (line.empty()) continue;
            const bool heading = markdown && line.starts_with("# ");
            const bool short_line =
                !markdown && line.size() <= kMaxTitleLineBytes && pos < body.size();
            if (heading || short_line) {
                doc.title = std::string(text::trim(heading ? line.substr(2) : line));
                body = body.substr(pos);
            } else {
                body = body.substr(line_start);
            }
            break;
        }
    }
    doc.text = std::string(text::trim(body));
    return doc;
}

}  // namespace diplosearch::indexer
