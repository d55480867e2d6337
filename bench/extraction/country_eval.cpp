/// @file
/// @brief Measures the country extractor on the UN General Debate corpus: with the
/// `country` field and the title withheld, is the speaking state among the
/// `principal` countries?
///
/// Usage: country_eval [CORPUS.jsonl[.zst]] [--since YEAR] [--until YEAR] [--misses N]
///                     [--sweep] [--explain ID] [--grep TEXT]
///   CORPUS     default ../shared/corpus/ungdc.jsonl.zst (relative to the current folder)
///   --since    first year evaluated (default 1990)
///   --until    last year evaluated (default: no limit)
///   --misses   example misses to print (default 10)
///   --sweep    also print hit rate / mean size for other principal cut-offs (floor,
///              ratio of the top score, maximum count), recomputed from `ranked`
///   --explain  print the ranked countries and mentions of one document id
///   --grep T   print every mention whose matched text is T, with its context
///
/// Speaker codes: EU is the gazetteer's EUU; a RUS speech counts as found when RUS or
/// SUN (Soviet Union) is principal. Speed is the text bytes over the time spent in
/// CountryExtractor::extract (tokenising included; reading and JSON parsing excluded).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "byte_stream.hpp"
#include "country_gazetteer.hpp"
#include "extraction/country_extractor.hpp"

using diplosearch::CountryGazetteer;
using diplosearch::extraction::CountryExtraction;
using diplosearch::extraction::CountryExtractor;
using diplosearch::extraction::MentionKind;
using diplosearch::extraction::Zone;

namespace {

struct Options {
    std::string corpus = "../shared/corpus/ungdc.jsonl.zst";
    int since = 1990;
    int until = 99999;
    std::size_t misses = 10;
    bool sweep = false;
    std::string explain;
    std::string grep;
};

[[noreturn]] void usage(const char* message) {
    std::fprintf(stderr,
                 "country_eval: %s\nusage: country_eval [CORPUS] [--since YEAR] [--until YEAR] "
                 "[--misses N] [--sweep] [--explain ID] [--grep TEXT]\n",
                 message);
    std::exit(2);
}

Options parse_args(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage(("missing value after " + arg).c_str());
            return argv[++i];
        };
        if (arg == "--since") {
            o.since = std::stoi(value());
        } else if (arg == "--until") {
            o.until = std::stoi(value());
        } else if (arg == "--misses") {
            o.misses = static_cast<std::size_t>(std::stoul(value()));
        } else if (arg == "--sweep") {
            o.sweep = true;
        } else if (arg == "--grep") {
            o.grep = value();
        } else if (arg == "--explain") {
            o.explain = value();
        } else if (arg == "-h" || arg == "--help") {
            usage("help");
        } else if (!arg.empty() && arg[0] == '-') {
            usage(("unknown option " + arg).c_str());
        } else {
            o.corpus = arg;
        }
    }
    return o;
}

/// The alpha-3 codes that count as the speaker.
std::vector<std::string> speaker_codes(const std::string& country) {
    if (country == "EU") return {"EUU"};
    if (country == "RUS") return {"RUS", "SUN"};
    return {country};
}

/// A string field, or "" when it is missing or not a string.
std::string string_field(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// CPU time of this thread, in seconds (the machine may be shared, so wall time varies).
double thread_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

bool any_of_codes(const std::vector<std::string>& codes, const std::string& alpha3) {
    return std::find(codes.begin(), codes.end(), alpha3) != codes.end();
}

void print_explain(const std::string& id, const CountryExtraction& x) {
    std::printf("%s: principal", id.c_str());
    for (const auto& p : x.principal) std::printf(" %s", p.c_str());
    std::printf("\n%-5s %7s %8s %5s %8s %4s\n", "code", "score", "mentions", "title", "dateline",
                "lead");
    for (const auto& c : x.ranked) {
        std::printf("%-5s %7.2f %8u %5d %8d %4d\n", c.alpha3.c_str(), c.score, c.mentions,
                    c.in_title, c.in_dateline, c.in_lead);
    }
    std::printf("mentions:\n");
    for (const auto& m : x.mentions) {
        std::printf("  %8zu %-8s %-7s %s \"%s\"\n", m.offset, zone_name(m.zone), kind_name(m.kind),
                    m.alpha3.c_str(), m.matched.c_str());
    }
}

struct Evaluated {
    std::string id;
    std::vector<std::string> speaker;
    std::vector<std::pair<std::string, double>> ranked;  // code, score
    std::vector<std::string> principal;
    bool speaker_named = false;  // mentioned by name (not only demonym/capital)
};

std::string join(const std::vector<std::string>& v, std::size_t max) {
    std::string out;
    for (std::size_t i = 0; i < v.size() && i < max; ++i) {
        if (i) out += ' ';
        out += v[i];
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) try {
    const Options opt = parse_args(argc, argv);
    const CountryExtractor extractor(CountryGazetteer::builtin());

    auto stream = diplosearch::indexer::open_file_stream(opt.corpus);
    diplosearch::indexer::LineReader reader(*stream);
    std::string line;
    std::vector<Evaluated> docs;
    std::size_t text_bytes = 0;
    double seconds = 0.0;       // thread CPU time in extract()
    double wall_seconds = 0.0;  // wall time in extract()

    while (reader.next(line)) {
        if (line.empty()) continue;
        const auto j = nlohmann::json::parse(line);
        const int year = j.contains("year") && j["year"].is_number() ? j["year"].get<int>() : 0;
        const std::string id = string_field(j, "id");
        if (opt.explain.empty() && (year < opt.since || year > opt.until)) continue;
        if (!opt.explain.empty() && id != opt.explain) continue;
        const std::string text = string_field(j, "text");
        const auto start = std::chrono::steady_clock::now();
        const double cpu_start = thread_seconds();
        const CountryExtraction x = extractor.extract("", text);  // title withheld
        seconds += thread_seconds() - cpu_start;
        wall_seconds +=
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        text_bytes += text.size();
        if (!opt.explain.empty()) {
            print_explain(id, x);
            return 0;
        }
        if (!opt.grep.empty()) {
            for (const auto& m : x.mentions) {
                if (m.matched != opt.grep) continue;
                const std::size_t from = m.offset > 60 ? m.offset - 60 : 0;
                std::string context = text.substr(from, m.offset - from + m.matched.size() + 60);
                std::replace(context.begin(), context.end(), '\n', ' ');
                std::printf("%-14s %s %-7s %s\n", id.c_str(), m.alpha3.c_str(), zone_name(m.zone),
                            context.c_str());
            }
        }
        Evaluated e;
        e.id = id;
        e.speaker = speaker_codes(string_field(j, "country"));
        for (const auto& c : x.ranked) e.ranked.emplace_back(c.alpha3, c.score);
        e.principal = x.principal;
        for (const auto& m : x.mentions) {
            if (m.kind == MentionKind::kName && any_of_codes(e.speaker, m.alpha3)) {
                e.speaker_named = true;
            }
        }
        docs.push_back(std::move(e));
    }
    if (!opt.explain.empty()) {
        std::fprintf(stderr, "country_eval: no document %s\n", opt.explain.c_str());
        return 1;
    }
    if (docs.empty()) {
        std::fprintf(stderr, "country_eval: no speeches in range\n");
        return 1;
    }

    std::size_t hits = 0, top1 = 0, principal_total = 0;
    std::size_t never = 0, weak_only = 0, named_not_principal = 0;
    std::map<std::size_t, std::size_t> miss_rank;  // rank of the speaker (1-based) on a miss
    std::vector<const Evaluated*> misses;
    for (const Evaluated& e : docs) {
        principal_total += e.principal.size();
        const bool hit =
            std::any_of(e.principal.begin(), e.principal.end(),
                        [&](const std::string& p) { return any_of_codes(e.speaker, p); });
        if (!e.ranked.empty() && any_of_codes(e.speaker, e.ranked.front().first)) ++top1;
        if (hit) {
            ++hits;
            continue;
        }
        misses.push_back(&e);
        std::size_t rank = 0;
        for (std::size_t r = 0; r < e.ranked.size(); ++r) {
            if (any_of_codes(e.speaker, e.ranked[r].first)) {
                rank = r + 1;
                break;
            }
        }
        if (rank == 0) {
            ++never;
        } else if (!e.speaker_named) {
            ++weak_only;
        } else {
            ++named_not_principal;
        }
        ++miss_rank[rank == 0 ? 0 : std::min<std::size_t>(rank, 10)];
    }

    const double n = static_cast<double>(docs.size());
    auto pct = [&](std::size_t k) { return 100.0 * static_cast<double>(k) / n; };
    std::printf("Country extraction on %s, speeches %d..%s (country and title withheld)\n\n",
                opt.corpus.c_str(), opt.since,
                opt.until == 99999 ? "" : std::to_string(opt.until).c_str());
    auto row = [](const char* label, const std::string& value) {
        std::printf("| %-44s | %12s |\n", label, value.c_str());
    };
    auto fmt = [](const char* format, double v) {
        char buf[64];
        std::snprintf(buf, sizeof buf, format, v);
        return std::string(buf);
    };
    const double mb = static_cast<double>(text_bytes) / 1e6;
    std::printf("| %-44s | %12s |\n", "measure", "value");
    std::printf("|%s|%s|\n", std::string(46, '-').c_str(), std::string(14, '-').c_str());
    row("speeches evaluated", std::to_string(docs.size()));
    row("hit rate (speaker among principal)", fmt("%.2f%%", pct(hits)));
    row("hit rate (speaker ranked first)", fmt("%.2f%%", pct(top1)));
    row("mean number of principal countries",
        fmt("%.2f", static_cast<double>(principal_total) / n));
    row("misses", std::to_string(misses.size()));
    row("  speaker named, but not principal", std::to_string(named_not_principal));
    row("  speaker only by demonym or capital", std::to_string(weak_only));
    row("  speaker never mentioned", std::to_string(never));
    row("text extracted (MB)", fmt("%.1f", mb));
    row("extraction speed (MB/s, thread CPU time)", fmt("%.1f", mb / seconds));
    row("extraction speed (MB/s, wall clock)", fmt("%.1f", mb / wall_seconds));
    std::printf("\nRank of the speaker on a miss (0 = never mentioned, 10 = 10th or lower):");
    for (const auto& [rank, count] : miss_rank) std::printf("  %zu:%zu", rank, count);
    std::printf("\n\nExample misses (id, speaker, top principal, speaker score / top score):\n");
    for (std::size_t k = 0; k < misses.size() && k < opt.misses; ++k) {
        // Spread the examples over the list of misses.
        const Evaluated& e = *misses[k * misses.size() / std::min(misses.size(), opt.misses)];
        double own = 0.0;
        for (const auto& [code, score] : e.ranked) {
            if (any_of_codes(e.speaker, code)) {
                own = score;
                break;
            }
        }
        std::printf("  %-14s speaker %-4s principal [%s]  %.2f / %.2f\n", e.id.c_str(),
                    e.speaker.front().c_str(), join(e.principal, 5).c_str(), own,
                    e.ranked.empty() ? 0.0 : e.ranked.front().second);
    }

    if (opt.sweep) {
        std::printf("\nCut-off sweep (recomputed from ranked scores): hit%% / mean size\n");
        const std::size_t maxes[] = {3, 4, 5, 6};
        for (const double floor : {2.0, 2.5, 3.0}) {
            std::printf("floor %.1f\nratio ", floor);
            for (const std::size_t m : maxes) std::printf("|   max %zu       ", m);
            std::printf("\n");
            for (double ratio = 0.30; ratio < 0.701; ratio += 0.05) {
                std::printf("%5.2f ", ratio);
                for (const std::size_t m : maxes) {
                    std::size_t h = 0, total = 0;
                    for (const Evaluated& e : docs) {
                        if (e.ranked.empty()) continue;
                        const double threshold = std::max(floor, ratio * e.ranked.front().second);
                        for (std::size_t r = 0; r < e.ranked.size() && r < m; ++r) {
                            if (e.ranked[r].second < threshold) break;
                            ++total;
                            if (any_of_codes(e.speaker, e.ranked[r].first)) ++h;
                        }
                    }
                    std::printf("| %6.2f%% %5.2f ", pct(h), static_cast<double>(total) / n);
                }
                std::printf("\n");
            }
        }
    }
    return 0;
} catch (const std::exception& e) {
    std::fprintf(stderr, "country_eval: %s\n", e.what());
    return 1;
}
