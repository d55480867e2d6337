/// @file
/// @brief The one-line progress display of diplo-index on a terminal.
#pragma once

#include <chrono>
#include <ostream>

#include "diplosearch/indexer.hpp"

namespace diplosearch::indexer {

/// Redraws one status line in place (documents, MB, docs/s, ETA), at most ten
/// times a second. Only used when stderr is a terminal.
class ProgressBar {
  public:
    explicit ProgressBar(std::ostream& out) : m_out(out) {}
    void update(const IndexStats& stats);
    /// Erases the line, so the summary log line starts clean.
    void clear();

  private:
    std::ostream& m_out;
    std::chrono::steady_clock::time_point m_last_draw{};
    bool m_drawn = false;
};

}  // namespace diplosearch::indexer
