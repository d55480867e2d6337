/// @file
/// @brief Scores the built-in topic classifier against the hand-labelled judged set.
///
/// Usage (from the repository root):
///
///     topic_eval [options] [CORPUS_DIR [UNGDC_FILE [JUDGED_TSV]]]
///
/// Defaults: corpus/documents, ../shared/corpus/ungdc.jsonl.zst,
/// bench/extraction/topics_judged.tsv. Options:
///   --verbose     print every judged document: gold topics, predicted topics, scores
///   --all-ungdc   also classify every UNGDC speech and report throughput and topic counts
///   --taxonomy F  use the taxonomy file F instead of the one compiled in (for tuning)
///
/// Prints micro precision, recall and F1 per source and overall, per-topic precision,
/// recall and support, and the classification speed. Exits 1 on unusable input.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <exception>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "byte_stream.hpp"
#include "diplosearch/indexer.hpp"
#include "document_reader.hpp"
#include "extraction/topic_classifier.hpp"

namespace {

using diplosearch::extraction::TopicClassifier;
using diplosearch::extraction::TopicExtraction;
using Clock = std::chrono::steady_clock;

/// CPU time of this thread, in seconds: steadier than wall time on a busy machine.
double cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

/// Wall and CPU time of the classify calls.
struct Timer {
    double wall = 0.0, cpu = 0.0;
    template <typename F>
    auto time(F&& f) {
        const auto w0 = Clock::now();
        const double c0 = cpu_seconds();
        auto result = f();
        cpu += cpu_seconds() - c0;
        wall += std::chrono::duration<double>(Clock::now() - w0).count();
        return result;
    }
    void print(const char* what, std::size_t docs, std::size_t bytes) const {
        std::printf("%s: %zu docs, %.1f MB; CPU %.2f s: %.0f docs/s, %.1f MB/s (wall %.2f s)\n",
                    what, docs, double(bytes) / 1e6, cpu, double(docs) / cpu,
                    double(bytes) / 1e6 / cpu, wall);
    }
};

struct Judgement {
    std::string source;  ///< `sample` or `ungdc`.
    std::string id;
    std::set<std::string> topics;
    std::size_t line = 0;
};

struct Text {
    std::string title;
    std::string body;
};

struct Counts {
    std::size_t tp = 0, fp = 0, fn = 0;
    void add(const Counts& o) {
        tp += o.tp;
        fp += o.fp;
        fn += o.fn;
    }
    double precision() const { return tp + fp == 0 ? 0.0 : double(tp) / double(tp + fp); }
    double recall() const { return tp + fn == 0 ? 0.0 : double(tp) / double(tp + fn); }
    double f1() const {
        const double p = precision(), r = recall();
        return p + r == 0.0 ? 0.0 : 2 * p * r / (p + r);
    }
};

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string field;
    std::istringstream in(s);
    while (std::getline(in, field, sep)) out.push_back(field);
    if (!s.empty() && s.back() == sep) out.emplace_back();
    return out;
}

std::string trim(const std::string& s) {
    const auto a = s.find_first_not_of(" \t\r");
    if (a == std::string::npos) return {};
    const auto b = s.find_last_not_of(" \t\r");
    return s.substr(a, b - a + 1);
}

std::vector<Judgement> load_judged(const std::string& path, const std::set<std::string>& slugs) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot open judged set " + path);
    std::vector<Judgement> judged;
    std::set<std::pair<std::string, std::string>> seen;
    std::string line;
    std::size_t line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (trim(line).empty() || trim(line)[0] == '#') continue;
        const auto fields = split(line, '\t');
        if (fields.size() != 4) {
            throw std::runtime_error(path + ":" + std::to_string(line_no) +
                                     ": expected 4 tab-separated fields");
        }
        if (fields[0] == "source") continue;  // Header.
        Judgement j{trim(fields[0]), trim(fields[1]), {}, line_no};
        if (j.source != "sample" && j.source != "ungdc") {
            throw std::runtime_error(path + ":" + std::to_string(line_no) + ": unknown source '" +
                                     j.source + "'");
        }
        for (const auto& slug : split(fields[2], ',')) {
            const auto t = trim(slug);
            if (t.empty()) continue;
            if (!slugs.count(t)) {
                throw std::runtime_error(path + ":" + std::to_string(line_no) +
                                         ": topic not in the taxonomy: '" + t + "'");
            }
            j.topics.insert(t);
        }
        if (!seen.emplace(j.source, j.id).second) {
            throw std::runtime_error(path + ":" + std::to_string(line_no) + ": duplicate id " +
                                     j.id);
        }
        judged.push_back(std::move(j));
    }
    return judged;
}

/// Reads the sample corpus as the indexer does; keys documents by the id it assigns.
std::unordered_map<std::string, Text> load_sample(const std::string& dir) {
    std::unordered_map<std::string, Text> texts;
    diplosearch::indexer::DocumentReader reader(
        std::nullopt,
        [&](diplosearch::indexer::SourceDocument&& doc) {
            const auto id = doc.document.id.empty() ? doc.fallback_id : doc.document.id;
            texts[id] = Text{doc.document.title, doc.document.text};
        },
        [](const diplosearch::InputProblem& problem) {
            std::cerr << "warning: " << problem.source << ": " << problem.reason << "\n";
        });
    reader.read_source(dir);
    return texts;
}

/// Streams the UNGDC file and keeps the texts of @p wanted (all when @p keep_all).
template <typename OnRecord>
void stream_ungdc(const std::string& path, OnRecord&& on_record) {
    auto stream = diplosearch::indexer::open_file_stream(path);
    diplosearch::indexer::LineReader lines(*stream);
    std::string line;
    while (lines.next(line)) {
        if (trim(line).empty()) continue;
        const auto object = nlohmann::json::parse(line);
        on_record(object.value("id", std::string()), object.value("text", std::string()));
    }
}

std::string join(const std::set<std::string>& s) {
    std::string out;
    for (const auto& x : s) out += (out.empty() ? "" : ",") + x;
    return out.empty() ? "-" : out;
}

void print_row(const std::string& name, const Counts& c, std::size_t docs) {
    std::printf("%-10s %6zu %6zu %6zu %6zu %9.3f %9.3f %9.3f\n", name.c_str(), docs, c.tp, c.fp,
                c.fn, c.precision(), c.recall(), c.f1());
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> positional;
    bool verbose = false, all_ungdc = false;
    std::string taxonomy_path;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--verbose" || arg == "-v") {
            verbose = true;
        } else if (arg == "--all-ungdc") {
            all_ungdc = true;
        } else if (arg == "--taxonomy" && i + 1 < argc) {
            taxonomy_path = argv[++i];
        } else if (arg == "--help" || arg == "-h") {
            std::cout << "usage: topic_eval [--verbose] [--all-ungdc] [--taxonomy FILE] "
                         "[CORPUS_DIR [UNGDC_FILE [JUDGED_TSV]]]\n";
            return 0;
        } else {
            positional.push_back(arg);
        }
    }
    const std::string corpus_dir = positional.size() > 0 ? positional[0] : "corpus/documents";
    const std::string ungdc_path =
        positional.size() > 1 ? positional[1] : "../shared/corpus/ungdc.jsonl.zst";
    const std::string judged_path =
        positional.size() > 2 ? positional[2] : "bench/extraction/topics_judged.tsv";

    try {
        std::unique_ptr<TopicClassifier> from_file;
        if (!taxonomy_path.empty()) {
            std::ifstream in(taxonomy_path, std::ios::binary);
            if (!in) throw std::runtime_error("cannot open taxonomy " + taxonomy_path);
            std::ostringstream data;
            data << in.rdbuf();
            from_file = std::make_unique<TopicClassifier>(data.str());
        }
        const TopicClassifier& classifier = from_file ? *from_file : TopicClassifier::builtin();
        std::set<std::string> slugs;
        for (const auto& topic : classifier.topics()) slugs.insert(topic.slug);
        const auto judged = load_judged(judged_path, slugs);

        std::unordered_map<std::string, Text> sample = load_sample(corpus_dir);
        std::unordered_map<std::string, Text> ungdc;
        std::set<std::string> wanted;
        for (const auto& j : judged) {
            if (j.source == "ungdc") wanted.insert(j.id);
        }
        if (!wanted.empty()) {
            stream_ungdc(ungdc_path, [&](const std::string& id, const std::string& text) {
                if (wanted.count(id)) ungdc[id] = Text{"", text};
            });
        }

        std::map<std::string, Counts> by_source, by_topic;
        std::map<std::string, std::size_t> docs_by_source, support, predicted;
        Timer timer;
        std::size_t bytes = 0, missing = 0;
        for (const auto& j : judged) {
            const auto& texts = j.source == "sample" ? sample : ungdc;
            const auto it = texts.find(j.id);
            if (it == texts.end()) {
                std::cerr << judged_path << ":" << j.line << ": no " << j.source
                          << " document with id " << j.id << "\n";
                ++missing;
                continue;
            }
            const TopicExtraction result =
                timer.time([&] { return classifier.classify(it->second.title, it->second.body); });
            bytes += it->second.title.size() + it->second.body.size();

            const std::set<std::string> got(result.topics.begin(), result.topics.end());
            Counts doc;
            for (const auto& t : got) {
                ++predicted[t];
                if (j.topics.count(t)) {
                    ++doc.tp;
                    ++by_topic[t].tp;
                } else {
                    ++doc.fp;
                    ++by_topic[t].fp;
                }
            }
            for (const auto& t : j.topics) {
                ++support[t];
                if (!got.count(t)) {
                    ++doc.fn;
                    ++by_topic[t].fn;
                }
            }
            by_source[j.source].add(doc);
            ++docs_by_source[j.source];
            if (verbose) {
                std::printf("%s %s\n  gold: %s\n  got:  %s\n  scores:", j.source.c_str(),
                            j.id.c_str(), join(j.topics).c_str(), join(got).c_str());
                for (std::size_t k = 0; k < result.scored.size() && k < 8; ++k) {
                    std::printf(" %s=%.2f", result.scored[k].slug.c_str(), result.scored[k].score);
                }
                std::printf("\n");
                for (std::size_t k = 0; k < result.scored.size() && k < 6; ++k) {
                    std::printf("    %-20s", result.scored[k].slug.c_str());
                    for (std::size_t e = 0; e < result.scored[k].evidence.size() && e < 8; ++e) {
                        std::printf(" %s", result.scored[k].evidence[e].c_str());
                    }
                    std::printf("\n");
                }
            }
        }
        if (missing > 0) {
            std::cerr << missing << " judged documents were not found\n";
            return 1;
        }

        std::printf("\nMicro-averaged over (document, topic) pairs\n");
        std::printf("%-10s %6s %6s %6s %6s %9s %9s %9s\n", "source", "docs", "tp", "fp", "fn",
                    "precision", "recall", "f1");
        Counts overall;
        std::size_t total_docs = 0;
        for (const auto& [source, counts] : by_source) {
            print_row(source, counts, docs_by_source[source]);
            overall.add(counts);
            total_docs += docs_by_source[source];
        }
        print_row("overall", overall, total_docs);

        std::printf("\nPer topic\n%-22s %8s %8s %9s %9s %9s\n", "topic", "support", "predicted",
                    "precision", "recall", "f1");
        double macro_f1 = 0.0;
        std::size_t macro_n = 0;
        for (const auto& topic : classifier.topics()) {
            const auto& c = by_topic[topic.slug];
            std::printf("%-22s %8zu %8zu %9.3f %9.3f %9.3f\n", topic.slug.c_str(),
                        support[topic.slug], predicted[topic.slug], c.precision(), c.recall(),
                        c.f1());
            if (support[topic.slug] > 0) {
                macro_f1 += c.f1();
                ++macro_n;
            }
        }
        std::printf("macro F1 over %zu topics with support: %.3f\n", macro_n,
                    macro_n ? macro_f1 / double(macro_n) : 0.0);
        std::printf("\n");
        timer.print("Speed (judged set)", total_docs, bytes);

        if (all_ungdc) {
            std::size_t docs = 0, all_bytes = 0;
            Timer all_timer;
            std::map<std::string, std::size_t> frequency;
            std::map<std::size_t, std::size_t> per_doc;
            stream_ungdc(ungdc_path, [&](const std::string&, const std::string& text) {
                const auto result = all_timer.time([&] { return classifier.classify("", text); });
                ++docs;
                all_bytes += text.size();
                ++per_doc[result.topics.size()];
                for (const auto& t : result.topics) ++frequency[t];
            });
            std::printf("\n");
            all_timer.print("All UNGDC speeches", docs, all_bytes);
            std::printf("topics per speech:");
            for (const auto& [n, count] : per_doc) std::printf(" %zu:%zu", n, count);
            std::printf("\nspeeches per topic:");
            for (const auto& [t, count] : frequency) std::printf(" %s:%zu", t.c_str(), count);
            std::printf("\n");
        }
    } catch (const std::exception& e) {
        std::cerr << "topic_eval: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
