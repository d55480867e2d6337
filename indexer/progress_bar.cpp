/// @file
/// @brief Progress line drawing.
#include "progress_bar.hpp"

#include <string>

#include <fmt/format.h>

namespace diplosearch::indexer {

namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(100);
constexpr int kBarWidth = 24;
constexpr std::size_t kLineWidth = 100;

std::string duration_text(double seconds) {
    const auto s = static_cast<long long>(seconds + 0.5);
    if (s >= 3600) return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
    if (s >= 60) return fmt::format("{}m{:02}s", s / 60, s % 60);
    return fmt::format("{}s", s);
}

}  // namespace

void ProgressBar::update(const IndexStats& s) {
    const auto now = std::chrono::steady_clock::now();
    if (m_drawn && now - m_last_draw < kRedrawInterval) return;
    m_last_draw = now;
    m_drawn = true;

    const double mb_done = static_cast<double>(s.bytes_done) / 1e6;
    const double rate =
        s.seconds > 0 ? static_cast<double>(s.indexed + s.unchanged) / s.seconds : 0;
    std::string line;
    if (s.bytes_total > 0) {
        const double fraction =
            std::min(1.0, static_cast<double>(s.bytes_done) / static_cast<double>(s.bytes_total));
        const int filled = static_cast<int>(fraction * kBarWidth);
        const double eta = fraction > 0 ? s.seconds * (1 - fraction) / fraction : 0;
        line = fmt::format("[{}{}] {:3.0f}% {} docs, {:.1f}/{:.1f} MB, {:.0f} docs/s, ETA {}",
                           std::string(filled, '#'), std::string(kBarWidth - filled, ' '),
                           fraction * 100, s.indexed + s.unchanged, mb_done,
                           static_cast<double>(s.bytes_total) / 1e6, rate,
                           fraction > 0 ? duration_text(eta) : "?");
    } else {
        line = fmt::format("{} docs, {:.1f} MB, {:.0f} docs/s", s.indexed + s.unchanged, mb_done,
                           rate);
    }
    if (line.size() < kLineWidth) line.resize(kLineWidth, ' ');
    m_out << '\r' << line << std::flush;
}

void ProgressBar::clear() {
    if (!m_drawn) return;
    m_out << '\r' << std::string(kLineWidth, ' ') << '\r' << std::flush;
    m_drawn = false;
}

}  // namespace diplosearch::indexer
