/// @file
/// @brief Query tokenising shared by the query rewriters.
#include "query_tokens.hpp"

#include <array>
#include <cctype>

#include "synonym_table.hpp"

namespace diplosearch::searcher {

namespace {

bool is_space_char(char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}

bool is_operator_text(std::string_view token) {
    static constexpr std::array kOperators = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    const std::string_view name = token.substr(0, token.find('/'));  // NEAR/3
    for (const std::string_view op : kOperators) {
        if (name == op) return true;
    }
    return false;
}

}  // namespace

bool QueryToken::is_space() const {
    return !raw.empty() && is_space_char(raw.front());
}

bool QueryToken::is_operator() const {
    return !plain && !quoted && is_operator_text(raw);
}

std::vector<QueryToken> tokenise_query(std::string_view query) {
    std::vector<QueryToken> tokens;
    std::size_t i = 0;
    while (i < query.size()) {
        const char c = query[i];
        if (is_space_char(c) || c == '(' || c == ')') {
            tokens.push_back(QueryToken{query.substr(i, 1), false, false, {}});
            ++i;
            continue;
        }
        std::size_t end = i;
        if (c == '"') {
            end = query.find('"', i + 1);
            end = end == std::string_view::npos ? query.size() : end + 1;
            QueryToken token{query.substr(i, end - i), false, false, {}};
            token.quoted = true;
            token.words = synonym_words(token.raw);
            tokens.push_back(std::move(token));
            i = end;
            continue;
        }
        while (end < query.size() && !is_space_char(query[end]) && query[end] != '(' &&
               query[end] != ')') {
            // field:"a quoted value" is one token, spaces and all.
            if (query[end] == '"' && end > i && query[end - 1] == ':') {
                const auto close = query.find('"', end + 1);
                end = close == std::string_view::npos ? query.size() : close + 1;
                break;
            }
            ++end;
        }
        QueryToken token{query.substr(i, end - i), false, false, {}};
        const bool syntax = token.raw.find(':') != std::string_view::npos ||
                            token.raw.front() == '+' || token.raw.front() == '-' ||
                            token.raw.back() == '*' || is_operator_text(token.raw);
        if (!syntax) {
            token.words = synonym_words(token.raw);
            token.plain = !token.words.empty();
        }
        tokens.push_back(std::move(token));
        i = end;
    }
    return tokens;
}

std::size_t offset_in(std::string_view query, const QueryToken& token) {
    return static_cast<std::size_t>(token.raw.data() - query.data());
}

}  // namespace diplosearch::searcher
