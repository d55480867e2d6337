/// @file
/// @brief Query rewriting with the synonym table.
#include "synonym_expander.hpp"

#include <cctype>
#include <optional>
#include <string_view>
#include <vector>

namespace diplosearch::searcher {

namespace {

bool has_capital(std::string_view text) {
    for (const char c : text) {
        if (c >= 'A' && c <= 'Z') return true;
    }
    return false;
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
    const std::vector<QueryToken> tokens = tokenise_query(query);
    auto note = [&](const QueryToken& from, const QueryToken& to) {
        if (!matched) return;
        matched->push_back({offset_in(query, from), offset_in(query, to) + to.raw.size()});
    };
    std::string out;
    std::size_t t = 0;
    while (t < tokens.size()) {
        const QueryToken& first = tokens[t];
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
            const QueryToken& token = tokens[u];
            if (token.is_space()) continue;
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
