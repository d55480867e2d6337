/// @file
/// @brief Query rewriting with the synonym table.
#include "synonym_expander.hpp"

#include <array>
#include <cctype>
#include <optional>
#include <string_view>
#include <vector>

namespace diplosearch::searcher {

namespace {

// A piece of the query as typed.
struct Token {
    std::string_view raw;
    bool plain = false;  // Words that may be part of an expression.
    bool quoted = false;
    std::vector<std::string> words;
};

bool is_operator(std::string_view token) {
    static constexpr std::array kOperators = {"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    const std::string_view name = token.substr(0, token.find('/'));  // NEAR/3
    for (const std::string_view op : kOperators) {
        if (name == op) return true;
    }
    return false;
}

bool has_capital(std::string_view text) {
    for (const char c : text) {
        if (c >= 'A' && c <= 'Z') return true;
    }
    return false;
}

std::vector<Token> tokenise(std::string_view query) {
    std::vector<Token> tokens;
    std::size_t i = 0;
    while (i < query.size()) {
        const char c = query[i];
        if (std::isspace(static_cast<unsigned char>(c)) || c == '(' || c == ')') {
            tokens.push_back({query.substr(i, 1)});
            ++i;
            continue;
        }
        std::size_t end = i;
        if (c == '"') {
            end = query.find('"', i + 1);
            end = end == std::string_view::npos ? query.size() : end + 1;
            Token token{query.substr(i, end - i)};
            token.quoted = true;
            token.words = synonym_words(token.raw);
            tokens.push_back(std::move(token));
            i = end;
            continue;
        }
        while (end < query.size() && !std::isspace(static_cast<unsigned char>(query[end])) &&
               query[end] != '(' && query[end] != ')') {
            // field:"a quoted value" is one token, spaces and all.
            if (query[end] == '"' && end > i && query[end - 1] == ':') {
                const auto close = query.find('"', end + 1);
                end = close == std::string_view::npos ? query.size() : close + 1;
                break;
            }
            ++end;
        }
        Token token{query.substr(i, end - i)};
        const bool syntax = token.raw.find(':') != std::string_view::npos ||
                            token.raw.front() == '+' || token.raw.front() == '-' ||
                            token.raw.back() == '*' || is_operator(token.raw);
        if (!syntax) {
            token.words = synonym_words(token.raw);
            token.plain = !token.words.empty();
        }
        tokens.push_back(std::move(token));
        i = end;
    }
    return tokens;
}

std::string alternatives(const std::vector<SynonymExpression>& group) {
    std::string out = "(";
    for (const auto& expression : group) {
        if (out.size() > 1) out += " OR ";
        if (expression.words.size() == 1 && expression.text.find(' ') == std::string::npos) {
            out += expression.text;
        } else {
            std::string phrase;
            for (const char c : expression.text) {
                if (c != '"') phrase += c;
            }
            out += '"' + phrase + '"';
        }
    }
    return out + ")";
}

}  // namespace

std::string expand_synonyms(const std::string& query, const SynonymTable& table,
                            std::vector<ByteRange>* matched) {
    const std::vector<Token> tokens = tokenise(query);
    auto note = [&](const Token& from, const Token& to) {
        if (!matched) return;
        const auto begin = static_cast<std::size_t>(from.raw.data() - query.data());
        const auto end = static_cast<std::size_t>(to.raw.data() - query.data()) + to.raw.size();
        matched->push_back({begin, end});
    };
    std::string out;
    std::size_t t = 0;
    while (t < tokens.size()) {
        const Token& first = tokens[t];
        if (first.quoted) {
            const auto entry = table.find(first.words);
            if (entry && !first.words.empty()) {
                out += alternatives(table.group(entry->group));
                note(first, first);
            } else {
                out += first.raw;
            }
            ++t;
            continue;
        }
        if (!first.plain) {
            out += first.raw;
            ++t;
            continue;
        }
        // The longest run of plain tokens (with the spaces between) that is an expression.
        std::vector<std::string> words;
        std::size_t best_end = 0;
        std::optional<SynonymTable::Entry> best;
        bool capital = false;
        for (std::size_t u = t; u < tokens.size(); ++u) {
            const Token& token = tokens[u];
            if (std::isspace(static_cast<unsigned char>(token.raw.front()))) continue;
            if (!token.plain) break;
            words.insert(words.end(), token.words.begin(), token.words.end());
            if (words.size() > table.longest_expression()) break;
            capital = capital || has_capital(token.raw);
            if (const auto entry = table.find(words);
                entry && (capital || !entry->needs_capitals)) {
                best = entry;
                best_end = u + 1;
            }
        }
        if (best) {
            out += alternatives(table.group(best->group));
            note(first, tokens[best_end - 1]);
            t = best_end;
        } else {
            out += first.raw;
            ++t;
        }
    }
    return out;
}

}  // namespace diplosearch::searcher
