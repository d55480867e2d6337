/// @file
/// @brief Output of diplo-search: one printer interface, text and JSON implementations.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "diplosearch/searcher.hpp"

namespace diplosearch::searcher {

class ResultPrinter {
  public:
    virtual ~ResultPrinter() = default;
    /// How matches in snippets should be marked for this printer.
    virtual Highlight highlight() const = 0;
    virtual void print(const SearchResults& results, std::ostream& out) const = 0;
    /// The completions Searcher::suggest found for @p prefix.
    virtual void print_suggestions(const std::string& prefix,
                                   const std::vector<Suggestion>& suggestions,
                                   std::ostream& out) const = 0;
};

/// `text` or `json`; @p terminal enables ANSI bold in text output.
/// @throws UsageError for another format name.
std::unique_ptr<ResultPrinter> make_printer(const std::string& format, bool terminal);

}  // namespace diplosearch::searcher
