/// @file
/// @brief Topic classification from a tab-separated taxonomy of weighted, stemmed cues.
///
/// The taxonomy format is described in corpus/taxonomy/README.md. In short:
///
///     topic <TAB> slug <TAB> label          defines a topic
///     slug  <TAB> weight <TAB> cue words    adds a cue (a word or a phrase) to a topic
///     set   <TAB> name <TAB> value          sets a scoring parameter
///
/// Cue words and document words are tokenised alike, lower-cased and stemmed with
/// Xapian's English stemmer; a phrase cue matches consecutive words of one sentence.
/// At each position the longest cue wins, so "territorial waters" (maritime) hides
/// the "water" inside it and "security council" hides "security".
#include "topic_classifier.hpp"

#include "text.hpp"

#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "diplosearch/errors.hpp"
#include "text_tokens.hpp"

namespace diplosearch {
extern const std::string_view kBuiltinTopicsTsv;
}

namespace diplosearch::extraction {

namespace {

constexpr std::uint32_t kNoTerm = std::numeric_limits<std::uint32_t>::max();
constexpr std::uint32_t kNoPattern = std::numeric_limits<std::uint32_t>::max();

/// Scoring parameters; each can be set from the data with a `set` line.
struct Settings {
    double threshold = 3.0;         ///< Minimum normalised score of an assigned topic.
    double relative = 0.3;          ///< Minimum score as a fraction of the best topic's.
    double max_topics = 4;          ///< At most this many topics are assigned.
    double title_weight = 3.0;      ///< A title occurrence counts as this many body ones.
    double length_reference = 400;  ///< Texts up to this many words are not damped.
    double length_exponent = 0.5;   ///< Scores divide by (words / reference) ^ exponent.
};

/// One cue of one topic.
struct Cue {
    std::uint32_t topic = 0;
    double weight = 0.0;
    std::string text;  ///< As written in the data.
};

/// A distinct sequence of stemmed terms, and the cues written with it.
struct Pattern {
    std::vector<std::uint32_t> cues;
};

bool valid_slug(std::string_view s) {
    if (s.empty() || s.front() == '-' || s.back() == '-') return false;
    char previous = 0;
    for (const char c : s) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!ok || (c == '-' && previous == '-')) return false;
        previous = c;
    }
    return true;
}

std::vector<std::string_view> split_tabs(std::string_view line) {
    std::vector<std::string_view> fields = text::split(line, '\t');
    for (auto& field : fields) field = text::trim(field);
    return fields;
}

bool parse_number(std::string_view s, double& out) {
    if (s.empty()) return false;
    const auto* end = s.data() + s.size();
    const auto [ptr, ec] = std::from_chars(s.data(), end, out);
    return ec == std::errc() && ptr == end && std::isfinite(out);
}

/// English stemming as the taxonomy uses it.
std::string stem_word(Xapian::Stem& stemmer, std::string word) {
    // The stemmer knows the ASCII apostrophe only: "people’s" -> "people's".
    for (std::size_t at; (at = word.find("\xE2\x80\x99")) != std::string::npos;) {
        word.replace(at, 3, "'");
    }
    return stemmer(word);
}

/// Per thread (Xapian::Stem is not safe to share between threads): a stemmer and a
/// cache from folded words to one classifier's term ids, so that the few thousand
/// words that make up most text are stemmed and looked up once.
struct TermCache {
    /// A small direct-mapped table in front of the map keeps the most frequent words
    /// in the processor cache.
    struct Slot {
        std::string word;
        std::uint32_t id = kNoTerm;
    };
    static constexpr std::size_t kSlots = 1 << 15;
    static constexpr std::size_t kMaxEntries = 1 << 17;

    std::uint64_t owner = 0;  ///< Id of the classifier the cached term ids belong to.
    Xapian::Stem stemmer{"english"};
    std::vector<Slot> slots = std::vector<Slot>(kSlots);
    std::unordered_map<std::string, std::uint32_t> ids;

    static TermCache& for_this_thread() {
        thread_local TermCache cache;
        return cache;
    }
};

std::atomic<std::uint64_t> g_next_classifier_id{1};

double damp(double count) {
    return count <= 1.0 ? count : 1.0 + std::log(count);
}

}  // namespace

class TopicClassifier::Impl {
  public:
    explicit Impl(std::string_view tsv);
    TopicExtraction classify(std::string_view title, std::string_view text) const;

    std::vector<TopicDefinition> topics;

  private:
    struct TrieNode {
        std::uint32_t pattern = kNoPattern;
    };

    void define_topic(std::size_t line_no, const std::vector<std::string_view>& fields);
    void define_setting(std::size_t line_no, const std::vector<std::string_view>& fields);
    void define_cue(std::size_t line_no, const std::vector<std::string_view>& fields);
    std::uint32_t term_id(const std::string& stem);
    std::uint32_t child(std::uint32_t node, std::uint32_t term) const;
    /// Adds each cue match in @p text to @p counts (per cue); returns the word count.
    std::size_t match(std::string_view text, std::vector<std::uint32_t>& counts) const;

    std::uint32_t term_of(const std::string& folded) const;

    const std::uint64_t m_id = g_next_classifier_id++;  ///< Keys the per-thread term cache.
    Settings m_settings;
    std::unordered_map<std::string, std::uint32_t> m_slug_index;
    std::unordered_map<std::string, std::uint32_t> m_terms;  ///< Stem -> term id.
    std::vector<Cue> m_cues;
    std::vector<Pattern> m_patterns;
    std::vector<TrieNode> m_nodes{TrieNode{}};                 ///< Node 0 is the root.
    std::unordered_map<std::uint64_t, std::uint32_t> m_edges;  ///< (node, term) -> node.
    /// (topic, pattern) -> line of the cue, to report duplicates.
    std::unordered_map<std::uint64_t, std::size_t> m_cue_lines;
};

[[noreturn]] static void fail(std::size_t line_no, const std::string& reason) {
    throw UsageError("topic taxonomy line " + std::to_string(line_no) + ": " + reason);
}

TopicClassifier::Impl::Impl(std::string_view tsv) {
    std::size_t line_no = 0;
    std::size_t start = 0;
    while (start <= tsv.size()) {
        auto end = tsv.find('\n', start);
        if (end == std::string_view::npos) end = tsv.size();
        std::string_view line = tsv.substr(start, end - start);
        start = end + 1;
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        const auto content = text::trim(line);
        if (content.empty() || content.front() == '#') continue;
        const auto fields = split_tabs(line);
        if (fields[0] == "topic") {
            define_topic(line_no, fields);
        } else if (fields[0] == "set") {
            define_setting(line_no, fields);
        } else {
            define_cue(line_no, fields);
        }
    }
    if (topics.empty()) throw UsageError("topic taxonomy defines no topics");
}

void TopicClassifier::Impl::define_topic(std::size_t line_no,
                                         const std::vector<std::string_view>& fields) {
    if (fields.size() != 3) {
        fail(line_no, "a topic line has 3 tab-separated fields (topic, slug, label), not " +
                          std::to_string(fields.size()));
    }
    const std::string slug(fields[1]);
    if (!valid_slug(slug) || slug == "topic" || slug == "set") {
        fail(line_no, "invalid topic slug '" + slug + "' (use lowercase a-z, 0-9 and '-')");
    }
    if (fields[2].empty()) fail(line_no, "topic '" + slug + "' has an empty label");
    if (!m_slug_index.emplace(slug, static_cast<std::uint32_t>(topics.size())).second) {
        fail(line_no, "topic '" + slug + "' is defined twice");
    }
    topics.push_back(TopicDefinition{slug, std::string(fields[2]), {}});
}

void TopicClassifier::Impl::define_setting(std::size_t line_no,
                                           const std::vector<std::string_view>& fields) {
    if (fields.size() != 3) {
        fail(line_no, "a set line has 3 tab-separated fields (set, name, value), not " +
                          std::to_string(fields.size()));
    }
    double value = 0.0;
    if (!parse_number(fields[2], value) || value < 0.0) {
        fail(line_no, "setting '" + std::string(fields[1]) +
                          "' needs a non-negative number, not '" + std::string(fields[2]) + "'");
    }
    const std::pair<std::string_view, double*> known[] = {
        {"threshold", &m_settings.threshold},
        {"relative", &m_settings.relative},
        {"max_topics", &m_settings.max_topics},
        {"title_weight", &m_settings.title_weight},
        {"length_reference", &m_settings.length_reference},
        {"length_exponent", &m_settings.length_exponent},
    };
    for (const auto& [name, target] : known) {
        if (fields[1] == name) {
            if ((name == "max_topics" && (value < 1.0 || value != std::floor(value))) ||
                (name == "length_reference" && value < 1.0) ||
                (name == "relative" && value > 1.0)) {
                fail(line_no, "setting '" + std::string(name) + "' is out of range");
            }
            *target = value;
            return;
        }
    }
    fail(line_no, "unknown setting '" + std::string(fields[1]) +
                      "' (known: threshold, relative, max_topics, title_weight, "
                      "length_reference, length_exponent)");
}

std::uint32_t TopicClassifier::Impl::term_id(const std::string& stem) {
    return m_terms.emplace(stem, static_cast<std::uint32_t>(m_terms.size())).first->second;
}

std::uint32_t TopicClassifier::Impl::child(std::uint32_t node, std::uint32_t term) const {
    const auto it = m_edges.find((std::uint64_t{node} << 32) | term);
    return it == m_edges.end() ? 0 : it->second;
}

void TopicClassifier::Impl::define_cue(std::size_t line_no,
                                       const std::vector<std::string_view>& fields) {
    if (fields.size() != 3) {
        fail(line_no, "a cue line has 3 tab-separated fields (slug, weight, cue), not " +
                          std::to_string(fields.size()));
    }
    const std::string slug(fields[0]);
    const auto topic = m_slug_index.find(slug);
    if (topic == m_slug_index.end()) {
        fail(line_no, "unknown topic '" + slug + "' (define it first with a topic line)");
    }
    double weight = 0.0;
    if (!parse_number(fields[1], weight) || weight < 0.0) {
        fail(line_no,
             "cue weight must be a non-negative number, not '" + std::string(fields[1]) + "'");
    }
    const std::string text(fields[2]);
    const auto tokens = tokenise(text);
    if (tokens.empty()) fail(line_no, "empty cue for topic '" + slug + "'");

    auto& cache = TermCache::for_this_thread();
    std::uint32_t node = 0;
    for (const auto& token : tokens) {
        const auto term = term_id(stem_word(cache.stemmer, token.folded));
        const auto key = (std::uint64_t{node} << 32) | term;
        auto it = m_edges.find(key);
        if (it == m_edges.end()) {
            it = m_edges.emplace(key, static_cast<std::uint32_t>(m_nodes.size())).first;
            m_nodes.emplace_back();
        }
        node = it->second;
    }
    auto& pattern_index = m_nodes[node].pattern;
    if (pattern_index == kNoPattern) {
        pattern_index = static_cast<std::uint32_t>(m_patterns.size());
        m_patterns.emplace_back();
    }
    const auto duplicate_key = (std::uint64_t{topic->second} << 32) | pattern_index;
    if (const auto [it, added] = m_cue_lines.emplace(duplicate_key, line_no); !added) {
        fail(line_no, "cue '" + text + "' of topic '" + slug + "' repeats the cue on line " +
                          std::to_string(it->second) + " (after stemming)");
    }
    m_patterns[pattern_index].cues.push_back(static_cast<std::uint32_t>(m_cues.size()));
    m_cues.push_back(Cue{topic->second, weight, text});
    topics[topic->second].cues.emplace_back(text, weight);
}

std::uint32_t TopicClassifier::Impl::term_of(const std::string& folded) const {
    auto& cache = TermCache::for_this_thread();
    if (cache.owner != m_id) {
        cache.ids.clear();
        for (auto& slot : cache.slots) slot = TermCache::Slot{};
        cache.owner = m_id;
    }
    auto& slot = cache.slots[std::hash<std::string>{}(folded) & (TermCache::kSlots - 1)];
    if (slot.word == folded) return slot.id;  // Tokens are never empty; free slots are.
    std::uint32_t term = kNoTerm;
    if (const auto it = cache.ids.find(folded); it != cache.ids.end()) {
        term = it->second;
    } else {
        const auto found = m_terms.find(stem_word(cache.stemmer, folded));
        term = found == m_terms.end() ? kNoTerm : found->second;
        // Numbers and rare words would only churn the cache; when it is full, new
        // words are stemmed each time.
        const bool has_digit =
            std::any_of(folded.begin(), folded.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (!has_digit && cache.ids.size() < TermCache::kMaxEntries) {
            cache.ids.emplace(folded, term);
        }
    }
    slot.word = folded;
    slot.id = term;
    return term;
}

std::size_t TopicClassifier::Impl::match(std::string_view text,
                                         std::vector<std::uint32_t>& counts) const {
    const auto tokens = tokenise(text);
    std::vector<std::uint32_t> terms(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) terms[i] = term_of(tokens[i].folded);
    std::size_t i = 0;
    while (i < tokens.size()) {
        // Longest cue starting here; a phrase stays within one sentence.
        std::uint32_t best_pattern = kNoPattern;
        std::size_t best_length = 0;
        std::uint32_t node = 0;
        for (std::size_t j = i; j < tokens.size() && terms[j] != kNoTerm; ++j) {
            if (j > i && (tokens[j].sentence_start || tokens[j].paragraph != tokens[i].paragraph)) {
                break;
            }
            node = child(node, terms[j]);
            if (node == 0) break;
            if (m_nodes[node].pattern != kNoPattern) {
                best_pattern = m_nodes[node].pattern;
                best_length = j - i + 1;
            }
        }
        if (best_pattern == kNoPattern) {
            ++i;
            continue;
        }
        for (const auto cue : m_patterns[best_pattern].cues) ++counts[cue];
        i += best_length;
    }
    return tokens.size();
}

TopicExtraction TopicClassifier::Impl::classify(std::string_view title,
                                                std::string_view text) const {
    std::vector<std::uint32_t> body_counts(m_cues.size(), 0);
    std::vector<std::uint32_t> title_counts(m_cues.size(), 0);
    const auto words = match(text, body_counts);
    if (!title.empty()) match(title, title_counts);

    // Per topic: the damped, weighted cue counts, divided by a length factor so that a
    // long speech needs more evidence than a short article.
    const double length_factor =
        std::pow(std::max(static_cast<double>(words), m_settings.length_reference) /
                     m_settings.length_reference,
                 m_settings.length_exponent);
    struct Hit {
        std::uint32_t cue;
        std::uint32_t count;
        double contribution;
    };
    std::vector<std::vector<Hit>> hits(topics.size());
    std::vector<double> scores(topics.size(), 0.0);
    for (std::uint32_t c = 0; c < m_cues.size(); ++c) {
        const auto count = body_counts[c] + title_counts[c];
        if (count == 0 || m_cues[c].weight == 0.0) continue;
        const double occurrences =
            body_counts[c] + m_settings.title_weight * static_cast<double>(title_counts[c]);
        const double contribution = m_cues[c].weight * damp(occurrences) / length_factor;
        if (contribution <= 0.0) continue;
        scores[m_cues[c].topic] += contribution;
        hits[m_cues[c].topic].push_back(Hit{c, count, contribution});
    }

    TopicExtraction result;
    for (std::uint32_t t = 0; t < topics.size(); ++t) {
        if (scores[t] <= 0.0) continue;
        auto& topic_hits = hits[t];
        std::sort(topic_hits.begin(), topic_hits.end(), [&](const Hit& a, const Hit& b) {
            if (a.contribution != b.contribution) return a.contribution > b.contribution;
            return m_cues[a.cue].text < m_cues[b.cue].text;
        });
        TopicScore score{topics[t].slug, scores[t], {}};
        for (const auto& hit : topic_hits) {
            score.evidence.push_back(m_cues[hit.cue].text + "\xC3\x97" + std::to_string(hit.count));
        }
        result.scored.push_back(std::move(score));
    }
    std::sort(result.scored.begin(), result.scored.end(),
              [](const TopicScore& a, const TopicScore& b) {
                  if (a.score != b.score) return a.score > b.score;
                  return a.slug < b.slug;
              });
    if (!result.scored.empty()) {
        const double floor =
            std::max(m_settings.threshold, m_settings.relative * result.scored.front().score);
        for (const auto& score : result.scored) {
            if (score.score < floor ||
                static_cast<double>(result.topics.size()) >= m_settings.max_topics) {
                break;
            }
            result.topics.push_back(score.slug);
        }
    }
    return result;
}

const TopicClassifier& TopicClassifier::builtin() {
    static const TopicClassifier classifier(kBuiltinTopicsTsv);
    return classifier;
}

TopicClassifier::TopicClassifier(std::string_view taxonomy_tsv)
    : m_impl(std::make_unique<Impl>(taxonomy_tsv)) {}
TopicClassifier::~TopicClassifier() = default;
TopicClassifier::TopicClassifier(TopicClassifier&&) noexcept = default;
TopicClassifier& TopicClassifier::operator=(TopicClassifier&&) noexcept = default;

TopicExtraction TopicClassifier::classify(std::string_view title, std::string_view text) const {
    return m_impl->classify(title, text);
}

const std::vector<TopicDefinition>& TopicClassifier::topics() const {
    return m_impl->topics;
}

}  // namespace diplosearch::extraction
