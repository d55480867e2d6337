/// @file
/// @brief UN-style document symbols (`S/RES/2334 (2016)`, `A/78/PV.5`): finding
/// them in free text and normalising their spelling so variants match.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace diplosearch {

/// A document symbol found in text.
struct DocumentSymbolMatch {
    std::size_t begin;   ///< Byte offset of the first character in the text.
    std::size_t end;     ///< Byte offset one past the last character (year suffix included).
    std::string symbol;  ///< The normalised spelling, see normalise_document_symbol().
};

/// Every document symbol in @p text, in order, without overlaps.
///
/// A symbol is a known issuing-body prefix (`A`, `S`, `E`, `ST`, `UNEP`, `CRC`,
/// `CCPR`, `TD`, ..., any case), then one or more `/`-separated segments of
/// ASCII letters and digits joined by `.` or `-` (`RES`, `PV.5`, `ES-10`), with
/// at least one digit after the prefix; two-part symbols need a segment mixing
/// letters and digits (`S/PV.9000`, not `A/4`). An optional year suffix
/// `(YYYY)` may follow, with or without spaces before it. A symbol must not be
/// glued to a preceding word, path or URL (`un.org/S/2023/1`, `symbol:S/2023/1`)
/// nor run on into one, so `and/or`, `24/7`, `12/05/2020`, `1/2` and `s/he`
/// are never symbols.
std::vector<DocumentSymbolMatch> find_document_symbols(std::string_view text);

/// The display spelling of symbol @p symbol: ASCII upper-case, white space
/// removed, and a trailing `(YYYY)` year written after one space as the UN
/// does: `s/res/2334(2016)` -> `S/RES/2334 (2016)`. Any text is accepted (no
/// check that it is a symbol); blank text gives "".
std::string normalise_document_symbol(std::string_view symbol);

/// The lower-case key of @p symbol without spaces (`s/res/2334(2016)`), the
/// value of its `XY` term: lower-case so that no `:` is needed after the prefix.
std::string document_symbol_key(std::string_view symbol);

/// The keys a document citing @p symbol is indexed under: its own key and,
/// when it has a year suffix, the key without it, so that `S/RES/2334` finds
/// `S/RES/2334 (2016)` (but not the other way round).
std::vector<std::string> document_symbol_keys(std::string_view symbol);

}  // namespace diplosearch
