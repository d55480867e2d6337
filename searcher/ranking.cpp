/// @file
/// @brief Boosts for titles, phrases and recency.
#include "ranking.hpp"

#include <cmath>
#include <memory>
#include <vector>

#include "schema.hpp"
#include "text.hpp"

namespace diplosearch::searcher {

namespace {

// The words of a query made of plain words only, lower-cased; empty if it
// has any syntax (quotes, fields, operators, +/-, wildcards, punctuation).
std::vector<std::string> plain_words(const std::string& text) {
    std::vector<std::string> words;
    for (const auto token : text::split(text::trim(text), ' ')) {
        if (token.empty()) continue;
        for (const unsigned char c : token) {
            const bool word_char = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                                   (c >= 'A' && c <= 'Z') || c >= 0x80;
            if (!word_char) return {};
        }
        if (token == "AND" || token == "OR" || token == "NOT" || token == "XOR" ||
            token == "NEAR" || token == "ADJ") {
            return {};
        }
        words.push_back(text::ascii_lower(text::fold_diacritics(token)));
    }
    return words;
}

// Weights documents by the year in the year slot, halving every half-life
// back from the newest year in the database: max_weight for the newest,
// nothing for undated documents (they have no value in the slot).
class RecencyPostingSource final : public Xapian::ValuePostingSource {
  public:
    RecencyPostingSource(double max_weight, double half_life_years)
        : Xapian::ValuePostingSource(schema::slot(schema::ValueSlot::kYear)),
          m_max_weight(max_weight),
          m_half_life(half_life_years) {}

    void init(const Xapian::Database& database) override {
        Xapian::ValuePostingSource::init(database);
        const std::string newest = database.get_value_upper_bound(get_slot());
        m_newest_year = newest.empty() ? 0 : Xapian::sortable_unserialise(newest);
        set_maxweight(m_max_weight);
    }

    double get_weight() const override {
        const double age = m_newest_year - Xapian::sortable_unserialise(get_value());
        return m_max_weight * std::exp2(-std::max(age, 0.0) / m_half_life);
    }

    // Xapian's API hands ownership of the clone to the caller as a raw pointer.
    RecencyPostingSource* clone() const override {
        return std::make_unique<RecencyPostingSource>(m_max_weight, m_half_life).release();
    }

    std::string name() const override { return "diplosearch::RecencyPostingSource"; }

  private:
    double m_max_weight;
    double m_half_life;
    double m_newest_year = 0;
};

Xapian::Query scaled(const Xapian::Query& query, double factor) {
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query, factor);
}

}  // namespace

Xapian::Query all_words_first(const Xapian::Query& all_words, const Xapian::Query& some_words) {
    auto bonus = std::make_unique<Xapian::FixedWeightPostingSource>(kAllWordsBonus);
    const Xapian::Query complete(Xapian::Query::OP_FILTER,
                                 Xapian::Query(bonus.release()->release()), all_words);
    return Xapian::Query(Xapian::Query::OP_OR, complete, some_words);
}

Xapian::Query apply_ranking(const Xapian::Query& main, const std::string& text,
                            const Ranking& ranking, const Xapian::Stem& stemmer) {
    std::vector<Xapian::Query> boosts;
    const std::vector<std::string> words = plain_words(text);
    if (ranking.title_boost > 0 && !words.empty()) {
        // Title words are indexed with prefix S, stemmed ones as ZS (STEM_SOME).
        const std::string title(schema::prefix::kTitle);
        std::vector<Xapian::Query> in_title;
        for (const auto& word : words) {
            in_title.emplace_back(Xapian::Query::OP_OR, Xapian::Query(title + word),
                                  Xapian::Query("Z" + title + stemmer(word)));
        }
        boosts.push_back(
            scaled(Xapian::Query(Xapian::Query::OP_OR, in_title.begin(), in_title.end()),
                   ranking.title_boost));
    }
    if (ranking.phrase_boost > 0 && words.size() >= 2) {
        // In order, with at most one other word between each pair.
        boosts.push_back(scaled(Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(),
                                              static_cast<Xapian::termcount>(2 * words.size() - 1)),
                                ranking.phrase_boost));
    }
    if (ranking.prefer_recent) {
        auto source =
            std::make_unique<RecencyPostingSource>(ranking.recency_weight, ranking.half_life_years);
        boosts.emplace_back(source.release()->release());
    }
    if (boosts.empty()) return main;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, main,
                         Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));
}

}  // namespace diplosearch::searcher
