/// @file
/// @brief Turning document symbols in query text into `symbol:` filters.
#include "symbol_rewriter.hpp"

#include <algorithm>
#include <vector>

#include "document_symbol.hpp"
#include "query_tokens.hpp"

namespace diplosearch::searcher {

namespace {

// Text the user has already given a meaning: phrases and `field:` values.
std::vector<ByteRange> protected_ranges(const std::string& query) {
    std::vector<ByteRange> ranges;
    for (const auto& token : tokenise_query(query)) {
        if (token.quoted || token.raw.find(':') != std::string_view::npos) {
            const std::size_t begin = offset_in(query, token);
            ranges.push_back({begin, begin + token.raw.size()});
        }
    }
    return ranges;
}

}  // namespace

std::string rewrite_document_symbols(const std::string& query) {
    const auto symbols = find_document_symbols(query);
    if (symbols.empty()) return query;
    const auto kept = protected_ranges(query);
    std::string rewritten;
    std::size_t copied = 0;
    for (const auto& match : symbols) {
        const bool inside = std::any_of(kept.begin(), kept.end(), [&](const ByteRange& r) {
            return match.begin < r.end && r.begin < match.end;
        });
        if (inside) continue;
        rewritten.append(query, copied, match.begin - copied);
        rewritten += "symbol:\"" + match.symbol + "\"";
        copied = match.end;
    }
    rewritten.append(query, copied);
    return rewritten;
}

}  // namespace diplosearch::searcher
