/// @file
/// @brief Search options as text, the way `diplo-search` and `diplo-serve` receive them,
/// and their one mapping onto a SearchRequest.
#pragma once

#include <string>
#include <vector>

#include "diplosearch/errors.hpp"
#include "diplosearch/searcher.hpp"

namespace diplosearch::searcher {

/// A bad value for one named option; the CLI shows `--NAME PROBLEM`, the HTTP service
/// answers 400 naming the parameter.
class OptionValueError : public UsageError {
  public:
    /// @param option the option's name without dashes (`year`);
    /// @param problem what is wrong, phrased to follow the name (`must be most or all`).
    OptionValueError(std::string option, std::string problem);
    const std::string& option() const noexcept { return m_option; }
    const std::string& problem() const noexcept { return m_problem; }

  private:
    std::string m_option;
    std::string m_problem;
};

/// The options whose text needs interpreting; numbers and switches go straight into
/// the SearchRequest.
struct RequestOptions {
    std::vector<std::string> countries;              ///< Repeatable, comma lists allowed.
    std::vector<std::string> topics;                 ///< Repeatable, comma lists allowed.
    std::vector<std::string> types;                  ///< Repeatable, comma lists allowed.
    std::vector<std::string> langs;                  ///< Repeatable, comma lists allowed.
    std::string year;                                ///< `Y` or `A..B` (either side may be empty).
    std::string sort = "relevance";                  ///< `relevance`, `date` or `-date`.
    std::string match = "most";                      ///< `most` or `all`.
    std::string facets = "country,topic,year,type";  ///< Comma list, or `none`.
};

/// Fills @p request's filters, order, match mode and facets from @p options and checks
/// the ranking boosts already in it.
/// @throws OptionValueError naming the first bad option.
void apply_request_options(const RequestOptions& options, SearchRequest& request);

}  // namespace diplosearch::searcher
